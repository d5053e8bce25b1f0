/* form.h: what a document says, once recognised: its kind, the unit that
 * wrote it, whom it is addressed to, and its subscriber rows, each with the
 * CONTRACT findings of the rules that can be judged from the document
 * alone. Pure: no I/O, no store, no clock. */
#ifndef HOTROCKS_FORM_H
#define HOTROCKS_FORM_H

#include <stddef.h>

#include "lib/codes.h"
#include <glib.h>

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
	/* A cover letter's own number and date, for the letters that cite
	 * it ("Công văn số 215-CV/HU ngày 08/5/2024"); NULL when they
	 * cannot be read. Never in the CONTRACT JSON. */
	char		*doc_number;	/* "215-CV/HU", spaces around '/'
					 * and '-' taken out */
	char		*doc_date;	/* "2024-05-08", a day that exists */
	char		*coordinator_name;
	char		*coordinator_phone;	/* "84…" */
	char		*coordinator_email;
	size_t		 nrows;		/* read them with form_row() or a
					 * form_cursor */
	struct form_rows *rs;		/* private: form-rows.c */
	struct findings	 errors, warnings;
	/* The same document read as a công văn, when it reads as one too
	 * and its own reading, of a form that lists rows (a SIM list, a
	 * Mẫu 12, a Mẫu 01–10), found none: a cover letter whose subject
	 * names the request ("V/v đề nghị khôi phục …"); the message decides
	 * which it is (rules.c, covers_beside). NULL otherwise. */
	struct form	*as_cover;
};

struct form_rows;
struct spool_window;

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

/*
 * A form's rows are kept as records (lib/spool.h: in a file under TMPDIR
 * for a long list) and read back one at a time. A row read is a view:
 * its strings and findings belong to whoever read it and it must not be
 * changed (form_row_edit gives one to change).
 */
struct form_cursor {
	const struct form *f;
	size_t		 next;		/* the row form_cursor_next reads */
	GByteArray	*buf;
	struct finding	*fv;
	size_t		 fcap;
	struct form_row	 row;
	struct spool_window *own;	/* form_cursor_init_apart's */
};

void	 form_cursor_init(struct form_cursor *, const struct form *);
/*
 * A cursor that shares nothing with the form's other readers but the
 * rows' file, so that it may walk them on another thread while this one
 * reads them too. Seal the form first (form_rows_seal); nothing may
 * change or add a row while it is open.
 */
void	 form_cursor_init_apart(struct form_cursor *, const struct form *);
void	 form_cursor_deinit(struct form_cursor *);
/* Row i, or NULL past the last; valid until the cursor reads again. */
const struct form_row *form_cursor_at(struct form_cursor *, size_t i);
/* The row after the one read last (the first at first), or NULL. */
const struct form_row *form_cursor_next(struct form_cursor *);
/* Row i, or NULL: valid until 16 other rows of the form are read this
 * way. For a look at a few rows; a walk uses a cursor. */
const struct form_row *form_row(const struct form *, size_t i);
/* Rows with at least one error. */
size_t	 form_rows_with_errors(const struct form *);
/* False when no row has had an e-mail address: a walk for them can be
 * spared. */
bool	 form_rows_any_email(const struct form *);
/* Appends a copy of r (for forms built outside a recogniser). */
void	 form_row_append(struct form *, const struct form_row *r);
/*
 * Row i, to change: the change is stored when the form's rows are next
 * read or changed, or sealed. Read nothing of the form while one holds
 * it.
 */
struct form_row *form_row_edit(struct form *, size_t i);
void	 form_rows_seal(const struct form *);
/* An owned copy of src (form_row_deinit). */
void	 form_row_copy(struct form_row *dst, const struct form_row *src);
void	 form_row_deinit(struct form_row *);
/* The static carrier string form_row.carrier holds for name, or NULL. */
const char *form_carrier(const char *name);

#endif
