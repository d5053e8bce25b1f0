/* office-report-print.c: the report as text for a person, CSV and JSON.
 * Printers only: every figure comes from struct office_report, none is
 * computed here; unit names reach a terminal only through
 * text_for_terminal. */
#include <math.h>
#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "intake/office-report.h"
#include "lib/text.h"
#include "outbox/texts-vi.h"

/* The actions a unit's mail can have (ignore is counted apart). */
static const int outcomes[] = { ACTION_QUEUE, ACTION_REJECT,
    ACTION_REDIRECT, ACTION_MANUAL };
/* The kinds a case can be opened for. */
static const int case_kinds[] = { KIND_SIM_ACTIVATION, KIND_ETOKEN_RECOVERY,
    KIND_SIM_RECOVERY, KIND_CERT_REQUEST, KIND_HANDOVER, KIND_REPORT,
    KIND_UNKNOWN };

static char	*duration_vi(double);
static char	*local_day(const char *, GTimeZone *);
static void	 text_figures(GString *, const struct office_report_figures *);
static void	 text_times(GString *, const char *,
		    const struct office_report_times *, const char *);
static void	 csv_field(GString *, const char *);
static void	 csv_times(GString *, const struct office_report_times *);
static void	 csv_row(GString *, const char *,
		    const struct office_report_figures *);
static void	 json_figures(JsonBuilder *,
		    const struct office_report_figures *);
static void	 json_times(JsonBuilder *, const char *,
		    const struct office_report_times *);

/* "2 ngày 3 giờ", "1 giờ 5 phút", "12 phút", "40 giây". */
static char *
duration_vi(double secs)
{
	long	 s = lround(secs), d = s / 86400, h = s % 86400 / 3600,
		 m = s % 3600 / 60;

	if (d > 0)
		return (h > 0 ? g_strdup_printf("%ld ngày %ld giờ", d, h) :
		    g_strdup_printf("%ld ngày", d));
	if (h > 0)
		return (m > 0 ? g_strdup_printf("%ld giờ %ld phút", h, m) :
		    g_strdup_printf("%ld giờ", h));
	if (m > 0)
		return (g_strdup_printf("%ld phút", m));
	return (g_strdup_printf("%ld giây", s));
}

char *
office_report_minute(const char *ts, GTimeZone *zone)
{
	GDateTime	*t = g_date_time_new_from_iso8601(ts, NULL), *l;
	char		*s;

	if (t == NULL)
		return (g_strdup(ts));
	l = g_date_time_to_timezone(t, zone);
	s = g_date_time_format(l, "%Y-%m-%d %H:%M %:::z");
	g_date_time_unref(l);
	g_date_time_unref(t);
	return (s);
}

/* "08/05/2024", the office's day (g_free). */
static char *
local_day(const char *ts, GTimeZone *zone)
{
	GDateTime	*t = g_date_time_new_from_iso8601(ts, NULL), *l;
	char		*s;

	if (t == NULL)
		return (g_strdup(ts));
	l = g_date_time_to_timezone(t, zone);
	s = g_date_time_format(l, "%d/%m/%Y");
	g_date_time_unref(l);
	g_date_time_unref(t);
	return (s);
}

static void
text_times(GString *o, const char *what, const struct office_report_times *t,
    const char *unit)
{
	char	*a, *b;

	if (t->n == 0) {
		g_string_append_printf(o, "  %s: chưa có\n", what);
		return;
	}
	a = duration_vi(t->median);
	b = duration_vi(t->p90);
	g_string_append_printf(o, "  %s: trung vị %s, 90%% trong vòng %s "
	    "(%zu %s)\n", what, a, b, t->n, unit);
	g_free(a);
	g_free(b);
}

