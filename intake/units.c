/* units.c: the units CSV. Bad lines are refused with their number, never
 * skipped, so the registry is what the file says or nothing changes. */
#include <string.h>

#include <glib.h>

#include "intake/units.h"
#include "lib/text.h"

/* Splits one record starting at *p into fields; advances *p past it. */
static GPtrArray *
csv_record(const char **p, int *line, char **cause)
{
	GPtrArray	*f = g_ptr_array_new_with_free_func(g_free);
	GString		*cur = g_string_new(NULL);
	const char	*s = *p;
	bool		 quoted = false, was_quoted = false;
	int		 start = *line;

	for (;;) {
		char c = *s;

		if (quoted) {
			if (c == '\0') {
				*cause = g_strdup_printf("line %d: a quoted "
				    "field is not closed", start);
				g_string_free(cur, TRUE);
				g_ptr_array_free(f, TRUE);
				return (NULL);
			}
			if (c == '"' && s[1] == '"') {
				g_string_append_c(cur, '"');
				s += 2;
			} else if (c == '"') {
				quoted = false;
				s++;
			} else {
				if (c == '\n')
					(*line)++;
				g_string_append_c(cur, c);
				s++;
			}
			continue;
		}
		if (c == '"' && cur->len == 0 && !was_quoted) {
			quoted = was_quoted = true;
			s++;
			continue;
		}
		if (c == ',' || c == '\n' || c == '\r' || c == '\0') {
			g_ptr_array_add(f, g_string_free(cur, FALSE));
			cur = g_string_new(NULL);
			was_quoted = false;
			if (c == ',') {
				s++;
				continue;
			}
			if (c == '\r')
				s++;
			if (*s == '\n')
				s++;
			(*line)++;
			break;
		}
		g_string_append_c(cur, c);
		s++;
	}
	g_string_free(cur, TRUE);
	*p = s;
	return (f);
}

int
units_parse(const char *text, struct units *u, char **cause)
{
	GArray		*v = g_array_new(FALSE, TRUE, sizeof(struct unit));
	GPtrArray	*strs = g_ptr_array_new();
	/* name or address → the line that listed it first, so a duplicate
	 * is told by its lines, not by a UNIQUE constraint */
	GHashTable	*names = g_hash_table_new(g_str_hash, g_str_equal);
	GHashTable	*seen = g_hash_table_new(g_str_hash, g_str_equal);
	const char	*p = text;
	int		 line = 1;

	memset(u, 0, sizeof(*u));
	if (strncmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (*p != '\0') {
		int		 at = line;
		GPtrArray	*f = csv_record(&p, &line, cause);
		struct unit unit = { 0 };
		char		**addrs;
		GPtrArray	*list;

		if (f == NULL)
			goto fail;
		if (f->len == 1 && text_blank(f->pdata[0])) {
			g_ptr_array_free(f, TRUE);
			continue;
		}
		if (at == 1 && f->len > 0 &&
		    g_ascii_strcasecmp(g_strstrip((char *)f->pdata[0]),
		    "name") == 0) {
			g_ptr_array_free(f, TRUE);
			continue;
		}
		if (f->len < 2 || f->len > 3 || text_blank(f->pdata[0])) {
			*cause = g_strdup_printf("line %d: expected name,"
			    "addresses,cert_org", at);
			g_ptr_array_free(f, TRUE);
			goto fail;
		}
		unit.name = text_clean(f->pdata[0]);
		g_ptr_array_add(strs, (char *)unit.name);
		if (g_hash_table_contains(names, unit.name)) {
			*cause = g_strdup_printf("line %d: unit \"%s\" is "
			    "already listed on line %d", at, unit.name,
			    GPOINTER_TO_INT(g_hash_table_lookup(names,
			    unit.name)));
			g_ptr_array_free(f, TRUE);
			goto fail;
		}
		g_hash_table_insert(names, (char *)unit.name,
		    GINT_TO_POINTER(at));
		if (f->len == 3 && !text_blank(f->pdata[2])) {
			unit.cert_org = text_clean(f->pdata[2]);
			g_ptr_array_add(strs, (char *)unit.cert_org);
		}
		addrs = g_strsplit_set(f->pdata[1], ";, \t\n", -1);
		list = g_ptr_array_new();
		for (size_t i = 0; addrs[i] != NULL; i++) {
			if (*addrs[i] == '\0')
				continue;
			if (strchr(addrs[i], '@') == NULL) {
				*cause = g_strdup_printf("line %d: \"%s\" is "
				    "not an address or @domain", at,
				    addrs[i]);
				g_strfreev(addrs);
				g_ptr_array_free(list, TRUE);
				g_ptr_array_free(f, TRUE);
				g_array_append_val(v, unit);
				goto fail;
			}
			g_ptr_array_add(list, g_ascii_strdown(addrs[i], -1));
			g_ptr_array_add(strs, list->pdata[list->len - 1]);
			if (g_hash_table_contains(seen,
			    list->pdata[list->len - 1])) {
				*cause = g_strdup_printf("line %d: address %s "
				    "is already listed on line %d", at,
				    (char *)list->pdata[list->len - 1],
				    GPOINTER_TO_INT(g_hash_table_lookup(seen,
				    list->pdata[list->len - 1])));
				g_strfreev(addrs);
				g_ptr_array_free(list, TRUE);
				g_ptr_array_free(f, TRUE);
				g_array_append_val(v, unit);
				goto fail;
			}
			g_hash_table_insert(seen, list->pdata[list->len - 1],
			    GINT_TO_POINTER(at));
		}
		g_strfreev(addrs);
		g_ptr_array_add(list, NULL);
		g_ptr_array_add(strs, list->pdata);
		unit.addresses = (const char **)g_ptr_array_free(list, FALSE);
		g_array_append_val(v, unit);
		g_ptr_array_free(f, TRUE);
	}
	u->n = v->len;
	u->v = (struct unit *)g_array_free(v, FALSE);
	g_ptr_array_add(strs, NULL);
	u->strings = (char **)g_ptr_array_free(strs, FALSE);
	g_hash_table_destroy(names);
	g_hash_table_destroy(seen);
	return (0);
fail:
	g_hash_table_destroy(names);
	g_hash_table_destroy(seen);
	g_array_free(v, TRUE);
	g_ptr_array_add(strs, NULL);
	u->strings = (char **)g_ptr_array_free(strs, FALSE);
	units_free(u);
	return (-1);
}

void
units_free(struct units *u)
{
	g_strfreev(u->strings);
	g_free(u->v);
	memset(u, 0, sizeof(*u));
}
