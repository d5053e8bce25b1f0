/* testlib.h: small helpers shared by the unit suites. */
#ifndef HOTROCKS_TESTLIB_H
#define HOTROCKS_TESTLIB_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include <glib.h>
#include <gmime/gmime.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

/*
 * A ZIP archive in memory made with libzip: entries is a NULL-terminated
 * list of name, content pairs (content is a NUL-terminated string).
 * Returns bytes to g_free and their length in *len_r.
 */
unsigned char	*test_zip(const char *const *entries, size_t *len_r);

/* Same, with explicit lengths: n entries of names[i], data[i], lens[i]. */
unsigned char	*test_zipn(size_t n, const char *const *names,
		    const unsigned char *const *data, const size_t *lens,
		    size_t *len_r);

/*
 * A PDF as a word processor writes it: the header, the n objects (objs[i]
 * is the body of object i + 1; the first is the catalog), a classic
 * cross-reference table and the trailer. g_string_free by the caller.
 */
GString		*test_pdf(const char *const *objs, size_t n);
/* A stream object's body holding the len bytes of data (g_free). */
char		*test_pdf_stream(const char *data, size_t len);

/* A whole file read into memory (g_free), or abort the test. */
unsigned char	*test_slurp(const char *path, size_t *len_r);
/* Removes dir and all below it (a test's temporary folder); asserts it. */
void		 test_rm_tree(const char *dir);
/* Entries of dir other than . and .., asserting it can be read. */
size_t		 test_dir_entries(const char *dir);

/* The detail of the first finding with code in f ("" when it has none),
 * or NULL when f holds no such finding. */
struct findings;
const char	*test_finding_detail(const struct findings *f, int code);

/* Path of a file under tests/data (g_free). */
char		*test_data_path(const char *rel);

/*
 * A store of the test's own, for suites that run hotrocks on one: the
 * fixture test_store_setup makes a new temporary folder test_dir and
 * names test_db in it (hotrocks creates it); test_store_teardown removes
 * the folder and all it holds.
 */
extern char	*test_dir, *test_db;
void		 test_store_setup(void);
void		 test_store_teardown(void);
/* The first column of the first row of sql run on test_db, read only, as
 * text (g_free); NULL when there is no row or the value is NULL. */
char		*test_text(const char *sql);
/* Same, as a number; -1 when there is no row. */
long		 test_count(const char *sql);
/* Runs sql, then more (NULL: nothing), on the store at path as a
 * person with sqlite3 would, ?1 bound to the text value: a store put
 * back to how an older hotrocks held it. */
void		 test_store_rewrite(const char *path, const char *sql,
		    const char *value, const char *more);
/* `case show NUMBER --json` on test_db refuses a damaged row: exit 74,
 * not a byte on stdout, and a cause that says so. */
void		 test_show_json_refused(const char *number);
/* A list of n rows made by tests/bench/make-list.py in dir as name, row
 * bad_row's ICCID wrong (0: none); its path (g_free). */
char		*test_long_list(const char *dir, const char *name, int n,
		    int bad_row);
/* Path of a sample message built by make-samples.py (g_free). */
char		*test_sample(const char *name);
/*
 * Mail a test writes for hotrocks to ingest: raw in a new file of test_dir
 * (m01.eml, m02.eml, ...), received (its mtime) days after
 * 2024-05-10T02:00:00Z, which is after the samples (received, as their
 * Date says, by 8 May); its path (g_free). test_nmail counts the files
 * written since test_store_setup.
 */
extern int	 test_nmail;
char		*test_mail_write(const char *raw, int days);
/* The sample name with its From and Message-ID (and their folded lines)
 * replaced by from and mid, written as test_mail_write does. */
char		*test_sample_variant(const char *name, const char *from,
		    const char *mid, int days);
/* hotrocks ingest -q of path (or of the sample name) into test_db with
 * samples/hotrocks.conf; the test fails unless it exits 0. */
void		 test_ingest(const char *path);
void		 test_ingest_sample(const char *name);

/* The hotrocks binary the suites run: $HOTROCKS_BIN, else build/hotrocks;
 * the folder of built samples: $HOTROCKS_SAMPLES, else build/samples. */
const char	*test_hotrocks_bin(void);
const char	*test_samples_dir(void);