static void
text_figures(GString *o, const struct office_report_figures *f)
{
	int	 top[OFFICE_REPORT_TOP_ERRORS];
	size_t	 ntop, shown;
	bool	 first;

	g_string_append_printf(o, "  Thư nhận: %zu (", f->messages);
	for (size_t i = 0; i < G_N_ELEMENTS(outcomes); i++)
		g_string_append_printf(o, "%s%s %zu", i ? ", " : "",
		    office_report_action_vi(outcomes[i]),
		    f->by_action[outcomes[i]]);
	g_string_append(o, ")\n");
	g_string_append_printf(o, "  Hồ sơ mở trong kỳ: %zu", f->cases);
	first = true;
	for (size_t i = 0; i < G_N_ELEMENTS(case_kinds); i++) {
		if (f->cases_by_kind[case_kinds[i]] == 0)
			continue;
		g_string_append_printf(o, "%s%s %zu", first ? " (" : "; ",
		    office_report_kind_vi(case_kinds[i]),
		    f->cases_by_kind[case_kinds[i]]);
		first = false;
	}
	g_string_append(o, first ? "\n" : ")\n");
	if (f->cases > 0) {
		g_string_append(o, "  Tình trạng hồ sơ:");
		first = true;
		for (int s = 0; s < ORS__COUNT; s++) {
			if (f->cases_by_state[s] == 0)
				continue;
			g_string_append_printf(o, "%s %s %zu", first ? "" :
			    ",", office_report_state_vi(s),
			    f->cases_by_state[s]);
			first = false;
		}
		g_string_append(o, "\n");
	}
	g_string_append_printf(o, "  SIM ký số: đề nghị %zu, chờ Cục kích "
	    "hoạt %zu, đã kích hoạt %zu, bị từ chối %zu, chưa chuyển Cục "
	    "%zu\n",
	    f->sims_requested, f->sims_forwarded, f->sims_activated,
	    f->sims_refused, f->sims_pending);
	g_string_append_printf(o, "  Lỗi phát hiện: %zu\n", f->errors);
	ntop = office_report_top_errors(f, top, 3);
	shown = 0;
	for (size_t i = 0; i < ntop; i++) {
		g_string_append_printf(o, "    %zu × %s: %s\n",
		    f->error_counts[top[i]], code_name(top[i]),
		    texts_vi_code(top[i]));
		shown += f->error_counts[top[i]];
	}
	/* the three most frequent: the count says the rest is there (trial
	 * 3: "6" over lines adding to 5 read as a mistake) */
	if (shown < f->errors)
		g_string_append_printf(o, "    và %zu lỗi thuộc loại khác\n",
		    f->errors - shown);
	text_times(o, "Từ khi nhận thư đến khi gửi trả lời đầu tiên",
	    &f->reply, "thư");
	text_times(o, "Từ khi nhận thư đến khi xử lý xong hồ sơ", &f->done,
	    "hồ sơ");
}

