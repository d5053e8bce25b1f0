/* cmd-units.c: hotrocks units import, the registry of units that write in
 * replaced whole from a CSV file, in one transaction; never emptied by an
 * empty file unless --replace says so. */
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <glib.h>

#include "intake/cli.h"
#include "intake/pipeline.h"
#include "intake/units.h"
#include "lib/log.h"

static void	units_extra(int, const char *, void *);

static void
units_extra(int ch, const char *arg, void *ctx)
{
	(void)arg;
	if (ch == 'E')
		*(bool *)ctx = true;
}

int
cmd_units(int argc, char **argv)
{
	struct cli_opts	 c = { 0 };
	bool		 replace = false;
	struct units	 u;
	struct db	*st;
	char		*text = NULL, *cause = NULL, *now;
	const char	*file;
	int		 first, rc = EX_OK;

	if (argc < 2 || strcmp(argv[1], "import") != 0) {
		log_msg(LOG_LEVEL_ERROR, "units", "say import FILE.csv");
		return (cli_usage(stderr, EX_USAGE));
	}
	if ((first = cli_parse(argc - 1, argv + 1, &c, "E", units_extra,
	    &replace)) == -1)
		return (EX_USAGE);
	if (first >= argc - 1) {
		log_msg(LOG_LEVEL_ERROR, "units import", "which file?");
		config_free(c.cfg);
		return (EX_USAGE);
	}
	file = argv[1 + first];
	if (!g_file_get_contents(file, &text, NULL, NULL)) {
		log_error("%s: cannot be read", file);
		config_free(c.cfg);
		return (EX_NOINPUT);
	}
	if (units_parse(text, &u, &cause) == -1) {
		log_error("%s: %s", file, cause);
		g_free(cause);
		g_free(text);
		config_free(c.cfg);
		return (EX_DATAERR);
	}
	/* An empty file (or a header alone) is more often a wrong export
	 * than a wish to forget every unit. */
	if (u.n == 0 && !replace) {
		log_error("%s: no units in it; the registry is left as it is "
		    "(say --replace to empty it)", file);
		units_free(&u);
		g_free(text);
		config_free(c.cfg);
		return (EX_DATAERR);
	}
	st = cli_open_store(c.cfg, false);
	now = NULL;
	if (units_store_replace(st, u.v, u.n, g_get_user_name(), now,
	    &cause) == -1) {
		log_error("%s: %s", file, cause);
		g_free(cause);
		rc = EX_DATAERR;
	} else
		printf("%zu units imported\n", u.n);
	g_free(now);
	units_free(&u);
	g_free(text);
	db_close(st);
	config_free(c.cfg);
	return (rc);
}
