/* check-signature-cli.c: document signatures through the hotrocks command
 * as staff run it, with the test PKI of tests/pki/make-pki.sh: sign then
 * verify for each trust case, attacks on the signed file, signed lists
 * through inspect. Never uses a real trust anchor. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include <check.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <zip.h>

#include "intake/mime.h"
#include "lib/codes.h"
#include "tests/unit/testlib.h"

/* Made once per test case (the unchecked fixture). */
static char		*top;		/* everything below is in here */
static char		*pki;		/* the test PKI */
static char		*docx;		/* the unsigned sample lists */
static char		*xlsx;

/* One test's scratch: a folder, and what to free after the test. */
static char		*work;
static GPtrArray	*pool;
static GPtrArray	*nodes;

/* A ZIP loaded as entries, in archive order, to change and write back. */
struct entries {
	GPtrArray	*names;
	GPtrArray	*data;		/* GBytes */
};

static const char *
keep(char *s)
{
	g_ptr_array_add(pool, s);
	return (s);
}

static const char *
in_pki(const char *name)
{
	return (keep(g_build_filename(pki, name, NULL)));
}

static const char *
in_work(const char *name)
{
	return (keep(g_build_filename(work, name, NULL)));
}

/* Runs argv (NULL-terminated, argv[0] the program); stdout and stderr to
 * g_free. Returns the exit status, or -1 when it did not exit. */
static int
spawn(const char *const *argv, char **out_r, char **err_r)
{
	GError	*err = NULL;
	int	 status = -1;

	if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH,
	    NULL, NULL, out_r, err_r, &status, &err))
		ck_abort_msg("spawn %s: %s", argv[0], err->message);
	return (WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

/* Writes the first attachment of that format in a sample message. */
static char *
extract(const char *sample, enum format fmt, const char *name)
{
	char		*path = test_sample(sample);
	char		*out = g_build_filename(top, name, NULL);
	struct mail	*m = NULL;
	const char	*why = NULL;
	unsigned char	*raw;
	size_t		 len, i;

	raw = test_slurp(path, &len);
	ck_assert_msg(mime_parse(raw, len, NULL, &m, &why) == 0, "%s: %s",
	    path, why);
	for (i = 0; i < m->natt && m->att[i].format != fmt; i++)
		continue;
	ck_assert_msg(i < m->natt, "%s: no %s attachment", path,
	    format_name(fmt));
	ck_assert(g_file_set_contents(out, (char *)m->att[i].data,
	    m->att[i].len, NULL));
	mime_free(m);
	g_free(raw);
	g_free(path);
	return (out);
}

static void
pki_setup(void)
{
	const char	*argv[] = { "sh", "tests/pki/make-pki.sh", NULL, NULL };
	char		*out = NULL, *err = NULL;
	int		 rc;

	top = g_dir_make_tmp(NULL, NULL);
	ck_assert_ptr_nonnull(top);
	pki = g_build_filename(top, "pki", NULL);
	argv[2] = pki;
	rc = spawn(argv, &out, &err);
	ck_assert_msg(rc == 0, "make-pki.sh: %s", err);
	g_free(out);
	g_free(err);
	mime_init();
	docx = extract("01-outlook-docx-sontinh.eml", FORMAT_DOCX,
	    "list.docx");
	xlsx = extract("03-zimbra-xlsx-binhson.eml", FORMAT_XLSX,
	    "list.xlsx");
}

static void
pki_teardown(void)
{
	const char	*argv[] = { "rm", "-rf", top, NULL };
	char		*out = NULL, *err = NULL;

	ck_assert_int_eq(spawn(argv, &out, &err), 0);
	g_free(out);
	g_free(err);
	g_free(docx);
	g_free(xlsx);
	g_free(pki);
	g_free(top);
}

static void
setup(void)
{
	/* one directory a test, named by the process that runs it */
	work = g_strdup_printf("%s/t-%d", top, (int)getpid());
	ck_assert_int_eq(g_mkdir(work, 0700), 0);
	pool = g_ptr_array_new_with_free_func(g_free);
	nodes = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)json_node_unref);
}

static void
teardown(void)
{
	g_ptr_array_free(nodes, TRUE);
	g_ptr_array_free(pool, TRUE);
	g_free(work);
}

/* hotrocks sign with a leaf of the test PKI; at may be NULL (now). */
static const char *
sign_as(const char *leaf, const char *chain, const char *in,
    const char *out, const char *at)
{
	const char	*key = in_pki(keep(g_strconcat(leaf, ".key.pem",
			    NULL)));
	const char	*cert = in_pki(keep(g_strconcat(leaf, ".pem", NULL)));
	char		*o, *e;
	int		 rc;

	if (at != NULL)
		rc = test_hotrocks(&o, &e, "sign", "--key", key, "--cert", cert,
		    "--chain", in_pki(chain), "--at", at, in, out, NULL);
	else
		rc = test_hotrocks(&o, &e, "sign", "--key", key, "--cert", cert,
		    "--chain", in_pki(chain), in, out, NULL);
	ck_assert_msg(rc == 0, "sign %s as %s: %d %s", in, leaf, rc, e);
	g_free(o);
	g_free(e);
	return (out);
}

static const char *
sign(const char *leaf, const char *in, const char *out)
{
	return (sign_as(leaf, "chain.pem", in, out, NULL));
}

static JsonNode *
parse_json(const char *text)
{
	GError		*err = NULL;
	JsonNode	*n = json_from_string(text, &err);

	ck_assert_msg(n != NULL, "not JSON (%s): %s", err ? err->message :
	    "empty", text);
	g_ptr_array_add(nodes, n);
	return (n);
}

static const char *jstr(JsonNode *, const char *);

#define V_ANCHORS	0x1
#define V_CRLS		0x2
#define V_TRUST		(V_ANCHORS | V_CRLS)

/* hotrocks verify --json on one file: its one JSON line. */
static JsonNode *
verify(const char *file, int flags, const char *at)
{
	GPtrArray	*argv = g_ptr_array_new();
	char		*out, *err;
	JsonNode	*n;
	int		 rc;

	g_ptr_array_add(argv, "verify");
	g_ptr_array_add(argv, "--json");
	if (flags & V_ANCHORS) {
		g_ptr_array_add(argv, "--anchors");
		g_ptr_array_add(argv, (char *)in_pki("root.pem"));
	}
	if (flags & V_CRLS) {
		g_ptr_array_add(argv, "--crls");
		g_ptr_array_add(argv, (char *)in_pki("crl"));
	}
	if (at != NULL) {
		g_ptr_array_add(argv, "--at");
		g_ptr_array_add(argv, (char *)at);
	}
	g_ptr_array_add(argv, (char *)file);
	g_ptr_array_add(argv, NULL);
	rc = test_hotrocks_argv(&out, &err, (const char *const *)argv->pdata);
	g_ptr_array_free(argv, TRUE);
	ck_assert_msg(rc == 0 || rc == 1, "verify %s: %d %s", file, rc, err);
	ck_assert_msg(strchr(out, '\n') == strrchr(out, '\n'),
	    "one line expected: %s", out);
	n = parse_json(out);
	/* a script can trust the exit code: 0 exactly when valid */
	ck_assert_msg((rc == 0) == (g_strcmp0(jstr(n, "signature.status"),
	    "valid") == 0), "verify %s: exit %d for %s", file, rc,
	    jstr(n, "signature.status"));
	g_free(out);
	g_free(err);
	return (n);
}