/*
 * Runs the hotrocks binary with the NULL-terminated arguments; returns its
 * exit status (-1 when killed by a signal) with stdout and stderr in
 * *out_r and *err_r (g_free; either may be NULL, and goes to the suite's
 * own stdout or stderr).
 *
 * A run that could reach the service's store at its default path
 * (/var/lib/hotrocks, which a root-run test would create) fails the test
 * instead: every command that may open a store (all but sign, verify, and
 * inspect without --db) needs --db, or a -c file whose [store] database
 * names another place. The store is the one path the built-in settings
 * name (config.c), so a run with --db and no -c is safe too. A bare usage
 * error or --help is exempt.
 */
int		 test_hotrocks(char **out_r, char **err_r, ...)
		    __attribute__((sentinel));
/* Same, with the arguments as a NULL-terminated array. */
int		 test_hotrocks_argv(char **out_r, char **err_r,
		    const char *const *args);
/* Same, the process under RLIMIT_DATA data_limit bytes (0: none; none
 * either in a sanitizer build, whose shadow memory would count). */
int		 test_hotrocks_limited(char **out_r, char **err_r,
		    size_t data_limit, const char *const *args);
/*
 * Same, as a user who may not write what the caller keeps from others
 * (0644 files in a 0755 folder): nobody (TEST_READER_ID) when the tests
 * run as root; else the caller's user, whose files the test makes
 * read-only. It runs in dir, from what test_reader_setup(dir) put there
 * (a copy of the binary, of the letters and a config naming them, whose
 * path it returns: pass it as -c): the tests' own tree may lie in a
 * folder nobody may enter.
 */
#define TEST_READER_ID	65534
char		*test_reader_setup(const char *dir);
int		 test_hotrocks_reader(const char *dir, char **out_r,
		    char **err_r, const char *const *args);
/* Keeps text (what a hotrocks process printed) in $HOTROCKS_TEST_OUTPUT,
 * when set, for the secrets check; test_hotrocks does it for its runs. A
 * suite that spawns hotrocks itself passes what it read here too. */
void		 test_output_keep(const char *text);

/*
 * The test PKI of tests/pki/make-pki.sh, made by test_pki_setup in a new
 * temporary folder test_pki_dir (tmpl as for g_dir_make_tmp) at
 * test_pki_made, from when its certificates are valid; test_pki_teardown
 * removes the folder. For an unchecked fixture: it is slow.
 */
extern char	*test_pki_dir;
extern time_t	 test_pki_made;
void		 test_pki_setup(const char *tmpl);
void		 test_pki_teardown(void);
/* Path of a file of the PKI (g_free). */
char		*test_pki_path(const char *name);
/* The private key of leaf, a make-pki.sh name (EVP_PKEY_free). */
EVP_PKEY	*test_pki_key(const char *leaf);
/* The certificates in file of the PKI (sk_X509_pop_free). */
STACK_OF(X509)	*test_pki_certs(const char *file);
/* in signed with pdf_sign at when (CAdES when cades) by leaf with its
 * chain (fake-chain.pem for the fake* leaves); g_string_free. */
GString		*test_pdf_signed(const GString *in, const char *leaf,
		    time_t when, bool cades);

/* The letter files of the source tree ($HOTROCKS_TEMPLATES, which make
 * check sets, else outbox/templates), loaded once; the suite keeps them. */
struct templates;
struct templates	*test_templates(void);

/* A message parsed from raw (a NUL-terminated string), or abort the test;
 * g_object_unref by the caller. _len: the len bytes of raw. */
GMimeMessage	*test_message_parse(const char *raw);
GMimeMessage	*test_message_parse_len(const char *raw, size_t len);
/* The value of msg's header name as it stands (g_free), or NULL. */
char		*test_message_header(GMimeMessage *msg, const char *name);
/* The decoded text of msg's first text part (the first part of each
 * multipart on the way), CRs dropped (g_free). */
char		*test_message_text(GMimeMessage *msg);
/* The "Quảng Ngãi, ngày …" line of the first .xlsx attached to msg (a
 * Phụ lục 3 workbook), asserted to be there once, read back with
 * hotrocks's own reader: a new string; the file's name to *name_r
 * (g_free) unless NULL. */
char		*test_workbook_dateline(GMimeMessage *msg, char **name_r);

/* The first outbox item of purpose in the store at db_path, whole (its
 * attachments put back from the files beside the store, where --db puts
 * them), or NULL when there is none (g_free). */
char		*test_outbox_raw(const char *db_path, const char *purpose);

/* The store at db replaced by its backup bak (renamed over it), its
 * -wal and -shm gone, as a person restores one. */
void	test_store_restore(const char *bak, const char *db);

#endif
