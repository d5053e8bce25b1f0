/* office-report.c: the report's figures, computed once from the store's
 * rows. Pure: no clock, no store, no output; every printer reads only the
 * struct this builds, so the formats cannot disagree. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "intake/office-report.h"

static const char *const state_names[ORS__COUNT] = {
	[ORS_OPEN] = "open",
	[ORS_REVIEW] = "review",
	[ORS_FORWARDED] = "forwarded",
	[ORS_WAITING_UNIT] = "waiting_unit",
	[ORS_DONE] = "done",
	[ORS_REJECTED] = "rejected",
};

static const char *const state_vi[ORS__COUNT] = {
	[ORS_OPEN] = "Đang xử lý",
	[ORS_REVIEW] = "Chờ cán bộ xem xét",
	[ORS_FORWARDED] = "Đã chuyển Cục",
	[ORS_WAITING_UNIT] = "Chờ đơn vị bổ sung",
	[ORS_DONE] = "Đã xử lý xong",
	[ORS_REJECTED] = "Từ chối",
};

static const char *const action_vi[ACTION__COUNT] = {
	[ACTION_QUEUE] = "Tiếp nhận",
	[ACTION_REJECT] = "Trả lại",
	[ACTION_REDIRECT] = "Hướng dẫn gửi Cục",
	[ACTION_MANUAL] = "Cán bộ xem xét",
	[ACTION_IGNORE] = "Không trả lời",
};

/* Short names of what a case is about, for a table's column. */
static const char *const kind_vi[KIND__COUNT] = {
	[KIND_UNKNOWN] = "Chưa xác định",
	[KIND_SIM_ACTIVATION] = "Kích hoạt SIM ký số",
	[KIND_ETOKEN_RECOVERY] = "Khôi phục eToken",
	[KIND_SIM_RECOVERY] = "Khôi phục SIM ký số",
	[KIND_CERT_REQUEST] = "Cấp, gia hạn, thu hồi chứng thư số",
	[KIND_HANDOVER] = "Bàn giao, thu hồi thiết bị",
	[KIND_REPORT] = "Báo cáo",
	[KIND_AUTO_REPLY] = "Thư tự động",
	[KIND_BOUNCE] = "Thư báo lỗi gửi",
	[KIND_COVER_LETTER] = "Công văn kèm theo",
};

/* Durations gathered per unit before their percentiles are taken. */
struct acc {
	GArray	*reply, *done;	/* double seconds */
};

static int	 state_of(const char *);
static GDateTime *parse(const char *);
static double	 seconds_between(const char *, const char *);
static int	 day_number(GDateTime *, GTimeZone *);
static void	 times_of(GArray *, struct office_report_times *);
static int	 cmp_double(const void *, const void *);
static int	 cmp_unit(const void *, const void *);
static int	 cmp_open(const void *, const void *);
static int	 cmp_code(gconstpointer, gconstpointer, gpointer);
static size_t	 unit_index(GHashTable *, GPtrArray *, const char *);
static char	*midnight(GTimeZone *, int, int, int);
static int	 ymd(const char *, int *, int *, int *);

const char *
office_report_state_name(enum office_report_state s)
{
	return (s < ORS__COUNT ? state_names[s] : "open");
}

const char *
office_report_state_vi(enum office_report_state s)
{
	return (s < ORS__COUNT ? state_vi[s] : "");
}

const char *
office_report_kind_vi(int k)
{
	return (k >= 0 && k < KIND__COUNT ? kind_vi[k] : kind_vi[0]);
}

const char *
office_report_action_vi(int a)
{
	return (a >= 0 && a < ACTION__COUNT ? action_vi[a] : "");
}

static int
state_of(const char *s)
{
	for (int i = 0; i < ORS__COUNT; i++)
		if (s != NULL && strcmp(s, state_names[i]) == 0)
			return (i);
	return (-1);
}

static GDateTime *
parse(const char *ts)
{
	return (ts != NULL ? g_date_time_new_from_iso8601(ts, NULL) : NULL);
}

/* b - a in seconds; NAN when either is not a time. */
static double
seconds_between(const char *a, const char *b)
{
	GDateTime	*ta = parse(a), *tb = parse(b);
	double		 d = NAN;

	if (ta != NULL && tb != NULL)
		d = (double)g_date_time_difference(tb, ta) / G_TIME_SPAN_SECOND;
	if (ta != NULL)
		g_date_time_unref(ta);
	if (tb != NULL)
		g_date_time_unref(tb);
	return (d);
}

