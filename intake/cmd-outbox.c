/* cmd-outbox.c: hotrocks outbox, what is waiting to go out and what
 * became of what went: the list, one message as it will be or was sent,
 * and a person's retry or cancel (audited under their name). Text from
 * servers and the store reaches the terminal only through
 * text_for_terminal. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "intake/cli.h"
#include "intake/forward.h"
#include "intake/report.h"
#include "lib/log.h"
#include "lib/text.h"
#include "outbox/queue.h"

struct outbox_opts {
	const char	*state;
	const char	*by;
};

static void	outbox_extra(int, const char *, void *);
static void	print_json(const struct queue_item *, size_t, bool);
static void	item_when(char *, size_t, const struct queue_item *);
static void	print_text(const struct queue_item *, size_t, const char *);
static int	list(struct cli_opts *, const struct outbox_opts *);
static int	show(struct cli_opts *, int64_t);
static int	move(struct cli_opts *, const struct outbox_opts *,
		    const char *, int64_t);
static int	item_id(const char *, int64_t *);

static void
outbox_extra(int ch, const char *arg, void *ctx)
{
	struct outbox_opts *o = ctx;

	if (ch == 'S')
		o->state = arg;
	else if (ch == 'B')
		o->by = arg;
}

/* JSON Lines, one object an item; raw only for show. */
static void
print_json(const struct queue_item *v, size_t n, bool raw)
{
	for (size_t i = 0; i < n; i++) {
		JsonBuilder	*b = json_builder_new();
		JsonGenerator	*gen = json_generator_new();
		JsonNode	*root;
		char		*s;
		const char	*names[] = { "message_id", "state", "purpose",
				    "rcpt", "created_at", "next_attempt_at",
				    "sent_at", "last_error" };
		const char	*vals[] = { v[i].message_id,
				    queue_state_name(v[i].state),
				    v[i].purpose, v[i].rcpt, v[i].created_at,
				    v[i].next_attempt_at, v[i].sent_at,
				    v[i].last_error };

		json_builder_begin_object(b);
		json_builder_set_member_name(b, "id");
		json_builder_add_int_value(b, v[i].id);
		for (size_t k = 0; k < G_N_ELEMENTS(names); k++) {
			json_builder_set_member_name(b, names[k]);
			if (vals[k] != NULL)
				json_builder_add_string_value(b, vals[k]);
			else
				json_builder_add_null_value(b);
		}
		json_builder_set_member_name(b, "attempts");
		json_builder_add_int_value(b, v[i].attempts);
		json_builder_set_member_name(b, "case_id");
		if (v[i].case_id != 0)
			json_builder_add_int_value(b, v[i].case_id);
		else
			json_builder_add_null_value(b);
		if (raw) {
			json_builder_set_member_name(b, "raw");
			json_builder_add_string_value(b, v[i].raw);
		}
		json_builder_end_object(b);
		root = json_builder_get_root(b);
		json_generator_set_root(gen, root);
		s = json_generator_to_data(gen, NULL);
		printf("%s\n", s);
		g_free(s);
		json_node_unref(root);
		g_object_unref(gen);
		g_object_unref(b);
	}
}

/* When an item went or goes: sent (or bounced) at, the next attempt of
 * one still to be tried, nothing for one never to be sent without a
 * person (held, failed, cancelled). */
static void
item_when(char *out, size_t len, const struct queue_item *it)
{
	char t[32];

	switch (it->state) {
	case QUEUE_SENT:
	case QUEUE_BOUNCED:
		report_time(t, sizeof(t), it->sent_at);
		snprintf(out, len, "sent %s", t);
		break;
	case QUEUE_QUEUED:
	case QUEUE_SENDING:
	case QUEUE_DEFERRED:
		report_time(t, sizeof(t), it->next_attempt_at);
		snprintf(out, len, "next %s", t);
		break;
	case QUEUE_HELD:
		g_strlcpy(out, "waits for forward approve", len);
		break;
	default:
		g_strlcpy(out, "-", len);
		break;
	}
}

/* A header, then one line an item: id, state, purpose, recipient,
 * attempts, when (office time), and the last error when there is one. */
static void
print_text(const struct queue_item *v, size_t n, const char *state)
{
	if (n == 0) {
		if (state != NULL)
			printf("(no %s item in the outbox)\n", state);
		else
			printf("(the outbox is empty)\n");
		return;
	}
	printf("%-5s %-9s %-8s %-34s %5s  %-25s  %s\n", "ID", "STATE",
	    "PURPOSE", "RECIPIENT", "TRIES", "WHEN", "LAST ERROR");
	for (size_t i = 0; i < n; i++) {
		char	*rcpt = text_for_terminal(v[i].rcpt);
		char	*err = v[i].last_error ?
			    text_for_terminal(v[i].last_error) : NULL;
		char	 when[64];

		item_when(when, sizeof(when), &v[i]);
		printf("%-5lld %-9s %-8s %-34s %5d  %-25s%s%s\n",
		    (long long)v[i].id, queue_state_name(v[i].state),
		    v[i].purpose, rcpt, v[i].attempts, when,
		    err ? "  " : "", err ? err : "");
		g_free(rcpt);
		g_free(err);
	}
}

