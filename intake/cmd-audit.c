/* cmd-audit.c: hotrocks audit verify, the proof that the archive and the
 * audit chain are as written, and audit export, the bundle for an auditor.
 * Both only read: never repair what they find. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "intake/audit-export.h"
#include "intake/audit-prune.h"
#include "intake/cli.h"
#include "lib/audit.h"
#include "lib/log.h"
#include "lib/sha256.h"

/* What the archive walk found: counts, and the first file that breaks. */
struct archive_check {
	uint64_t	 messages;	/* messages whose file was read */
	uint64_t	 files;		/* distinct files re-hashed */
	uint64_t	 bytes;
	int64_t		 msg_id;	/* where it broke */
	char		*what;		/* NULL when all holds (g_free) */
};

static char	*sha256_file(const char *, uint64_t *);
static int	 check_archive(struct db *, const char *,
		    struct archive_check *, char **);
static void	 print_json(const struct audit_check *,
		    const struct archive_check *);
static int	 audit_verify(int, char **);
static void	 export_extra(int, const char *, void *);
static int	 audit_export(int, char **);
static void	 prune_extra(int, const char *, void *);
static int	 audit_prune(int, char **);

/* The hex sha256 of a file's bytes (g_free), or NULL when unreadable. */
static char *
sha256_file(const char *path, uint64_t *len_r)
{
	GMappedFile	*f;
	char		*hex;

	if ((f = g_mapped_file_new(path, FALSE, NULL)) == NULL)
		return (NULL);
	*len_r = g_mapped_file_get_length(f);
	hex = sha256_hex(g_mapped_file_get_contents(f),
	    g_mapped_file_get_length(f));
	g_mapped_file_unref(f);
	return (hex);
}

/* Re-hashes every archived message's file against its name and against
 * messages.sha256; stops at the first that differs. */
static int
check_archive(struct db *st, const char *dir, struct archive_check *a,
    char **cause)
{
	sqlite3_stmt	*stmt;
	GHashTable	*seen;
	int		 step;

	memset(a, 0, sizeof *a);
	stmt = db_prepare(st, "SELECT id, sha256, archive_path FROM messages"
	    " ORDER BY id", cause);
	if (stmt == NULL)
		return (-1);
	seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	while (a->what == NULL && (step = sqlite3_step(stmt)) == SQLITE_ROW) {
		int64_t		 id = sqlite3_column_int64(stmt, 0);
		const char	*sha =
		    (const char *)sqlite3_column_text(stmt, 1);
		const char	*rel =
		    (const char *)sqlite3_column_text(stmt, 2);
		const char	*base;
		char		*path, *got;
		uint64_t	 len = 0;

		if (rel == NULL)
			continue;
		a->messages++;
		base = strrchr(rel, '/');
		base = base == NULL ? rel : base + 1;
		if (strstr(rel, "..") != NULL || g_path_is_absolute(rel)) {
			a->msg_id = id;
			a->what = g_strdup_printf("message %" PRId64 ": archive"
			    " path outside the archive: %s", id, rel);
			break;
		}
		if (strncmp(base, sha, 64) != 0 || strlen(sha) != 64) {
			a->msg_id = id;
			a->what = g_strdup_printf("message %" PRId64 ": its "
			    "sha256 %s is not the name of its file %s", id,
			    sha, rel);
			break;
		}
		if (g_hash_table_contains(seen, rel))
			continue;
		path = g_build_filename(dir, rel, NULL);
		got = sha256_file(path, &len);
		g_free(path);
		a->files++;
		a->bytes += len;
		g_hash_table_add(seen, g_strdup(rel));
		if (got == NULL) {
			a->msg_id = id;
			a->what = g_strdup_printf("archived file %s missing or "
			    "unreadable (message %" PRId64 ")", rel, id);
		} else if (strcmp(got, sha) != 0) {
			a->msg_id = id;
			a->what = g_strdup_printf("archived file %s altered: "
			    "its bytes hash to %s (message %" PRId64 ")", rel,
			    got, id);
		}
		g_free(got);
	}
	sqlite3_finalize(stmt);
	g_hash_table_destroy(seen);
	if (a->what == NULL && step != SQLITE_DONE)
		return (db_fail(st, "reading the messages", cause));
	return (0);
}

