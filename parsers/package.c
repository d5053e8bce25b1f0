/* package.c: OPC packages through libzip, from memory. The central
 * directory is also walked here, on the raw bytes, because libzip hides
 * what must be refused (it turns a NUL in a name into a space). */
#include <stdint.h>
#include <string.h>

#include <glib.h>
#include <zip.h>

#include "lib/bytes.h"
#include "parsers/package.h"
#include "parsers/safe-xml.h"

#define PKG_CHUNK	((size_t)64 << 10)	/* one zip_fread */
#define PKG_RATIO_FREE	((size_t)64 << 10)	/* below it, ratio is moot */

#define NS_PKG_RELS \
	"http://schemas.openxmlformats.org/package/2006/relationships"
#define NS_PKG_CT \
	"http://schemas.openxmlformats.org/package/2006/content-types"

struct package {
	zip_t			*za;
	unsigned char		*bytes;		/* our copy; libzip reads it */
	size_t			 n;
	char			**names;	/* raw, checked */
	GHashTable		*index;		/* folded name -> index + 1 */
	struct parse_limits	 lim;
	size_t			 total;		/* inflated over our life */
	bool			 ct_done;
	GHashTable		*ct_override;	/* folded part -> type */
	GHashTable		*ct_default;	/* folded extension -> type */
};

struct package_stream {
	struct package		*pkg;
	zip_file_t		*zf;
	size_t			 size, comp;	/* as the directory states */
	size_t			 len;		/* inflated so far */
	bool			 done;
	const char		*why;		/* once failed, always */
};

static int	 pkg_find_cdir(const unsigned char *, size_t, uint64_t *,
		    uint64_t *, uint64_t *, const char **);
static int	 pkg_walk_cdir(struct package *, const unsigned char *,
		    size_t, const char **);
static const char *pkg_bad_name(const char *, size_t);
static bool	 pkg_local_differs(const unsigned char *, uint64_t,
		    const unsigned char *, size_t);
static char	*pkg_fold(const char *);
static bool	 pkg_lookup(const struct package *, const char *, size_t *);
static void	 pkg_load_ct(struct package *);
static char	*pkg_resolve(const char *, const char *);
static bool	 pkg_is(const xmlNode *, const char *, const char *);

/*
 * Finds the end of central directory record (the last one whose comment
 * reaches the end of the data, as writers put it) and, through ZIP64 when
 * the short fields are saturated, the directory's entry count, size and
 * offset.
 */
static int
pkg_find_cdir(const unsigned char *d, size_t len, uint64_t *count_r,
    uint64_t *size_r, uint64_t *off_r, const char **why_r)
{
	size_t	lo, pos, eocd = SIZE_MAX;

	if (len < 22) {
		*why_r = "not a ZIP archive";
		return (-1);
	}
	lo = len - 22 > 65535 ? len - 22 - 65535 : 0;
	for (pos = len - 22 + 1; pos-- > lo;) {
		if (bytes_le32(d + pos) != 0x06054b50)
			continue;
		if (pos + 22 + bytes_le16(d + pos + 20) == len) {
			eocd = pos;
			break;
		}
		if (eocd == SIZE_MAX &&
		    pos + 22 + bytes_le16(d + pos + 20) <= len)
			eocd = pos;
	}
	if (eocd == SIZE_MAX) {
		*why_r = "not a ZIP archive";
		return (-1);
	}
	*count_r = bytes_le16(d + eocd + 10);
	*size_r = bytes_le32(d + eocd + 12);
	*off_r = bytes_le32(d + eocd + 16);
	if (*count_r == 0xffff || *size_r == 0xffffffff ||
	    *off_r == 0xffffffff) {
		uint64_t z;

		if (eocd < 20 || len < 56 ||
		    bytes_le32(d + eocd - 20) != 0x07064b50 ||
		    (z = bytes_le64(d + eocd - 20 + 8)) > len - 56 ||
		    bytes_le32(d + z) != 0x06064b50) {
			*why_r = "ZIP64 directory is missing or damaged";
			return (-1);
		}
		*count_r = bytes_le64(d + z + 32);
		*size_r = bytes_le64(d + z + 40);
		*off_r = bytes_le64(d + z + 48);
	}
	if (*off_r > len || *size_r > len - *off_r) {
		*why_r = "ZIP central directory lies outside the archive";
		return (-1);
	}
	return (0);
}

