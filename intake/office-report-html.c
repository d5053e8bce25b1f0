/* office-report-html.c: the report as one HTML page that needs nothing
 * else: inline CSS, an SVG chart drawn here, no script, no font or image
 * fetched; it prints on A4. Every text from the store is escaped. */
#include <math.h>
#include <string.h>

#include <glib.h>

#include "intake/office-report.h"
#include "outbox/texts-vi.h"

static const int outcomes[] = { ACTION_QUEUE, ACTION_REJECT,
    ACTION_REDIRECT, ACTION_MANUAL };
/* One colour an outcome, told apart in grey print too. */
static const char *const colours[] = { "#2e7d32", "#c62828", "#1565c0",
    "#f9a825" };

static const char css[] =
    "@page{size:A4 portrait;margin:15mm 12mm}"
    "body{font-family:'Times New Roman','Liberation Serif',serif;"
    "font-size:12pt;color:#111;max-width:190mm;margin:0 auto;padding:8px}"
    "h1{font-size:15pt;text-align:center;margin:0 0 4px}"
    "h2{font-size:13pt;margin:18px 0 6px;border-bottom:1px solid #999}"
    "p.period{text-align:center;margin:0 0 12px}"
    "table{border-collapse:collapse;width:100%;font-size:9pt}"
    "th,td{border:1px solid #888;padding:2px 3px;vertical-align:top}"
    "#units th{font-size:8pt;font-weight:bold}"
    "#units .u{width:26%}"
    "th{background:#eee}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}"
    "tr.total td{font-weight:bold;background:#f6f6f6}"
    "svg{width:100%;height:auto}"
    ".legend span{display:inline-block;margin-right:14px}"
    ".legend i{display:inline-block;width:12px;height:12px;"
    "margin-right:4px;vertical-align:-1px}"
    "@media print{body{max-width:none;padding:0}"
    "h2{break-after:avoid}tr,svg{break-inside:avoid}"
    "th{background:#eee;-webkit-print-color-adjust:exact;"
    "print-color-adjust:exact}"
    "rect,.legend i{-webkit-print-color-adjust:exact;"
    "print-color-adjust:exact}}";

static void	 esc(GString *, const char *);
static void	 num_cell(GString *, size_t);
static void	 hours_cell(GString *, const struct office_report_times *,
		    bool);
static void	 chart(GString *, const struct office_report *);
static void	 unit_tr(GString *, const char *,
		    const struct office_report_figures *, bool);

static void
esc(GString *o, const char *s)
{
	char *e = g_markup_escape_text(s != NULL ? s : "", -1);

	g_string_append(o, e);
	g_free(e);
}

static void
num_cell(GString *o, size_t n)
{
	g_string_append_printf(o, "<td class=\"n\">%zu</td>", n);
}

/* Hours with one decimal, "–" when there is nothing to measure. */
static void
hours_cell(GString *o, const struct office_report_times *t, bool p90)
{
	if (t->n == 0)
		g_string_append(o, "<td class=\"n\">–</td>");
	else
		g_string_append_printf(o, "<td class=\"n\">%.1f</td>",
		    (p90 ? t->p90 : t->median) / 3600);
}

/*
 * Weekly volume by outcome, stacked bars: one <g class="series"
 * data-outcome="…"> an outcome, each holding one <rect> a week (a week
 * without mail gets a bar of height 0), so the page can be checked as
 * well as read.
 */