static void
print_json(const struct audit_check *c, const struct archive_check *a)
{
	JsonBuilder	*b = json_builder_new();
	JsonGenerator	*g = json_generator_new();
	JsonNode	*root;
	char		*text;

	json_builder_begin_object(b);
	json_builder_set_member_name(b, "ok");
	json_builder_add_boolean_value(b, c->kind == NULL && a->what == NULL);
	json_builder_set_member_name(b, "entries");
	json_builder_add_int_value(b, (gint64)c->entries);
	json_builder_set_member_name(b, "messages");
	json_builder_add_int_value(b, (gint64)a->messages);
	json_builder_set_member_name(b, "files");
	json_builder_add_int_value(b, (gint64)a->files);
	json_builder_set_member_name(b, "bytes");
	json_builder_add_int_value(b, (gint64)a->bytes);
	json_builder_set_member_name(b, "head");
	json_builder_add_string_value(b, c->head);
	json_builder_set_member_name(b, "head_id");
	json_builder_add_int_value(b, c->last_id);
	json_builder_set_member_name(b, "chain_break");
	if (c->kind == NULL)
		json_builder_add_null_value(b);
	else {
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "kind");
		json_builder_add_string_value(b, c->kind);
		json_builder_set_member_name(b, "id");
		json_builder_add_int_value(b, c->id);
		json_builder_set_member_name(b, "position");
		json_builder_add_int_value(b, (gint64)c->position);
		json_builder_set_member_name(b, "what");
		json_builder_add_string_value(b, c->what);
		json_builder_end_object(b);
	}
	json_builder_set_member_name(b, "archive_break");
	if (a->what == NULL)
		json_builder_add_null_value(b);
	else {
		json_builder_begin_object(b);
		json_builder_set_member_name(b, "msg_id");
		json_builder_add_int_value(b, a->msg_id);
		json_builder_set_member_name(b, "what");
		json_builder_add_string_value(b, a->what);
		json_builder_end_object(b);
	}
	json_builder_end_object(b);
	root = json_builder_get_root(b);
	json_generator_set_root(g, root);
	text = json_generator_to_data(g, NULL);
	printf("%s\n", text);
	g_free(text);
	json_node_unref(root);
	g_object_unref(g);
	g_object_unref(b);
}

static int
audit_verify(int argc, char **argv)
{
	struct cli_opts		 c = { 0 };
	struct audit_check	 chk = { 0 };
	struct archive_check	 arc = { 0 };
	struct db		*st;
	char			*cause = NULL;
	int			 first, rc = EX_OK;

	if ((first = cli_parse(argc, argv, &c, NULL, NULL, NULL)) == -1)
		return (EX_USAGE);
	if (first < argc) {
		log_msg(LOG_LEVEL_ERROR, "audit verify", "takes no operand");
		config_free(c.cfg);
		return (EX_USAGE);
	}
	st = cli_open_store(c.cfg, true);
	if (check_archive(st, c.cfg->archive_dir, &arc, &cause) == -1 ||
	    audit_verify_chain(st, &chk, &cause) == -1) {
		log_error("%s", cause);
		g_free(cause);
		rc = EX_IOERR;
		goto out;
	}
	if (c.json)
		print_json(&chk, &arc);
	else {
		printf("checked: %" PRIu64 " audit entries, %" PRIu64
		    " archived messages (%" PRIu64 " files, %" PRIu64
		    " bytes)\n", chk.entries, arc.messages, arc.files,
		    arc.bytes);
		printf("head: %s (id %" PRId64 ")\n", chk.head, chk.last_id);
		if (chk.kind != NULL)
			printf("BREAK in the audit chain: %s\n", chk.what);
		if (arc.what != NULL)
			printf("BREAK in the archive: %s\n", arc.what);
		if (chk.kind == NULL && arc.what == NULL)
			printf("ok: the archive and the audit chain hold\n");
	}
	if (chk.kind != NULL || arc.what != NULL)
		rc = EX_DATAERR;
out:
	audit_check_deinit(&chk);
	g_free(arc.what);
	db_close(st);
	config_free(c.cfg);
	return (rc);
}

/* --case, --since, --until */
static void
export_extra(int ch, const char *arg, void *ctx)
{
	struct audit_export_opts *o = ctx;

	if (ch == 'k')
		o->case_number = arg;
	else if (ch == 's')
		o->since = arg;
	else
		o->until = arg;
}