/* The node at a dotted path ("signatures.1.signer.cn"), or NULL. */
static JsonNode *
jget(JsonNode *n, const char *path)
{
	char	**seg = g_strsplit(path, ".", -1);

	for (char **s = seg; *s != NULL && n != NULL; s++) {
		if (JSON_NODE_HOLDS_OBJECT(n)) {
			JsonObject *o = json_node_get_object(n);

			n = json_object_get_member(o, *s);
		} else if (JSON_NODE_HOLDS_ARRAY(n)) {
			JsonArray	*a = json_node_get_array(n);
			guint		 i = (guint)atoi(*s);

			n = i < json_array_get_length(a) ?
			    json_array_get_element(a, i) : NULL;
		} else
			n = NULL;
	}
	g_strfreev(seg);
	return (n);
}

static const char *
jstr(JsonNode *n, const char *path)
{
	n = jget(n, path);
	return (n != NULL && JSON_NODE_HOLDS_VALUE(n) &&
	    json_node_get_value_type(n) == G_TYPE_STRING ?
	    json_node_get_string(n) : NULL);
}

static int
jlen(JsonNode *n, const char *path)
{
	n = jget(n, path);
	return (n != NULL && JSON_NODE_HOLDS_ARRAY(n) ?
	    (int)json_array_get_length(json_node_get_array(n)) : -1);
}

static bool
jtrue(JsonNode *n, const char *path)
{
	n = jget(n, path);
	return (n != NULL && JSON_NODE_HOLDS_VALUE(n) &&
	    json_node_get_value_type(n) == G_TYPE_BOOLEAN &&
	    json_node_get_boolean(n));
}

/* True when a findings array at path holds that code. */
static bool
has_code(JsonNode *n, const char *path, enum code c)
{
	int len = jlen(n, path);

	for (int i = 0; i < len; i++) {
		char *p = g_strdup_printf("%s.%d.code", path, i);
		bool  hit = g_strcmp0(jstr(n, p), code_name(c)) == 0;

		g_free(p);
		if (hit)
			return (true);
	}
	return (false);
}

/* The serial as `openssl x509 -serial` prints it, in lower case. */
static const char *
openssl_serial(const char *cert)
{
	const char	*argv[] = { "openssl", "x509", "-noout", "-serial",
			    "-in", cert, NULL };
	char		*out, *err, *s;

	ck_assert_int_eq(spawn(argv, &out, &err), 0);
	ck_assert_msg(g_str_has_prefix(out, "serial="), "%s", out);
	s = g_ascii_strdown(g_strstrip(out) + strlen("serial="), -1);
	g_free(out);
	g_free(err);
	return (keep(s));
}

static struct entries *
entries_load(const char *path)
{
	struct entries	*e = g_new0(struct entries, 1);
	zip_error_t	 zerr;
	zip_source_t	*src;
	zip_t		*za;
	unsigned char	*raw;
	size_t		 len;

	raw = test_slurp(path, &len);
	e->names = g_ptr_array_new_with_free_func(g_free);
	e->data = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)g_bytes_unref);
	zip_error_init(&zerr);
	src = zip_source_buffer_create(raw, len, 0, &zerr);
	ck_assert_ptr_nonnull(src);
	za = zip_open_from_source(src, ZIP_RDONLY, &zerr);
	ck_assert_msg(za != NULL, "%s: not a ZIP", path);
	for (zip_int64_t i = 0; i < zip_get_num_entries(za, 0); i++) {
		zip_stat_t	 st;
		zip_file_t	*f;
		unsigned char	*buf;

		ck_assert_int_eq(zip_stat_index(za, i, 0, &st), 0);
		buf = g_malloc(st.size + 1);
		f = zip_fopen_index(za, i, 0);
		ck_assert_ptr_nonnull(f);
		ck_assert_int_eq(zip_fread(f, buf, st.size),
		    (zip_int64_t)st.size);
		zip_fclose(f);
		g_ptr_array_add(e->names, g_strdup(st.name));
		g_ptr_array_add(e->data, g_bytes_new_take(buf, st.size));
	}
	zip_close(za);
	zip_error_fini(&zerr);
	g_free(raw);
	return (e);
}

static int
entries_find(struct entries *e, const char *name)
{
	for (guint i = 0; i < e->names->len; i++)
		if (strcmp(g_ptr_array_index(e->names, i), name) == 0)
			return ((int)i);
	return (-1);
}

static GBytes *
entries_get(struct entries *e, const char *name)
{
	int i = entries_find(e, name);

	ck_assert_msg(i >= 0, "no entry %s", name);
	return (g_ptr_array_index(e->data, i));
}

/* Replaces the entry's bytes, or adds it at the end. */
static void
entries_put(struct entries *e, const char *name, const void *data,
    size_t len)
{
	int i = entries_find(e, name);

	if (i < 0) {
		g_ptr_array_add(e->names, g_strdup(name));
		g_ptr_array_add(e->data, g_bytes_new(data, len));
	} else {
		g_bytes_unref(g_ptr_array_index(e->data, i));
		g_ptr_array_index(e->data, i) = g_bytes_new(data, len);
	}
}

/* Removes every entry whose name starts with prefix; how many. */
static int
entries_drop(struct entries *e, const char *prefix)
{
	int n = 0;

	for (guint i = e->names->len; i-- > 0;)
		if (g_str_has_prefix(g_ptr_array_index(e->names, i), prefix)) {
			g_ptr_array_remove_index(e->names, i);
			g_ptr_array_remove_index(e->data, i);
			n++;
		}
	return (n);
}

/* Replaces the first match of from in an entry (which must hold it). */
static void
entries_edit(struct entries *e, const char *name, const char *from,
    const char *to)
{
	GBytes		*b = entries_get(e, name);
	gsize		 len;
	const char	*d = g_bytes_get_data(b, &len);
	GString		*s = g_string_new_len(d, len);
	char		*at = strstr(s->str, from);

	ck_assert_msg(at != NULL, "%s has no %s", name, from);
	g_string_erase(s, at - s->str, strlen(from));
	g_string_insert(s, at - s->str, to);
	entries_put(e, name, s->str, s->len);
	g_string_free(s, TRUE);
}

static const char *
entries_save(struct entries *e, const char *path)
{
	size_t			 n = e->names->len, len;
	const unsigned char	**data = g_new0(const unsigned char *, n);
	size_t			*lens = g_new0(size_t, n);
	unsigned char		*zip;

	for (size_t i = 0; i < n; i++)
		data[i] = g_bytes_get_data(g_ptr_array_index(e->data, i),
		    &lens[i]);
	zip = test_zipn(n, (const char *const *)e->names->pdata, data, lens,
	    &len);
	ck_assert(g_file_set_contents(path, (char *)zip, len, NULL));
	g_free(zip);
	g_free(lens);
	g_free(data);
	return (path);
}

static void
entries_free(struct entries *e)
{
	if (e == NULL)
		return;
	g_ptr_array_free(e->names, TRUE);
	g_ptr_array_free(e->data, TRUE);
	g_free(e);
}

