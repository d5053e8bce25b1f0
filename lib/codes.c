/* codes.c: the CONTRACT's names, once. Tests compare these tables with
 * CONTRACT.md itself, so a typo here cannot ship. */
#include <string.h>

#include "lib/codes.h"

static const struct {
	const char	*name;
	bool		 warning;
} codes[CODE__COUNT] = {
	[CODE_NO_DOCUMENTS] = { "no_documents", false },
	[CODE_SENDER_PUBLIC_DOMAIN] = { "sender_public_domain", false },
	[CODE_SENDER_NOT_REGISTERED] = { "sender_not_registered", false },
	[CODE_MIXED_DOCUMENTS] = { "mixed_documents", false },
	[CODE_ATTACHMENT_TOO_LARGE] = { "attachment_too_large", false },
	[CODE_MESSAGE_UNREADABLE] = { "message_unreadable", false },
	[CODE_PROCESSING_FAILED] = { "processing_failed", false },
	[CODE_DOCUMENT_UNREADABLE] = { "document_unreadable", false },
	[CODE_SIGNATURE_MISSING] = { "signature_missing", false },
	[CODE_SIGNATURE_INVALID] = { "signature_invalid", false },
	[CODE_SIGNATURE_UNTRUSTED] = { "signature_untrusted", false },
	[CODE_SIGNATURE_EXPIRED] = { "signature_expired", false },
	[CODE_SIGNATURE_REVOKED] = { "signature_revoked", false },
	[CODE_SIGNATURE_PARTIAL] = { "signature_partial", false },
	[CODE_SIGNER_MISMATCH] = { "signer_mismatch", false },
	[CODE_WRONG_ADDRESSEE] = { "wrong_addressee", false },
	[CODE_COLUMNS_MISSING] = { "columns_missing", false },
	[CODE_NO_ROWS] = { "no_rows", false },
	[CODE_INDIVIDUAL_FORM] = { "individual_form", false },
	[CODE_COORDINATOR_MISSING] = { "coordinator_missing", false },
	[CODE_SOFT_FILE_MISSING] = { "soft_file_missing", false },
	[CODE_LEGACY_ENCODING] = { "legacy_encoding", true },
	[CODE_PHONE_INVALID] = { "phone_invalid", false },
	[CODE_PHONE_OLD_FORMAT] = { "phone_old_format", true },
	[CODE_PHONE_CARRIER_MISMATCH] = { "phone_carrier_mismatch", true },
	[CODE_ICCID_INVALID] = { "iccid_invalid", false },
	[CODE_ICCID_CHECKSUM] = { "iccid_checksum", false },
	[CODE_ICCID_NOT_VIETNAM] = { "iccid_not_vietnam", false },
	[CODE_ICCID_PRECISION_LOST] = { "iccid_precision_lost", false },
	[CODE_NAME_MISSING] = { "name_missing", false },
	[CODE_POSITION_MISSING] = { "position_missing", false },
	[CODE_DUPLICATE_ROW] = { "duplicate_row", false },
	[CODE_ALREADY_REQUESTED] = { "already_requested", false },
	[CODE_POSITION_NOT_ELIGIBLE] = { "position_not_eligible", true },
	[CODE_EMAIL_PUBLIC_DOMAIN] = { "email_public_domain", false },
	[CODE_SERIAL_MISSING] = { "serial_missing", false },
	[CODE_EXAMPLE_ROW] = { "example_row", false },
};

static const char *kinds[KIND__COUNT] = {
	[KIND_UNKNOWN] = "unknown",
	[KIND_SIM_ACTIVATION] = "sim_activation",
	[KIND_ETOKEN_RECOVERY] = "etoken_recovery",
	[KIND_SIM_RECOVERY] = "sim_recovery",
	[KIND_CERT_REQUEST] = "cert_request",
	[KIND_HANDOVER] = "handover",
	[KIND_REPORT] = "report",
	[KIND_AUTO_REPLY] = "auto_reply",
	[KIND_BOUNCE] = "bounce",
	[KIND_COVER_LETTER] = "cover_letter",
};

static const char *actions[ACTION__COUNT] = {
	[ACTION_QUEUE] = "queue",
	[ACTION_REJECT] = "reject",
	[ACTION_REDIRECT] = "redirect",
	[ACTION_MANUAL] = "manual",
	[ACTION_IGNORE] = "ignore",
};

static const char *formats[FORMAT__COUNT] = {
	[FORMAT_OTHER] = "other",
	[FORMAT_DOCX] = "docx",
	[FORMAT_XLSX] = "xlsx",
	[FORMAT_XLS] = "xls",
	[FORMAT_DOC] = "doc",
	[FORMAT_PDF] = "pdf",
	[FORMAT_OOXML] = "ooxml",
	[FORMAT_ZIP] = "zip",
	[FORMAT_OLE2] = "ole2",
	[FORMAT_BODY] = "body",
};

static const char *sig_statuses[SIG__COUNT] = {
	[SIG_INVALID] = "invalid",
	[SIG_REVOKED] = "revoked",
	[SIG_UNTRUSTED] = "untrusted",
	[SIG_EXPIRED] = "expired",
	[SIG_PARTIAL] = "partial",
	[SIG_UNSUPPORTED] = "unsupported",
	[SIG_VALID] = "valid",
	[SIG_UNSIGNED] = "unsigned",
};

const char *
code_name(enum code c)
{
	return ((unsigned)c < CODE__COUNT ? codes[c].name : "?");
}

bool
code_is_warning(enum code c)
{
	return ((unsigned)c < CODE__COUNT && codes[c].warning);
}

const char *
kind_name(enum kind k)
{
	return ((unsigned)k < KIND__COUNT ? kinds[k] : "?");
}

const char *
action_name(enum action a)
{
	return ((unsigned)a < ACTION__COUNT ? actions[a] : "?");
}

const char *
format_name(enum format f)
{
	return ((unsigned)f < FORMAT__COUNT ? formats[f] : "?");
}

const char *
sig_status_name(enum sig_status s)
{
	return ((unsigned)s < SIG__COUNT ? sig_statuses[s] : "?");
}

int
code_from_name(const char *name)
{
	for (int i = 0; i < CODE__COUNT; i++)
		if (strcmp(codes[i].name, name) == 0)
			return (i);
	return (-1);
}

int
kind_from_name(const char *name)
{
	for (int i = 0; i < KIND__COUNT; i++)
		if (strcmp(kinds[i], name) == 0)
			return (i);
	return (-1);
}

int
action_from_name(const char *name)
{
	for (int i = 0; i < ACTION__COUNT; i++)
		if (strcmp(actions[i], name) == 0)
			return (i);
	return (-1);
}