/* Why name (n raw bytes) may not be a part name, or NULL when it may. */
static const char *
pkg_bad_name(const char *name, size_t n)
{
	const char *seg, *end = name + n;

	if (n == 0)
		return ("ZIP entry has an empty name");
	if (memchr(name, '\0', n) != NULL)
		return ("ZIP entry name contains a NUL byte");
	if (!g_utf8_validate(name, n, NULL))
		return ("ZIP entry name is not UTF-8");
	if (name[0] == '/')
		return ("ZIP entry name is absolute");
	if (memchr(name, '\\', n) != NULL)
		return ("ZIP entry name contains a backslash");
	for (seg = name; seg < end;) {
		const char *slash = memchr(seg, '/', end - seg);
		size_t	    sl = (slash ? slash : end) - seg;

		if (sl == 2 && seg[0] == '.' && seg[1] == '.')
			return ("ZIP entry name has a '..' segment");
		seg += sl + 1;
	}
	return (NULL);
}

/* OPC part names are equal when equal ignoring ASCII case. */
static char *
pkg_fold(const char *name)
{
	while (*name == '/')
		name++;
	return (g_ascii_strdown(name, -1));
}

/*
 * True when the local header of central entry c (name length nl) is not
 * where it says, or names another file, method or checksum: two readers
 * of such an archive see different documents, which is how a signed
 * package is made to show unsigned content. cdir is where the central
 * directory starts; local headers all lie before it.
 */
static bool
pkg_local_differs(const unsigned char *d, uint64_t cdir,
    const unsigned char *c, size_t nl)
{
	uint64_t	 lo = bytes_le32(c + 42);
	const unsigned char *l;

	if (lo == 0xffffffff)		/* ZIP64: libzip checks those */
		return (false);
	if (lo > cdir || cdir - lo < 30 || cdir - lo - 30 < nl)
		return (true);
	l = d + lo;
	if (bytes_le32(l) != 0x04034b50 || bytes_le16(l + 26) != nl ||
	    memcmp(l + 30, c + 46, nl) != 0 ||
	    bytes_le16(l + 8) != bytes_le16(c + 10))
		return (true);
	/* Without a data descriptor the local CRC must be the real one. */
	if ((bytes_le16(l + 6) & 0x0008) == 0 &&
	    bytes_le32(l + 14) != bytes_le32(c + 16))
		return (true);
	return (false);
}

static int
pkg_walk_cdir(struct package *pkg, const unsigned char *d, size_t len,
    const char **why_r)
{
	uint64_t	 count, size, off, pos, end;
	size_t		 i;

	if (pkg_find_cdir(d, len, &count, &size, &off, why_r) == -1)
		return (-1);
	if (count > pkg->lim.max_entries) {
		*why_r = "ZIP archive has more entries than the limit";
		return (-1);
	}
	pkg->names = g_new0(char *, count + 1);
	pkg->index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    NULL);
	end = off + size;
	for (pos = off, i = 0; i < count; i++) {
		const char	*why;
		char		*key;
		size_t		 nl;

		if (end - pos < 46 || bytes_le32(d + pos) != 0x02014b50) {
			*why_r = "ZIP central directory is damaged";
			return (-1);
		}
		nl = bytes_le16(d + pos + 28);
		if (end - pos - 46 < (uint64_t)nl + bytes_le16(d + pos + 30) +
		    bytes_le16(d + pos + 32)) {
			*why_r = "ZIP central directory is damaged";
			return (-1);
		}
		if (bytes_le16(d + pos + 8) & 0x0041) {
			*why_r = "ZIP entry is encrypted";
			return (-1);
		}
		if ((why = pkg_bad_name((const char *)d + pos + 46, nl)) !=
		    NULL) {
			*why_r = why;
			return (-1);
		}
		if (pkg_local_differs(d, off, d + pos, nl)) {
			*why_r = "ZIP local header disagrees with the central "
			    "directory";
			return (-1);
		}
		pkg->names[i] = g_strndup((const char *)d + pos + 46, nl);
		pkg->n = i + 1;
		key = pkg_fold(pkg->names[i]);
		if (g_hash_table_contains(pkg->index, key)) {
			g_free(key);
			*why_r = "ZIP archive has two entries of the same name";
			return (-1);
		}
		g_hash_table_insert(pkg->index, key, GSIZE_TO_POINTER(i + 1));
		pos += 46 + nl + bytes_le16(d + pos + 30) +
		    bytes_le16(d + pos + 32);
	}
	return (0);
}