static const char *
list_of(int fmt)
{
	return (fmt == 0 ? docx : xlsx);
}

/* The part whose text the attacks change: the list's rows. */
static const char *
main_part(int fmt)
{
	return (fmt == 0 ? "word/document.xml" : "xl/sharedStrings.xml");
}

static const char *
rels_part(int fmt)
{
	return (fmt == 0 ? "word/_rels/document.xml.rels" :
	    "xl/_rels/workbook.xml.rels");
}

static const char *
media_part(int fmt)
{
	return (fmt == 0 ? "word/media/extra.png" : "xl/media/extra.png");
}

/* Changes one byte of a part's text: the first digit after its first
 * 200 bytes, which every list part has (a phone, an ICCID). */
static void
entries_flip_digit(struct entries *e, const char *name)
{
	GBytes		*b = entries_get(e, name);
	gsize		 len, i;
	const char	*d = g_bytes_get_data(b, &len);
	char		*copy = g_memdup2(d, len);

	for (i = 200; i < len && !g_ascii_isdigit(copy[i]); i++)
		continue;
	ck_assert_msg(i < len, "%s has no digit to change", name);
	copy[i] = copy[i] == '9' ? '0' : copy[i] + 1;
	entries_put(e, name, copy, len);
	g_free(copy);
}

START_TEST(sig_cli_sign_then_verify_valid)
{
	const char	*in = list_of(_i);
	const char	*signed_ = in_work(_i == 0 ? "s.docx" : "s.xlsx");
	JsonNode	*r;

	sign("sontinh", in, signed_);
	r = verify(signed_, V_TRUST, NULL);
	ck_assert_str_eq(jstr(r, "file"), signed_);
	ck_assert_str_eq(jstr(r, "format"), _i == 0 ? "docx" : "xlsx");
	ck_assert_str_eq(jstr(r, "signature.status"),
	    sig_status_name(SIG_VALID));
	ck_assert_str_eq(jstr(r, "signature.signer.cn"), "Nguyễn Đức Thắng");
	ck_assert_str_eq(jstr(r, "signature.signer.o"), "HUYỆN ỦY SƠN TỊNH");
	ck_assert_str_eq(jstr(r, "signature.signer.ou"), "VĂN PHÒNG");
	ck_assert_str_eq(jstr(r, "signature.signer.email"),
	    "vanphong.sontinh@quangngai.dcs.vn");
	ck_assert_str_eq(jstr(r, "signature.signer.issuer_cn"),
	    "CA phục vụ các cơ quan Đảng G2");
	ck_assert_str_eq(jstr(r, "signature.signer.serial"),
	    openssl_serial(in_pki("sontinh.pem")));
	ck_assert(jtrue(r, "signature.covers_all_parts"));
	ck_assert_ptr_nonnull(jstr(r, "signature.signed_at"));
	ck_assert_int_eq(jlen(r, "signatures"), 1);
	ck_assert_str_eq(jstr(r, "signatures.0.status"),
	    sig_status_name(SIG_VALID));
	ck_assert_str_eq(jstr(r, "signatures.0.part"),
	    "_xmlsignatures/sig1.xml");
	ck_assert_int_eq(jlen(r, "signatures.0.uncovered"), 0);
	ck_assert_ptr_null(jstr(r, "signatures.0.reason"));
}
END_TEST

START_TEST(sig_cli_unsigned_list_is_unsigned)
{
	JsonNode *r = verify(list_of(_i), V_TRUST, NULL);

	ck_assert_str_eq(jstr(r, "signature.status"),
	    sig_status_name(SIG_UNSIGNED));
	ck_assert_int_le(jlen(r, "signatures"), 0);
}
END_TEST

/*
 * One leaf of the test PKI, signed at a stated time, verified with some
 * trust at a receipt time. The CONTRACT judges validity at the signing
 * time stated (or at receipt, when that is earlier). The test PKI's root
 * and intermediate are made the day the suite runs, so no chain through
 * them is valid in 2020 or 2040 whatever the leaf says.
 */
static const struct pki_case {
	const char	*name;
	const char	*leaf;
	const char	*chain;
	const char	*sign_at;	/* NULL: now */
	int		 trust;
	const char	*verify_at;	/* receipt; NULL: now */
	enum sig_status	 want;
	const char	*why;		/* in the reason, or NULL */
} pki_cases[] = {
	{ "expired leaf, signed now", "expired", "chain.pem", NULL,
	    V_TRUST, NULL, SIG_EXPIRED, "not valid at signing time" },
	{ "expired leaf, signed inside its 2020 validity, before its CA",
	    "expired", "chain.pem", "2020-06-01T00:00:00Z", V_TRUST,
	    "2020-07-01T00:00:00Z", SIG_EXPIRED,
	    "not valid at signing time" },
	{ "future leaf, signed now", "future", "chain.pem", NULL, V_TRUST,
	    NULL, SIG_EXPIRED, "not valid at signing time" },
	{ "future leaf, signed inside its 2040 validity, after its CA",
	    "future", "chain.pem", "2040-06-01T00:00:00Z", V_TRUST,
	    "2040-07-01T00:00:00Z", SIG_EXPIRED,
	    "not valid at signing time" },
	{ "valid leaf, signed before its validity", "sontinh", "chain.pem",
	    "2020-06-01T00:00:00Z", V_TRUST, NULL, SIG_EXPIRED,
	    "not valid at signing time" },
	{ "valid leaf, received before the time it states", "sontinh",
	    "chain.pem", NULL, V_TRUST, "2020-01-01T00:00:00Z", SIG_EXPIRED,
	    "not valid at signing time" },
	{ "valid leaf, received after it expired (judged when signed)",
	    "sontinh", "chain.pem", NULL, V_TRUST, "2040-01-01T00:00:00Z",
	    SIG_VALID, NULL },
	{ "revoked leaf", "revoked", "chain.pem", NULL, V_TRUST, NULL,
	    SIG_REVOKED, "revoked" },
	{ "key usage keyEncipherment only", "encipher", "chain.pem", NULL,
	    V_TRUST, NULL, SIG_UNTRUSTED, "key usage" },
	{ "look-alike hierarchy with the same names", "fake",
	    "fake-chain.pem", NULL, V_TRUST, NULL, SIG_UNTRUSTED,
	    "trust anchor" },
	{ "no trust anchor configured", "sontinh", "chain.pem", NULL, 0,
	    NULL, SIG_UNTRUSTED, "trust anchor" },
	{ "another unit's leaf (trust says nothing of the unit)", "btg",
	    "chain.pem", NULL, V_TRUST, NULL, SIG_VALID, NULL },
};

START_TEST(sig_cli_pki_cases)
{
	const struct pki_case	*c = &pki_cases[_i];
	const char		*out = in_work("signed.docx");
	JsonNode		*r;
	const char		*why;

	sign_as(c->leaf, c->chain, docx, out, c->sign_at);
	r = verify(out, c->trust, c->verify_at);
	ck_assert_msg(g_strcmp0(jstr(r, "signature.status"),
	    sig_status_name(c->want)) == 0, "%s: %s, want %s", c->name,
	    jstr(r, "signature.status"), sig_status_name(c->want));
	ck_assert_str_eq(jstr(r, "signatures.0.status"),
	    sig_status_name(c->want));
	ck_assert_str_eq(jstr(r, "signature.signer.serial"),
	    openssl_serial(in_pki(keep(g_strconcat(c->leaf, ".pem",
	    NULL)))));
	ck_assert(jtrue(r, "signature.covers_all_parts"));
	why = jstr(r, "signatures.0.reason");
	if (c->why == NULL)
		ck_assert_msg(why == NULL, "%s: reason %s", c->name, why);
	else
		ck_assert_msg(why != NULL && strstr(why, c->why) != NULL,
		    "%s: reason %s, want %s", c->name, why, c->why);
	if (c->sign_at != NULL)
		ck_assert_str_eq(jstr(r, "signature.signed_at"), c->sign_at);
}
END_TEST

