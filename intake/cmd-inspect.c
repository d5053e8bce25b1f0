/* cmd-inspect.c: hotrocks inspect, the test oracle: decides about
 * message files, folders and Maildirs exactly as ingest would, prints
 * it, and writes nothing (a Maildir message is never marked seen). */
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
#include "lib/sha256.h"

static int	inspect_one(const struct cli_opts *, struct db *,
		    struct source_msg *, bool);

/* One message decided and printed; a sysexits code (0 when printed). */
static int
inspect_one(const struct cli_opts *c, struct db *st, struct source_msg *msg,
    bool first)
{
	struct store_message	 sm = { 0 };
	struct mail		*m = NULL;
	struct decision		*dec = NULL;
	enum pipeline_seen	 seen;
	char			*cause = NULL, *sha, *key, *key_raw;
	const char		*why = NULL;
	int			 rc = EX_OK;

	/* The names ingest gives a file, so a file it recorded is found
	 * again. */
	sha = st == NULL ? NULL : sha256_hex(msg->data, msg->len);
	key = st == NULL ? NULL : pipeline_content_key(msg->data, msg->len);
	key_raw = st == NULL ? NULL : pipeline_content_key_raw(msg->data,
	    msg->len);
	sm.source = "file";
	sm.origin = msg->origin;
	sm.sha256 = sha;
	sm.content_key = key;
	sm.content_key_raw = key_raw;
	if (pipeline_decide(st, c->cfg, msg, &sm, &m, &dec, &seen, NULL,
	    &why, &cause) == -1) {
		log_error("%s: not a message: %s", msg->origin, why);
		rc = EX_DATAERR;
		goto out;
	}
	if (seen == PIPELINE_UNKNOWN) {
		log_error("%s", cause);
		g_free(cause);
		rc = EX_IOERR;
	}
	if (c->json) {
		/* Written as it is walked: a long list is never held twice. */
		contract_write(stdout, m, dec, false);
		putchar('\n');
	} else {
		if (!first)
			printf("\n");
		report_decision(stdout, msg->origin, m, dec);
	}
out:
	g_free(key);
	g_free(key_raw);
	g_free(sha);
	decision_free(dec);
	mime_free(m);
	return (rc);
}

int
cmd_inspect(int argc, char **argv)
{
	struct cli_opts	 c = { 0 };
	struct db	*st = NULL;
	int		 first, rc = EX_OK, r;
	bool		 none_yet = true;

	if ((first = cli_parse(argc, argv, &c, NULL, NULL, NULL)) == -1)
		return (EX_USAGE);
	if (first >= argc) {
		log_msg(LOG_LEVEL_ERROR, "inspect", "no message file given");
		config_free(c.cfg);
		return (cli_usage(stderr, EX_USAGE));
	}
	if (c.db != NULL)
		st = cli_open_store(c.cfg, true);
	/* Files, folders and Maildirs, read as ingest reads them. */
	for (int i = first; i < argc; i++) {
		const struct source	*src = source_for_path(argv[i]);
		struct source_msg	 msg;
		char			*cause = NULL;
		void			*state;
		int			 n;

		if ((state = src->open(c.cfg, argv[i], &cause)) == NULL) {
			log_error("%s", cause);
			g_free(cause);
			rc = EX_NOINPUT;
			continue;
		}
		while ((n = src->next(state, &msg, &cause)) != 0) {
			if (n == -1) {
				log_error("%s", cause);
				g_free(cause);
				cause = NULL;
				rc = EX_NOINPUT;
				continue;
			}
			if ((r = inspect_one(&c, st, &msg, none_yet)) != EX_OK)
				rc = r;
			none_yet = false;
			source_msg_free(&msg);
		}
		src->close(state);
	}
	db_close(st);
	config_free(c.cfg);
	return (rc);
}
