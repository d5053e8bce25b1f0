/* template.h: fills {{name}} placeholders and {{#name}}…{{/name}} sections
 * in a template given as lines. It substitutes text and repeats or drops
 * sections; it never evaluates anything else, and never re-reads a value. */
#ifndef HOTROCKS_TEMPLATE_H
#define HOTROCKS_TEMPLATE_H

#include <stddef.h>

/*
 * One name a template may use: either a text (items NULL) or a list of
 * texts (items, NULL-terminated). All borrowed.
 *  {{name}}           the text (a NULL text renders as nothing)
 *  {{#name}}…{{/name}} a text: the body once when the text is not empty;
 *                     a list: the body once per item, {{.}} the item
 *  {{^name}}…{{/name}} the body once when the text is empty or the list
 *                     has no item
 * A line that holds only a section tag leaves no empty line behind.
 */
struct template_value {
	const char		 *name;
	const char		 *text;
	const char *const	 *items;
};

/*
 * Renders lines (NULL-terminated; each becomes one output line ending in
 * "\n") with values. Returns 0 and a string to g_free in *out_r; -1 and
 * *cause (g_free) for an unknown name, {{.}} outside a list, an unclosed
 * tag or section, or sections nested deeper than TEMPLATE_MAX_DEPTH.
 */
#define TEMPLATE_MAX_DEPTH	8
int	template_render(const char *const *lines,
	    const struct template_value *values, size_t nvalues,
	    char **out_r, char **cause);

#endif