/* A file-level attack on a list freshly signed by sontinh. */
static const struct attack {
	const char	*name;
	enum sig_status	 want;
	const char	*why;		/* in the reason */
} attacks[] = {
	{ "one byte of a signed part changed", SIG_INVALID, "was changed" },
	{ "a part added", SIG_PARTIAL, "does not cover" },
	{ "a relationship added", SIG_PARTIAL, "does not cover" },
	{ "the whole signature removed", SIG_UNSIGNED, NULL },
	{ "the signature part removed, its origin left", SIG_INVALID,
	    "missing" },
	{ "the signature part emptied", SIG_INVALID, "empty" },
	{ "a signature grafted from another signed document", SIG_INVALID,
	    "was changed" },
};

static void
attack(int which, int fmt, struct entries *e, const char **uncovered_r)
{
	const char	*rels = rels_part(fmt);
	struct entries	*other;
	GBytes		*sig;
	gsize		 len;
	const void	*d;

	*uncovered_r = NULL;
	switch (which) {
	case 0:
		entries_flip_digit(e, main_part(fmt));
		break;
	case 1:
		entries_put(e, media_part(fmt), "\x89PNG\r\n", 6);
		*uncovered_r = media_part(fmt);
		break;
	case 2:
		entries_edit(e, rels, "</Relationships>", "<Relationship "
		    "Id=\"rId99\" Type=\"http://schemas.openxmlformats.org/"
		    "officeDocument/2006/relationships/image\" "
		    "Target=\"media/extra.png\"/></Relationships>");
		*uncovered_r = keep(g_strconcat(rels, "#rId99", NULL));
		break;
	case 3:
		ck_assert_int_eq(entries_drop(e, "_xmlsignatures/"), 3);
		break;
	case 4:
		ck_assert_int_eq(entries_drop(e, "_xmlsignatures/sig1.xml"),
		    1);
		break;
	case 5:
		entries_put(e, "_xmlsignatures/sig1.xml", "", 0);
		break;
	case 6:
		/* sontinh's own signature of a list with one other digit */
		other = entries_load(list_of(fmt));
		entries_flip_digit(other, main_part(fmt));
		entries_save(other, in_work("other.unsigned"));
		entries_free(other);
		sign("sontinh", in_work("other.unsigned"),
		    in_work("other.signed"));
		other = entries_load(in_work("other.signed"));
		sig = entries_get(other, "_xmlsignatures/sig1.xml");
		d = g_bytes_get_data(sig, &len);
		entries_put(e, "_xmlsignatures/sig1.xml", d, len);
		entries_free(other);
		break;
	}
}

START_TEST(sig_cli_attacks)
{
	int			 which = _i / 2, fmt = _i % 2;
	const struct attack	*a = &attacks[which];
	const char		*signed_ = in_work("signed"), *uncovered;
	const char		*bad = in_work(fmt == 0 ? "bad.docx" :
				    "bad.xlsx");
	struct entries		*e;
	JsonNode		*r;
	const char		*why;

	sign("sontinh", list_of(fmt), signed_);
	ck_assert_str_eq(jstr(verify(signed_, V_TRUST, NULL),
	    "signature.status"), sig_status_name(SIG_VALID));
	e = entries_load(signed_);
	attack(which, fmt, e, &uncovered);
	entries_save(e, bad);
	entries_free(e);
	r = verify(bad, V_TRUST, NULL);
	ck_assert_msg(g_strcmp0(jstr(r, "signature.status"),
	    sig_status_name(a->want)) == 0, "%s (%s): %s, want %s", a->name,
	    fmt == 0 ? "docx" : "xlsx", jstr(r, "signature.status"),
	    sig_status_name(a->want));
	if (a->want == SIG_UNSIGNED) {
		ck_assert_int_le(jlen(r, "signatures"), 0);
		return;
	}
	why = jstr(r, "signatures.0.reason");
	ck_assert_msg(why != NULL && strstr(why, a->why) != NULL,
	    "%s: reason %s", a->name, why);
	if (uncovered != NULL) {
		ck_assert(!jtrue(r, "signature.covers_all_parts"));
		ck_assert_int_eq(jlen(r, "signatures.0.uncovered"), 1);
		ck_assert_str_eq(jstr(r, "signatures.0.uncovered.0"),
		    uncovered);
	}
}
END_TEST

/* Breaks a signature's value: one base64 character of it changed. */
static void
break_signature_value(struct entries *e, const char *part)
{
	GBytes		*b = entries_get(e, part);
	gsize		 len;
	const char	*d = g_bytes_get_data(b, &len);
	char		*copy = g_strndup(d, len);
	char		*v = strstr(copy, "<SignatureValue>");

	ck_assert_ptr_nonnull(v);
	v += strlen("<SignatureValue>") + 4;
	*v = *v == 'A' ? 'B' : 'A';
	entries_put(e, part, copy, len);
	g_free(copy);
}

START_TEST(sig_cli_two_signatures_each_reported)
{
	const char	*one = in_work("one.docx"), *two = in_work("two.docx");
	JsonNode	*r;

	sign("btg", sign("sontinh", docx, one), two);
	r = verify(two, V_TRUST, NULL);
	ck_assert_str_eq(jstr(r, "signature.status"),
	    sig_status_name(SIG_VALID));
	ck_assert_int_eq(jlen(r, "signatures"), 2);
	ck_assert_str_eq(jstr(r, "signatures.0.part"),
	    "_xmlsignatures/sig1.xml");
	ck_assert_str_eq(jstr(r, "signatures.1.part"),
	    "_xmlsignatures/sig2.xml");
	ck_assert_str_eq(jstr(r, "signatures.0.signer.cn"),
	    "Nguyễn Đức Thắng");
	ck_assert_str_eq(jstr(r, "signatures.1.signer.cn"),
	    "Lê Thị Phương Thảo");
	ck_assert_str_eq(jstr(r, "signatures.1.signer.ou"), "BAN TUYÊN GIÁO");
	ck_assert_str_eq(jstr(r, "signatures.0.status"),
	    sig_status_name(SIG_VALID));
	ck_assert_str_eq(jstr(r, "signatures.1.status"),
	    sig_status_name(SIG_VALID));
	/* the summary names the first signer */
	ck_assert_str_eq(jstr(r, "signature.signer.cn"), "Nguyễn Đức Thắng");
}
END_TEST

