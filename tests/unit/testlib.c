/* testlib.c: helpers for the unit suites. */
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <stdio.h>
#include <unistd.h>
#include <utime.h>

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <openssl/pem.h>
#include <sqlite3.h>
#include <zip.h>

#include "intake/store.h"
#include "outbox/forward-xlsx.h"
#include "parsers/docbody.h"
#include "parsers/package.h"
#include "parsers/xlsx.h"
#include "lib/db.h"
#include "lib/findings.h"
#include "outbox/queue.h"
#include "outbox/templates.h"
#include "parsers/pdf-sign.h"
#include "tests/unit/testlib.h"

unsigned char *
test_zipn(size_t n, const char *const *names,
    const unsigned char *const *data, const size_t *lens, size_t *len_r)
{
	zip_source_t	*src;
	zip_t		*za;
	zip_error_t	 err;
	zip_stat_t	 st;
	unsigned char	*out;

	zip_error_init(&err);
	src = zip_source_buffer_create(NULL, 0, 0, &err);
	ck_assert_ptr_nonnull(src);
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
	ck_assert_ptr_nonnull(za);
	for (size_t i = 0; i < n; i++) {
		zip_source_t *s = zip_source_buffer(za, data[i], lens[i], 0);

		ck_assert_ptr_nonnull(s);
		ck_assert_int_ge(zip_file_add(za, names[i], s,
		    ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE), 0);
	}
	ck_assert_int_eq(zip_close(za), 0);
	ck_assert_int_eq(zip_source_stat(src, &st), 0);
	ck_assert_int_eq(zip_source_open(src), 0);
	out = g_malloc(st.size ? st.size : 1);
	ck_assert_int_eq(zip_source_read(src, out, st.size), (zip_int64_t)st.size);
	zip_source_close(src);
	zip_source_free(src);
	*len_r = st.size;
	return (out);
}

unsigned char *
test_zip(const char *const *entries, size_t *len_r)
{
	size_t			 n = 0;
	const char		*names[256];
	const unsigned char	*data[256];
	size_t			 lens[256];

	for (; entries[2 * n] != NULL; n++) {
		ck_assert_uint_lt(n, 256);
		names[n] = entries[2 * n];
		data[n] = (const unsigned char *)entries[2 * n + 1];
		lens[n] = strlen(entries[2 * n + 1]);
	}
	return (test_zipn(n, names, data, lens, len_r));
}

