/* template.c: the renderer behind the letter files. Kept small rather than
 * Debian's template-glib: that is an expression language over GObject
 * scopes (method calls, arithmetic), more than a letter needs and more
 * than a file staff edit should be able to do; here a file can only
 * substitute and repeat, and every mistake is found at load as file:line.
 * Values are copied out, never re-read as template text. */
#include <stdbool.h>
#include <string.h>

#include <glib.h>

#include "outbox/template.h"

enum node_type {
	NODE_TEXT,	/* literal text */
	NODE_VAR,	/* {{name}} */
	NODE_ITEM,	/* {{.}} */
	NODE_SECTION,	/* {{#name}} */
	NODE_INVERTED,	/* {{^name}} */
};

struct node {
	enum node_type	 type;
	char		*text;		/* NODE_TEXT: the text; else the name */
	int		 line;
	GPtrArray	*children;	/* sections: struct node */
};

struct template {
	char		*file;
	GPtrArray	*nodes;
};

struct open_section {
	struct node	*node;
	bool		 list;
};

static void	 node_free(gpointer);
static struct node *node_new(enum node_type, const char *, size_t, int);
static bool	 standalone(const char *, size_t);
static bool	 name_ok(const char *, size_t);
static const struct template_name *known(const struct template_name *,
		    size_t, const char *, size_t);
static const struct template_value *value(const struct template_value *,
		    size_t, const char *);
static int	 render_nodes(GPtrArray *, const struct template_value *,
		    size_t, const char *, GString *, char **);

static void
node_free(gpointer p)
{
	struct node	*n = p;

	if (n->children != NULL)
		g_ptr_array_free(n->children, TRUE);
	g_free(n->text);
	g_free(n);
}

static struct node *
node_new(enum node_type type, const char *text, size_t len, int line)
{
	struct node	*n = g_new0(struct node, 1);

	n->type = type;
	n->text = g_strndup(text, len);
	n->line = line;
	if (type == NODE_SECTION || type == NODE_INVERTED)
		n->children = g_ptr_array_new_with_free_func(node_free);
	return (n);
}

/* A line made only of section tags and comments, blanks around them. */
static bool
standalone(const char *p, size_t len)
{
	const char	*end = p + len, *close;
	bool		 tag = false;

	while (p < end) {
		if (*p == ' ' || *p == '\t' || *p == '\r') {
			p++;
			continue;
		}
		if (end - p < 3 || strncmp(p, "{{", 2) != 0 ||
		    strchr("#^/!", p[2]) == NULL ||
		    (close = g_strstr_len(p, end - p, "}}")) == NULL)
			return (false);
		tag = true;
		p = close + 2;
	}
	return (tag);
}

static bool
name_ok(const char *s, size_t len)
{
	if (len == 0)
		return (false);
	for (size_t i = 0; i < len; i++)
		if (!g_ascii_islower(s[i]) && !g_ascii_isdigit(s[i]) &&
		    s[i] != '_')
			return (false);
	return (true);
}

static const struct template_name *
known(const struct template_name *names, size_t n, const char *s,
    size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(names[i].name) == len &&
		    strncmp(names[i].name, s, len) == 0)
			return (&names[i]);
	return (NULL);
}