static void
chart(GString *o, const struct office_report *r)
{
	const double	 W = 720, H = 260, left = 40, bottom = 40, top = 10;
	double		 plot_w = W - left - 10, plot_h = H - top - bottom;
	double		 slot, bar;
	size_t		 max = 0, step, *base;

	for (size_t w = 0; w < r->nweeks; w++) {
		size_t s = 0;

		for (size_t i = 0; i < G_N_ELEMENTS(outcomes); i++)
			s += r->weeks[w].by_action[outcomes[i]];
		max = MAX(max, s);
	}
	/* a round top for the axis: 1, 2, 5, 10, 20, 50 … */
	for (size_t p = 1;; p *= 10) {
		if ((step = p) * 5 >= max || (step = 2 * p) * 5 >= max ||
		    (step = 5 * p) * 5 >= max)
			break;
	}
	max = max == 0 ? 5 : (max + step - 1) / step * step;
	slot = plot_w / (double)MAX(r->nweeks, 1);
	bar = MAX(slot * 0.75, 1);

	g_string_append_printf(o, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"Số thư "
	    "nhận theo tuần và kết quả xử lý\">\n", W, H);
	for (size_t v = 0; v <= max; v += step) {
		double y = top + plot_h - plot_h * (double)v / (double)max;

		g_string_append_printf(o, "<line x1=\"%.1f\" x2=\"%.1f\" "
		    "y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ccc\" "
		    "stroke-width=\"0.5\"/><text x=\"%.1f\" y=\"%.1f\" "
		    "font-size=\"10\" text-anchor=\"end\">%zu</text>\n",
		    left, W - 10, y, y, left - 4, y + 3, v);
	}
	base = g_new0(size_t, r->nweeks + 1);
	for (size_t i = 0; i < G_N_ELEMENTS(outcomes); i++) {
		g_string_append_printf(o, "<g class=\"series\" "
		    "data-outcome=\"%s\" fill=\"%s\">\n",
		    action_name(outcomes[i]), colours[i]);
		for (size_t w = 0; w < r->nweeks; w++) {
			size_t	 n = r->weeks[w].by_action[outcomes[i]];
			double	 h = plot_h * (double)n / (double)max;
			double	 y = top + plot_h - plot_h *
				    (double)(base[w] + n) / (double)max;

			g_string_append_printf(o, "<rect x=\"%.1f\" "
			    "y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
			    "data-week=\"%s\" data-count=\"%zu\"><title>"
			    "%s, tuần từ %s: %zu</title></rect>\n",
			    left + slot * (double)w + (slot - bar) / 2, y, bar,
			    h, r->weeks[w].start, n,
			    office_report_action_vi(outcomes[i]),
			    r->weeks[w].start, n);
			base[w] += n;
		}
		g_string_append(o, "</g>\n");
	}
	g_free(base);
	/* a date under every fourth week, dd/mm */
	for (size_t w = 0; w < r->nweeks; w += 4)
		g_string_append_printf(o, "<text x=\"%.1f\" y=\"%.1f\" "
		    "font-size=\"10\" text-anchor=\"middle\">%.2s/%.2s"
		    "</text>\n",
		    left + slot * (double)w + slot / 2, H - bottom + 14,
		    r->weeks[w].start + 8, r->weeks[w].start + 5);
	g_string_append_printf(o, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" "
	    "y2=\"%.1f\" stroke=\"#333\"/>\n", left, W - 10, top + plot_h,
	    top + plot_h);
	g_string_append(o, "</svg>\n<p class=\"legend\">");
	for (size_t i = 0; i < G_N_ELEMENTS(outcomes); i++)
		g_string_append_printf(o, "<span><i style=\"background:%s\">"
		    "</i>%s</span>", colours[i],
		    office_report_action_vi(outcomes[i]));
	g_string_append(o, "</p>\n");
}

static void
unit_tr(GString *o, const char *name, const struct office_report_figures *f,
    bool total)
{
	g_string_append(o, total ? "<tr class=\"total\"><td class=\"u\">" :
	    "<tr class=\"unit\"><td class=\"u\">");
	esc(o, name);
	g_string_append(o, "</td>");
	num_cell(o, f->messages);
	for (size_t i = 0; i < G_N_ELEMENTS(outcomes); i++)
		num_cell(o, f->by_action[outcomes[i]]);
	num_cell(o, f->cases);
	num_cell(o, f->sims_requested);
	num_cell(o, f->sims_forwarded);
	num_cell(o, f->sims_activated);
	num_cell(o, f->sims_refused);
	num_cell(o, f->errors);
	hours_cell(o, &f->reply, false);
	hours_cell(o, &f->reply, true);
	hours_cell(o, &f->done, false);
	hours_cell(o, &f->done, true);
	g_string_append(o, "</tr>\n");
}