GString *
test_pdf(const char *const *objs, size_t n)
{
	GString	*s = g_string_new("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
	size_t	*offs = g_new(size_t, n), x;

	for (size_t i = 0; i < n; i++) {
		offs[i] = s->len;
		g_string_append_printf(s, "%zu 0 obj\n%s\nendobj\n", i + 1,
		    objs[i]);
	}
	x = s->len;
	g_string_append_printf(s, "xref\n0 %zu\n0000000000 65535 f \n",
	    n + 1);
	for (size_t i = 0; i < n; i++)
		g_string_append_printf(s, "%010zu 00000 n \n", offs[i]);
	g_string_append_printf(s, "trailer\n<< /Size %zu /Root 1 0 R >>\n"
	    "startxref\n%zu\n%%%%EOF\n", n + 1, x);
	g_free(offs);
	return (s);
}

char *
test_pdf_stream(const char *data, size_t len)
{
	return (g_strdup_printf("<< /Length %zu >>\nstream\n%.*s\nendstream",
	    len, (int)len, data));
}

void
test_rm_tree(const char *dir)
{
	char *cmd = g_strdup_printf("rm -rf '%s'", dir);

	ck_assert_int_eq(system(cmd), 0);
	g_free(cmd);
}

size_t
test_dir_entries(const char *dir)
{
	GDir	*d = g_dir_open(dir, 0, NULL);
	size_t	 n = 0;

	ck_assert_ptr_nonnull(d);
	while (g_dir_read_name(d) != NULL)
		n++;
	g_dir_close(d);
	return (n);
}

unsigned char *
test_slurp(const char *path, size_t *len_r)
{
	char	*buf = NULL;
	gsize	 len = 0;
	GError	*err = NULL;

	if (!g_file_get_contents(path, &buf, &len, &err))
		ck_abort_msg("cannot read %s: %s", path, err->message);
	*len_r = len;
	return ((unsigned char *)buf);
}

char *
test_data_path(const char *rel)
{
	const char *dir = getenv("HOTROCKS_TEST_DATA");

	return (g_build_filename(dir ? dir : "tests/data", rel, NULL));
}

const char *
test_finding_detail(const struct findings *f, int code)
{
	for (size_t i = 0; i < f->n; i++)
		if ((int)f->v[i].code == code)
			return (f->v[i].detail ? f->v[i].detail : "");
	return (NULL);
}

char	*test_dir, *test_db;
int	 test_nmail;

void
test_store_setup(void)
{
	test_dir = g_dir_make_tmp("hotrocks-test-XXXXXX", NULL);
	ck_assert_ptr_nonnull(test_dir);
	test_db = g_build_filename(test_dir, "h.db", NULL);
	test_nmail = 0;
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return (flag == FTW_DP ? rmdir(path) : unlink(path));
}

void
test_store_teardown(void)
{
	ck_assert_msg(nftw(test_dir, rm_one, 16, FTW_DEPTH | FTW_PHYS) == 0,
	    "removing %s: %s", test_dir, g_strerror(errno));
	g_clear_pointer(&test_dir, g_free);
	g_clear_pointer(&test_db, g_free);
}

char *
test_text(const char *sql)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	char		*s = NULL;

	ck_assert_int_eq(sqlite3_open_v2(test_db, &h, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	ck_assert_msg(sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK,
	    "%s: %s", sql, sqlite3_errmsg(h));
	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL)
		s = g_strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	return (s);
}

long
test_count(const char *sql)
{
	char	*s = test_text(sql);
	long	 n = s != NULL ? strtol(s, NULL, 10) : -1;

	g_free(s);
	return (n);
}

void
test_store_rewrite(const char *path, const char *sql, const char *value,
    const char *more)
{
	sqlite3		*h;
	sqlite3_stmt	*st;

	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_msg(sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK,
	    "%s: %s", sql, sqlite3_errmsg(h));
	sqlite3_bind_text(st, 1, value, -1, SQLITE_STATIC);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	if (more != NULL)
		ck_assert_msg(sqlite3_exec(h, more, NULL, NULL, NULL) ==
		    SQLITE_OK, "%s: %s", more, sqlite3_errmsg(h));
	sqlite3_close(h);
}

void
test_show_json_refused(const char *number)
{
	char	*out = NULL, *err = NULL;

	ck_assert_int_eq(test_hotrocks(&out, &err, "case", "show", number,
	    "-c", "samples/hotrocks.conf", "--db", test_db, "--json", NULL),
	    74);
	ck_assert_msg(strstr(err, "stored findings are not readable") !=
	    NULL, "%s", err);
	ck_assert_uint_eq(strlen(out), 0);
	g_free(out);
	g_free(err);
}

char *
test_long_list(const char *dir, const char *name, int n, int bad_row)
{
	char		*path = g_build_filename(dir, name, NULL);
	char		 rows[16], bad[16];
	const char	*argv[] = { "/usr/bin/python3",
			    "tests/bench/make-list.py", rows, path,
			    bad_row > 0 ? "--bad-row" : NULL, bad, NULL };
	int		 status;

	snprintf(rows, sizeof(rows), "%d", n);
	snprintf(bad, sizeof(bad), "%d", bad_row);
	ck_assert(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT,
	    NULL, NULL, NULL, NULL, &status, NULL));
	ck_assert_int_eq(status, 0);
	return (path);
}

char *
test_sample(const char *name)
{
	return (g_build_filename(test_samples_dir(), name, NULL));
}

/* "Now" for test_mail_write: 2024-05-10T02:00:00Z. */
#define TEST_MAIL_NOW	((time_t)1715306400)

char *
test_mail_write(const char *raw, int days)
{
	char		*path;
	struct utimbuf	 t;

	path = g_strdup_printf("%s/m%02d.eml", test_dir, ++test_nmail);
	ck_assert(g_file_set_contents(path, raw, -1, NULL));
	t.actime = t.modtime = TEST_MAIL_NOW + (time_t)days * 86400;
	ck_assert_int_eq(utime(path, &t), 0);
	return (path);
}