START_TEST(sig_cli_second_signature_broken_summary_is_weakest)
{
	const char	*one = in_work("one.docx"), *two = in_work("two.docx");
	const char	*bad = in_work("bad.docx");
	struct entries	*e;
	JsonNode	*r;

	sign("btg", sign("sontinh", docx, one), two);
	e = entries_load(two);
	break_signature_value(e, "_xmlsignatures/sig2.xml");
	entries_save(e, bad);
	entries_free(e);
	r = verify(bad, V_TRUST, NULL);
	ck_assert_int_eq(jlen(r, "signatures"), 2);
	ck_assert_str_eq(jstr(r, "signatures.0.status"),
	    sig_status_name(SIG_VALID));
	ck_assert_str_eq(jstr(r, "signatures.1.status"),
	    sig_status_name(SIG_INVALID));
	ck_assert_str_eq(jstr(r, "signature.status"),
	    sig_status_name(SIG_INVALID));
	ck_assert_str_eq(jstr(r, "signature.signer.cn"), "Nguyễn Đức Thắng");
}
END_TEST

/* Weakest first: revoked beats expired beats valid, whatever the order. */
START_TEST(sig_cli_second_signature_weaker_status_wins)
{
	const char	*one = in_work("one.docx"), *two = in_work("two.docx");
	const char	*three = in_work("three.docx");
	JsonNode	*r;

	sign("expired", sign("sontinh", docx, one), two);
	r = verify(two, V_TRUST, NULL);
	ck_assert_str_eq(jstr(r, "signatures.0.status"),
	    sig_status_name(SIG_VALID));
	ck_assert_str_eq(jstr(r, "signatures.1.status"),
	    sig_status_name(SIG_EXPIRED));
	ck_assert_str_eq(jstr(r, "signature.status"),
	    sig_status_name(SIG_EXPIRED));
	sign("revoked", two, three);
	r = verify(three, V_TRUST, NULL);
	ck_assert_int_eq(jlen(r, "signatures"), 3);
	ck_assert_str_eq(jstr(r, "signatures.2.status"),
	    sig_status_name(SIG_REVOKED));
	ck_assert_str_eq(jstr(r, "signature.status"),
	    sig_status_name(SIG_REVOKED));
}
END_TEST

START_TEST(sig_cli_verify_human_output)
{
	const char	*good = in_work("good.docx"), *fake = in_work("f.docx");
	const char	*bad = in_work("changed.docx");
	struct entries	*e;
	char		*out, *err;

	sign("sontinh", docx, good);
	sign_as("fake", "fake-chain.pem", docx, fake, NULL);
	e = entries_load(good);
	entries_flip_digit(e, main_part(0));
	entries_save(e, bad);
	entries_free(e);
	ck_assert_int_eq(test_hotrocks(&out, &err, "verify", "--anchors",
	    in_pki("root.pem"), "--crls", in_pki("crl"), good, fake, bad,
	    NULL), 1);
	ck_assert_msg(strstr(out, "good.docx (docx): valid") != NULL, "%s",
	    out);
	ck_assert_msg(strstr(out, "signer   Nguyễn Đức Thắng, VĂN PHÒNG, "
	    "HUYỆN ỦY SƠN TỊNH <vanphong.sontinh@quangngai.dcs.vn>") != NULL,
	    "%s", out);
	ck_assert_msg(strstr(out, openssl_serial(in_pki("sontinh.pem"))) !=
	    NULL, "%s", out);
	ck_assert_msg(strstr(out, "covers   every part") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "f.docx (docx): untrusted") != NULL, "%s",
	    out);
	ck_assert_msg(strstr(out, "why      the certificate chain does not "
	    "reach a trust anchor") != NULL, "%s", out);
	/* a signature found changed is not read further: its time is
	 * stated in it, not missing */
	ck_assert_msg(strstr(out, "changed.docx (docx): invalid") != NULL,
	    "%s", out);
	ck_assert_msg(strstr(out, "signed   (not read: the signature is "
	    "invalid)") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "no time stated") == NULL, "%s", out);
	g_free(out);
	g_free(err);
}
END_TEST

START_TEST(sig_cli_verify_refuses_bad_input)
{
	const char	*junk = in_work("junk.docx");
	struct entries	*e;
	char		*out, *err;

	/* a signed list with a second document.xml in other case */
	e = entries_load(sign("sontinh", docx, in_work("s.docx")));
	entries_put(e, "WORD/DOCUMENT.XML", "<x/>", 4);
	entries_save(e, junk);
	entries_free(e);
	ck_assert_int_eq(test_hotrocks(&out, &err, "verify", "--json", junk,
	    NULL), 65);
	ck_assert_msg(strstr(err, "junk.docx: ZIP archive has two entries") !=
	    NULL, "%s", err);
	/* a line for it all the same, with the reason */
	ck_assert_msg(strstr(jstr(parse_json(out), "error"), "ZIP archive "
	    "has two entries") != NULL, "%s", out);
	ck_assert_str_eq(jstr(parse_json(out), "file"), junk);
	ck_assert_str_eq(jstr(parse_json(out), "format"), "docx");
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "verify", "--json",
	    in_work("none.docx"), NULL), 66);
	ck_assert_str_eq(jstr(parse_json(out), "error"), "no such file");
	ck_assert_msg(strstr(err, "none.docx: no such file") != NULL, "%s",
	    err);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "verify", "--at",
	    "yesterday", docx, NULL), 64);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "verify", "--anchors",
	    in_work("none.pem"), docx, NULL), 78);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "sign", "--key",
	    in_pki("sontinh.pem"), "--cert", in_pki("sontinh.pem"), docx,
	    in_work("x.docx"), NULL), 66);
	ck_assert_msg(strstr(err, "private key") != NULL, "%s", err);
	ck_assert(!g_file_test(in_work("x.docx"), G_FILE_TEST_EXISTS));
	g_free(out);
	g_free(err);
}
END_TEST

/* End to end: a message from the address in from carrying a list, through
 * inspect. */
static const char *
message_from(const char *attachment, const char *name, const char *from)
{
	const char	*path = in_work(name);
	unsigned char	*raw;
	size_t		 len;
	char		*b64, *msg;

	raw = test_slurp(attachment, &len);
	b64 = g_base64_encode(raw, len);
	/* lines of 76, as mailers write them */
	for (size_t i = 76; i < strlen(b64); i += 78) {
		char *w = g_strdup_printf("%.*s\r\n%s", (int)i, b64, b64 + i);

		g_free(b64);
		b64 = w;
	}
	msg = g_strdup_printf(
	    "From: %s\r\n"
	    "To: HotroCKS@quangngai.dcs.vn\r\n"
	    "Subject: De nghi kich hoat SIM ky so\r\n"
	    "Date: Thu, 02 May 2024 08:00:00 +0700\r\n"
	    "Message-ID: <%s@quangngai.dcs.vn>\r\n"
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
	    "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
	    "Kính gửi Văn phòng Tỉnh ủy: danh sách đính kèm.\r\n"
	    "--b1\r\nContent-Type: application/vnd.openxmlformats-"
	    "officedocument.wordprocessingml.document\r\n"
	    "Content-Disposition: attachment; filename=\"danhsach.docx\"\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n%s\r\n--b1--\r\n",
	    from, name, b64);
	ck_assert(g_file_set_contents(path, msg, -1, NULL));
	g_free(msg);
	g_free(b64);
	g_free(raw);
	return (path);
}