struct package *
package_open(const unsigned char *data, size_t len,
    const struct parse_limits *limits, const char **why_r)
{
	struct package	*pkg = g_new0(struct package, 1);
	zip_source_t	*src;
	zip_error_t	 err;
	const char	*why = NULL;

	pkg->lim = limits_resolve(limits);
	if (pkg_walk_cdir(pkg, data, len, &why) == -1)
		goto fail;
	pkg->bytes = g_memdup2(data, len);
	zip_error_init(&err);
	src = zip_source_buffer_create(pkg->bytes, len, 0, &err);
	if (src == NULL) {
		why = "ZIP archive cannot be read";
		goto fail;
	}
	pkg->za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
	if (pkg->za == NULL) {
		switch (zip_error_code_zip(&err)) {
		case ZIP_ER_NOZIP:
			why = "not a ZIP archive";
			break;
		case ZIP_ER_EXISTS:
			why = "ZIP archive has two entries of the same name";
			break;
		default:
			why = "ZIP archive is damaged or inconsistent";
			break;
		}
		zip_source_free(src);
		zip_error_fini(&err);
		goto fail;
	}
	zip_error_fini(&err);
	if ((zip_uint64_t)zip_get_num_entries(pkg->za, 0) != pkg->n) {
		why = "ZIP directory is ambiguous";
		goto fail;
	}
	for (size_t i = 0; i < pkg->n; i++) {
		const char	*zn = zip_get_name(pkg->za, i, ZIP_FL_ENC_RAW);
		zip_stat_t	 st;

		if (zn == NULL || strcmp(zn, pkg->names[i]) != 0) {
			why = "ZIP directory is ambiguous";
			goto fail;
		}
		if (zip_stat_index(pkg->za, i, 0, &st) == -1 ||
		    ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) &&
		    st.encryption_method != ZIP_EM_NONE)) {
			why = "ZIP entry is encrypted";
			goto fail;
		}
	}
	*why_r = NULL;
	return (pkg);
fail:
	package_free(pkg);
	*why_r = why;
	return (NULL);
}

void
package_free(struct package *pkg)
{
	if (pkg == NULL)
		return;
	if (pkg->za != NULL)
		zip_discard(pkg->za);
	g_free(pkg->bytes);
	if (pkg->names != NULL)
		g_strfreev(pkg->names);
	if (pkg->index != NULL)
		g_hash_table_destroy(pkg->index);
	if (pkg->ct_override != NULL)
		g_hash_table_destroy(pkg->ct_override);
	if (pkg->ct_default != NULL)
		g_hash_table_destroy(pkg->ct_default);
	g_free(pkg);
}

size_t
package_count(const struct package *pkg)
{
	return (pkg->n);
}

const char *
package_name(const struct package *pkg, size_t i)
{
	return (i < pkg->n ? pkg->names[i] : NULL);
}

static bool
pkg_lookup(const struct package *pkg, const char *name, size_t *i_r)
{
	char		*key = pkg_fold(name);
	gpointer	 v = g_hash_table_lookup(pkg->index, key);

	g_free(key);
	if (v == NULL)
		return (false);
	*i_r = GPOINTER_TO_SIZE(v) - 1;
	return (true);
}