/* The day t falls on in zone, as a day count (GDate's Julian days). */
static int
day_number(GDateTime *t, GTimeZone *zone)
{
	GDateTime	*l = g_date_time_to_timezone(t, zone);
	int		 y, m, d;
	GDate		 date;

	g_date_time_get_ymd(l, &y, &m, &d);
	g_date_time_unref(l);
	g_date_clear(&date, 1);
	g_date_set_dmy(&date, d, m, y);
	return ((int)g_date_get_julian(&date));
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

static void
times_of(GArray *v, struct office_report_times *t)
{
	double	*x = (double *)(void *)v->data, pos;
	size_t	 lo;

	t->n = v->len;
	t->median = t->p90 = 0;
	if (v->len == 0)
		return;
	qsort(x, v->len, sizeof(double), cmp_double);
	pos = 0.5 * (double)(v->len - 1);
	lo = (size_t)pos;
	t->median = x[lo] + (lo + 1 < v->len ? (pos - (double)lo) *
	    (x[lo + 1] - x[lo]) : 0);
	pos = 0.9 * (double)(v->len - 1);
	lo = (size_t)pos;
	t->p90 = x[lo] + (lo + 1 < v->len ? (pos - (double)lo) *
	    (x[lo + 1] - x[lo]) : 0);
}

static int
cmp_unit(const void *a, const void *b)
{
	const struct office_report_unit *x = a, *y = b;

	return (g_utf8_collate(x->name, y->name));
}

static int
cmp_open(const void *a, const void *b)
{
	const struct office_report_open *x = a, *y = b;
	int c = strcmp(x->opened_at, y->opened_at);

	return (c != 0 ? c : strcmp(x->number, y->number));
}

/* The slot of a unit (by name; NULL is "not known"), made on first
 * sight. */
static size_t
unit_index(GHashTable *ix, GPtrArray *names, const char *name)
{
	gpointer	 v;

	if (name == NULL || *name == '\0')
		name = "(không rõ đơn vị)";
	if (g_hash_table_lookup_extended(ix, name, NULL, &v))
		return (GPOINTER_TO_SIZE(v));
	g_ptr_array_add(names, g_strdup(name));
	g_hash_table_insert(ix, g_ptr_array_index(names, names->len - 1),
	    GSIZE_TO_POINTER(names->len - 1));
	return (names->len - 1);
}

/* Most frequent first; the same count by the code's order. */
static int
cmp_code(gconstpointer a, gconstpointer b, gpointer counts)
{
	const size_t	*top_counts = counts;
	int		 x = *(const int *)a, y = *(const int *)b;

	if (top_counts[x] != top_counts[y])
		return (top_counts[x] > top_counts[y] ? -1 : 1);
	return (x - y);
}

size_t
office_report_top_errors(const struct office_report_figures *f, int *codes,
    size_t max)
{
	int	 all[CODE__COUNT];
	size_t	 n = 0;

	for (int c = 0; c < CODE__COUNT; c++)
		if (f->error_counts[c] > 0)
			all[n++] = c;
	g_qsort_with_data(all, (gint)n, sizeof(int), cmp_code,
	    (gpointer)f->error_counts);
	n = MIN(n, max);
	memcpy(codes, all, n * sizeof(int));
	return (n);
}

struct office_report *
office_report_build(const struct office_report_input *in, const char **why_r)
{
	struct office_report	*r = NULL;
	GDateTime		*from = NULL, *to = NULL, *now = NULL, *t;
	GHashTable		*ix = NULL, *msg_unit = NULL;
	GPtrArray		*names = NULL;
	GArray			*figs = NULL, *accs = NULL, *open = NULL;
	struct acc		 tacc;
	int			 first_day, last_day, monday;

	tacc.reply = g_array_new(FALSE, FALSE, sizeof(double));
	tacc.done = g_array_new(FALSE, FALSE, sizeof(double));
	from = parse(in->from);
	to = parse(in->to);
	now = parse(in->now);
	if (from == NULL || to == NULL || now == NULL) {
		*why_r = "the period or the report time is not RFC 3339";
		goto out;
	}
	if (g_date_time_compare(from, to) >= 0) {
		*why_r = "the period ends before it begins";
		goto out;
	}
	r = g_new0(struct office_report, 1);
	r->from = g_strdup(in->from);
	r->to = g_strdup(in->to);
	r->now = g_strdup(in->now);
	r->label = g_strdup(in->label != NULL ? in->label : "");
	t = g_date_time_to_timezone(from, in->zone);
	r->first_day = g_date_time_format(t, "%Y-%m-%d");
	g_date_time_unref(t);
	t = g_date_time_add_seconds(to, -1);
	{
		GDateTime *l = g_date_time_to_timezone(t, in->zone);

		r->last_day = g_date_time_format(l, "%Y-%m-%d");
		g_date_time_unref(l);
	}
	last_day = day_number(t, in->zone);
	g_date_time_unref(t);
	first_day = day_number(from, in->zone);
	/* Weeks run Monday to Sunday; the first holds the first day. */
	{
		GDate	d;

		g_date_clear(&d, 1);
		g_date_set_julian(&d, (guint32)first_day);
		monday = first_day - ((int)g_date_get_weekday(&d) - 1);
	}
	r->nweeks = (size_t)((last_day - monday) / 7 + 1);
	r->weeks = g_new0(struct office_report_week, r->nweeks);
	for (size_t w = 0; w < r->nweeks; w++) {
		GDate	d;

		g_date_clear(&d, 1);
		g_date_set_julian(&d, (guint32)(monday + 7 * (int)w));
		g_date_strftime(r->weeks[w].start, sizeof(r->weeks[w].start),
		    "%Y-%m-%d", &d);
	}

	ix = g_hash_table_new(g_str_hash, g_str_equal);
	msg_unit = g_hash_table_new(g_int64_hash, g_int64_equal);
	names = g_ptr_array_new_with_free_func(g_free);
	figs = g_array_new(FALSE, TRUE, sizeof(struct office_report_figures));
	accs = g_array_new(FALSE, TRUE, sizeof(struct acc));

#define UNIT(name) __extension__ ({					\
	size_t u_ = unit_index(ix, names, (name));			\
	if (u_ >= figs->len) {						\
		struct acc a_ = { g_array_new(FALSE, FALSE, sizeof(double)),\
		    g_array_new(FALSE, FALSE, sizeof(double)) };	\
		g_array_set_size(figs, u_ + 1);				\
		g_array_append_val(accs, a_);				\
	}								\
	u_; })

	for (size_t i = 0; i < in->nmessages; i++) {
		const struct office_report_message *m = &in->messages[i];
		struct office_report_figures *f;
		GDateTime	*rt;
		double		 d;
		size_t		 u;
		int		 w;

		if (m->action < 0 || m->action >= ACTION__COUNT)
			continue;
		/* no request: nothing to count for a unit, its findings
		 * ("no_documents" of a thank-you note) none of its errors */
		if (m->action == ACTION_IGNORE || m->conversation) {
			r->ignored++;
			continue;
		}
		u = UNIT(m->unit);
		g_hash_table_insert(msg_unit, (gpointer)&m->id,
		    GSIZE_TO_POINTER(u + 1));
		f = &g_array_index(figs, struct office_report_figures, u);
		f->messages++;
		f->by_action[m->action]++;
		r->total.messages++;
		r->total.by_action[m->action]++;
		if ((rt = parse(m->received_at)) != NULL) {
			w = (day_number(rt, in->zone) - monday) / 7;
			if (w >= 0 && (size_t)w < r->nweeks)
				r->weeks[w].by_action[m->action]++;
			g_date_time_unref(rt);
		}
		if (m->first_reply_at != NULL &&
		    !isnan(d = seconds_between(m->received_at,
		    m->first_reply_at)) && d >= 0) {
			g_array_append_val(g_array_index(accs, struct acc,
			    u).reply, d);
			g_array_append_val(tacc.reply, d);
		}
	}

	open = g_array_new(FALSE, FALSE, sizeof(struct office_report_open));
	for (size_t i = 0; i < in->ncases; i++) {
		const struct office_report_case *c = &in->cases[i];
		struct office_report_figures *f;
		int	 s = state_of(c->state);
		bool	 closed = s == ORS_DONE || s == ORS_REJECTED;
		bool	 in_period = c->opened_at != NULL &&
			    strcmp(c->opened_at, in->from) >= 0 &&
			    strcmp(c->opened_at, in->to) < 0;
		double	 d;
		size_t	 u;

		if (!closed && c->opened_at != NULL &&
		    strcmp(c->opened_at, in->to) < 0) {
			struct office_report_open o = { 0 };

			o.number = g_strdup(c->number);
			o.unit = g_strdup(c->unit != NULL ? c->unit :
			    "(không rõ đơn vị)");
			o.state = g_strdup(c->state);
			o.opened_at = g_strdup(c->opened_at);
			o.kind = c->kind;
			d = seconds_between(c->opened_at, in->now);
			o.age_days = isnan(d) || d < 0 ? 0 : d / 86400;
			g_array_append_val(open, o);
		}
		if (!in_period)
			continue;
		u = UNIT(c->unit);
		f = &g_array_index(figs, struct office_report_figures, u);
		for (int k = 0; k < 2; k++) {
			struct office_report_figures *x = k ? &r->total : f;

			x->cases++;
			if (c->kind >= 0 && c->kind < KIND__COUNT)
				x->cases_by_kind[c->kind]++;
			if (s >= 0)
				x->cases_by_state[s]++;
			if (c->kind == KIND_SIM_ACTIVATION) {
				x->sims_pending += c->pending;
				x->sims_forwarded += c->forwarded;
				x->sims_activated += c->activated;
				x->sims_refused += c->refused;
				x->sims_requested += c->pending +
				    c->forwarded + c->activated + c->refused;
			}
		}
		if (closed && c->closed_at != NULL &&
		    !isnan(d = seconds_between(c->opened_at, c->closed_at)) &&
		    d >= 0) {
			g_array_append_val(g_array_index(accs, struct acc,
			    u).done, d);
			g_array_append_val(tacc.done, d);
		}
	}

	for (size_t i = 0; i < in->nerrors; i++) {
		const struct office_report_error *e = &in->errors[i];
		gpointer	 v;
		struct office_report_figures *f;

		if (e->code < 0 || e->code >= CODE__COUNT ||
		    (v = g_hash_table_lookup(msg_unit, &e->msg_id)) == NULL)
			continue;
		f = &g_array_index(figs, struct office_report_figures,
		    GPOINTER_TO_SIZE(v) - 1);
		f->errors++;
		f->error_counts[e->code]++;
		r->total.errors++;
		r->total.error_counts[e->code]++;
	}
