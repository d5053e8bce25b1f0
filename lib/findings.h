/* findings.h: lists of CONTRACT codes with a free-text detail, as parsers
 * and rules report them. A findings list owns its details. */
#ifndef HOTROCKS_FINDINGS_H
#define HOTROCKS_FINDINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/codes.h"

struct finding {
	enum code	 code;
	char		*detail;	/* owned; may be NULL */
};

struct findings {
	struct finding	*v;
	size_t		 n, cap;
};

/* Append a finding; detail is printf-formatted (fmt may be NULL). */
void	findings_add(struct findings *, enum code, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* True when code is in the list. */
bool	findings_has(const struct findings *, enum code);
/* Drop every finding of this code, keeping the others in order. */
void	findings_remove(struct findings *, enum code);
/* Append copies of every finding of src to dst. */
void	findings_extend(struct findings *dst, const struct findings *src);
/* Free every detail and the array; the struct may be reused. */
void	findings_deinit(struct findings *);

#endif
