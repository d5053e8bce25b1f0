/* cmd-status.c: `hotrocks status [--json]`: per folder read, the last
 * successful pass, UIDVALIDITY and highest UID recorded, today's counts;
 * the outbox backlog by state; the room left for the store and the
 * archive. Reads only. */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "intake/cli.h"
#include "intake/cmd-imap.h"
#include "intake/imap-state.h"
#include "intake/report.h"
#include "intake/room.h"
#include "lib/db.h"
#include "lib/log.h"

static void	 add_str(JsonBuilder *, const char *, const char *);
static void	 add_int(JsonBuilder *, const char *, gint64);
static GPtrArray *outbox_states(char **, size_t);
static size_t	 outbox_count(char **, const size_t *, size_t, const char *);
static void	 room_json(JsonBuilder *, const struct room *);
static void	 room_print(const struct room *);

/* The states every status names, then any other the outbox holds (the
 * queue may grow states; status must not hide them). Borrowed strings. */
static GPtrArray *
outbox_states(char **states, size_t ns)
{
	static const char *const known[] = { "queued", "sent", "failed" };
	GPtrArray	*a = g_ptr_array_new();
	bool		 seen;

	for (size_t k = 0; k < G_N_ELEMENTS(known); k++)
		g_ptr_array_add(a, (gpointer)known[k]);
	for (size_t i = 0; i < ns; i++) {
		seen = false;
		for (size_t k = 0; k < G_N_ELEMENTS(known); k++)
			seen |= strcmp(states[i], known[k]) == 0;
		if (!seen)
			g_ptr_array_add(a, states[i]);
	}
	return (a);
}

static size_t
outbox_count(char **states, const size_t *counts, size_t ns,
    const char *state)
{
	for (size_t i = 0; i < ns; i++)
		if (strcmp(states[i], state) == 0)
			return (counts[i]);
	return (0);
}

static void
add_str(JsonBuilder *b, const char *k, const char *v)
{
	json_builder_set_member_name(b, k);
	if (v == NULL)
		json_builder_add_null_value(b);
	else
		json_builder_add_string_value(b, v);
}

static void
add_int(JsonBuilder *b, const char *k, gint64 v)
{
	json_builder_set_member_name(b, k);
	json_builder_add_int_value(b, v);
}

static void
room_json(JsonBuilder *b, const struct room *r)
{
	json_builder_set_member_name(b, r->what);
	json_builder_begin_object(b);
	add_str(b, "path", r->path);
	json_builder_set_member_name(b, "free_bytes");
	if (r->known)
		json_builder_add_int_value(b, (gint64)r->free);
	else
		json_builder_add_null_value(b);
	json_builder_set_member_name(b, "size_bytes");
	if (r->known)
		json_builder_add_int_value(b, (gint64)r->size);
	else
		json_builder_add_null_value(b);
	json_builder_set_member_name(b, "low");
	json_builder_add_boolean_value(b, r->low);
	json_builder_end_object(b);
}

/* "store          /var/lib/hotrocks/hotrocks.db: 41.2 GiB free of
 * 98.3 GiB (42%)", and why it matters when it is low. */
static void
room_print(const struct room *r)
{
	char	*text;

	if (!r->known) {
		printf("%-14s %s: free space unknown\n", r->what, r->path);
		return;
	}
	text = room_text(r);
	printf("%-14s %s: %s%s\n", r->what, r->path, text, r->low ?
	    ", low (below low_space): when it is full, no mail is recorded" :
	    "");
	g_free(text);
}