/* The same from Sơn Tịnh's office. */
static const char *
message(const char *attachment, const char *name)
{
	return (message_from(attachment, name, "Van phong Huyen uy Son Tinh "
	    "<vanphong.sontinh@quangngai.dcs.vn>"));
}

/* require_signature and the test PKI as the trust. */
static const char *
config(void)
{
	const char	*path = in_work("hotrocks.conf");
	char		*text;

	text = g_strdup_printf("[rules]\nrequire_signature = true\n"
	    "[signatures]\ntrust_anchors = %s\ncrl_dir = %s\n",
	    in_pki("root.pem"), in_pki("crl"));
	ck_assert(g_file_set_contents(path, text, -1, NULL));
	g_free(text);
	return (path);
}

/* inspect --json [--db DB] on one message: its one JSON line. */
static JsonNode *
inspect(const char *eml, const char *db)
{
	char		*out, *err;
	JsonNode	*n;
	int		 rc;

	if (db != NULL)
		rc = test_hotrocks(&out, &err, "inspect", "--json", "-c",
		    config(), "--db", db, eml, NULL);
	else
		rc = test_hotrocks(&out, &err, "inspect", "--json", "-c",
		    config(), eml, NULL);
	ck_assert_msg(rc == 0, "inspect %s: %d %s", eml, rc, err);
	n = parse_json(out);
	g_free(out);
	g_free(err);
	return (n);
}

START_TEST(sig_cli_inspect_signed_by_the_unit_is_queued)
{
	JsonNode *r = inspect(message(sign("sontinh", docx,
	    in_work("s.docx")), "signed.eml"), NULL);

	ck_assert_str_eq(jstr(r, "action"), action_name(ACTION_QUEUE));
	ck_assert_str_eq(jstr(r, "from"), "vanphong.sontinh@quangngai.dcs.vn");
	ck_assert_int_eq(jlen(r, "errors"), 0);
	ck_assert_int_eq(jlen(r, "documents"), 1);
	ck_assert_str_eq(jstr(r, "documents.0.organization"),
	    "HUYỆN ỦY SƠN TỊNH");
	ck_assert_str_eq(jstr(r, "documents.0.signature.status"),
	    sig_status_name(SIG_VALID));
	ck_assert_str_eq(jstr(r, "documents.0.signature.signer.o"),
	    "HUYỆN ỦY SƠN TỊNH");
	ck_assert(jtrue(r, "documents.0.signature.covers_all_parts"));
	ck_assert_int_eq(jlen(r, "documents.0.errors"), 0);
	ck_assert_int_eq(jlen(r, "documents.0.rows"), 5);
}
END_TEST

START_TEST(sig_cli_inspect_signed_by_another_unit_is_rejected)
{
	JsonNode *r = inspect(message(sign("btg", docx, in_work("b.docx")),
	    "btg.eml"), NULL);

	ck_assert_str_eq(jstr(r, "action"), action_name(ACTION_REJECT));
	ck_assert_str_eq(jstr(r, "documents.0.signature.status"),
	    sig_status_name(SIG_VALID));
	ck_assert(has_code(r, "documents.0.errors", CODE_SIGNER_MISMATCH));
}
END_TEST

START_TEST(sig_cli_inspect_unsigned_is_rejected)
{
	JsonNode *r = inspect(message(docx, "unsigned.eml"), NULL);

	ck_assert_str_eq(jstr(r, "action"), action_name(ACTION_REJECT));
	ck_assert_str_eq(jstr(r, "documents.0.signature.status"),
	    sig_status_name(SIG_UNSIGNED));
	ck_assert(has_code(r, "documents.0.errors", CODE_SIGNATURE_MISSING));
	ck_assert(!has_code(r, "documents.0.errors", CODE_SIGNER_MISMATCH));
}
END_TEST

START_TEST(sig_cli_inspect_untrusted_and_tampered_are_rejected)
{
	const char	*fake = in_work("f.docx"), *bad = in_work("t.docx");
	struct entries	*e;
	JsonNode	*r;

	sign_as("fake", "fake-chain.pem", docx, fake, NULL);
	r = inspect(message(fake, "fake.eml"), NULL);
	ck_assert_str_eq(jstr(r, "action"), action_name(ACTION_REJECT));
	ck_assert(has_code(r, "documents.0.errors", CODE_SIGNATURE_UNTRUSTED));
	e = entries_load(sign("sontinh", docx, in_work("s.docx")));
	entries_flip_digit(e, "word/document.xml");
	entries_save(e, bad);
	entries_free(e);
	r = inspect(message(bad, "tampered.eml"), NULL);
	ck_assert_str_eq(jstr(r, "action"), action_name(ACTION_REJECT));
	ck_assert(has_code(r, "documents.0.errors", CODE_SIGNATURE_INVALID));
}
END_TEST

/* The sample list with no letterhead: nothing in it names the unit. */
static const char *
list_without_letterhead(void)
{
	const char	*out = in_work("nolh.docx");
	struct entries	*e = entries_load(docx);

	entries_edit(e, "word/document.xml", "ĐẢNG BỘ TỈNH QUẢNG NGÃI", "");
	entries_edit(e, "word/document.xml", "HUYỆN ỦY SƠN TỊNH", "");
	entries_edit(e, "word/document.xml", "Sơn Tịnh, ngày", "Ngày");
	entries_save(e, out);
	entries_free(e);
	return (out);
}

START_TEST(sig_cli_units_registry_names_the_signer)
{
	const char	*db = in_work("h.db"), *csv = in_work("units.csv");
	const char	*nolh = list_without_letterhead();
	const char	*by_unit, *by_btg;
	char		*out, *err;
	JsonNode	*r;

	by_unit = message(sign("sontinh", nolh, in_work("n1.docx")),
	    "nolh-sontinh.eml");
	by_btg = message(sign("btg", nolh, in_work("n2.docx")),
	    "nolh-btg.eml");

	/* Without a registry nothing says which unit sent it. */
	r = inspect(by_unit, NULL);
	ck_assert_ptr_null(jstr(r, "documents.0.organization"));
	ck_assert_str_eq(jstr(r, "documents.0.signature.status"),
	    sig_status_name(SIG_VALID));
	ck_assert(has_code(r, "documents.0.errors", CODE_SIGNER_MISMATCH));

	ck_assert(g_file_set_contents(csv, "name,addresses,cert_org\r\n"
	    "\"HUYỆN ỦY SƠN TỊNH\",\"vanphong.sontinh@quangngai.dcs.vn\","
	    "\"HUYỆN ỦY SƠN TỊNH\"\r\n", -1, NULL));
	ck_assert_int_eq(test_hotrocks(&out, &err, "units", "import", csv, "-c",
	    config(), "--db", db, NULL), 0);
	ck_assert_msg(strstr(out, "1 units imported") != NULL, "%s", out);
	g_free(out);
	g_free(err);

	r = inspect(by_unit, db);
	ck_assert_str_eq(jstr(r, "action"), action_name(ACTION_QUEUE));
	ck_assert_str_eq(jstr(r, "documents.0.signature.status"),
	    sig_status_name(SIG_VALID));
	ck_assert(!has_code(r, "documents.0.errors", CODE_SIGNER_MISMATCH));
	ck_assert_int_eq(jlen(r, "documents.0.errors"), 0);

	r = inspect(by_btg, db);
	ck_assert_str_eq(jstr(r, "action"), action_name(ACTION_REJECT));
	ck_assert(has_code(r, "documents.0.errors", CODE_SIGNER_MISMATCH));
}
END_TEST