void
office_report_html(FILE *fp, const struct office_report *r, GTimeZone *zone)
{
	GString	*o = g_string_new(NULL);
	int	 top[OFFICE_REPORT_TOP_ERRORS];
	size_t	 ntop;

	g_string_append(o, "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width\">\n<title>Báo cáo ");
	esc(o, r->label);
	g_string_append_printf(o, "</title>\n<style>%s</style>\n</head>\n"
	    "<body>\n<h1>BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ XỬ LÝ ĐỀ NGHỊ "
	    "CHỨNG THƯ SỐ</h1>\n<p class=\"period\">Kỳ báo cáo: ", css);
	esc(o, r->label);
	g_string_append_printf(o, " (từ %.2s/%.2s/%.4s đến %.2s/%.2s/%.4s)"
	    "</p>\n", r->first_day + 8, r->first_day + 5, r->first_day,
	    r->last_day + 8, r->last_day + 5, r->last_day);

	g_string_append_printf(o, "<h2>I. Tổng hợp</h2>\n<p>Thư nhận: "
	    "<b>%zu</b>", r->total.messages);
	for (size_t i = 0; i < G_N_ELEMENTS(outcomes); i++)
		g_string_append_printf(o, "%s%s %zu", i ? ", " : " (",
		    office_report_action_vi(outcomes[i]),
		    r->total.by_action[outcomes[i]]);
	g_string_append_printf(o, "); thư không tính là đề nghị (tự động, "
	    "báo lỗi gửi, trùng, trao đổi trong hồ sơ): %zu. Hồ sơ mở trong "
	    "kỳ: <b>%zu</b>. SIM ký số: đề "
	    "nghị %zu, chờ Cục kích hoạt %zu, đã kích hoạt %zu, bị từ chối "
	    "%zu, chưa chuyển Cục %zu.</p>\n", r->ignored, r->total.cases,
	    r->total.sims_requested, r->total.sims_forwarded,
	    r->total.sims_activated, r->total.sims_refused,
	    r->total.sims_pending);

	g_string_append(o, "<h2>II. Số thư nhận theo tuần</h2>\n");
	chart(o, r);

	g_string_append(o, "<h2>III. Theo đơn vị</h2>\n<table "
	    "id=\"units\">\n<thead><tr><th rowspan=\"2\" class=\"u\">Đơn vị"
	    "</th>"
	    "<th rowspan=\"2\">Thư</th>");
	for (size_t i = 0; i < G_N_ELEMENTS(outcomes); i++)
		g_string_append_printf(o, "<th rowspan=\"2\">%s</th>",
		    office_report_action_vi(outcomes[i]));
	g_string_append(o, "<th rowspan=\"2\">Hồ sơ</th><th colspan=\"4\">"
	    "SIM ký số</th><th rowspan=\"2\">Lỗi</th><th colspan=\"2\">Trả "
	    "lời đầu tiên (giờ)</th><th colspan=\"2\">Xử lý xong (giờ)</th>"
	    "</tr>\n<tr><th>Đề nghị</th><th>Chờ Cục kích hoạt</th><th>Đã kích "
	    "hoạt</th><th>Từ chối</th><th>Trung vị</th><th>90%</th>"
	    "<th>Trung vị</th><th>90%</th></tr></thead>\n<tbody>\n");
	for (size_t u = 0; u < r->nunits; u++)
		unit_tr(o, r->units[u].name, &r->units[u].f, false);
	unit_tr(o, "Tổng cộng", &r->total, true);
	g_string_append(o, "</tbody>\n</table>\n");

	g_string_append(o, "<h2>IV. Lỗi thường gặp</h2>\n");
	ntop = office_report_top_errors(&r->total, top,
	    OFFICE_REPORT_TOP_ERRORS);
	if (ntop == 0)
		g_string_append(o, "<p>Không có.</p>\n");
	else {
		g_string_append(o, "<table id=\"errors\">\n<thead><tr><th>"
		    "Lỗi</th><th>Mã</th><th>Số lần</th></tr></thead>\n"
		    "<tbody>\n");
		for (size_t i = 0; i < ntop; i++) {
			g_string_append(o, "<tr><td>");
			esc(o, texts_vi_code(top[i]));
			g_string_append_printf(o, "</td><td>%s</td>",
			    code_name(top[i]));
			num_cell(o, r->total.error_counts[top[i]]);
			g_string_append(o, "</tr>\n");
		}
		g_string_append(o, "</tbody>\n</table>\n");
	}

	g_string_append_printf(o, "<h2>V. Hồ sơ chưa xử lý xong lâu nhất "
	    "(%zu hồ sơ đang mở)</h2>\n", r->open_total);
	if (r->nopen == 0)
		g_string_append(o, "<p>Không có.</p>\n");
	else {
		g_string_append(o, "<table id=\"open\">\n<thead><tr><th>Số hồ "
		    "sơ</th><th>Đơn vị</th><th>Loại</th><th>Tình trạng</th>"
		    "<th>Mở lúc</th><th>Số ngày</th></tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < r->nopen; i++) {
			const struct office_report_open *c = &r->open[i];
			GDateTime	*t, *l;
			int		 st;

			for (st = 0; st < ORS__COUNT; st++)
				if (strcmp(c->state,
				    office_report_state_name(st)) == 0)
					break;
			g_string_append(o, "<tr><td>");
			esc(o, c->number);
			g_string_append(o, "</td><td>");
			esc(o, c->unit);
			g_string_append(o, "</td><td>");
			esc(o, office_report_kind_vi(c->kind));
			g_string_append(o, "</td><td>");
			esc(o, st < ORS__COUNT ? office_report_state_vi(st) :
			    c->state);
			g_string_append(o, "</td><td>");
			t = g_date_time_new_from_iso8601(c->opened_at, NULL);
			if (t != NULL) {
				char *s;

				l = g_date_time_to_timezone(t, zone);
				s = g_date_time_format(l, "%d/%m/%Y %H:%M");
				esc(o, s);
				g_free(s);
				g_date_time_unref(l);
				g_date_time_unref(t);
			} else
				esc(o, c->opened_at);
			g_string_append(o, "</td>");
			num_cell(o, (size_t)floor(c->age_days));
			g_string_append(o, "</tr>\n");
		}
		g_string_append(o, "</tbody>\n</table>\n");
	}
	g_string_append(o, "<p style=\"font-size:9pt;color:#555\">Số liệu "
	    "tính đến ");
	{
		GDateTime	*t = g_date_time_new_from_iso8601(r->now, NULL);
		GDateTime	*l;
		char		*s;

		if (t != NULL) {
			l = g_date_time_to_timezone(t, zone);
			s = g_date_time_format(l, "%H:%M ngày %d/%m/%Y "
			    "(UTC%:::z)");
			esc(o, s);
			g_free(s);
			g_date_time_unref(l);
			g_date_time_unref(t);
		} else
			esc(o, r->now);
	}
	g_string_append(o, ". Thời gian trả lời: từ khi nhận thư đến "
	    "khi thư trả lời tự động đầu tiên được gửi; xử lý xong: từ khi "
	    "mở hồ sơ đến khi hồ sơ được đóng.</p>\n</body>\n</html>\n");
	fwrite(o->str, 1, o->len, fp);
	g_string_free(o, TRUE);
}