int
cmd_status(int argc, char **argv)
{
	struct config			*cfg = NULL;
	struct imap_state		*db = NULL;
	struct imap_folder_status	*f = NULL, none = { 0 };
	char				 today[11], since[DB_TIME_SIZE];
	char				*conf = NULL, *cause = NULL;
	char			       **states = NULL, *origin = NULL;
	size_t				*counts = NULL, nf = 0, ns = 0;
	int64_t				 waiting = 0, owed = 0;
	long				 pid = 0;
	char				*why = NULL;
	int				 held;
	GPtrArray			*names = NULL;
	struct room			 room[2];
	bool				 flags[2] = { false, false };
	bool				 listed = false;
	int				 rc;

	if ((rc = cmd_imap_setup("status", argc, argv, "j", flags, &conf,
	    &cfg, NULL)) != -1)
		return (rc);
	g_free(conf);
	config_office_day(cfg, time(NULL), today, since, NULL);
	if ((db = imap_state_open(cfg->database, true, &cause)) == NULL ||
	    imap_state_status(db, today, since, &f, &nf, &cause) == -1 ||
	    imap_state_outbox(db, &states, &counts, &ns, &cause) == -1 ||
	    imap_state_index_waiting(db, &waiting, &cause) == -1 ||
	    imap_state_copies_owed(db, &owed, &cause) == -1) {
		log_error("%s", cause);
		g_free(cause);
		rc = EX_IOERR;
		goto out;
	}
	names = outbox_states(states, ns);
	held = cmd_imap_holder(cfg, &pid, &why);
	room_of(&room[0], "store", cfg->database, cfg->low_space);
	room_of(&room[1], "archive", cfg->archive_dir, cfg->low_space);
	if (*cfg->imap.host != '\0') {
		origin = config_imap_origin(cfg, NULL);
		for (size_t i = 0; i < nf; i++)
			listed |= strcmp(f[i].origin, origin) == 0;
		none.origin = origin;
		none.folder = cfg->imap.folder;
	}
	if (flags[1]) {
		JsonBuilder	*b = json_builder_new();
		JsonGenerator	*g = json_generator_new();
		JsonNode	*root;
		char		*s;

		json_builder_begin_object(b);
		json_builder_set_member_name(b, "service");
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "running");
		if (held == -1)
			json_builder_add_null_value(b);
		else
			json_builder_add_boolean_value(b, held == 1);
		add_int(b, "pid", held == 1 ? pid : 0);
		json_builder_end_object(b);
		json_builder_set_member_name(b, "folders");
		json_builder_begin_array(b);
		for (size_t i = 0; i < nf + (origin && !listed); i++) {
			const struct imap_folder_status *x = i < nf ? &f[i] :
			    &none;

			json_builder_begin_object(b);
			add_str(b, "origin", x->origin);
			add_str(b, "folder", x->folder);
			add_str(b, "last_pass_at", x->last_pass_at);
			add_int(b, "uidvalidity", x->uidvalidity);
			add_int(b, "highest_uid", x->highest_uid);
			add_int(b, "recorded_today", (gint64)x->recorded_today);
			add_int(b, "failed_today", (gint64)x->failed_today);
			add_str(b, "last_error", x->last_error);
			add_str(b, "last_error_at", x->last_error_at);
			json_builder_end_object(b);
		}
		json_builder_end_array(b);
		json_builder_set_member_name(b, "outbox");
		json_builder_begin_object(b);
		for (size_t k = 0; k < names->len; k++)
			add_int(b, names->pdata[k], (gint64)outbox_count(states,
			    counts, ns, names->pdata[k]));
		json_builder_end_object(b);
		json_builder_set_member_name(b, "sent_folder");
		json_builder_begin_object(b);
		add_str(b, "folder", *cfg->sent_folder != '\0' ?
		    cfg->sent_folder : NULL);
		add_int(b, "copies_owed", owed);
		json_builder_end_object(b);
		json_builder_set_member_name(b, "search_index");
		json_builder_begin_object(b);
		add_int(b, "lists_waiting", waiting);
		json_builder_end_object(b);
		for (size_t k = 0; k < G_N_ELEMENTS(room); k++)
			room_json(b, &room[k]);
		json_builder_end_object(b);
		root = json_builder_get_root(b);
		json_generator_set_root(g, root);
		s = json_generator_to_data(g, NULL);
		printf("%s\n", s);
		g_free(s);
		json_node_unref(root);
		g_object_unref(g);
		g_object_unref(b);
		goto out;
	}
	/* whether anything reads the mailbox now: the last pass alone
	 * looks the same from a healthy run and a stopped one */
	if (held == 1 && pid > 0)
		printf("service        run or poll, pid %ld\n", pid);
	else if (held == 1)
		printf("service        a run or poll\n");
	else if (held == 0)
		printf("service        none: no run or poll reads the mailbox\n");
	else
		printf("service        unknown: %s\n", why);
	/* times as the office reads them, as cases prints them; --json
	 * keeps the store's UTC */
	for (size_t i = 0; i < nf + (origin && !listed); i++) {
		const struct imap_folder_status *x = i < nf ? &f[i] : &none;
		char	 pass[32], err[32];

		report_time(pass, sizeof(pass), x->last_pass_at);
		report_time(err, sizeof(err), x->last_error_at);
		printf("imap %s\n", x->origin);
		printf("  last pass      %s\n", x->last_pass_at ? pass :
		    "never");
		if (x->uidvalidity == 0)
			printf("  UIDVALIDITY    not known yet (no pass has "
			    "read the folder)\n");
		else
			printf("  UIDVALIDITY    %u, highest UID recorded %u\n",
			    x->uidvalidity, x->highest_uid);
		/* attempts, not messages: a message that waits (no room,
		 * a server gone) is tried again and counted at each pass
		 * that stops at it (e2e trial 5, finding 5) */
		printf("  today          %zu recorded, %zu attempt%s failed"
		    "%s\n", x->recorded_today, x->failed_today,
		    x->failed_today == 1 ? "" : "s", x->failed_today > 0 ?
		    " (a message that waits is tried again, and counted "
		    "each time)" : "");
		if (x->last_error != NULL)
			printf("  last error     %s (%s)\n", x->last_error,
			    err);
	}
	if (nf == 0 && origin == NULL)
		printf("imap           not configured ([imap] host)\n");
	printf("outbox        ");
	for (size_t k = 0; k < names->len; k++)
		printf(" %zu %s%s", outbox_count(states, counts, ns,
		    names->pdata[k]), (char *)names->pdata[k],
		    k + 1 < names->len ? "," : "\n");
	/* what Sent lacks of what went out: the next pass that reaches
	 * the folder keeps it */
	if (owed > 0)
		printf("sent copies    %lld letter%s sent but not yet copied "
		    "to %s (the next send pass that reaches the folder saves "
		    "%s)\n", (long long)owed, owed == 1 ? "" : "s",
		    *cfg->sent_folder != '\0' ? cfg->sent_folder :
		    "the Sent folder", owed == 1 ? "it" : "them");
	if (waiting == 0)
		printf("search index   complete\n");
	else
		printf("search index   the rows of %lld long list%s wait "
		    "(indexed by run, poll or cases --search)\n",
		    (long long)waiting, waiting == 1 ? "" : "s");
	for (size_t k = 0; k < G_N_ELEMENTS(room); k++)
		room_print(&room[k]);
out:
	g_free(why);
	g_free(origin);
	if (names != NULL)
		g_ptr_array_free(names, TRUE);
	g_strfreev(states);
	g_free(counts);
	imap_state_status_free(f, nf);
	imap_state_close(db);
	config_free(cfg);
	return (rc == -1 ? EX_OK : rc);
}
