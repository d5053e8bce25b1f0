/* office-report-xlsx.c: the report as an Excel workbook (libxlsxwriter),
 * for the office to file and to merge into its own six-monthly report.
 * Written beside its name and renamed into place: never half a file. */
#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "intake/office-report.h"
#include "outbox/texts-vi.h"

static const int outcomes[] = { ACTION_QUEUE, ACTION_REJECT,
    ACTION_REDIRECT, ACTION_MANUAL };
static const int case_kinds[] = { KIND_SIM_ACTIVATION, KIND_ETOKEN_RECOVERY,
    KIND_SIM_RECOVERY, KIND_CERT_REQUEST, KIND_HANDOVER, KIND_REPORT,
    KIND_UNKNOWN };

struct formats {
	lxw_format	*head, *text, *num, *hours, *bold;
	lxw_format	*when;		/* a date and time: dd/mm/yyyy hh:mm */
};

static void	 unit_row(lxw_worksheet *, lxw_row_t, const char *,
		    const struct office_report_figures *,
		    const struct formats *, bool);
static void	 hours(lxw_worksheet *, lxw_row_t, lxw_col_t *,
		    const struct office_report_times *, lxw_format *);
static int	 office_time(const char *, GTimeZone *, lxw_datetime *);
static char	*vn_day(const char *);
static int	 write_book(const char *, const struct office_report *,
		    GTimeZone *, char **);

static void
hours(lxw_worksheet *ws, lxw_row_t r, lxw_col_t *c,
    const struct office_report_times *t, lxw_format *f)
{
	worksheet_write_number(ws, r, (*c)++, (double)t->n, NULL);
	if (t->n > 0) {
		worksheet_write_number(ws, r, (*c)++, t->median / 3600, f);
		worksheet_write_number(ws, r, (*c)++, t->p90 / 3600, f);
	} else
		*c += 2;
}

static void
unit_row(lxw_worksheet *ws, lxw_row_t r, const char *name,
    const struct office_report_figures *f, const struct formats *fm,
    bool bold)
{
	lxw_col_t	 c = 0;
	int		 top[OFFICE_REPORT_TOP_ERRORS];
	size_t		 ntop;
	GString		*e = g_string_new(NULL);

	worksheet_write_string(ws, r, c++, name, bold ? fm->bold : fm->text);
	worksheet_write_number(ws, r, c++, (double)f->messages, NULL);
	for (size_t i = 0; i < G_N_ELEMENTS(outcomes); i++)
		worksheet_write_number(ws, r, c++,
		    (double)f->by_action[outcomes[i]], NULL);
	worksheet_write_number(ws, r, c++, (double)f->cases, NULL);
	for (size_t i = 0; i < G_N_ELEMENTS(case_kinds); i++)
		worksheet_write_number(ws, r, c++,
		    (double)f->cases_by_kind[case_kinds[i]], NULL);
	for (int s = 0; s < ORS__COUNT; s++)
		worksheet_write_number(ws, r, c++,
		    (double)f->cases_by_state[s], NULL);
	worksheet_write_number(ws, r, c++, (double)f->sims_requested, NULL);
	worksheet_write_number(ws, r, c++, (double)f->sims_pending, NULL);
	worksheet_write_number(ws, r, c++, (double)f->sims_forwarded, NULL);
	worksheet_write_number(ws, r, c++, (double)f->sims_activated, NULL);
	worksheet_write_number(ws, r, c++, (double)f->sims_refused, NULL);
	worksheet_write_number(ws, r, c++, (double)f->errors, NULL);
	ntop = office_report_top_errors(f, top, 3);
	for (size_t i = 0; i < ntop; i++)
		g_string_append_printf(e, "%s%s (%zu)", i ? "; " : "",
		    code_name(top[i]), f->error_counts[top[i]]);
	worksheet_write_string(ws, r, c++, e->str, fm->text);
	g_string_free(e, TRUE);
	hours(ws, r, &c, &f->reply, fm->hours);
	hours(ws, r, &c, &f->done, fm->hours);
}

