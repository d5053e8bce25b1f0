/* form.h: what a document says, once recognised: its kind, the unit that
 * wrote it, whom it is addressed to, and its subscriber rows, each with the
 * CONTRACT findings of the rules that can be judged from the document
 * alone. Pure: no I/O, no store, no clock. */
#ifndef HOTROCKS_FORM_H
#define HOTROCKS_FORM_H

#include <stddef.h>

#include "lib/codes.h"
#include "lib/findings.h"
#include "parsers/docbody.h"

struct form_row {
	int		 index;		/* the TT the unit wrote, else 1, 2, … */
	size_t		 source_row;	/* 1-based row in the source table */
	char		*phone;		/* "84" + 9 digits, or NULL */
	char		*phone_raw;	/* as written, cleaned; or NULL */
	char		*iccid;		/* digits only, or NULL */
	char		*iccid_raw;	/* as written (or as stored) */
	char		*name;		/* text normal form */
	char		*position;
	const char	*carrier;	/* "viettel", "vinaphone", "mobifone",
					 * "vietnamobile", "gmobile", or NULL:
					 * static, one string for every row */
	char		*device_serial;	/* recovery: the key device's number;
					 * an ICCID's digits only */
	char		*device_type;	/* recovery: "etoken" or "sim" */
	char		*email;		/* the first address written */
	struct findings	 errors, warnings;
};

struct form {
	enum kind	 kind;		/* KIND_UNKNOWN when not recognised */
	char		*title;		/* the title line found, cleaned */
	char		*form_no;	/* "Mẫu 12": written as a caption, or
					 * told by the title; else NULL */
	char		*subtype;	/* what is asked, by kind, or NULL:
					 * cert_request "issue", "issue_sim",
					 * "renew_change", "revoke";
					 * handover "handover", "return",
					 * "loss"; report "half_year",
					 * "year", "ad_hoc"; recovery "unit"
					 * (Mẫu 12), "individual" (Mẫu 11) */
	char		*organization;	/* the managing unit, cleaned */
	char		*addressee;	/* the text after "Kính gửi:", cleaned */
	char		*coordinator_name;
	char		*coordinator_phone;	/* "84…" */
	char		*coordinator_email;
	struct form_row	*rows;
	size_t		 nrows;
	struct findings	 errors, warnings;
};

/*
 * Recognises body and reads it into a new form (never NULL). A body that
 * is no form we know gives kind KIND_UNKNOWN and no rows. Row and document
 * findings are filled in; findings that need the store (already_requested)
 * or the message (signatures, sender) are not.
 */
struct form	*form_read(const struct docbody *body);
void		 form_free(struct form *);
/* Frees the rows and their findings; the form keeps the rest. */
void		 form_rows_drop(struct form *);

#endif
