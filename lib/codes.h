/* codes.h: every name the CONTRACT fixes (codes, kinds, actions, formats,
 * signature statuses), spelled once, in one table each. */
#ifndef HOTROCKS_CODES_H
#define HOTROCKS_CODES_H

#include <stdbool.h>

enum code {
	/* message */
	CODE_NO_DOCUMENTS,
	CODE_SENDER_PUBLIC_DOMAIN,
	CODE_SENDER_NOT_REGISTERED,
	CODE_MIXED_DOCUMENTS,
	CODE_ATTACHMENT_TOO_LARGE,
	CODE_MESSAGE_UNREADABLE,
	CODE_PROCESSING_FAILED,
	/* document */
	CODE_DOCUMENT_UNREADABLE,
	CODE_SIGNATURE_MISSING,
	CODE_SIGNATURE_INVALID,
	CODE_SIGNATURE_UNTRUSTED,
	CODE_SIGNATURE_EXPIRED,
	CODE_SIGNATURE_REVOKED,
	CODE_SIGNATURE_PARTIAL,
	CODE_SIGNER_MISMATCH,
	CODE_WRONG_ADDRESSEE,
	CODE_COLUMNS_MISSING,
	CODE_NO_ROWS,
	CODE_INDIVIDUAL_FORM,
	CODE_COORDINATOR_MISSING,
	CODE_SOFT_FILE_MISSING,
	CODE_LEGACY_ENCODING,
	/* row */
	CODE_PHONE_INVALID,
	CODE_PHONE_OLD_FORMAT,
	CODE_PHONE_CARRIER_MISMATCH,
	CODE_ICCID_INVALID,
	CODE_ICCID_CHECKSUM,
	CODE_ICCID_NOT_VIETNAM,
	CODE_ICCID_PRECISION_LOST,
	CODE_NAME_MISSING,
	CODE_POSITION_MISSING,
	CODE_DUPLICATE_ROW,
	CODE_ALREADY_REQUESTED,
	CODE_POSITION_NOT_ELIGIBLE,
	CODE_EMAIL_PUBLIC_DOMAIN,
	CODE_SERIAL_MISSING,
	CODE_EXAMPLE_ROW,
	CODE__COUNT
};

enum kind {
	KIND_UNKNOWN,
	KIND_SIM_ACTIVATION,
	KIND_ETOKEN_RECOVERY,
	KIND_SIM_RECOVERY,
	KIND_CERT_REQUEST,
	KIND_HANDOVER,
	KIND_REPORT,
	KIND_AUTO_REPLY,
	KIND_BOUNCE,
	KIND_COVER_LETTER,
	KIND__COUNT
};

enum action {
	ACTION_QUEUE,
	ACTION_REJECT,
	ACTION_REDIRECT,
	ACTION_MANUAL,
	ACTION_IGNORE,
	ACTION__COUNT
};

/* What the bytes of an attachment are, judged by content. */
enum format {
	FORMAT_OTHER,		/* not a document we know */
	FORMAT_DOCX,
	FORMAT_XLSX,
	FORMAT_XLS,
	FORMAT_DOC,
	FORMAT_PDF,
	FORMAT_OOXML,		/* a ZIP/OPC package that is neither */
	FORMAT_ZIP,		/* a plain ZIP archive */
	FORMAT_OLE2,		/* a compound file that is neither xls nor doc */
	FORMAT_BODY,		/* a table in the message's own HTML body */
	FORMAT__COUNT
};

/* Ordered from weakest to strongest; see CONTRACT.md. */
enum sig_status {
	SIG_INVALID,
	SIG_REVOKED,
	SIG_UNTRUSTED,
	SIG_EXPIRED,
	SIG_PARTIAL,
	SIG_UNSUPPORTED,
	SIG_VALID,
	SIG_UNSIGNED,
	SIG__COUNT
};

/* The CONTRACT spelling; never NULL for a value in range. */
const char	*code_name(enum code);
const char	*kind_name(enum kind);
const char	*action_name(enum action);
const char	*format_name(enum format);
const char	*sig_status_name(enum sig_status);

/* True for codes the CONTRACT calls warnings (they never reject). */
bool		 code_is_warning(enum code);

/* Reverse look-ups for the store; -1 when the name is unknown. */
int		 code_from_name(const char *);
int		 kind_from_name(const char *);
int		 action_from_name(const char *);

#endif