char *
test_sample_variant(const char *name, const char *from, const char *mid,
    int days)
{
	char	*src = test_sample(name);
	char	*raw, *path;
	GString	*out = g_string_new(NULL);
	char   **lines;
	bool	 head = true, skip = false;

	ck_assert(g_file_get_contents(src, &raw, NULL, NULL));
	lines = g_strsplit(raw, "\n", -1);
	g_string_append_printf(out, "From: %s\r\nMessage-ID: %s\r\n", from,
	    mid);
	for (char **l = lines; *l != NULL; l++) {
		if (head && (**l == '\r' || **l == '\0'))
			head = false;
		if (head && (**l == ' ' || **l == '\t') && skip)
			continue;
		skip = head && (g_ascii_strncasecmp(*l, "From:", 5) == 0 ||
		    g_ascii_strncasecmp(*l, "Message-ID:", 11) == 0);
		if (skip)
			continue;
		g_string_append_printf(out, "%s%s", *l, l[1] != NULL ? "\n" :
		    "");
	}
	path = test_mail_write(out->str, days);
	g_string_free(out, TRUE);
	g_strfreev(lines);
	g_free(raw);
	g_free(src);
	return (path);
}

void
test_ingest(const char *path)
{
	char	*out = NULL, *err = NULL;
	int	 rc;

	rc = test_hotrocks(&out, &err, "ingest", "-q", "-c",
	    "samples/hotrocks.conf", "--db", test_db, path, NULL);
	ck_assert_msg(rc == 0, "ingest %s: %d\n%s%s", path, rc, out, err);
	g_free(out);
	g_free(err);
}

void
test_ingest_sample(const char *name)
{
	char	*path = test_sample(name);

	test_ingest(path);
	g_free(path);
}

const char *
test_hotrocks_bin(void)
{
	const char *bin = getenv("HOTROCKS_BIN");

	return (bin != NULL ? bin : "build/hotrocks");
}

const char *
test_samples_dir(void)
{
	const char *dir = getenv("HOTROCKS_SAMPLES");

	return (dir != NULL ? dir : "build/samples");
}

/* The [store] database a config file names, NULL when it names none
 * (g_free). */
static char *
conf_database(const char *path)
{
	GKeyFile	*kf = g_key_file_new();
	char		*db = NULL;

	if (g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, NULL))
		db = g_key_file_get_string(kf, "store", "database", NULL);
	g_key_file_free(kf);
	if (db != NULL && *db == '\0')
		g_clear_pointer(&db, g_free);
	return (db);
}

/*
 * Fails the test when args could let hotrocks use its built-in store,
 * /var/lib/hotrocks/hotrocks.db: run as root, it would create it there,
 * outside every temporary folder, and leave it for the next run and for
 * the package's installation to find.
 */
static void
hotrocks_args_check(const char *const *args)
{
	const char	*cmd = args[0], *conf = NULL;
	char		*db = NULL;
	bool		 has_db = false;

	if (cmd == NULL)
		return;
	for (size_t i = 0; args[i] != NULL; i++) {
		const char *a = args[i];

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			return;
		if (strcmp(a, "--db") == 0 || g_str_has_prefix(a, "--db="))
			has_db = true;
		else if ((strcmp(a, "-c") == 0 || strcmp(a, "--config") == 0) &&
		    args[i + 1] != NULL)
			conf = args[i + 1];
		else if (g_str_has_prefix(a, "--config="))
			conf = a + strlen("--config=");
	}
	/* They open no store (inspect only with --db); --db names it. */
	if (strcmp(cmd, "sign") == 0 || strcmp(cmd, "verify") == 0 ||
	    strcmp(cmd, "inspect") == 0 || has_db)
		return;
	ck_assert_msg(conf != NULL, "hotrocks %s without --db or -c: its "
	    "store would be the service's own", cmd);
	db = conf_database(conf);
	ck_assert_msg(db != NULL && !g_str_has_prefix(db, "/var/lib/hotrocks"),
	    "hotrocks %s without --db, and %s names %s as its store: a test "
	    "gives a store in its temporary folder", cmd, conf,
	    db != NULL ? db : "no other");
	g_free(db);
}

int
test_hotrocks_argv(char **out_r, char **err_r, const char *const *args)
{
	return (test_hotrocks_limited(out_r, err_r, 0, args));
}

/* The child's RLIMIT_DATA, *arg bytes. */
static void
limit_data(gpointer arg)
{
	struct rlimit rl = { *(rlim_t *)arg, *(rlim_t *)arg };

	setrlimit(RLIMIT_DATA, &rl);
}

/* The child as a user who may read the store but not write it: nobody
 * when the tests run as root (who may write anything). */
static void
as_reader(gpointer arg)
{
	(void)arg;
	if (geteuid() == 0 && (setgroups(0, NULL) == -1 ||
	    setgid(TEST_READER_ID) == -1 || setuid(TEST_READER_ID) == -1))
		_exit(126);
}