static int
list(struct cli_opts *c, const struct outbox_opts *o)
{
	struct db		*st;
	struct queue_item	*v = NULL;
	size_t			 n = 0;
	char			*cause = NULL;
	int			 rc = EX_OK;

	if (o->state != NULL && queue_state_parse(o->state) < 0) {
		log_msg(LOG_LEVEL_ERROR, "outbox", "no such state: %s (queued,"
		    " sending, sent, deferred, failed, bounced, cancelled,"
		    " held)", o->state);
		return (EX_USAGE);
	}
	st = cli_open_store(c->cfg, true);
	if (queue_list(st, o->state, &v, &n, &cause) == -1) {
		log_error("%s", cause);
		g_free(cause);
		rc = EX_IOERR;
	} else if (c->json)
		print_json(v, n, false);
	else
		print_text(v, n, o->state);
	queue_items_free(v, n);
	db_close(st);
	return (rc);
}

/* The message exactly as queued: what the server got or will get. */
static int
show(struct cli_opts *c, int64_t id)
{
	struct db		*st;
	struct queue_item	*it = NULL;
	char			*cause = NULL;
	int			 found, rc = EX_OK;

	st = cli_open_store(c->cfg, true);
	found = queue_get(st, id, &it, &cause);
	if (found == 1 && c->json)
		print_json(it, 1, true);
	else if (found == 1)
		fputs(it->raw, stdout);
	else if (found == 0) {
		log_error("no outbox item %lld", (long long)id);
		rc = EX_UNAVAILABLE;
	} else {
		log_error("%s", cause);
		rc = EX_IOERR;
	}
	queue_items_free(it, found == 1 ? 1 : 0);
	g_free(cause);
	db_close(st);
	return (rc);
}

/* retry or cancel, by o->by or the user running us; a forward's rows
 * freed or taken back with it (forward.c). */
static int
move(struct cli_opts *c, const struct outbox_opts *o, const char *verb,
    int64_t id)
{
	struct db	*st;
	const char	*by = o->by ? o->by : g_get_user_name(), *now;
	char		*cause = NULL;
	int		 rc = EX_OK, moved;

	st = cli_open_store(c->cfg, false);
	moved = forward_outbox_move(st, c->cfg, id, strcmp(verb, "retry") == 0,
	    time(NULL), by, &now, &cause);
	if (moved == FORWARD_SETTLED) {
		log_error("%s", cause);
		rc = EX_DATAERR;
	} else if (moved == -1) {
		log_error("%s", cause);
		rc = EX_UNAVAILABLE;
	} else if (strcmp(now, "held") == 0)
		printf("outbox %lld is now held: hotrocks forward approve "
		    "releases it\n", (long long)id);
	else {
		printf("outbox %lld is now %s\n", (long long)id, now);
		if (strcmp(now, "queued") == 0)
			cli_say_when_sent(c->cfg, 1);
	}
	g_free(cause);
	db_close(st);
	return (rc);
}

static int
item_id(const char *s, int64_t *id_r)
{
	char		*end;
	long long	 v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v <= 0)
		return (-1);
	*id_r = v;
	return (0);
}

int
cmd_outbox(int argc, char **argv)
{
	struct cli_opts		 c = { 0 };
	struct outbox_opts	 o = { 0 };
	const char		*verb = NULL;
	int64_t			 id;
	int			 first, rc;

	if (argc >= 2 && (strcmp(argv[1], "show") == 0 ||
	    strcmp(argv[1], "retry") == 0 || strcmp(argv[1], "cancel") == 0)) {
		verb = argv[1];
		argc--;
		argv++;
	}
	if ((first = cli_parse(argc, argv, &c, "SB", outbox_extra, &o)) == -1)
		return (EX_USAGE);
	if (verb == NULL) {
		if (first < argc) {
			log_msg(LOG_LEVEL_ERROR, "outbox", "say show, retry or"
			    " cancel, not %s", argv[first]);
			rc = cli_usage(stderr, EX_USAGE);
		} else
			rc = list(&c, &o);
	} else if (first != argc - 1 || item_id(argv[first], &id) == -1) {
		log_msg(LOG_LEVEL_ERROR, "outbox", "%s takes one item number "
		    "(see hotrocks outbox)", verb);
		rc = EX_USAGE;
	} else if (strcmp(verb, "show") == 0)
		rc = show(&c, id);
	else
		rc = move(&c, &o, verb, id);
	config_free(c.cfg);
	return (rc);
}