static int
audit_export(int argc, char **argv)
{
	struct cli_opts			 c = { 0 };
	struct audit_export_opts	 o = { 0 };
	struct audit_export_stats	 st;
	struct db			*db;
	char				 now[DB_TIME_SIZE], *cause = NULL;
	int				 first, r, rc = EX_OK;

	if ((first = cli_parse(argc, argv, &c, "ksu", export_extra,
	    &o)) == -1)
		return (EX_USAGE);
	if (first != argc - 1 || (o.case_number == NULL) ==
	    (o.since == NULL) || (o.until != NULL && o.since == NULL)) {
		log_msg(LOG_LEVEL_ERROR, "audit export", "say --case NUMBER "
		    "or --since DATE [--until DATE], and one OUT.zip");
		config_free(c.cfg);
		return (cli_usage(stderr, EX_USAGE));
	}
	db_time(time(NULL), now);
	o.now = now;
	/* the office's days, as report --from and --to read them */
	o.timezone = c.cfg->timezone;
	db = cli_open_store(c.cfg, true);
	r = audit_export_write(db, c.cfg->archive_dir, &o, argv[first], &st,
	    &cause);
	if (r == 1) {
		log_msg(LOG_LEVEL_ERROR, "audit export", "no such case: %s",
		    o.case_number);
		rc = EX_UNAVAILABLE;
	} else if (r == -1) {
		log_error("audit export: %s", cause);
		g_free(cause);
		rc = EX_CANTCREAT;
	} else {
		char *removed = st.removed == 0 ? g_strdup("") :
		    g_strdup_printf(" (%zu of them pruned: removed.txt, not "
		    "the original)", st.removed);

		printf("%s: %zu messages%s, %zu attachments, %zu outgoing, "
		    "%zu audit entries; head %s\n", argv[first], st.messages,
		    removed, st.attachments, st.outgoing, st.entries, st.head);
		g_free(removed);
	}
	db_close(db);
	config_free(c.cfg);
	return (rc);
}

/* --at, --by */
static void
prune_extra(int ch, const char *arg, void *ctx)
{
	const char **v = ctx;

	v[ch == 'T' ? 0 : 1] = arg;
}

static int
audit_prune(int argc, char **argv)
{
	struct cli_opts	 c = { 0 };
	struct db	*db;
	const char	*v[2] = { NULL, NULL };	/* --at, --by */
	char		*cause = NULL;
	time_t		 now = time(NULL);
	size_t		 files, msgs;
	int		 first, rc = EX_OK;

	if ((first = cli_parse(argc, argv, &c, "TB", prune_extra, v)) == -1)
		return (EX_USAGE);
	if (first < argc || (v[0] != NULL && cli_time(v[0], &now) == -1)) {
		log_msg(LOG_LEVEL_ERROR, "audit prune", first < argc ?
		    "takes no operand" : "--at: not an RFC 3339 time");
		config_free(c.cfg);
		return (EX_USAGE);
	}
	if (c.cfg->archive_keep_days == 0) {
		printf("archive_keep_days is 0: raw messages are kept "
		    "forever\n");
		config_free(c.cfg);
		return (EX_OK);
	}
	db = cli_open_store(c.cfg, false);
	if (audit_prune_run(db, c.cfg->archive_dir, c.cfg->archive_keep_days,
	    now, v[1] != NULL ? v[1] : g_get_user_name(), &files, &msgs,
	    &cause) == -1) {
		log_error("audit prune: %s", cause);
		g_free(cause);
		rc = EX_IOERR;
	} else
		printf("%zu archived files removed (%zu messages), older than "
		    "%zu days\n", files, msgs, c.cfg->archive_keep_days);
	db_close(db);
	config_free(c.cfg);
	return (rc);
}

int
cmd_audit(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "prune") == 0)
		return (audit_prune(argc - 1, argv + 1));
	if (argc >= 2 && strcmp(argv[1], "verify") == 0)
		return (audit_verify(argc - 1, argv + 1));
	if (argc >= 2 && strcmp(argv[1], "export") == 0)
		return (audit_export(argc - 1, argv + 1));
	log_msg(LOG_LEVEL_ERROR, "audit", "say verify, export or prune");
	return (cli_usage(stderr, EX_USAGE));
}
