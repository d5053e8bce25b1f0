/* cmd-units.c: hotrocks units import, the registry of units that write in
 * replaced whole from a CSV file, in one transaction. */
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <glib.h>

#include "intake/cli.h"
#include "intake/pipeline.h"
#include "intake/units.h"
#include "lib/log.h"

int
cmd_units(int argc, char **argv)
{
	struct cli_opts	 c = { 0 };
	struct units	 u;
	struct db	*st;
	char		*text = NULL, *cause = NULL, *now;
	const char	*file;
	int		 first, rc = EX_OK;

	if (argc < 2 || strcmp(argv[1], "import") != 0) {
		log_msg(LOG_LEVEL_ERROR, "units", "say import FILE.csv");
		return (cli_usage(stderr, EX_USAGE));
	}
	if ((first = cli_parse(argc - 1, argv + 1, &c, NULL, NULL,
	    NULL)) == -1)
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