#undef UNIT

	r->nunits = names->len;
	r->units = g_new0(struct office_report_unit, r->nunits);
	for (size_t u = 0; u < r->nunits; u++) {
		struct acc *a = &g_array_index(accs, struct acc, u);

		r->units[u].name = g_strdup(g_ptr_array_index(names, u));
		r->units[u].f = g_array_index(figs,
		    struct office_report_figures, u);
		times_of(a->reply, &r->units[u].f.reply);
		times_of(a->done, &r->units[u].f.done);
	}
	qsort(r->units, r->nunits, sizeof(*r->units), cmp_unit);
	times_of(tacc.reply, &r->total.reply);
	times_of(tacc.done, &r->total.done);

	g_array_sort(open, cmp_open);
	r->open_total = open->len;
	r->nopen = MIN(open->len, OFFICE_REPORT_OPEN_MAX);
	for (size_t i = r->nopen; i < open->len; i++) {
		struct office_report_open *o = &g_array_index(open,
		    struct office_report_open, i);

		g_free(o->number);
		g_free(o->unit);
		g_free(o->state);
		g_free(o->opened_at);
	}
	g_array_set_size(open, r->nopen);
	r->open = (struct office_report_open *)(void *)g_array_free(open,
	    FALSE);
	open = NULL;