/* The sample list under another unit's letterhead (its own name in
 * place of Sơn Tịnh's, its place in the date line). */
static const char *
list_of_unit(const char *unit, const char *place, const char *out)
{
	struct entries	*e = entries_load(docx);
	char		*date = g_strdup_printf("%s, ngày", place);

	entries_edit(e, "word/document.xml", "HUYỆN ỦY SƠN TỊNH", unit);
	entries_edit(e, "word/document.xml", "Sơn Tịnh, ngày", date);
	entries_save(e, out);
	entries_free(e);
	g_free(date);
	return (out);
}

/* The registry of trial 2 (tests/e2e/units.csv), as far as these tests
 * need it, imported into db. */
static void
import_units(const char *db)
{
	const char	*csv = in_work("units.csv");
	char		*out, *err;

	ck_assert(g_file_set_contents(csv, "name,addresses,cert_org\r\n"
	    "Huyện ủy Sơn Tịnh,vanphong.sontinh@quangngai.dcs.vn,"
	    "HUYỆN ỦY SƠN TỊNH\r\n"
	    "Thị ủy Đức Phổ,vanphong.ducpho@quangngai.dcs.vn,"
	    "THỊ ỦY ĐỨC PHỔ\r\n"
	    "Huyện ủy Minh Long,vanphong.minhlong@quangngai.dcs.vn,"
	    "HUYỆN ỦY MINH LONG\r\n"
	    "Đảng ủy xã Tịnh Hà,danguy.tinhha@quangngai.dcs.vn,"
	    "ĐẢNG ỦY XÃ TỊNH HÀ\r\n", -1, NULL));
	ck_assert_int_eq(test_hotrocks(&out, &err, "units", "import", csv, "-c",
	    config(), "--db", db, NULL), 0);
	ck_assert_msg(strstr(out, "4 units imported") != NULL, "%s", out);
	g_free(out);
	g_free(err);
}

/*
 * Trial 2, finding 2 (message 82): Minh Long's office mails Đức Phổ's
 * list, under Đức Phổ's letterhead and validly signed by Đức Phổ. The
 * registry says the sender is Minh Long, which is no unit above Đức Phổ:
 * signer_mismatch, not a submission taken for Đức Phổ's. The same file
 * from Đức Phổ's own address, or from an address the registry does not
 * hold (no registry), is taken as before.
 */
START_TEST(sig_cli_registered_unit_sending_a_peers_signed_list)
{
	const char	*db = in_work("h.db");
	const char	*signed_docx = sign("ducpho", list_of_unit(
			    "THỊ ỦY ĐỨC PHỔ", "Đức Phổ", in_work("dp.docx")),
			    in_work("dp-signed.docx"));
	const char	*by_peer = message_from(signed_docx, "minhlong.eml",
			    "Huyen uy Minh Long "
			    "<vanphong.minhlong@quangngai.dcs.vn>");
	const char	*by_owner = message_from(signed_docx, "ducpho.eml",
			    "Thi uy Duc Pho "
			    "<vanphong.ducpho@quangngai.dcs.vn>");
	JsonNode	*r;

	r = inspect(by_peer, NULL);
	ck_assert_str_eq(jstr(r, "action"), action_name(ACTION_QUEUE));
	ck_assert_str_eq(jstr(r, "documents.0.organization"),
	    "THỊ ỦY ĐỨC PHỔ");
	ck_assert_str_eq(jstr(r, "documents.0.signature.status"),
	    sig_status_name(SIG_VALID));

	import_units(db);
	r = inspect(by_peer, db);
	ck_assert_str_eq(jstr(r, "documents.0.signature.status"),
	    sig_status_name(SIG_VALID));
	ck_assert(has_code(r, "documents.0.errors", CODE_SIGNER_MISMATCH));
	ck_assert_str_eq(jstr(r, "action"), action_name(ACTION_REJECT));

	r = inspect(by_owner, db);
	ck_assert_str_eq(jstr(r, "action"), action_name(ACTION_QUEUE));
	ck_assert_int_eq(jlen(r, "documents.0.errors"), 0);
}
END_TEST

/*
 * A district's office passing on the list of one of its communes, signed
 * by the commune (review 5, A1): still taken, from the registered
 * district. The commune itself, registered, may not pass on the town's
 * list: a commune is above no one.
 */
START_TEST(sig_cli_registered_district_relays_its_communes_list)
{
	const char	*db = in_work("h.db");
	const char	*commune = sign("tinhha", list_of_unit(
			    "ĐẢNG ỦY XÃ TỊNH HÀ", "Tịnh Hà",
			    in_work("th.docx")), in_work("th-signed.docx"));
	const char	*town = sign("ducpho", list_of_unit("THỊ ỦY ĐỨC PHỔ",
			    "Đức Phổ", in_work("dp.docx")),
			    in_work("dp-signed.docx"));
	JsonNode	*r;

	import_units(db);
	r = inspect(message(commune, "relay.eml"), db);
	ck_assert_str_eq(jstr(r, "documents.0.organization"),
	    "ĐẢNG ỦY XÃ TỊNH HÀ");
	ck_assert_str_eq(jstr(r, "documents.0.signature.status"),
	    sig_status_name(SIG_VALID));
	ck_assert(!has_code(r, "documents.0.errors", CODE_SIGNER_MISMATCH));
	ck_assert_int_eq(jlen(r, "documents.0.errors"), 0);
	ck_assert_str_eq(jstr(r, "action"), action_name(ACTION_QUEUE));

	r = inspect(message_from(commune, "own.eml", "Dang uy xa Tinh Ha "
	    "<danguy.tinhha@quangngai.dcs.vn>"), db);
	ck_assert_str_eq(jstr(r, "action"), action_name(ACTION_QUEUE));

	r = inspect(message_from(town, "up.eml", "Dang uy xa Tinh Ha "
	    "<danguy.tinhha@quangngai.dcs.vn>"), db);
	ck_assert(has_code(r, "documents.0.errors", CODE_SIGNER_MISMATCH));
	ck_assert_str_eq(jstr(r, "action"), action_name(ACTION_REJECT));
}
END_TEST

/* The exit code says what a script needs: 0 only when every file is
 * valid, 1 when one is not, and the worst wins. */
START_TEST(sig_cli_verify_exit_codes)
{
	const char	*good = in_work("good.docx");
	char		*out, *err;
	int		 n;

	sign("sontinh", docx, good);
	ck_assert_int_eq(test_hotrocks(&out, &err, "verify", "--anchors",
	    in_pki("root.pem"), good, NULL), 0);
	g_free(out);
	g_free(err);
	/* unsigned, untrusted: judged, not valid */
	ck_assert_int_eq(test_hotrocks(&out, &err, "verify", "--anchors",
	    in_pki("root.pem"), good, docx, NULL), 1);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "verify", good, NULL), 1);
	g_free(out);
	g_free(err);
	/* a missing file outweighs them all, and every file has its line */
	ck_assert_int_eq(test_hotrocks(&out, &err, "verify", "--json",
	    "--anchors", in_pki("root.pem"), good, in_work("none.docx"), docx,
	    NULL), 66);
	n = 0;
	for (const char *p = out; *p != '\0'; p++)
		n += *p == '\n';
	ck_assert_int_eq(n, 3);
	g_free(out);
	g_free(err);
}
END_TEST