/* hotrocks (bin, NULL: test_hotrocks_bin) with args, in the folder cwd
 * (NULL: this one), its child set up by setup (NULL: none). */
static int
spawn_hotrocks(char **out_r, char **err_r, const char *bin, const char *cwd,
    GSpawnChildSetupFunc setup, gpointer arg, const char *const *args)
{
	GPtrArray	*argv = g_ptr_array_new();
	int		 status = -1;
	GError		*err = NULL;
	char		*out = NULL, *errs = NULL;

	hotrocks_args_check(args);
	g_ptr_array_add(argv, (char *)(bin != NULL ? bin :
	    test_hotrocks_bin()));
	for (size_t i = 0; args[i] != NULL; i++)
		g_ptr_array_add(argv, (char *)args[i]);
	g_ptr_array_add(argv, NULL);
	if (!g_spawn_sync(cwd, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT,
	    setup, arg, &out, &errs, &status, &err))
		ck_abort_msg("spawn %s: %s", (char *)argv->pdata[0],
		    err->message);
	g_ptr_array_free(argv, TRUE);
	test_output_keep(out);
	test_output_keep(errs);
	if (out_r != NULL)
		*out_r = out;
	else {
		fputs(out, stdout);
		g_free(out);
	}
	if (err_r != NULL)
		*err_r = errs;
	else {
		fputs(errs, stderr);
		g_free(errs);
	}
	return (WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

int
test_hotrocks_limited(char **out_r, char **err_r, size_t data_limit,
    const char *const *args)
{
	rlim_t		 limit = (rlim_t)data_limit;
	bool		 limited = data_limit > 0;

	/* A sanitizer's shadow memory would count against the limit. */
#if defined(__SANITIZE_ADDRESS__)
	limited = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
	limited = false;
#endif
#endif
	return (spawn_hotrocks(out_r, err_r, NULL, NULL,
	    limited ? limit_data : NULL, &limit, args));
}

/* src's bytes as dst, mode mode. */
static void
copy_file(const char *src, const char *dst, int mode)
{
	char	*data = NULL;
	gsize	 len;

	ck_assert_msg(g_file_get_contents(src, &data, &len, NULL), "%s", src);
	ck_assert_msg(g_file_set_contents(dst, data, (gssize)len, NULL), "%s",
	    dst);
	ck_assert_int_eq(g_chmod(dst, mode), 0);
	g_free(data);
}

char *
test_reader_setup(const char *dir)
{
	const char	*name;
	char		*bin, *letters, *conf, *text;
	GDir		*d;

	bin = g_build_filename(dir, "hotrocks", NULL);
	copy_file(test_hotrocks_bin(), bin, 0755);
	letters = g_build_filename(dir, "letters", NULL);
	ck_assert_int_eq(g_mkdir(letters, 0755), 0);
	ck_assert_ptr_nonnull(d = g_dir_open("outbox/templates", 0, NULL));
	while ((name = g_dir_read_name(d)) != NULL) {
		char *from = g_build_filename("outbox/templates", name, NULL);
		char *to = g_build_filename(letters, name, NULL);

		copy_file(from, to, 0644);
		g_free(from);
		g_free(to);
	}
	g_dir_close(d);
	conf = g_build_filename(dir, "reader.conf", NULL);
	text = g_strdup_printf("[outbox]\ntemplates = %s\n", letters);
	ck_assert(g_file_set_contents(conf, text, -1, NULL));
	ck_assert_int_eq(g_chmod(conf, 0644), 0);
	g_free(text);
	g_free(letters);
	g_free(bin);
	return (conf);
}

int
test_hotrocks_reader(const char *dir, char **out_r, char **err_r,
    const char *const *args)
{
	char	*bin = g_build_filename(dir, "hotrocks", NULL);
	int	 rc;

	rc = spawn_hotrocks(out_r, err_r, bin, dir, as_reader, NULL, args);
	g_free(bin);
	return (rc);
}

int
test_hotrocks(char **out_r, char **err_r, ...)
{
	GPtrArray	*args = g_ptr_array_new();
	const char	*a;
	va_list		 ap;
	int		 rc;

	va_start(ap, err_r);
	while ((a = va_arg(ap, const char *)) != NULL)
		g_ptr_array_add(args, (char *)a);
	va_end(ap);
	g_ptr_array_add(args, NULL);
	rc = test_hotrocks_argv(out_r, err_r, (const char *const *)args->pdata);
	g_ptr_array_free(args, TRUE);
	return (rc);
}

/* Appends text to $HOTROCKS_TEST_OUTPUT when set (make check sets it):
 * tests/secrets-check.sh searches every line hotrocks printed there for
 * the test servers' passwords. One write, O_APPEND: forked tests may
 * share the file. */
void
test_output_keep(const char *text)
{
	const char	*path = getenv("HOTROCKS_TEST_OUTPUT");
	size_t		 len = text != NULL ? strlen(text) : 0;
	int		 fd;

	if (path == NULL || len == 0)
		return;
	if ((fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
	    0644)) == -1)
		ck_abort_msg("%s: %s", path, g_strerror(errno));
	if (write(fd, text, len) != (ssize_t)len)
		ck_abort_msg("%s: short write", path);
	close(fd);
}

char *
test_outbox_raw(const char *db_path, const char *purpose)
{
	struct db	*st;
	sqlite3_stmt	*q;
	char		*cause = NULL, *dir, *blobs, *full = NULL;
	size_t		 len;

	st = store_open(db_path, &cause);
	ck_assert_msg(st != NULL, "%s", cause);
	dir = g_path_get_dirname(db_path);
	blobs = g_build_filename(dir, "archive", "blobs", NULL);
	db_set_blob_dir(st, blobs);
	g_free(blobs);
	g_free(dir);
	q = db_prepare(st, "SELECT id, raw FROM outbox WHERE purpose = ?1"
	    " ORDER BY id LIMIT 1", &cause);
	ck_assert_msg(q != NULL, "%s", cause);
	sqlite3_bind_text(q, 1, purpose, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW)
		ck_assert_msg(queue_raw(st, sqlite3_column_int64(q, 0),
		    (const char *)sqlite3_column_text(q, 1), &full, &len,
		    &cause) == 0, "%s", cause);
	sqlite3_finalize(q);
	db_close(st);
	return (full);
}

struct templates *
test_templates(void)
{
	static struct templates	*letters;
	const char		*dir = getenv("HOTROCKS_TEMPLATES");
	char			*cause = NULL;

	if (letters == NULL)
		ck_assert_msg(templates_load(dir != NULL ? dir :
		    "outbox/templates", &letters, &cause) == 0, "%s", cause);
	return (letters);
}

GMimeMessage *
test_message_parse(const char *raw)
{
	return (test_message_parse_len(raw, strlen(raw)));
}

GMimeMessage *
test_message_parse_len(const char *raw, size_t len)
{
	GMimeStream	*stream;
	GMimeParser	*parser;
	GMimeMessage	*msg;

	g_mime_init();
	stream = g_mime_stream_mem_new_with_buffer(raw, len);
	parser = g_mime_parser_new_with_stream(stream);
	msg = g_mime_parser_construct_message(parser, NULL);
	g_object_unref(parser);
	g_object_unref(stream);
	ck_assert_ptr_nonnull(msg);
	return (msg);
}

char *
test_message_header(GMimeMessage *msg, const char *name)
{
	const char *v = g_mime_object_get_header(GMIME_OBJECT(msg), name);

	return (v != NULL ? g_strdup(v) : NULL);
}

char *
test_message_text(GMimeMessage *msg)
{
	GMimeObject	*part = g_mime_message_get_mime_part(msg);
	char		*t, *w, *r;

	/* mixed, then alternative: the text/plain comes first in each */
	while (GMIME_IS_MULTIPART(part))
		part = g_mime_multipart_get_part(GMIME_MULTIPART(part), 0);
	t = g_mime_text_part_get_text(GMIME_TEXT_PART(part));
	for (r = w = t; *r != '\0'; r++)
		if (*r != '\r')
			*w++ = *r;
	*w = '\0';
	return (t);
}

char	*test_pki_dir;
time_t	 test_pki_made;

void
test_pki_setup(const char *tmpl)
{
	char	*argv[] = { "sh", "tests/pki/make-pki.sh", NULL, NULL };
	gint	 st;

	test_pki_made = time(NULL);
	test_pki_dir = g_dir_make_tmp(tmpl, NULL);
	argv[2] = test_pki_dir;
	ck_assert(g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH |
	    G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
	    NULL, NULL, NULL, &st, NULL) && st == 0);
}

