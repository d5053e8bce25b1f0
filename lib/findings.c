/* findings.c: growable lists of CONTRACT codes with details. */
#include <stdarg.h>

#include <glib.h>

#include "lib/findings.h"

void
findings_add(struct findings *f, enum code code, const char *fmt, ...)
{
	va_list	ap;

	if (f->n == f->cap) {
		/* Most rows of a list that have a finding have one. */
		f->cap = f->cap ? f->cap * 2 : 1;
		f->v = g_renew(struct finding, f->v, f->cap);
	}
	f->v[f->n].code = code;
	f->v[f->n].detail = NULL;
	if (fmt != NULL) {
		va_start(ap, fmt);
		f->v[f->n].detail = g_strdup_vprintf(fmt, ap);
		va_end(ap);
	}
	f->n++;
}

bool
findings_has(const struct findings *f, enum code code)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].code == code)
			return (true);
	return (false);
}

void
findings_remove(struct findings *f, enum code code)
{
	size_t	k = 0;

	for (size_t i = 0; i < f->n; i++) {
		if (f->v[i].code == code) {
			g_free(f->v[i].detail);
			continue;
		}
		f->v[k++] = f->v[i];
	}
	f->n = k;
}

void
findings_extend(struct findings *dst, const struct findings *src)
{
	for (size_t i = 0; i < src->n; i++)
		findings_add(dst, src->v[i].code, src->v[i].detail ? "%s" :
		    NULL, src->v[i].detail);
}

void
findings_deinit(struct findings *f)
{
	for (size_t i = 0; i < f->n; i++)
		g_free(f->v[i].detail);
	g_free(f->v);
	f->v = NULL;
	f->n = f->cap = 0;
}
