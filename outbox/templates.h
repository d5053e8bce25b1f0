/* templates.h: the set of letter files (outbox/templates/, installed to
 * the data directory), loaded and checked together at start-up so a
 * mistake in one stops `run` and `check-config` with file:line, never a
 * send. It never renders: replies.c does, with the names listed here. */
#ifndef HOTROCKS_TEMPLATES_H
#define HOTROCKS_TEMPLATES_H

#include <stddef.h>

#include "outbox/template.h"

/* One file per kind of message; the file is TEMPLATES_FILE[kind]. */
enum templates_kind {
	TEMPLATES_ACK_SIM,		/* ack-sim.txt */
	TEMPLATES_ACK_ETOKEN,		/* ack-etoken.txt */
	TEMPLATES_ACK_REPORT,		/* ack-report.txt */
	TEMPLATES_REJECT,		/* reject.txt */
	TEMPLATES_RECEIVED,		/* received.txt: sent again, in hand */
	TEMPLATES_REDIRECT,		/* redirect.txt */
	TEMPLATES_DONE,			/* done.txt: the case is closed */
	TEMPLATES_FORWARD,		/* forward.txt: the list, to the Cục */
	TEMPLATES_FORWARD_SUBJECT,	/* forward-subject.txt: one line */
	TEMPLATES_SIGNATURE,		/* signature.txt: {{signature}} */
	TEMPLATES__COUNT
};

struct templates;

/* The file name of a kind, e.g. "ack-sim.txt"; never NULL in range. */
const char	*templates_file(enum templates_kind);

/*
 * The names every file may use (README "Letters" documents them), with
 * their type; *n_r gets the count. The array is static.
 */
const struct template_name *templates_names(size_t *n_r);

/*
 * Reads and parses every file of dir. Returns 0 and *set_r
 * (templates_free); -1 and *cause (g_free), "dir/file:line: reason" for a
 * mistake in a file, "dir/file: reason" for a file that is missing or
 * unreadable.
 */
int		 templates_load(const char *dir, struct templates **set_r,
		    char **cause);
void		 templates_free(struct templates *);
/* Borrowed from the set. */
const struct template *templates_get(const struct templates *,
		    enum templates_kind);

#endif