bool
package_has(const struct package *pkg, const char *name)
{
	size_t i;

	return (pkg_lookup(pkg, name, &i));
}

struct package_stream *
package_stream_open(struct package *pkg, const char *name,
    const char **why_r)
{
	const struct parse_limits *lim = &pkg->lim;
	struct package_stream	*ps;
	zip_stat_t		 st;
	zip_file_t		*zf;
	size_t			 i;

	if (!pkg_lookup(pkg, name, &i)) {
		*why_r = "no such part in the package";
		return (NULL);
	}
	if (zip_stat_index(pkg->za, i, 0, &st) == -1 ||
	    (st.valid & (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE)) !=
	    (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE)) {
		*why_r = "ZIP entry cannot be read";
		return (NULL);
	}
	if (st.size > lim->max_entry_size) {
		*why_r = "ZIP entry is larger than the entry size limit";
		return (NULL);
	}
	if (st.size > PKG_RATIO_FREE && st.size / lim->max_ratio >
	    st.comp_size) {
		*why_r = "ZIP entry inflates beyond the ratio limit";
		return (NULL);
	}
	if ((zf = zip_fopen_index(pkg->za, i, 0)) == NULL) {
		*why_r = "ZIP entry cannot be read";
		return (NULL);
	}
	ps = g_new0(struct package_stream, 1);
	ps->pkg = pkg;
	ps->zf = zf;
	ps->size = st.size;
	ps->comp = st.comp_size;
	*why_r = NULL;
	return (ps);
}

/* st.size is only a hint: the stream trusts its own count. */
ssize_t
package_stream_read(struct package_stream *ps, void *buf, size_t len,
    const char **why_r)
{
	const struct parse_limits *lim = &ps->pkg->lim;
	zip_int64_t	 got;

	*why_r = ps->why;
	if (ps->why != NULL)
		return (-1);
	if (ps->done || len == 0)
		return (0);
	if (len > PKG_CHUNK)
		len = PKG_CHUNK;
	if ((got = zip_fread(ps->zf, buf, len)) < 0) {
		ps->why = "ZIP entry is corrupt (bad data or CRC)";
		goto fail;
	}
	if (got == 0) {
		if (ps->len != ps->size) {
			ps->why = "ZIP entry inflates to less than its stated "
			    "size";
			goto fail;
		}
		ps->done = true;
		return (0);
	}
	ps->len += (size_t)got;
	ps->pkg->total += (size_t)got;
	if (ps->len > lim->max_entry_size)
		ps->why = "ZIP entry is larger than the entry size limit";
	else if (ps->pkg->total > lim->max_total_size)
		ps->why = "ZIP package inflates beyond the total size limit";
	else if (ps->len > PKG_RATIO_FREE &&
	    ps->len / lim->max_ratio > ps->comp)
		ps->why = "ZIP entry inflates beyond the ratio limit";
	else if (ps->len > ps->size)
		ps->why = "ZIP entry inflates to more than its stated size";
	if (ps->why != NULL)
		goto fail;
	return ((ssize_t)got);
fail:
	*why_r = ps->why;
	return (-1);
}

void
package_stream_close(struct package_stream *ps)
{
	if (ps == NULL)
		return;
	zip_fclose(ps->zf);
	g_free(ps);
}

int
package_read(struct package *pkg, const char *name, unsigned char **data_r,
    size_t *len_r, const char **why_r)
{
	struct package_stream	*ps;
	unsigned char		*buf = NULL;
	size_t			 len = 0, cap;
	ssize_t			 got;
	const char		*why = NULL;

	*data_r = NULL;
	*len_r = 0;
	if ((ps = package_stream_open(pkg, name, &why)) == NULL)
		goto fail;
	cap = (ps->size < PKG_CHUNK ? ps->size : PKG_CHUNK) + 1;
	buf = g_malloc(cap);
	for (;;) {
		if (cap - len < PKG_CHUNK + 1) {
			cap = cap * 2 > len + PKG_CHUNK + 1 ? cap * 2 :
			    len + PKG_CHUNK + 1;
			buf = g_realloc(buf, cap);
		}
		if ((got = package_stream_read(ps, buf + len, PKG_CHUNK,
		    &why)) == -1)
			goto fail;
		if (got == 0)
			break;
		len += (size_t)got;
	}
	package_stream_close(ps);
	buf[len] = '\0';
	*data_r = buf;
	*len_r = len;
	*why_r = NULL;
	return (0);
fail:
	package_stream_close(ps);
	g_free(buf);
	*why_r = why;
	return (-1);
}