void
office_report_text(FILE *fp, const struct office_report *r, GTimeZone *zone)
{
	GString	*o = g_string_new(NULL);
	char	*a, *b, *safe;
	int	 top[OFFICE_REPORT_TOP_ERRORS];
	size_t	 ntop;

	a = local_day(r->from, zone);
	b = g_strdup(r->last_day);
	{
		char **p = g_strsplit(r->last_day, "-", 3);

		if (g_strv_length(p) == 3) {
			g_free(b);
			b = g_strdup_printf("%s/%s/%s", p[2], p[1], p[0]);
		}
		g_strfreev(p);
	}
	g_string_append(o, "BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ XỬ LÝ ĐỀ NGHỊ "
	    "CHỨNG THƯ SỐ\n");
	g_string_append_printf(o, "Kỳ báo cáo: %s (từ %s đến %s)\n",
	    r->label, a, b);
	g_free(a);
	g_free(b);
	a = office_report_minute(r->now, zone);
	g_string_append_printf(o, "Số liệu tính đến: %s\n\n", a);
	g_free(a);

	g_string_append(o, "I. TỔNG HỢP\n");
	text_figures(o, &r->total);
	g_string_append_printf(o, "  Thư tự động, thư báo lỗi gửi, thư đã "
	    "xử lý trước và thư trao đổi trong hồ sơ (không tính là đề nghị): "
	    "%zu\n\n", r->ignored);

	g_string_append(o, "II. LỖI THƯỜNG GẶP\n");
	ntop = office_report_top_errors(&r->total, top,
	    OFFICE_REPORT_TOP_ERRORS);
	if (ntop == 0)
		g_string_append(o, "  Không có\n");
	for (size_t i = 0; i < ntop; i++)
		g_string_append_printf(o, "  %zu. %s (%zu lần): %s\n", i + 1,
		    code_name(top[i]), r->total.error_counts[top[i]],
		    texts_vi_code(top[i]));
	g_string_append(o, "\nIII. THEO ĐƠN VỊ\n");
	if (r->nunits == 0)
		g_string_append(o, "  Không có thư trong kỳ\n");
	for (size_t u = 0; u < r->nunits; u++) {
		g_string_append_printf(o, "%zu. %s\n", u + 1,
		    r->units[u].name);
		text_figures(o, &r->units[u].f);
	}
	g_string_append_printf(o, "\nIV. HỒ SƠ CHƯA XỬ LÝ XONG LÂU NHẤT "
	    "(%zu hồ sơ đang mở)\n", r->open_total);
	if (r->nopen == 0)
		g_string_append(o, "  Không có\n");
	for (size_t i = 0; i < r->nopen; i++) {
		const struct office_report_open *c = &r->open[i];
		int s;

		for (s = 0; s < ORS__COUNT; s++)
			if (strcmp(c->state, office_report_state_name(s)) == 0)
				break;
		a = office_report_minute(c->opened_at, zone);
		g_string_append_printf(o, "  %s  %s  %s  %s (%.0f ngày)  %s\n",
		    c->number, a, s < ORS__COUNT ? office_report_state_vi(s) :
		    c->state, office_report_kind_vi(c->kind),
		    floor(c->age_days), c->unit);
		g_free(a);
	}
	safe = text_for_terminal(o->str);
	fputs(safe, fp);
	g_free(safe);
	g_string_free(o, TRUE);
}

/* RFC 4180: quoted when it holds a comma, a quote or a line end. A name
 * taken from a unit's letterhead that begins as a formula would (=, +,
 * -, @) gets a leading apostrophe, so a spreadsheet shows it and never
 * runs it. */
static void
csv_field(GString *o, const char *s)
{
	if (*s != '\0' && strchr("=+-@", *s) != NULL) {
		char *t = g_strconcat("'", s, NULL);

		csv_field(o, t);
		g_free(t);
		return;
	}
	if (strpbrk(s, ",\"\r\n") == NULL) {
		g_string_append(o, s);
		return;
	}
	g_string_append_c(o, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			g_string_append_c(o, '"');
		g_string_append_c(o, *s);
	}
	g_string_append_c(o, '"');
}

static void
csv_times(GString *o, const struct office_report_times *t)
{
	if (t->n == 0)
		g_string_append_printf(o, ",0,,");
	else
		g_string_append_printf(o, ",%zu,%.0f,%.0f", t->n, t->median,
		    t->p90);
}

static void
csv_row(GString *o, const char *name, const struct office_report_figures *f)
{
	int	 top[OFFICE_REPORT_TOP_ERRORS];
	size_t	 ntop;
	GString	*e = g_string_new(NULL);

	csv_field(o, name);
	g_string_append_printf(o, ",%zu", f->messages);
	for (size_t i = 0; i < G_N_ELEMENTS(outcomes); i++)
		g_string_append_printf(o, ",%zu", f->by_action[outcomes[i]]);
	g_string_append_printf(o, ",%zu", f->cases);
	for (size_t i = 0; i < G_N_ELEMENTS(case_kinds); i++)
		g_string_append_printf(o, ",%zu",
		    f->cases_by_kind[case_kinds[i]]);
	for (int s = 0; s < ORS__COUNT; s++)
		g_string_append_printf(o, ",%zu", f->cases_by_state[s]);
	g_string_append_printf(o, ",%zu,%zu,%zu,%zu,%zu,%zu,",
	    f->sims_requested, f->sims_pending, f->sims_forwarded,
	    f->sims_activated, f->sims_refused, f->errors);
	ntop = office_report_top_errors(f, top, OFFICE_REPORT_TOP_ERRORS);
	for (size_t i = 0; i < ntop; i++)
		g_string_append_printf(e, "%s%s=%zu", i ? ";" : "",
		    code_name(top[i]), f->error_counts[top[i]]);
	csv_field(o, e->str);
	g_string_free(e, TRUE);
	csv_times(o, &f->reply);
	csv_times(o, &f->done);
	g_string_append(o, "\r\n");
}

