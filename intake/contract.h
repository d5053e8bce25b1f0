/* contract.h: the CONTRACT JSON (contract 1) for a decision, written as
 * it is walked (never a tree), and the few json-glib helpers every JSON writer of hotrocks uses, so
 * that strings, nulls and lines come out one way. Every string returned
 * is to g_free. */
#ifndef HOTROCKS_CONTRACT_H
#define HOTROCKS_CONTRACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <json-glib/json-glib.h>

#include "intake/decision.h"
#include "intake/mime.h"

#define CONTRACT_VERSION 1

/* A format as the CONTRACT names it: the sniffer's finer "ooxml", "zip"
 * and "ole2" (recognised, not read) are all "other". */
const char	*contract_format_name(enum format);

/* The whole message object; pretty adds indentation. */
char	*contract_json(const struct mail *, const struct decision *,
	    bool pretty);
/* The same, written straight to fp (no newline after it; errors are
 * fp's, for the caller's ferror). */
void	 contract_write(FILE *fp, const struct mail *,
	    const struct decision *, bool pretty);
/*
 * A message whose rows the store keeps apart (store.c): the same object,
 * compact, with each document's "rows" the string mark in place of its
 * array: CONTRACT_ROWS_APART when the case it opens holds them
 * (case_rows), CONTRACT_ROWS_MESSAGE, or CONTRACT_ROWS_MESSAGE ":N" for
 * the message's decision N, when it opens none (message_rows).
 * store_contract puts the rows back, byte for byte as contract_json
 * wrote them.
 */
#define CONTRACT_ROWS_APART	"case_rows"
#define CONTRACT_ROWS_MESSAGE	"message_rows"
char	*contract_json_apart(const struct mail *, const struct decision *,
	    const char *mark);
/* What a stored row keeps beside its columns (index, phone, iccid,
 * name, position, carrier, device_serial): its other members, each only
 * when it is not the default (phone_raw the national form of phone;
 * null; []), as one compact object into out (truncated first); out is
 * left empty for a row with nothing more. */
void	 contract_row_rest(GString *out, const struct form_row *);
/* A stored row: its columns (borrowed, NULL for SQL NULL) and the rest
 * contract_row_rest wrote ("" or NULL for none). */
struct contract_row_parts {
	int		 index;
	const char	*phone, *iccid, *name, *position, *carrier;
	const char	*device_serial;
	const char	*rest;
};
/* Appends the row's compact object to out as contract_json wrote it;
 * -1 (out unchanged) when rest is not what contract_row_rest writes. */
int	 contract_row_join(GString *out, const struct contract_row_parts *);
/*
 * A streaming writer of compact JSON to a FILE, in 16 KB blocks (the
 * same bytes as the rest of this file: json-glib's, U+001F escaped).
 * name NULL writes an element of the array being written, else a member
 * of the object. Errors are fp's (ferror); contract_jw_free flushes.
 */
struct jw;
struct jw	*contract_jw_new(FILE *fp);
void		 contract_jw_free(struct jw *);
void		 contract_jw_begin(struct jw *, const char *name,
		    bool object);
void		 contract_jw_end(struct jw *);
/* A string, or null when value is NULL. */
void		 contract_jw_string(struct jw *, const char *name,
		    const char *value);
void		 contract_jw_int(struct jw *, const char *name, int64_t);
/* A value that is JSON text already; contract_jw_put writes more of it
 * (a value written in pieces). */
void		 contract_jw_raw(struct jw *, const char *name,
		    const char *text, size_t len);
void		 contract_jw_put(struct jw *, const char *text, size_t len);
/* A stored row's object (contract_row_join's), left open for more
 * members (contract_jw_end closes it) when open; -1, nothing written,
 * when its rest is not ours. */
int		 contract_jw_row(struct jw *, const char *name,
		    const struct contract_row_parts *, bool open);
/* One document object, as inside "documents". */
char	*contract_document_json(const struct document *);
/* One row object, as inside a document's "rows". */
char	*contract_row_json(const struct form_row *);
/* The row objects of a whole message object (as contract_json wrote
 * it), every document's in order, compact: the store keeps a row's
 * findings there only. NULL-terminated (g_strfreev), *n_r of them; NULL
 * when json is not such an object. */
char	**contract_rows(const char *json, size_t *n_r);

/* One line of `hotrocks verify --json`: {"file", "format", "signature",
 * "signatures"}. */
char	*contract_verdict_json(const char *file, enum format,
	    const struct doc_signature *);
/* The line for a file that could not be judged: {"file", "format" (NULL
 * when not known), "signature": null, "error"}, so a script reading
 * JSON Lines gets one line for every file it named. */
char	*contract_verdict_error_json(const char *file, const char *format,
	    const char *error);

/* A member name of the object b is building: the string value, or null
 * when value is NULL (absent values are null, never left out). */
void	contract_add_string(JsonBuilder *b, const char *name,
	    const char *value);
/* n such members, names[i] with values[i]. */
void	contract_add_strings(JsonBuilder *b, const char *const *names,
	    const char *const *values, size_t n);
/* The value b built, compact or pretty; b is freed. */
char	*contract_finish(JsonBuilder *b, bool pretty);
/* The value b built as one compact line on fp (JSON Lines); b is freed. */
void	contract_print_line(FILE *fp, JsonBuilder *b);

#endif