static bool
pkg_is(const xmlNode *n, const char *ns, const char *name)
{
	return (n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, ns) == 0 &&
	    strcmp((const char *)n->name, name) == 0);
}

/* Reads [Content_Types].xml once; a bad one leaves both tables empty. */
static void
pkg_load_ct(struct package *pkg)
{
	unsigned char	*data;
	size_t		 len;
	const char	*why;
	xmlDocPtr	 doc;
	xmlNode		*root, *n;

	pkg->ct_done = true;
	pkg->ct_override = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, g_free);
	pkg->ct_default = g_hash_table_new_full(g_str_hash, g_str_equal,
	    g_free, g_free);
	if (package_read(pkg, "[Content_Types].xml", &data, &len, &why) == -1)
		return;
	doc = safe_xml_parse(data, len, &pkg->lim, &why);
	g_free(data);
	if (doc == NULL)
		return;
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !pkg_is(root, NS_PKG_CT, "Types"))
		goto out;
	for (n = root->children; n != NULL; n = n->next) {
		xmlChar *k, *v;

		if (pkg_is(n, NS_PKG_CT, "Override")) {
			k = xmlGetProp(n, BAD_CAST "PartName");
			v = xmlGetProp(n, BAD_CAST "ContentType");
			if (k != NULL && v != NULL)
				g_hash_table_replace(pkg->ct_override,
				    pkg_fold((char *)k), g_strdup((char *)v));
		} else if (pkg_is(n, NS_PKG_CT, "Default")) {
			k = xmlGetProp(n, BAD_CAST "Extension");
			v = xmlGetProp(n, BAD_CAST "ContentType");
			if (k != NULL && v != NULL)
				g_hash_table_replace(pkg->ct_default,
				    g_ascii_strdown((char *)k, -1),
				    g_strdup((char *)v));
		} else
			continue;
		xmlFree(k);
		xmlFree(v);
	}
out:
	xmlFreeDoc(doc);
}

char *
package_content_type(struct package *pkg, const char *part)
{
	char		*key, *ext;
	const char	*v;

	if (!pkg->ct_done)
		pkg_load_ct(pkg);
	key = pkg_fold(part);
	v = g_hash_table_lookup(pkg->ct_override, key);
	if (v == NULL && (ext = strrchr(key, '.')) != NULL &&
	    strchr(ext, '/') == NULL)
		v = g_hash_table_lookup(pkg->ct_default, ext + 1);
	g_free(key);
	return (g_strdup(v));
}

char *
package_rels_name(const char *source)
{
	const char *slash;

	while (*source == '/')
		source++;
	if (*source == '\0')
		return (g_strdup("_rels/.rels"));
	if ((slash = strrchr(source, '/')) == NULL)
		return (g_strdup_printf("_rels/%s.rels", source));
	return (g_strdup_printf("%.*s/_rels/%s.rels", (int)(slash - source),
	    source, slash + 1));
}

/*
 * Resolves target against source's folder as RFC 3986 does for paths
 * ("." and ".." segments removed, ".." never above the root); a target
 * starting with '/' is from the root. Query and fragment are dropped.
 */
