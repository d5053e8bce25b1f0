/* rules.h: kind, action and codes for one message, as CONTRACT.md says,
 * from the documents already read. Pure but for the lookups; never reads
 * a document itself (analyse.c does, then calls rules_decide). */
#ifndef HOTROCKS_RULES_H
#define HOTROCKS_RULES_H

#include <time.h>

#include "intake/config.h"
#include "intake/decision.h"
#include "intake/mime.h"

/* What the rules may ask of the store, and when the message arrived;
 * any member may be NULL or 0. */
struct lookup {
	/* 1 and the case (g_free) when an open case holds phone or iccid,
	 * with when that case was received (RFC 3339, g_free; may be left
	 * NULL) */
	int	(*open_request)(void *ctx, const char *phone,
		    const char *iccid, char **case_r, char **received_r);
	/* the certificate organisation registered for the sender's unit
	 * (g_free), or NULL */
	char	*(*unit_cert_org)(void *ctx, const char *sender);
	void	 *ctx;
	time_t	  receipt;	/* 0: now */
};

/* Sets dec's kind, action and message codes from mail and the documents
 * in dec; lk may be NULL. */
void	rules_decide(const struct mail *, const struct config *,
	    const struct lookup *lk, struct decision *dec);

#endif