static int
write_book(const char *path, const struct office_report *r, GTimeZone *zone,
    char **cause)
{
	lxw_workbook	*wb;
	lxw_worksheet	*ws;
	struct formats	 fm;
	lxw_col_t	 c;
	lxw_error	 err;
	lxw_row_t	 row;
	int		 top[OFFICE_REPORT_TOP_ERRORS];
	size_t		 ntop;
	char		*s;

	if ((wb = workbook_new(path)) == NULL) {
		*cause = g_strdup_printf("%s: cannot create the workbook",
		    path);
		return (-1);
	}
	fm.head = workbook_add_format(wb);
	format_set_bold(fm.head);
	format_set_text_wrap(fm.head);
	format_set_align(fm.head, LXW_ALIGN_CENTER);
	format_set_align(fm.head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_border(fm.head, LXW_BORDER_THIN);
	fm.text = workbook_add_format(wb);
	format_set_text_wrap(fm.text);
	fm.bold = workbook_add_format(wb);
	format_set_bold(fm.bold);
	fm.num = NULL;
	fm.hours = workbook_add_format(wb);
	format_set_num_format(fm.hours, "0.00");
	fm.when = workbook_add_format(wb);
	format_set_num_format(fm.when, "dd/mm/yyyy hh:mm");

	/* Tổng hợp: the period and the total, as the report's first page. */
	ws = workbook_add_worksheet(wb, "Tổng hợp");
	worksheet_set_column(ws, 0, 0, 48, NULL);
	worksheet_set_column(ws, 1, 1, 14, NULL);
	worksheet_write_string(ws, 0, 0, "BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ XỬ "
	    "LÝ ĐỀ NGHỊ CHỨNG THƯ SỐ", fm.bold);
	{
		/* the days as the text and HTML reports write them */
		char *a = vn_day(r->first_day), *b = vn_day(r->last_day);

		s = g_strdup_printf("Kỳ báo cáo: %s (từ %s đến %s)", r->label,
		    a, b);
		g_free(a);
		g_free(b);
	}
	worksheet_write_string(ws, 1, 0, s, NULL);
	g_free(s);
	row = 3;
#define LINE(label, v) do {						\
	worksheet_write_string(ws, row, 0, (label), NULL);		\
	worksheet_write_number(ws, row++, 1, (double)(v), NULL);	\
} while (0)
	LINE("Thư nhận", r->total.messages);
	for (size_t i = 0; i < G_N_ELEMENTS(outcomes); i++)
		LINE(office_report_action_vi(outcomes[i]),
		    r->total.by_action[outcomes[i]]);
	LINE("Thư không tính là đề nghị (tự động, báo lỗi gửi, trùng, trao "
	    "đổi trong hồ sơ)", r->ignored);
	LINE("Hồ sơ mở trong kỳ", r->total.cases);
	LINE("SIM đề nghị kích hoạt", r->total.sims_requested);
	LINE("SIM chờ Cục kích hoạt", r->total.sims_forwarded);
	LINE("SIM đã kích hoạt", r->total.sims_activated);
	LINE("SIM bị từ chối", r->total.sims_refused);
	LINE("SIM chưa chuyển Cục", r->total.sims_pending);
	LINE("Lỗi phát hiện", r->total.errors);
	LINE("Hồ sơ đang mở", r->open_total);
#undef LINE

	/* Đơn vị: one row a unit, then the total; as the CSV. */
	ws = workbook_add_worksheet(wb, "Đơn vị");
	c = 0;
	worksheet_write_string(ws, 0, c++, "Đơn vị", fm.head);
	worksheet_write_string(ws, 0, c++, "Thư nhận", fm.head);
	for (size_t i = 0; i < G_N_ELEMENTS(outcomes); i++)
		worksheet_write_string(ws, 0, c++,
		    office_report_action_vi(outcomes[i]), fm.head);
	worksheet_write_string(ws, 0, c++, "Hồ sơ", fm.head);
	for (size_t i = 0; i < G_N_ELEMENTS(case_kinds); i++)
		worksheet_write_string(ws, 0, c++,
		    office_report_kind_vi(case_kinds[i]), fm.head);
	for (int st = 0; st < ORS__COUNT; st++)
		worksheet_write_string(ws, 0, c++, office_report_state_vi(st),
		    fm.head);
	worksheet_write_string(ws, 0, c++, "SIM đề nghị", fm.head);
	worksheet_write_string(ws, 0, c++, "SIM chưa chuyển Cục", fm.head);
	worksheet_write_string(ws, 0, c++, "SIM chờ Cục kích hoạt",
	    fm.head);
	worksheet_write_string(ws, 0, c++, "SIM đã kích hoạt", fm.head);
	worksheet_write_string(ws, 0, c++, "SIM bị từ chối", fm.head);
	worksheet_write_string(ws, 0, c++, "Lỗi", fm.head);
	worksheet_write_string(ws, 0, c++, "Lỗi thường gặp", fm.head);
	worksheet_write_string(ws, 0, c++, "Thư đã trả lời", fm.head);
	worksheet_write_string(ws, 0, c++, "Trả lời đầu tiên: trung vị (giờ)",
	    fm.head);
	worksheet_write_string(ws, 0, c++, "Trả lời đầu tiên: 90% (giờ)",
	    fm.head);
	worksheet_write_string(ws, 0, c++, "Hồ sơ đã xong", fm.head);
	worksheet_write_string(ws, 0, c++, "Xử lý xong: trung vị (giờ)",
	    fm.head);
	worksheet_write_string(ws, 0, c++, "Xử lý xong: 90% (giờ)", fm.head);
	worksheet_set_column(ws, 0, 0, 36, NULL);
	worksheet_set_column(ws, 1, c - 1, 11, NULL);
	worksheet_set_row(ws, 0, 60, NULL);
	worksheet_freeze_panes(ws, 1, 1);
	for (size_t u = 0; u < r->nunits; u++)
		unit_row(ws, (lxw_row_t)u + 1, r->units[u].name,
		    &r->units[u].f, &fm, false);
	unit_row(ws, (lxw_row_t)r->nunits + 1, "Tổng cộng", &r->total, &fm,
	    true);
	worksheet_set_paper(ws, 9);		/* A4 */
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, 0, 0);

	ws = workbook_add_worksheet(wb, "Lỗi thường gặp");
	worksheet_write_string(ws, 0, 0, "Mã lỗi", fm.head);
	worksheet_write_string(ws, 0, 1, "Nội dung", fm.head);
	worksheet_write_string(ws, 0, 2, "Số lần", fm.head);
	worksheet_set_column(ws, 0, 0, 26, NULL);
	worksheet_set_column(ws, 1, 1, 70, NULL);
	ntop = office_report_top_errors(&r->total, top,
	    OFFICE_REPORT_TOP_ERRORS);
	for (size_t i = 0; i < ntop; i++) {
		worksheet_write_string(ws, (lxw_row_t)i + 1, 0,
		    code_name(top[i]), NULL);
		worksheet_write_string(ws, (lxw_row_t)i + 1, 1,
		    texts_vi_code(top[i]), fm.text);
		worksheet_write_number(ws, (lxw_row_t)i + 1, 2,
		    (double)r->total.error_counts[top[i]], NULL);
	}

	ws = workbook_add_worksheet(wb, "Theo tuần");
	worksheet_write_string(ws, 0, 0, "Tuần từ ngày", fm.head);
	for (size_t i = 0; i < G_N_ELEMENTS(outcomes); i++)
		worksheet_write_string(ws, 0, (lxw_col_t)i + 1,
		    office_report_action_vi(outcomes[i]), fm.head);
	worksheet_set_column(ws, 0, 4, 16, NULL);
	for (size_t w = 0; w < r->nweeks; w++) {
		worksheet_write_string(ws, (lxw_row_t)w + 1, 0,
		    r->weeks[w].start, NULL);
		for (size_t i = 0; i < G_N_ELEMENTS(outcomes); i++)
			worksheet_write_number(ws, (lxw_row_t)w + 1,
			    (lxw_col_t)i + 1,
			    (double)r->weeks[w].by_action[outcomes[i]], NULL);
	}

	ws = workbook_add_worksheet(wb, "Hồ sơ đang mở");
	worksheet_write_string(ws, 0, 0, "Số hồ sơ", fm.head);
	worksheet_write_string(ws, 0, 1, "Đơn vị", fm.head);
	worksheet_write_string(ws, 0, 2, "Loại", fm.head);
	worksheet_write_string(ws, 0, 3, "Tình trạng", fm.head);
	worksheet_write_string(ws, 0, 4, "Mở lúc", fm.head);
	worksheet_write_string(ws, 0, 5, "Số ngày", fm.head);
	worksheet_set_column(ws, 0, 0, 16, NULL);
	worksheet_set_column(ws, 1, 3, 30, NULL);
	worksheet_set_column(ws, 4, 4, 22, NULL);
	for (size_t i = 0; i < r->nopen; i++) {
		const struct office_report_open *o = &r->open[i];
		lxw_row_t rr = (lxw_row_t)i + 1;
		int st;
		char *at;
		lxw_datetime dt;

		for (st = 0; st < ORS__COUNT; st++)
			if (strcmp(o->state, office_report_state_name(st)) == 0)
				break;
		worksheet_write_string(ws, rr, 0, o->number, NULL);
		worksheet_write_string(ws, rr, 1, o->unit, fm.text);
		worksheet_write_string(ws, rr, 2,
		    office_report_kind_vi(o->kind), fm.text);
		worksheet_write_string(ws, rr, 3, st < ORS__COUNT ?
		    office_report_state_vi(st) : o->state, NULL);
		/* the office's time, as the text and html reports, as a
		 * date and time a spreadsheet sorts and filters (trial 3) */
		if (office_time(o->opened_at, zone, &dt) == 0)
			worksheet_write_datetime(ws, rr, 4, &dt, fm.when);
		else {
			at = office_report_minute(o->opened_at, zone);
			worksheet_write_string(ws, rr, 4, at, NULL);
			g_free(at);
		}
		worksheet_write_number(ws, rr, 5, floor(o->age_days), NULL);
	}

	if ((err = workbook_close(wb)) != LXW_NO_ERROR) {
		*cause = g_strdup_printf("%s: %s", path, lxw_strerror(err));
		return (-1);
	}
	return (0);
}