/* A key that is not the certificate's makes a signature nobody can
 * verify: refused, nothing written. */
START_TEST(sig_cli_sign_refuses_a_key_that_does_not_match)
{
	const char	*out_file = in_work("x.docx");
	char		*out, *err;

	ck_assert_int_eq(test_hotrocks(&out, &err, "sign", "--key",
	    in_pki("btg.key.pem"), "--cert", in_pki("sontinh.pem"), docx,
	    out_file, NULL), 65);
	ck_assert_msg(strstr(err, "does not match the certificate") != NULL,
	    "%s", err);
	ck_assert(!g_file_test(out_file, G_FILE_TEST_EXISTS));
	g_free(out);
	g_free(err);
	/* an output that cannot be created is EX_CANTCREAT (73) */
	ck_assert_int_eq(test_hotrocks(&out, &err, "sign", "--key",
	    in_pki("sontinh.key.pem"), "--cert", in_pki("sontinh.pem"), docx,
	    in_work("no-such-dir/x.docx"), NULL), 73);
	ck_assert_msg(strstr(err, "cannot be written") != NULL, "%s", err);
	g_free(out);
	g_free(err);
}
END_TEST

/* Signing with a certificate outside its validity works, with a warning:
 * the office may need to show what an expired certificate produces. */
START_TEST(sig_cli_sign_warns_on_a_certificate_outside_its_validity)
{
	char *out, *err;

	ck_assert_int_eq(test_hotrocks(&out, &err, "sign", "--key",
	    in_pki("expired.key.pem"), "--cert", in_pki("expired.pem"), docx,
	    in_work("e.docx"), NULL), 0);
	ck_assert_msg(strstr(err, "expired.pem has expired at the signing "
	    "time") != NULL, "%s", err);
	g_free(out);
	g_free(err);
	ck_assert_int_eq(test_hotrocks(&out, &err, "sign", "--key",
	    in_pki("sontinh.key.pem"), "--cert", in_pki("sontinh.pem"), docx,
	    in_work("v.docx"), NULL), 0);
	ck_assert_str_eq(err, "");
	g_free(out);
	g_free(err);
}
END_TEST

/* A CRL past its nextUpdate: ingest says so in its log, once however
 * many messages it takes; a fresh one says nothing. */
START_TEST(sig_cli_stale_crl_is_said_by_ingest)
{
	const char	*gen[] = { "sh", "-c", NULL, NULL };
	const char	*conf = in_work("stale.conf");
	char		*cmd, *text, *out = NULL, *err = NULL, *db, *dir;
	const char	*eml;
	int		 rc;

	cmd = g_strdup_printf("cd '%s' && mkdir -p stale && openssl ca -batch"
	    " -config ca.cnf -name int -cert int.pem -keyfile int.key.pem"
	    " -gencrl -crl_lastupdate 20200101000000Z -crl_nextupdate"
	    " 20200201000000Z -out stale/int.crl.pem", pki);
	gen[2] = cmd;
	ck_assert_int_eq(spawn(gen, &out, &err), 0);
	g_free(out);
	g_free(err);
	g_free(cmd);
	text = g_strdup_printf("[rules]\nrequire_signature = true\n"
	    "[signatures]\ntrust_anchors = %s\ncrl_dir = %s\n",
	    in_pki("root.pem"), in_pki("stale"));
	ck_assert(g_file_set_contents(conf, text, -1, NULL));
	g_free(text);
	dir = g_build_filename(work, "in", NULL);
	ck_assert_int_eq(g_mkdir(dir, 0700), 0);
	eml = message(sign("sontinh", docx, in_work("s.docx")), "in/a.eml");
	eml = message(sign("sontinh", xlsx, in_work("s.xlsx")), "in/b.eml");
	(void)eml;
	db = g_build_filename(work, "h.db", NULL);
	rc = test_hotrocks(&out, &err, "ingest", "-c", conf, "--db", db, dir,
	    NULL);
	ck_assert_msg(rc == 0, "ingest: %d %s", rc, err);
	ck_assert_msg(strstr(err, "past its nextUpdate (2020-02-01T00:00:00Z)")
	    != NULL, "%s", err);
	ck_assert_ptr_null(strstr(strstr(err, "past its nextUpdate") + 1,
	    "past its nextUpdate"));
	g_free(out);
	g_free(err);
	/* the test PKI's own CRL is fresh */
	ck_assert_int_eq(g_unlink(db), 0);
	rc = test_hotrocks(&out, &err, "ingest", "-c", config(), "--db", db,
	    dir, NULL);
	ck_assert_msg(rc == 0, "ingest: %d %s", rc, err);
	ck_assert_ptr_null(strstr(err, "nextUpdate"));
	g_free(out);
	g_free(err);
	g_free(db);
	g_free(dir);
}
END_TEST

Suite *
signature_cli_suite(void)
{
	Suite	*s = suite_create("signature_cli");
	TCase	*tc = tcase_create("commands");
	int	 npki = sizeof(pki_cases) / sizeof(pki_cases[0]);
	int	 natt = sizeof(attacks) / sizeof(attacks[0]);

	/* the PKI is made once for the whole case, each test signs anew */
	tcase_add_unchecked_fixture(tc, pki_setup, pki_teardown);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, sig_cli_sign_then_verify_valid, 0, 2);
	tcase_add_loop_test(tc, sig_cli_unsigned_list_is_unsigned, 0, 2);
	tcase_add_loop_test(tc, sig_cli_pki_cases, 0, npki);
	tcase_add_loop_test(tc, sig_cli_attacks, 0, 2 * natt);
	tcase_add_test(tc, sig_cli_two_signatures_each_reported);
	tcase_add_test(tc, sig_cli_second_signature_broken_summary_is_weakest);
	tcase_add_test(tc, sig_cli_second_signature_weaker_status_wins);
	tcase_add_test(tc, sig_cli_verify_human_output);
	tcase_add_test(tc, sig_cli_verify_refuses_bad_input);
	tcase_add_test(tc, sig_cli_verify_exit_codes);
	tcase_add_test(tc, sig_cli_sign_refuses_a_key_that_does_not_match);
	tcase_add_test(tc,
	    sig_cli_sign_warns_on_a_certificate_outside_its_validity);
	tcase_add_test(tc, sig_cli_inspect_signed_by_the_unit_is_queued);
	tcase_add_test(tc, sig_cli_stale_crl_is_said_by_ingest);
	tcase_add_test(tc, sig_cli_inspect_signed_by_another_unit_is_rejected);
	tcase_add_test(tc, sig_cli_inspect_unsigned_is_rejected);
	tcase_add_test(tc, sig_cli_inspect_untrusted_and_tampered_are_rejected);
	tcase_add_test(tc, sig_cli_units_registry_names_the_signer);
	tcase_add_test(tc,
	    sig_cli_registered_unit_sending_a_peers_signed_list);
	tcase_add_test(tc,
	    sig_cli_registered_district_relays_its_communes_list);
	suite_add_tcase(s, tc);
	return (s);
}