void
test_pki_teardown(void)
{
	char *argv[] = { "rm", "-rf", test_pki_dir, NULL };

	g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
	    NULL, NULL, NULL);
	g_clear_pointer(&test_pki_dir, g_free);
}

char *
test_pki_path(const char *name)
{
	return (g_build_filename(test_pki_dir, name, NULL));
}

EVP_PKEY *
test_pki_key(const char *leaf)
{
	char		*p = g_strdup_printf("%s/%s.key.pem", test_pki_dir,
			    leaf);
	BIO		*b = BIO_new_file(p, "r");
	EVP_PKEY	*k = PEM_read_bio_PrivateKey(b, NULL, NULL, NULL);

	ck_assert_ptr_nonnull(k);
	BIO_free(b);
	g_free(p);
	return (k);
}

STACK_OF(X509) *
test_pki_certs(const char *file)
{
	char		*p = test_pki_path(file);
	BIO		*b = BIO_new_file(p, "r");
	STACK_OF(X509)	*st = sk_X509_new_null();
	X509		*x;

	ck_assert_ptr_nonnull(b);
	while ((x = PEM_read_bio_X509(b, NULL, NULL, NULL)) != NULL)
		sk_X509_push(st, x);
	BIO_free(b);
	g_free(p);
	return (st);
}

