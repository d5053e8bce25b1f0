/* cmd-reprocess.c: hotrocks reprocess (MESSAGE | --case N | --since DATE)
 * [--send] [--by NAME] [--at TIME] [--json]: recorded messages decided
 * again from the archive after a config, registry or trust-anchor
 * change. What each came to is printed; replies go out only for a
 * changed outcome and only with --send (reprocess.c says why running it
 * twice changes nothing more). */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "intake/cli.h"
#include "lib/text.h"
#include "intake/reprocess.h"
#include "lib/log.h"

struct reprocess_cli {
	const char	*case_number;
	const char	*since;
	const char	*by;
	const char	*at;
	bool		 send;
};

static void
reprocess_extra(int ch, const char *arg, void *ctx)
{
	struct reprocess_cli *o = ctx;

	switch (ch) {
	case 'k':
		o->case_number = arg;
		break;
	case 's':
		o->since = arg;
		break;
	case 'B':
		o->by = arg;
		break;
	case 'T':
		o->at = arg;
		break;
	case 'Y':
		o->send = true;
		break;
	}
}

static void
print_json(const struct reprocess_result *r, bool send)
{
	JsonBuilder	*b = json_builder_new();
	JsonGenerator	*g = json_generator_new();
	JsonNode	*root;
	char		*s;

	json_builder_begin_object(b);
	json_builder_set_member_name(b, "msg_id");
	json_builder_add_int_value(b, r->msg_id);
	json_builder_set_member_name(b, "message_id");
	json_builder_add_string_value(b, r->message_id);
	json_builder_set_member_name(b, "sha256");
	json_builder_add_string_value(b, r->sha256);
	json_builder_set_member_name(b, "skipped");
	json_builder_add_string_value(b, r->skipped);
	json_builder_set_member_name(b, "answered");
	json_builder_add_string_value(b, r->before);
	json_builder_set_member_name(b, "latest");
	json_builder_add_string_value(b, r->latest);
	json_builder_set_member_name(b, "decided");
	json_builder_add_string_value(b, r->after);
	json_builder_set_member_name(b, "changed");
	json_builder_add_boolean_value(b, r->changed);
	json_builder_set_member_name(b, "decision");
	if (r->recorded)
		json_builder_add_int_value(b, r->decision_id);
	else
		json_builder_add_null_value(b);
	json_builder_set_member_name(b, "case");
	json_builder_add_string_value(b, r->case_number);
	json_builder_set_member_name(b, "case_opened");
	json_builder_add_boolean_value(b, r->case_opened && send);
	json_builder_set_member_name(b, "answered_in_thread");
	json_builder_add_boolean_value(b, r->quiet);
	/* its case closed by a person: flagged, the unit not written to */
	json_builder_set_member_name(b, "case_closed");
	json_builder_add_string_value(b, r->changed ? r->closed : NULL);
	/* queued with --send; else what --send would queue */
	json_builder_set_member_name(b, send ? "queued" : "would_queue");
	json_builder_begin_array(b);
	for (size_t i = 0; r->purposes != NULL && r->purposes[i] != NULL;
	    i++) {
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "purpose");
		json_builder_add_string_value(b, r->purposes[i]);
		json_builder_set_member_name(b, "rcpt");
		json_builder_add_string_value(b, r->rcpts[i]);
		json_builder_set_member_name(b, "message_id");
		json_builder_add_string_value(b, *r->ids[i] != '\0' ?
		    r->ids[i] : NULL);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	root = json_builder_get_root(b);
	json_generator_set_root(g, root);
	s = json_generator_to_data(g, NULL);
	puts(s);
	g_free(s);
	json_node_unref(root);
	g_object_unref(g);
	g_object_unref(b);
}