void
office_report_csv(FILE *fp, const struct office_report *r)
{
	GString	*o = g_string_new("unit,messages");

	for (size_t i = 0; i < G_N_ELEMENTS(outcomes); i++)
		g_string_append_printf(o, ",%s", action_name(outcomes[i]));
	g_string_append(o, ",cases");
	for (size_t i = 0; i < G_N_ELEMENTS(case_kinds); i++)
		g_string_append_printf(o, ",cases_%s",
		    kind_name(case_kinds[i]));
	for (int s = 0; s < ORS__COUNT; s++)
		g_string_append_printf(o, ",state_%s",
		    office_report_state_name(s));
	g_string_append(o, ",sims_requested,sims_pending,sims_forwarded,"
	    "sims_activated,sims_refused,errors,top_errors,replies,"
	    "reply_median_s,reply_p90_s,closed,done_median_s,done_p90_s\r\n");
	for (size_t u = 0; u < r->nunits; u++)
		csv_row(o, r->units[u].name, &r->units[u].f);
	csv_row(o, "Tổng cộng", &r->total);
	fwrite(o->str, 1, o->len, fp);
	g_string_free(o, TRUE);
}

static void
json_times(JsonBuilder *b, const char *name,
    const struct office_report_times *t)
{
	json_builder_set_member_name(b, name);
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "count");
	json_builder_add_int_value(b, (gint64)t->n);
	json_builder_set_member_name(b, "median");
	if (t->n > 0)
		json_builder_add_int_value(b, (gint64)llround(t->median));
	else
		json_builder_add_null_value(b);
	json_builder_set_member_name(b, "p90");
	if (t->n > 0)
		json_builder_add_int_value(b, (gint64)llround(t->p90));
	else
		json_builder_add_null_value(b);
	json_builder_end_object(b);
}

#define MEMBER_INT(b, name, v) do {					\
	json_builder_set_member_name((b), (name));			\
	json_builder_add_int_value((b), (gint64)(v));			\
} while (0)

static void
json_figures(JsonBuilder *b, const struct office_report_figures *f)
{
	int	 top[OFFICE_REPORT_TOP_ERRORS];
	size_t	 ntop;

	MEMBER_INT(b, "messages", f->messages);
	json_builder_set_member_name(b, "outcomes");
	json_builder_begin_object(b);
	for (size_t i = 0; i < G_N_ELEMENTS(outcomes); i++)
		MEMBER_INT(b, action_name(outcomes[i]),
		    f->by_action[outcomes[i]]);
	json_builder_end_object(b);
	MEMBER_INT(b, "cases", f->cases);
	json_builder_set_member_name(b, "cases_by_kind");
	json_builder_begin_object(b);
	for (size_t i = 0; i < G_N_ELEMENTS(case_kinds); i++)
		MEMBER_INT(b, kind_name(case_kinds[i]),
		    f->cases_by_kind[case_kinds[i]]);
	json_builder_end_object(b);
	json_builder_set_member_name(b, "cases_by_state");
	json_builder_begin_object(b);
	for (int s = 0; s < ORS__COUNT; s++)
		MEMBER_INT(b, office_report_state_name(s),
		    f->cases_by_state[s]);
	json_builder_end_object(b);
	json_builder_set_member_name(b, "sims");
	json_builder_begin_object(b);
	MEMBER_INT(b, "requested", f->sims_requested);
	MEMBER_INT(b, "pending", f->sims_pending);
	MEMBER_INT(b, "forwarded", f->sims_forwarded);
	MEMBER_INT(b, "activated", f->sims_activated);
	MEMBER_INT(b, "refused", f->sims_refused);
	json_builder_end_object(b);
	MEMBER_INT(b, "errors", f->errors);
	json_builder_set_member_name(b, "top_errors");
	json_builder_begin_array(b);
	ntop = office_report_top_errors(f, top, OFFICE_REPORT_TOP_ERRORS);
	for (size_t i = 0; i < ntop; i++) {
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "code");
		json_builder_add_string_value(b, code_name(top[i]));
		MEMBER_INT(b, "count", f->error_counts[top[i]]);
		json_builder_set_member_name(b, "text");
		json_builder_add_string_value(b, texts_vi_code(top[i]));
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_times(b, "reply_seconds", &f->reply);
	json_times(b, "done_seconds", &f->done);
}

