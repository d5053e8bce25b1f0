/* office-report.h: the office's report on the mailbox (letter
 * 1871-CV/VPTU, section 4): a pure builder turns the store's rows into
 * one struct office_report; the printers write that struct, and only it,
 * as text, CSV, JSON, XLSX or an HTML page. */
#ifndef HOTROCKS_OFFICE_REPORT_H
#define HOTROCKS_OFFICE_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <glib.h>

#include "lib/codes.h"
#include "lib/db.h"

/* Case states the report names, in the order it shows them. */
enum office_report_state {
	ORS_OPEN,
	ORS_REVIEW,
	ORS_FORWARDED,
	ORS_WAITING_UNIT,
	ORS_DONE,
	ORS_REJECTED,
	ORS__COUNT
};

/* Rows from the store (office_report_load); every string borrowed. */
struct office_report_message {
	int64_t		 id;
	const char	*received_at;	/* RFC 3339 UTC */
	const char	*unit;		/* NULL: not known */
	int		 action;	/* enum action */
	const char	*first_reply_at; /* first automatic reply sent; NULL */
	/* An answer in a conversation, not a request: a unit's reply
	 * threaded into a case it did not open, or the Cục's mail. */
	bool		 conversation;
};
struct office_report_case {
	const char	*number;
	const char	*unit;		/* NULL: not known */
	const char	*state;		/* cases.state */
	int		 kind;		/* enum kind */
	const char	*opened_at;
	const char	*closed_at;	/* NULL while open */
	/* SIM rows without errors, by case_rows.state. */
	size_t		 pending, forwarded, activated, refused;
};
struct office_report_error {
	int64_t		 msg_id;
	int		 code;		/* enum code: an error, no warning */
};

struct office_report_input {
	const char	*from;		/* [from, to), RFC 3339 UTC */
	const char	*to;
	const char	*now;		/* the report's "as of", RFC 3339 */
	const char	*label;		/* "2024H1", or the dates given */
	const char	*cuc_address;	/* its mail is no unit's; may be NULL */
	GTimeZone	*zone;		/* the office's: weeks and dates */
	/* Messages received in [from, to), by id. */
	const struct office_report_message *messages;
	size_t		 nmessages;
	/* Cases opened in [from, to), and those still open (state not done
	 * nor rejected) opened before to. */
	const struct office_report_case *cases;
	size_t		 ncases;
	const struct office_report_error *errors;
	size_t		 nerrors;
};

/* A duration's distribution, in seconds; median and p90 interpolate
 * linearly between the nearest ranks (Excel's PERCENTILE.INC). */
struct office_report_times {
	size_t		 n;		/* 0: median and p90 are meaningless */
	double		 median, p90;
};

/* One unit's figures, or the total's. */
struct office_report_figures {
	size_t		 messages;	/* received, not ignored */
	size_t		 by_action[ACTION__COUNT]; /* ignore stays 0 */
	size_t		 cases;		/* opened in the period */
	size_t		 cases_by_kind[KIND__COUNT];
	size_t		 cases_by_state[ORS__COUNT];
	size_t		 sims_requested; /* the four below added */
	size_t		 sims_pending, sims_forwarded, sims_activated,
			 sims_refused;
	size_t		 errors;	/* error findings, every level */
	size_t		 error_counts[CODE__COUNT];
	struct office_report_times reply, done;
};

struct office_report_unit {
	char				*name;
	struct office_report_figures	 f;
};

struct office_report_week {
	char		 start[11];	/* its Monday (office), YYYY-MM-DD */
	size_t		 by_action[ACTION__COUNT];
};

struct office_report_open {
	char		*number, *unit, *state, *opened_at;
	int		 kind;
	double		 age_days;	/* at now */
};

/* At most this many oldest open cases are listed. */
#define OFFICE_REPORT_OPEN_MAX	10
/* At most this many errors are named, most frequent first. */
#define OFFICE_REPORT_TOP_ERRORS 10

struct office_report {
	char				*from, *to, *now, *label;
	/* The period's first and last days, office time, YYYY-MM-DD. */
	char				*first_day, *last_day;
	size_t				 ignored; /* messages never answered */
	struct office_report_figures	 total;
	struct office_report_unit	*units;	/* by name */
	size_t				 nunits;
	struct office_report_week	*weeks;	/* Monday to Sunday */
	size_t				 nweeks;
	struct office_report_open	*open;	/* oldest first */
	size_t				 nopen;
	size_t				 open_total; /* all, listed or not */
};

/* The whole report from the rows (pure: no clock, no store). NULL and
 * *why_r (static) when from, to or now is not an RFC 3339 time or the
 * period is empty. office_report_free. */
struct office_report *office_report_build(const struct office_report_input *,
		    const char **why_r);
void		 office_report_free(struct office_report *);

/* The codes of f's errors, most frequent first (ties by code), at most
 * max; returns how many were written to codes[]. */
size_t		 office_report_top_errors(const struct office_report_figures *f,
		    int *codes, size_t max);

/*
 * The period a --period names ("2024H1", "2024H2", "2024") or the
 * inclusive days --from and --to name (YYYY-MM-DD), in zone, as [from_r,
 * to_r) RFC 3339 UTC times (g_free each) and a label (g_free). 0, or -1
 * and *why_r (static).
 */
int		 office_report_period(const char *period, const char *from,
		    const char *to, GTimeZone *zone, char **from_r, char **to_r,
		    char **label_r, const char **why_r);

/* Reads the rows of [in->from, in->to) from the store into in (its other
 * members set by the caller) and builds the report; the rows are freed
 * before it returns. NULL and *cause on a store error. */
struct office_report *office_report_load(struct db *,
		    struct office_report_input *in, char **cause);

/* The printers: text for a person (Vietnamese headings, times in the
 * report's zone), CSV (UTF-8, a header row, one row a unit then the
 * total), JSON (one object), an HTML page (self-contained: inline CSS
 * and SVG, no script, prints on A4). */
void		 office_report_text(FILE *, const struct office_report *,
		    GTimeZone *);
void		 office_report_csv(FILE *, const struct office_report *);
void		 office_report_json(FILE *, const struct office_report *);
void		 office_report_html(FILE *, const struct office_report *,
		    GTimeZone *);
/* An XLSX workbook at path (sheets: Tổng hợp, Đơn vị, Lỗi, Hồ sơ đang
 * mở), times in zone, the office's. 0, or -1 and *cause. */
int		 office_report_xlsx(const char *path,
		    const struct office_report *, GTimeZone *, char **cause);
/* An RFC 3339 time in zone: "2024-05-08 14:03 +07" (g_free). */
char		*office_report_minute(const char *, GTimeZone *);

/* Names the report uses: "open", …; "rejected". */
const char	*office_report_state_name(enum office_report_state);
/* The Vietnamese words for an action, a case state. Never NULL. */
const char	*office_report_action_vi(int action);
/* A kind's short Vietnamese name, for a column; never NULL. */
const char	*office_report_kind_vi(int kind);
const char	*office_report_state_vi(enum office_report_state);

#endif