out:
	if (accs != NULL) {
		for (size_t u = 0; u < accs->len; u++) {
			g_array_free(g_array_index(accs, struct acc, u).reply,
			    TRUE);
			g_array_free(g_array_index(accs, struct acc, u).done,
			    TRUE);
		}
		g_array_free(accs, TRUE);
	}
	if (figs != NULL)
		g_array_free(figs, TRUE);
	if (names != NULL)
		g_ptr_array_free(names, TRUE);
	if (ix != NULL)
		g_hash_table_destroy(ix);
	if (msg_unit != NULL)
		g_hash_table_destroy(msg_unit);
	g_array_free(tacc.reply, TRUE);
	g_array_free(tacc.done, TRUE);
	if (from != NULL)
		g_date_time_unref(from);
	if (to != NULL)
		g_date_time_unref(to);
	if (now != NULL)
		g_date_time_unref(now);
	return (r);
}

void
office_report_free(struct office_report *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nunits; i++)
		g_free(r->units[i].name);
	for (size_t i = 0; i < r->nopen; i++) {
		g_free(r->open[i].number);
		g_free(r->open[i].unit);
		g_free(r->open[i].state);
		g_free(r->open[i].opened_at);
	}
	g_free(r->units);
	g_free(r->weeks);
	g_free(r->open);
	g_free(r->from);
	g_free(r->to);
	g_free(r->now);
	g_free(r->label);
	g_free(r->first_day);
	g_free(r->last_day);
	g_free(r);
}