void
office_report_json(FILE *fp, const struct office_report *r)
{
	JsonBuilder	*b = json_builder_new();
	JsonGenerator	*g = json_generator_new();
	JsonNode	*root;
	char		*s;

	json_builder_begin_object(b);
	json_builder_set_member_name(b, "period");
	json_builder_add_string_value(b, r->label);
	json_builder_set_member_name(b, "from");
	json_builder_add_string_value(b, r->from);
	json_builder_set_member_name(b, "to");
	json_builder_add_string_value(b, r->to);
	json_builder_set_member_name(b, "first_day");
	json_builder_add_string_value(b, r->first_day);
	json_builder_set_member_name(b, "last_day");
	json_builder_add_string_value(b, r->last_day);
	json_builder_set_member_name(b, "generated_at");
	json_builder_add_string_value(b, r->now);
	MEMBER_INT(b, "ignored", r->ignored);
	json_builder_set_member_name(b, "total");
	json_builder_begin_object(b);
	json_figures(b, &r->total);
	json_builder_end_object(b);
	json_builder_set_member_name(b, "units");
	json_builder_begin_array(b);
	for (size_t u = 0; u < r->nunits; u++) {
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "unit");
		json_builder_add_string_value(b, r->units[u].name);
		json_figures(b, &r->units[u].f);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_set_member_name(b, "weeks");
	json_builder_begin_array(b);
	for (size_t w = 0; w < r->nweeks; w++) {
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "start");
		json_builder_add_string_value(b, r->weeks[w].start);
		for (size_t i = 0; i < G_N_ELEMENTS(outcomes); i++)
			MEMBER_INT(b, action_name(outcomes[i]),
			    r->weeks[w].by_action[outcomes[i]]);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	MEMBER_INT(b, "open_total", r->open_total);
	json_builder_set_member_name(b, "open_cases");
	json_builder_begin_array(b);
	for (size_t i = 0; i < r->nopen; i++) {
		const struct office_report_open *c = &r->open[i];

		json_builder_begin_object(b);
		json_builder_set_member_name(b, "number");
		json_builder_add_string_value(b, c->number);
		json_builder_set_member_name(b, "unit");
		json_builder_add_string_value(b, c->unit);
		json_builder_set_member_name(b, "state");
		json_builder_add_string_value(b, c->state);
		json_builder_set_member_name(b, "kind");
		json_builder_add_string_value(b, c->kind >= 0 ?
		    kind_name(c->kind) : "unknown");
		json_builder_set_member_name(b, "opened_at");
		json_builder_add_string_value(b, c->opened_at);
		MEMBER_INT(b, "age_days", (gint64)floor(c->age_days));
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	root = json_builder_get_root(b);
	json_generator_set_root(g, root);
	s = json_generator_to_data(g, NULL);
	fprintf(fp, "%s\n", s);
	g_free(s);
	json_node_unref(root);
	g_object_unref(g);
	g_object_unref(b);
}