static char *
pkg_resolve(const char *source, const char *target)
{
	GPtrArray	*segs = g_ptr_array_new_with_free_func(g_free);
	GString		*out = g_string_new(NULL);
	char		*path, **parts;
	const char	*slash;

	while (*source == '/')
		source++;
	if (target[0] == '/')
		path = g_strdup(target);
	else if ((slash = strrchr(source, '/')) != NULL)
		path = g_strdup_printf("%.*s/%s", (int)(slash - source),
		    source, target);
	else
		path = g_strdup(target);
	path[strcspn(path, "?#")] = '\0';
	parts = g_strsplit(path, "/", -1);
	for (size_t i = 0; parts[i] != NULL; i++) {
		if (strcmp(parts[i], "..") == 0) {
			if (segs->len > 0)
				g_ptr_array_remove_index(segs, segs->len - 1);
		} else if (parts[i][0] != '\0' && strcmp(parts[i], ".") != 0)
			g_ptr_array_add(segs, g_strdup(parts[i]));
	}
	for (size_t i = 0; i < segs->len; i++) {
		if (i > 0)
			g_string_append_c(out, '/');
		g_string_append(out, g_ptr_array_index(segs, i));
	}
	g_strfreev(parts);
	g_free(path);
	g_ptr_array_free(segs, TRUE);
	return (g_string_free(out, FALSE));
}

int
package_rels(struct package *pkg, const char *source_part,
    struct package_rel **rels_r, size_t *n_r, const char **why_r)
{
	char		*name = package_rels_name(source_part);
	unsigned char	*data = NULL;
	size_t		 len, n = 0, cap = 0;
	struct package_rel *rels = NULL;
	xmlDocPtr	 doc = NULL;
	xmlNode		*root, *e;
	const char	*why = NULL;
	int		 rc = -1;

	*rels_r = NULL;
	*n_r = 0;
	if (!package_has(pkg, name)) {
		rc = 0;
		goto out;
	}
	if (package_read(pkg, name, &data, &len, &why) == -1)
		goto out;
	if ((doc = safe_xml_parse(data, len, &pkg->lim, &why)) == NULL)
		goto out;
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !pkg_is(root, NS_PKG_RELS, "Relationships")) {
		why = "relationships part has no Relationships element";
		goto out;
	}
	for (e = root->children; e != NULL; e = e->next) {
		xmlChar			*id, *type, *target, *mode;
		struct package_rel	*r;

		if (!pkg_is(e, NS_PKG_RELS, "Relationship"))
			continue;
		id = xmlGetProp(e, BAD_CAST "Id");
		type = xmlGetProp(e, BAD_CAST "Type");
		target = xmlGetProp(e, BAD_CAST "Target");
		mode = xmlGetProp(e, BAD_CAST "TargetMode");
		if (id != NULL && type != NULL && target != NULL) {
			if (n == cap) {
				cap = cap ? cap * 2 : 8;
				rels = g_renew(struct package_rel, rels, cap);
			}
			r = &rels[n++];
			r->id = g_strdup((char *)id);
			r->type = g_strdup((char *)type);
			r->external = mode != NULL &&
			    strcmp((char *)mode, "External") == 0;
			r->target = r->external ? g_strdup((char *)target) :
			    pkg_resolve(source_part, (char *)target);
		}
		xmlFree(id);
		xmlFree(type);
		xmlFree(target);
		xmlFree(mode);
	}
	*rels_r = rels;
	*n_r = n;
	rels = NULL;
	rc = 0;
out:
	package_rels_free(rels, n);
	xmlFreeDoc(doc);
	g_free(data);
	g_free(name);
	*why_r = why;
	return (rc);
}

void
package_rels_free(struct package_rel *rels, size_t n)
{
	if (rels == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		g_free(rels[i].id);
		g_free(rels[i].type);
		g_free(rels[i].target);
	}
	g_free(rels);
}

char *
package_main_part(struct package *pkg)
{
	struct package_rel	*rels;
	size_t			 n;
	const char		*why;
	char			*main = NULL;

	if (package_rels(pkg, "", &rels, &n, &why) == -1)
		return (NULL);
	for (size_t i = 0; i < n && main == NULL; i++) {
		const char *t = strrchr(rels[i].type, '/');

		if (!rels[i].external && t != NULL &&
		    strcmp(t, "/officeDocument") == 0 &&
		    rels[i].target[0] != '\0')
			main = g_strdup(rels[i].target);
	}
	package_rels_free(rels, n);
	return (main);
}
