/* template.h: the letters' small template language. A template is parsed
 * once, when it is loaded, against the names it may use, so every mistake
 * in a file staff edited is reported as file:line at start-up; rendering
 * a parsed template only substitutes text and repeats or drops sections.
 * It never evaluates anything, and never re-reads a value. */
#ifndef HOTROCKS_TEMPLATE_H
#define HOTROCKS_TEMPLATE_H

#include <stddef.h>

/*
 * The language (a subset of mustache, on purpose):
 *  {{name}}            a text value (NULL renders as nothing)
 *  {{#name}}…{{/name}} a text: the body once when the text is not empty;
 *                      a list: the body once per item, {{.}} the item
 *  {{^name}}…{{/name}} the body once when the text is empty or the list
 *                      has no item
 *  {{! words }}        a comment, for the person editing the file
 * A tag never spans lines. A line holding only section tags and comments
 * (and blanks) leaves nothing behind, not even its line break.
 */
enum template_type {
	TEMPLATE_TEXT,
	TEMPLATE_LIST,
};

/* A name a template may use, and what it holds. */
struct template_name {
	const char		*name;
	enum template_type	 type;
};

/* A value at render time: a text (items NULL) or a NULL-terminated list
 * of texts (items). All borrowed. */
struct template_value {
	const char		 *name;
	const char		 *text;
	const char *const	 *items;
};

struct template;

/* Sections nest at most this deep: deeper is a mistake, not a letter. */
#define TEMPLATE_MAX_DEPTH	8
/* A template file larger than this is not a letter. */
#define TEMPLATE_MAX_SIZE	(256 * 1024)

/*
 * Parses src (UTF-8). file names it in messages. Returns the template, or
 * NULL and *cause (g_free) "file:line: reason" for: an unknown name, a
 * name that is not [a-z0-9_]+, {{name}} of a list, {{.}} outside a list
 * section, a tag not closed on its line, a section closed by another
 * name or never closed, nesting deeper than TEMPLATE_MAX_DEPTH, text that
 * is not UTF-8, or more than TEMPLATE_MAX_SIZE bytes.
 */
struct template	*template_parse(const char *file, const char *src,
		    const struct template_name *names, size_t nnames,
		    char **cause);
void		 template_free(struct template *);

/*
 * Renders t with values. Returns 0 and *out_r (g_free); -1 and *cause
 * when a name the template uses has no value or the wrong type (a bug in
 * the caller, never in the file: the parse checked the file).
 */
int		 template_render(const struct template *t,
		    const struct template_value *values, size_t nvalues,
		    char **out_r, char **cause);

#endif
