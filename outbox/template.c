/* template.c: the {{name}} renderer behind the reply texts. Not a library:
 * GLib has none, and Debian's C mustache/ctemplate options are not worth a
 * dependency for a dozen letters. Values are copied out, never re-read. */
#include <stdbool.h>
#include <string.h>

#include <glib.h>

#include "outbox/template.h"

struct render {
	const struct template_value	*values;
	size_t				 nvalues;
	GString				*out;
	char			       **cause;
};

static bool	 standalone(const char *);
static const struct template_value *lookup(struct render *, const char *,
		    size_t);
static const char *section_end(const char *, const char *, const char *,
		    size_t, const char **);
static int	 render_span(struct render *, const char *, const char *,
		    const char *, int);

int
template_render(const char *const *lines, const struct template_value *values,
    size_t nvalues, char **out_r, char **cause)
{
	struct render	 r = { values, nvalues, NULL, cause };
	GString		*src;
	int		 rc;

	src = g_string_new(NULL);
	for (size_t i = 0; lines[i] != NULL; i++) {
		g_string_append(src, lines[i]);
		if (!standalone(lines[i]))
			g_string_append_c(src, '\n');
	}
	r.out = g_string_new(NULL);
	rc = render_span(&r, src->str, src->str + src->len, NULL, 0);
	g_string_free(src, TRUE);
	if (rc == -1) {
		g_string_free(r.out, TRUE);
		return (-1);
	}
	*out_r = g_string_free(r.out, FALSE);
	return (0);
}

/* A line made only of section tags. */
static bool
standalone(const char *line)
{
	const char	*p = line, *close;

	while (strncmp(p, "{{", 2) == 0 && p[2] != '\0' &&
	    strchr("#^/", p[2]) != NULL && (close = strstr(p, "}}")) != NULL)
		p = close + 2;
	return (p != line && *p == '\0');
}

static const struct template_value *
lookup(struct render *r, const char *name, size_t len)
{
	for (size_t i = 0; i < r->nvalues; i++)
		if (strlen(r->values[i].name) == len &&
		    strncmp(r->values[i].name, name, len) == 0)
			return (&r->values[i]);
	*r->cause = g_strdup_printf("unknown placeholder {{%.*s}}", (int)len,
	    name);
	return (NULL);
}

/* Where the section opened just before p ends; *next_r is past its tag. */
static const char *
section_end(const char *p, const char *end, const char *name, size_t len,
    const char **next_r)
{
	const char	*t;
	int		 open = 1;

	while ((t = g_strstr_len(p, end - p, "{{")) != NULL) {
		p = t + 2;
		if ((size_t)(end - p) < len + 3 || strchr("#^/", *p) == NULL ||
		    strncmp(p + 1, name, len) != 0 ||
		    strncmp(p + 1 + len, "}}", 2) != 0)
			continue;
		if (*p != '/')
			open++;
		else if (--open == 0) {
			*next_r = p + 1 + len + 2;
			return (t);
		}
	}
	return (NULL);
}

static int
render_span(struct render *r, const char *p, const char *end,
    const char *item, int depth)
{
	const struct template_value	*v;
	const char			*open, *close, *name, *body, *stop;
	size_t				 len;
	char				 sigil;
	bool				 empty;

	if (depth > TEMPLATE_MAX_DEPTH) {
		*r->cause = g_strdup_printf("sections nested deeper than %d",
		    TEMPLATE_MAX_DEPTH);
		return (-1);
	}
	while (p < end) {
		if ((open = g_strstr_len(p, end - p, "{{")) == NULL) {
			g_string_append_len(r->out, p, end - p);
			break;
		}
		g_string_append_len(r->out, p, open - p);
		close = g_strstr_len(open + 2, end - open - 2, "}}");
		if (close == NULL) {
			*r->cause = g_strdup_printf("unclosed tag at \"%.20s\"",
			    open);
			return (-1);
		}
		name = open + 2;
		sigil = strchr("#^/", *name) != NULL ? *name++ : '\0';
		len = close - name;
		p = close + 2;
		if (sigil == '\0' && len == 1 && *name == '.') {
			if (item == NULL) {
				*r->cause = g_strdup("{{.}} outside a list");
				return (-1);
			}
			g_string_append(r->out, item);
			continue;
		}
		if (sigil == '/') {
			*r->cause = g_strdup_printf("{{/%.*s}} closes nothing",
			    (int)len, name);
			return (-1);
		}
		if ((v = lookup(r, name, len)) == NULL)
			return (-1);
		if (sigil == '\0') {
			if (v->text != NULL)
				g_string_append(r->out, v->text);
			continue;
		}
		body = p;
		if ((stop = section_end(body, end, name, len, &p)) == NULL) {
			*r->cause = g_strdup_printf("{{%c%.*s}} is never "
			    "closed", sigil, (int)len, name);
			return (-1);
		}
		empty = v->items != NULL ? v->items[0] == NULL :
		    v->text == NULL || *v->text == '\0';
		if (sigil == '^' || v->items == NULL) {
			if (empty == (sigil == '^') &&
			    render_span(r, body, stop, item, depth + 1) == -1)
				return (-1);
			continue;
		}
		for (size_t i = 0; v->items[i] != NULL; i++)
			if (render_span(r, body, stop, v->items[i],
			    depth + 1) == -1)
				return (-1);
	}
	return (0);
}