/* Midnight of y-m-d in zone, as RFC 3339 UTC (g_free), or NULL. */
static char *
midnight(GTimeZone *zone, int y, int m, int d)
{
	GDateTime	*l, *u;
	char		*s;

	if ((l = g_date_time_new(zone, y, m, d, 0, 0, 0)) == NULL)
		return (NULL);
	u = g_date_time_to_utc(l);
	s = g_date_time_format(u, "%Y-%m-%dT%H:%M:%SZ");
	g_date_time_unref(u);
	g_date_time_unref(l);
	return (s);
}

/* YYYY-MM-DD, strictly; 0 or -1. */
static int
ymd(const char *s, int *y, int *m, int *d)
{
	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return (-1);
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !g_ascii_isdigit(s[i]))
			return (-1);
	*y = atoi(s);
	*m = atoi(s + 5);
	*d = atoi(s + 8);
	return (g_date_valid_dmy(*d, *m, *y) ? 0 : -1);
}

int
office_report_period(const char *period, const char *from, const char *to,
    GTimeZone *zone, char **from_r, char **to_r, char **label_r,
    const char **why_r)
{
	int	 y1, m1, d1, y2, m2, d2;
	GDate	 end;

	*from_r = *to_r = *label_r = NULL;
	if (period != NULL) {
		char	*rest = NULL;
		long	 y;

		if (from != NULL || to != NULL) {
			*why_r = "--period and --from/--to exclude each other";
			return (-1);
		}
		y = strtol(period, &rest, 10);
		if (rest == period + 4 && y >= 1970 && y <= 9998 &&
		    *rest == '\0') {
			*from_r = midnight(zone, (int)y, 1, 1);
			*to_r = midnight(zone, (int)y + 1, 1, 1);
		} else if (rest == period + 4 && y >= 1970 && y <= 9998 &&
		    (strcmp(rest, "H1") == 0 || strcmp(rest, "h1") == 0)) {
			*from_r = midnight(zone, (int)y, 1, 1);
			*to_r = midnight(zone, (int)y, 7, 1);
		} else if (rest == period + 4 && y >= 1970 && y <= 9998 &&
		    (strcmp(rest, "H2") == 0 || strcmp(rest, "h2") == 0)) {
			*from_r = midnight(zone, (int)y, 7, 1);
			*to_r = midnight(zone, (int)y + 1, 1, 1);
		} else {
			*why_r = "--period is a year or a half-year: 2024, "
			    "2024H1 or 2024H2";
			return (-1);
		}
		*label_r = g_ascii_strup(period, -1);
		return (0);
	}
	if (from == NULL || to == NULL) {
		*why_r = "say --period, or both --from and --to";
		return (-1);
	}
	if (ymd(from, &y1, &m1, &d1) == -1 || ymd(to, &y2, &m2, &d2) == -1) {
		*why_r = "--from and --to are days: YYYY-MM-DD";
		return (-1);
	}
	/* --to is the last day reported: the period ends at its midnight. */
	g_date_clear(&end, 1);
	g_date_set_dmy(&end, d2, m2, y2);
	g_date_add_days(&end, 1);
	*from_r = midnight(zone, y1, m1, d1);
	*to_r = midnight(zone, g_date_get_year(&end), g_date_get_month(&end),
	    g_date_get_day(&end));
	if (*from_r == NULL || *to_r == NULL || strcmp(*from_r, *to_r) >= 0) {
		g_free(*from_r);
		g_free(*to_r);
		*from_r = *to_r = NULL;
		*why_r = "--to is before --from";
		return (-1);
	}
	*label_r = g_strdup_printf("%s – %s", from, to);
	return (0);
}
