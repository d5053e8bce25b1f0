/* report.h: decisions and cases as a person reads them in a terminal. */
#ifndef HOTROCKS_REPORT_H
#define HOTROCKS_REPORT_H

#include <stdio.h>

#include "intake/decision.h"
#include "intake/mime.h"
#include "intake/cases.h"

/* A decision: sender, subject, verdict, each document and row with its
 * findings. name heads the block (a file name; may be NULL). */
void	report_decision(FILE *, const char *name, const struct mail *,
	    const struct decision *);
/* The zone (an identifier or offset GLib knows: [mailbox] timezone) in
 * which times are shown, with their offset ("2024-05-08 14:03 +07"); UTC
 * until set. The JSON printers always write UTC. */
void	report_set_timezone(const char *);
/* A time of the store (RFC 3339 UTC) as a person reads it, in that zone:
 * "2024-05-08 14:03 +07" ("-" for NULL; text that is no time as it is),
 * in out (32 bytes hold it). For every listing a person reads. */
void	report_time(char *out, size_t len, const char *ts);
/* A table of cases, one line each. */
void	report_cases(FILE *, const struct case_summary *, size_t);
/* Messages as cases_messages gives them, one line each. */
void	report_messages(FILE *, const struct case_summary *, size_t);
void	report_messages_json(FILE *, const struct case_summary *, size_t);
/* The same as JSON Lines, one object a case. */
void	report_cases_json(FILE *, const struct case_summary *, size_t);
/* One case: header, flag and linked messages, rows (from their CONTRACT
 * JSON, read from db one at a time), audit trail. 0, or -1 and *cause
 * with nothing written (a row that cannot be read back). The caller
 * holds a read transaction, so the rows are the case's of one moment. */
int	report_case(FILE *, struct db *, const struct case_detail *,
	    char **cause);
/* One row of a case as `case rows` lists it, with its state and why. */
void	report_case_row(FILE *, const struct case_row *);
/* The same as one JSON line: the case's members as `cases --json` gives
 * them, message_id, archive_path, "rows" (each row's CONTRACT object
 * with its "row" number, "state" (pending, forwarded, activated,
 * refused), "state_note" and "state_at"), "audit" ({at,
 * actor, event, detail}, oldest first) and "message" (the CONTRACT JSON
 * of the message that opened it), "flag" (or null) and "links": one
 * {"link": "supersedes"|"reply", "received_at", "message_id", "from",
 * "subject", "action", "contract"} a message linked to the case.
 * Written as it is read (the rows and the decision's rows from db one at
 * a time, never held); 0, or -1 and *cause as report_case. */
int	report_case_json(FILE *, struct db *, const struct case_detail *,
	    char **cause);
/* One file's signature verdict (hotrocks verify): the summary, then
 * each signature with its signer, time, coverage and reasons. */
void	report_verdict(FILE *, const char *file, enum format,
	    const struct doc_signature *);

#endif
