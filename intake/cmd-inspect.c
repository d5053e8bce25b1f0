/* cmd-inspect.c: hotrocks inspect, the test oracle: decides about
 * message files exactly as ingest would, prints it, and writes nothing. */
#include <stdlib.h>
#include <sysexits.h>

#include <glib.h>

#include "intake/analyse.h"
#include "intake/cli.h"
#include "intake/contract.h"
#include "intake/pipeline.h"
#include "intake/report.h"
#include "intake/source.h"
#include "lib/log.h"

int
cmd_inspect(int argc, char **argv)
{
	struct cli_opts	 c = { 0 };
	struct db	*st = NULL;
	int		 first, rc = EX_OK;

	if ((first = cli_parse(argc, argv, &c, NULL, NULL, NULL)) == -1)
		return (EX_USAGE);
	if (first >= argc) {
		log_msg(LOG_LEVEL_ERROR, "inspect", "no message file given");
		config_free(c.cfg);
		return (cli_usage(stderr, EX_USAGE));
	}
	if (c.db != NULL)
		st = cli_open_store(c.cfg, true);
	for (int i = first; i < argc; i++) {
		struct source_msg	 msg;
		struct store_message	 sm = { 0 };
		struct mail		*m = NULL;
		struct decision		*dec = NULL;
		enum pipeline_seen	 seen;
		char			*cause = NULL, *sha, *key;
		const char		*why = NULL;

		if (source_read_file(argv[i], &msg, &cause) == -1) {
			log_error("%s", cause);
			g_free(cause);
			rc = EX_NOINPUT;
			continue;
		}
		/* The names ingest gives a file, so a file it recorded is
		 * found again. */
		sha = st == NULL ? NULL : g_compute_checksum_for_data(
		    G_CHECKSUM_SHA256, msg.data, msg.len);
		key = st == NULL ? NULL : pipeline_content_key(msg.data,
		    msg.len);
		sm.source = "file";
		sm.origin = argv[i];
		sm.sha256 = sha;
		sm.content_key = key;
		if (pipeline_decide(st, c.cfg, &msg, &sm, &m, &dec, &seen, NULL,
		    &why, &cause) == -1) {
			log_error("%s: not a message: %s", argv[i], why);
			rc = EX_DATAERR;
			goto next;
		}
		if (seen == PIPELINE_UNKNOWN) {
			log_error("%s", cause);
			g_free(cause);
			rc = EX_IOERR;
		}
		if (c.json) {
			char *j = contract_json(m, dec, false);

			printf("%s\n", j);
			g_free(j);
		} else {
			report_decision(stdout, argv[i], m, dec);
			if (i + 1 < argc)
				printf("\n");
		}
next:
		g_free(key);
		g_free(sha);
		decision_free(dec);
		mime_free(m);
		source_msg_free(&msg);
	}
	db_close(st);
	config_free(c.cfg);
	return (rc);
}