static void
print_human(const struct reprocess_result *r, bool send)
{
	char	*mid = text_for_terminal(r->message_id != NULL ? r->message_id :
		    "(no Message-ID)");

	printf("message %lld %s (%.12s)\n", (long long)r->msg_id, mid,
	    r->sha256 != NULL ? r->sha256 : "");
	g_free(mid);
	if (r->skipped != NULL) {
		printf("  not decided: %s\n", r->skipped);
		return;
	}
	printf("  answered: %s\n  now:      %s%s\n", r->before, r->after,
	    r->changed ? "   (changed)" : "");
	if (r->recorded)
		printf("  recorded as decision %lld\n",
		    (long long)r->decision_id);
	else
		printf("  nothing new to record\n");
	if (!r->changed)
		return;
	if (r->quiet) {
		printf("  an answer in a case's thread (or the Cục's): never "
		    "answered\n");
		return;
	}
	if (r->closed != NULL) {
		printf(send ? "  case %s is %s: no letter to the unit; the "
		    "case is flagged for a person\n" : "  case %s is %s: "
		    "--send would flag it for a person, with no letter to the "
		    "unit\n", r->case_number, r->closed);
		return;
	}
	if (r->case_opened)
		printf(send ? "  opened case %s\n" :
		    "  --send would open a case\n", r->case_number);
	for (size_t i = 0; r->purposes != NULL && r->purposes[i] != NULL;
	    i++)
		printf(send ? "  queued %s to %s %s\n" :
		    "  --send would queue %s to %s%s\n", r->purposes[i],
		    r->rcpts[i], r->ids[i]);
	if (r->purposes == NULL || r->purposes[0] == NULL)
		printf("  no reply for this outcome\n");
}

int
cmd_reprocess(int argc, char **argv)
{
	struct cli_opts		 c = { 0 };
	struct reprocess_cli	 o = { 0 };
	struct reprocess_opts	 ro = { 0 };
	struct db		*st = NULL;
	int64_t			*ids = NULL;
	size_t			 n = 0, nchanged = 0, nrec = 0, nq = 0;
	size_t			 nskip = 0;
	char			*cause = NULL;
	const char		*what = NULL, *why = NULL;
	int			 first, sel, rc = EX_OK;

	if ((first = cli_parse(argc, argv, &c, "ksBTY", reprocess_extra,
	    &o)) == -1)
		return (EX_USAGE);
	if (first < argc)
		what = argv[first++];
	if (first < argc || (what != NULL) + (o.case_number != NULL) +
	    (o.since != NULL) != 1) {
		log_msg(LOG_LEVEL_ERROR, "reprocess", "give one of MESSAGE, "
		    "--case NUMBER or --since DATE");
		rc = cli_usage(stderr, EX_USAGE);
		goto out;
	}
	ro.now = time(NULL);
	if (o.at != NULL && cli_time(o.at, &ro.now) == -1) {
		log_msg(LOG_LEVEL_ERROR, "reprocess", "--at: not an RFC 3339 "
		    "time: %s", o.at);
		rc = EX_USAGE;
		goto out;
	}
	ro.send = o.send;
	ro.actor = o.by != NULL ? o.by : g_get_user_name();
	st = cli_open_store(c.cfg, false);
	sel = reprocess_select(st, what, o.case_number, o.since,
	    c.cfg->timezone, &ids, &n, &why, &cause);
	if (sel == -1) {
		log_error("%s", cause);
		rc = EX_IOERR;
		goto out;
	}
	if (sel == 1) {
		log_msg(LOG_LEVEL_ERROR, "reprocess", "%s", why);
		rc = EX_USAGE;
		goto out;
	}
	if (n == 0) {
		log_error("no message recorded matches %s",
		    what != NULL ? what : o.case_number != NULL ?
		    o.case_number : o.since);
		rc = EX_UNAVAILABLE;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		struct reprocess_result r;

		if (reprocess_message(st, c.cfg, ids[i], &ro, &r,
		    &cause) == -1) {
			log_error("message %lld: %s",
			    (long long)ids[i], cause);
			reprocess_result_deinit(&r);
			rc = EX_IOERR;
			goto out;
		}
		if (c.json)
			print_json(&r, o.send);
		else
			print_human(&r, o.send);
		nskip += r.skipped != NULL;
		nchanged += r.changed;
		nrec += r.recorded;
		for (size_t k = 0; o.send && r.purposes != NULL &&
		    r.purposes[k] != NULL; k++)
			nq++;
		reprocess_result_deinit(&r);
	}
	if (!c.json)
		printf("reprocess: %zu message%s, %zu changed, %zu decision%s "
		    "recorded, %zu repl%s queued%s\n", n, n == 1 ? "" : "s",
		    nchanged, nrec, nrec == 1 ? "" : "s", nq,
		    nq == 1 ? "y" : "ies", o.send ? "" :
		    " (without --send nothing is queued)");
	if (nskip > 0)
		rc = EX_NOINPUT;
out:
	g_free(cause);
	g_free(ids);
	db_close(st);
	config_free(c.cfg);
	return (rc);
}