/* The store's time ts (RFC 3339) at the office, in zone, as a cell's
 * date and time (to the second; shown to the minute): 0, or -1 when ts
 * is not one. */
static int
office_time(const char *ts, GTimeZone *zone, lxw_datetime *dt)
{
	GDateTime	*t, *l;

	if (ts == NULL || (t = g_date_time_new_from_iso8601(ts, NULL)) ==
	    NULL)
		return (-1);
	l = g_date_time_to_timezone(t, zone);
	memset(dt, 0, sizeof(*dt));
	g_date_time_get_ymd(l, &dt->year, &dt->month, &dt->day);
	dt->hour = g_date_time_get_hour(l);
	dt->min = g_date_time_get_minute(l);
	dt->sec = g_date_time_get_second(l);
	g_date_time_unref(l);
	g_date_time_unref(t);
	return (0);
}

/* "2024-06-30" as "30/06/2024" (g_free); as it is when it is not one. */
static char *
vn_day(const char *day)
{
	int	y, m, d;
	char	end;

	if (day == NULL || sscanf(day, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3)
		return (g_strdup(day != NULL ? day : ""));
	return (g_strdup_printf("%02d/%02d/%04d", d, m, y));
}

int
office_report_xlsx(const char *path, const struct office_report *r,
    GTimeZone *zone, char **cause)
{
	char	*tmp = g_strdup_printf("%s.tmp%ld", path, (long)getpid());
	int	 rc = -1;

	if (write_book(tmp, r, zone, cause) == -1)
		goto out;
	if (g_rename(tmp, path) == -1) {
		*cause = g_strdup_printf("%s: %s", path, g_strerror(errno));
		goto out;
	}
	rc = 0;
out:
	g_unlink(tmp);
	g_free(tmp);
	return (rc);
}