GString *
test_pdf_signed(const GString *in, const char *leaf, time_t when,
    bool cades)
{
	char		*cp = g_strdup_printf("%s.pem", leaf);
	EVP_PKEY	*key = test_pki_key(leaf);
	STACK_OF(X509)	*cert = test_pki_certs(cp);
	STACK_OF(X509)	*chain = test_pki_certs(g_str_has_prefix(leaf,
			    "fake") ? "fake-chain.pem" : "chain.pem");
	unsigned char	*out = NULL;
	size_t		 len = 0;
	const char	*why = NULL;
	GString		*s;

	ck_assert_msg(pdf_sign((const unsigned char *)in->str, in->len, key,
	    sk_X509_value(cert, 0), chain, when, cades, NULL, &out, &len,
	    &why) == 0, "pdf_sign: %s", why);
	s = g_string_new_len((char *)out, (gssize)len);
	g_free(out);
	g_free(cp);
	EVP_PKEY_free(key);
	sk_X509_pop_free(cert, X509_free);
	sk_X509_pop_free(chain, X509_free);
	return (s);
}

char *
test_workbook_dateline(GMimeMessage *msg, char **name_r)
{
	GMimeMultipart	*mp;
	GMimePart	*part = NULL;
	GMimeStream	*mem;
	GByteArray	*bytes;
	struct package	*pkg;
	struct docbody	*xb;
	const struct grid *g;
	const char	*why = NULL;
	char		*line = NULL;
	size_t		 found = 0;

	mp = GMIME_MULTIPART(g_mime_message_get_mime_part(msg));
	for (int i = 0; part == NULL && i < g_mime_multipart_get_count(mp);
	    i++) {
		GMimeObject *o = g_mime_multipart_get_part(mp, i);

		if (GMIME_IS_PART(o) && g_mime_part_get_filename(GMIME_PART(o))
		    != NULL && g_str_has_suffix(g_mime_part_get_filename(
		    GMIME_PART(o)), ".xlsx"))
			part = GMIME_PART(o);
	}
	ck_assert_ptr_nonnull(part);
	if (name_r != NULL)
		*name_r = g_strdup(g_mime_part_get_filename(part));
	mem = g_mime_stream_mem_new();
	g_mime_data_wrapper_write_to_stream(g_mime_part_get_content(part), mem);
	bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	pkg = package_open(bytes->data, bytes->len, NULL, &why);
	ck_assert_msg(pkg != NULL, "%s", why);
	ck_assert_msg(xlsx_read(pkg, NULL, &xb, &why) == 0, "%s", why);
	g = xb->blocks[0].grid;
	for (size_t r = 0; r < FORWARD_XLSX_HEADER_ROW; r++)
		for (size_t c = grid_next(g, r, 0); c < g->ncols;
		    c = grid_next(g, r, c + 1)) {
			const char *v = grid_at(g, r, c)->text;

			if (g_str_has_prefix(v, "Quảng Ngãi, ngày")) {
				g_free(line);
				line = g_strdup(v);
				found++;
			}
		}
	ck_assert_uint_eq(found, 1);
	docbody_free(xb);
	package_free(pkg);
	g_object_unref(mem);
	return (line);
}

void
test_store_restore(const char *bak, const char *db)
{
	ck_assert_int_eq(g_rename(bak, db), 0);
	for (const char *x = "-wal"; x != NULL;
	    x = strcmp(x, "-wal") == 0 ? "-shm" : NULL) {
		char *p = g_strconcat(db, x, NULL);

		g_unlink(p);
		g_free(p);
	}
}
