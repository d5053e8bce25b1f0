/* cmd-report.c: hotrocks report, the office's six-monthly and yearly
 * report (letter 1871-CV/VPTU, section 4). It reads the store, never
 * writes it; an output file appears whole or not at all. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "intake/cli.h"
#include "intake/office-report.h"
#include "lib/log.h"
#include "lib/zone.h"

struct report_opts {
	const char	*from, *to, *period, *format, *out, *html, *at;
};

static void	 on_option(int, const char *, void *);
static int	 write_to(const char *, const struct office_report *,
		    const char *, GTimeZone *);
static void	 print(FILE *, const struct office_report *, const char *,
		    GTimeZone *);

static void
on_option(int ch, const char *arg, void *ctx)
{
	struct report_opts *o = ctx;

	switch (ch) {
	case 'f':
		o->from = arg;
		break;
	case 't':
		o->to = arg;
		break;
	case 'p':
		o->period = arg;
		break;
	case 'm':
		o->format = arg;
		break;
	case 'o':
		o->out = arg;
		break;
	case 'L':
		o->html = arg;
		break;
	case 'T':
		o->at = arg;
		break;
	}
}

static void
print(FILE *fp, const struct office_report *r, const char *format,
    GTimeZone *zone)
{
	if (strcmp(format, "csv") == 0)
		office_report_csv(fp, r);
	else if (strcmp(format, "json") == 0)
		office_report_json(fp, r);
	else if (strcmp(format, "html") == 0)
		office_report_html(fp, r, zone);
	else
		office_report_text(fp, r, zone);
}

/* Into a temporary file beside path, then renamed: a reader never sees
 * half a report. The exit code. */
static int
write_to(const char *path, const struct office_report *r,
    const char *format, GTimeZone *zone)
{
	char	*tmp, *cause = NULL;
	FILE	*fp;
	int	 fd, rc = EX_CANTCREAT;

	if (strcmp(format, "xlsx") == 0) {
		if (office_report_xlsx(path, r, zone, &cause) == -1) {
			log_error("%s", cause);
			g_free(cause);
			return (EX_CANTCREAT);
		}
		return (EX_OK);
	}
	tmp = g_strdup_printf("%s.XXXXXX", path);
	if ((fd = g_mkstemp(tmp)) == -1) {
		log_error("%s: cannot create: %s", path, g_strerror(errno));
		g_free(tmp);
		return (EX_CANTCREAT);
	}
	if ((fp = fdopen(fd, "w")) == NULL) {
		close(fd);
		goto out;
	}
	fchmod(fd, 0644);
	print(fp, r, format, zone);
	if (fflush(fp) != 0 || fsync(fd) != 0) {
		log_error("%s: %s", path, g_strerror(errno));
		fclose(fp);
		goto out;
	}
	if (fclose(fp) != 0 || g_rename(tmp, path) != 0) {
		log_error("%s: %s", path, g_strerror(errno));
		goto out;
	}
	rc = EX_OK;
out:
	if (rc != EX_OK)
		g_unlink(tmp);
	g_free(tmp);
	return (rc);
}

int
cmd_report(int argc, char **argv)
{
	struct cli_opts		 c = { 0 };
	struct report_opts	 o = { 0 };
	struct office_report_input in = { 0 };
	struct office_report	*r = NULL;
	struct db		*st = NULL;
	GStatBuf		 sb;
	GTimeZone		*zone = NULL;
	GDateTime		*now = NULL, *local;
	char			*from = NULL, *to = NULL, *label = NULL;
	char			*cause = NULL, *now_s = NULL, *half = NULL;
	const char		*why, *format;
	time_t			 at;
	int			 rc = EX_USAGE, i;

	if ((i = cli_parse(argc, argv, &c, "ftpmoLT", on_option, &o)) == -1)
		return (EX_USAGE);
	if (i < argc) {
		log_msg(LOG_LEVEL_ERROR, "report", "unexpected argument: %s",
		    argv[i]);
		goto out;
	}
	format = o.format != NULL ? o.format : "text";
	if (strcmp(format, "text") != 0 && strcmp(format, "csv") != 0 &&
	    strcmp(format, "json") != 0 && strcmp(format, "xlsx") != 0) {
		log_msg(LOG_LEVEL_ERROR, "report", "no such format: %s (say "
		    "text, csv, xlsx or json)", format);
		goto out;
	}
	if (o.html != NULL && (o.format != NULL || o.out != NULL)) {
		log_msg(LOG_LEVEL_ERROR, "report", "--html writes its own "
		    "file: it takes neither --format nor -o");
		goto out;
	}
	if (strcmp(format, "xlsx") == 0 && o.out == NULL) {
		log_msg(LOG_LEVEL_ERROR, "report", "--format xlsx needs -o "
		    "FILE.xlsx");
		goto out;
	}
	if (o.at != NULL) {
		if (cli_time(o.at, &at) == -1) {
			log_msg(LOG_LEVEL_ERROR, "report", "--at is not an RFC "
			    "3339 time: %s", o.at);
			goto out;
		}
	} else
		at = time(NULL);
	zone = zone_new(c.cfg->timezone);
	now = g_date_time_new_from_unix_utc(at);
	now_s = g_date_time_format(now, "%Y-%m-%dT%H:%M:%SZ");
	/* No period named: the half-year the report is made in. */
	if (o.period == NULL && o.from == NULL && o.to == NULL) {
		local = g_date_time_to_timezone(now, zone);
		half = g_strdup_printf("%dH%d", g_date_time_get_year(local),
		    g_date_time_get_month(local) <= 6 ? 1 : 2);
		g_date_time_unref(local);
		o.period = half;
	}
	if (office_report_period(o.period, o.from, o.to, zone, &from, &to,
	    &label, &why) == -1) {
		log_msg(LOG_LEVEL_ERROR, "report", "%s", why);
		goto out;
	}
	in.from = from;
	in.to = to;
	in.now = now_s;
	in.cuc_address = c.cfg->cuc_address;
	in.label = label;
	in.zone = zone;
	/* A report of nothing is no report: a store that is not there is a
	 * missing input, not an empty period. */
	if (g_stat(c.cfg->database, &sb) == -1 && errno == ENOENT) {
		log_error("%s: no such store", c.cfg->database);
		rc = EX_NOINPUT;
		goto out;
	}
	st = cli_open_store(c.cfg, true);
	if ((r = office_report_load(st, &in, &cause)) == NULL) {
		log_error("%s", cause);
		rc = EX_IOERR;
		goto out;
	}
	if (o.html != NULL)
		rc = write_to(o.html, r, "html", zone);
	else if (o.out != NULL)
		rc = write_to(o.out, r, format, zone);
	else {
		print(stdout, r, format, zone);
		rc = fflush(stdout) == 0 ? EX_OK : EX_IOERR;
	}
out:
	office_report_free(r);
	db_close(st);
	if (now != NULL)
		g_date_time_unref(now);
	if (zone != NULL)
		g_time_zone_unref(zone);
	g_free(now_s);
	g_free(half);
	g_free(from);
	g_free(to);
	g_free(label);
	g_free(cause);
	config_free(c.cfg);
	return (rc);
}