struct template *
template_parse(const char *file, const char *src,
    const struct template_name *names, size_t nnames, char **cause)
{
	struct template			*t;
	const struct template_name	*nm;
	GArray				*stack;
	GPtrArray			*into;
	struct open_section		 os, *top;
	const char			*line, *eol, *p, *open, *close, *name;
	size_t				 len, linelen;
	int				 lineno = 0;
	char				 sigil;
	bool				 alone, in_list;

	if (strlen(src) > TEMPLATE_MAX_SIZE) {
		*cause = g_strdup_printf("%s: larger than %d bytes", file,
		    TEMPLATE_MAX_SIZE);
		return (NULL);
	}
	if (!g_utf8_validate(src, -1, &p)) {
		for (line = src, lineno = 1; line < p; line++)
			lineno += *line == '\n';
		*cause = g_strdup_printf("%s:%d: not UTF-8 text", file, lineno);
		return (NULL);
	}
	t = g_new0(struct template, 1);
	t->file = g_strdup(file);
	t->nodes = g_ptr_array_new_with_free_func(node_free);
	stack = g_array_new(FALSE, FALSE, sizeof(struct open_section));
	for (line = src; *line != '\0'; line = eol) {
		lineno++;
		eol = strchr(line, '\n');
		eol = eol != NULL ? eol + 1 : line + strlen(line);
		linelen = eol - line;
		alone = standalone(line, linelen - (line[linelen - 1] == '\n'));
		for (p = line; p < eol; p = close + 2) {
			top = stack->len > 0 ? &g_array_index(stack,
			    struct open_section, stack->len - 1) : NULL;
			into = top != NULL ? top->node->children : t->nodes;
			open = g_strstr_len(p, eol - p, "{{");
			if (open == NULL || alone) {
				if (open == NULL && !alone)
					g_ptr_array_add(into, node_new(
					    NODE_TEXT, p, eol - p, lineno));
				if (open == NULL)
					break;
			} else if (open > p)
				g_ptr_array_add(into, node_new(NODE_TEXT, p,
				    open - p, lineno));
			close = g_strstr_len(open + 2, eol - open - 2, "}}");
			if (close == NULL) {
				*cause = g_strdup_printf("%s:%d: a tag opened "
				    "with {{ is not closed with }} on its "
				    "line", file, lineno);
				goto fail;
			}
			name = open + 2;
			sigil = strchr("#^/!", *name) != NULL ? *name++ : '\0';
			len = close - name;
			if (sigil == '!')
				continue;
			if (sigil == '\0' && len == 1 && *name == '.') {
				in_list = false;
				for (guint i = 0; i < stack->len; i++)
					in_list |= g_array_index(stack,
					    struct open_section, i).list &&
					    g_array_index(stack,
					    struct open_section, i).node->type
					    == NODE_SECTION;
				if (!in_list) {
					*cause = g_strdup_printf("%s:%d: {{.}} "
					    "outside a list section", file,
					    lineno);
					goto fail;
				}
				g_ptr_array_add(into, node_new(NODE_ITEM, "",
				    0, lineno));
				continue;
			}
			if (!name_ok(name, len)) {
				*cause = g_strdup_printf("%s:%d: \"%.*s\" is "
				    "not a name (lower-case letters, digits "
				    "and _)", file, lineno, (int)(close + 2 -
				    open), open);
				goto fail;
			}
			if ((nm = known(names, nnames, name, len)) == NULL) {
				*cause = g_strdup_printf("%s:%d: unknown name "
				    "{{%.*s}}", file, lineno, (int)len, name);
				goto fail;
			}
			if (sigil == '/') {
				if (top == NULL) {
					*cause = g_strdup_printf("%s:%d: "
					    "{{/%.*s}} closes no section",
					    file, lineno, (int)len, name);
					goto fail;
				}
				if (strlen(top->node->text) != len ||
				    strncmp(top->node->text, name, len) != 0) {
					*cause = g_strdup_printf("%s:%d: "
					    "{{/%.*s}} closes {{%c%s}} of "
					    "line %d", file, lineno, (int)len,
					    name, top->node->type ==
					    NODE_SECTION ? '#' : '^',
					    top->node->text, top->node->line);
					goto fail;
				}
				g_array_set_size(stack, stack->len - 1);
				continue;
			}
			if (sigil == '\0') {
				if (nm->type == TEMPLATE_LIST) {
					*cause = g_strdup_printf("%s:%d: "
					    "{{%s}} is a list: write "
					    "{{#%s}}…{{.}}…{{/%s}}", file,
					    lineno, nm->name, nm->name,
					    nm->name);
					goto fail;
				}
				g_ptr_array_add(into, node_new(NODE_VAR, name,
				    len, lineno));
				continue;
			}
			if (stack->len >= TEMPLATE_MAX_DEPTH) {
				*cause = g_strdup_printf("%s:%d: sections "
				    "nested deeper than %d", file, lineno,
				    TEMPLATE_MAX_DEPTH);
				goto fail;
			}
			os.node = node_new(sigil == '#' ? NODE_SECTION :
			    NODE_INVERTED, name, len, lineno);
			os.list = nm->type == TEMPLATE_LIST;
			g_ptr_array_add(into, os.node);
			g_array_append_val(stack, os);
		}
	}
	if (stack->len > 0) {
		top = &g_array_index(stack, struct open_section,
		    stack->len - 1);
		*cause = g_strdup_printf("%s:%d: {{%c%s}} is never closed",
		    file, top->node->line, top->node->type == NODE_SECTION ?
		    '#' : '^', top->node->text);
		goto fail;
	}
	g_array_free(stack, TRUE);
	return (t);
fail:
	g_array_free(stack, TRUE);
	template_free(t);
	return (NULL);
}

void
template_free(struct template *t)
{
	if (t == NULL)
		return;
	g_ptr_array_free(t->nodes, TRUE);
	g_free(t->file);
	g_free(t);
}

static const struct template_value *
value(const struct template_value *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0)
			return (&v[i]);
	return (NULL);
}

static int
render_nodes(GPtrArray *nodes, const struct template_value *values,
    size_t nvalues, const char *item, GString *out, char **cause)
{
	const struct template_value	*v;
	struct node			*n;
	bool				 empty;

	for (guint i = 0; i < nodes->len; i++) {
		n = g_ptr_array_index(nodes, i);
		switch (n->type) {
		case NODE_TEXT:
			g_string_append(out, n->text);
			continue;
		case NODE_ITEM:
			if (item != NULL)
				g_string_append(out, item);
			continue;
		default:
			break;
		}
		if ((v = value(values, nvalues, n->text)) == NULL) {
			*cause = g_strdup_printf("line %d: no value for "
			    "{{%s}}", n->line, n->text);
			return (-1);
		}
		if (n->type == NODE_VAR) {
			if (v->items != NULL) {
				*cause = g_strdup_printf("line %d: {{%s}} "
				    "was given a list", n->line, n->text);
				return (-1);
			}
			if (v->text != NULL)
				g_string_append(out, v->text);
			continue;
		}
		empty = v->items != NULL ? v->items[0] == NULL :
		    v->text == NULL || *v->text == '\0';
		if (n->type == NODE_INVERTED || v->items == NULL) {
			if (empty == (n->type == NODE_INVERTED) &&
			    render_nodes(n->children, values, nvalues, item,
			    out, cause) == -1)
				return (-1);
			continue;
		}
		for (size_t k = 0; v->items[k] != NULL; k++)
			if (render_nodes(n->children, values, nvalues,
			    v->items[k], out, cause) == -1)
				return (-1);
	}
	return (0);
}

int
template_render(const struct template *t, const struct template_value *values,
    size_t nvalues, char **out_r, char **cause)
{
	GString	*out = g_string_new(NULL);
	char	*why = NULL;

	if (render_nodes(t->nodes, values, nvalues, NULL, out, &why) == -1) {
		*cause = g_strdup_printf("%s: %s", t->file, why);
		g_free(why);
		g_string_free(out, TRUE);
		return (-1);
	}
	*out_r = g_string_free(out, FALSE);
	return (0);
}
