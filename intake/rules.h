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
	/* Not 0, and the case (g_free), when a case holds phone or iccid
	 * (1 a case worked, 2 an activated row, 3 a row the Cục was sent
	 * in a case closed since), with when that case was received (RFC
	 * 3339, g_free; may be left NULL) */
	int	(*open_request)(void *ctx, const char *phone,
		    const char *iccid, char **case_r, char **received_r);
	/* 0 when no clean row of any case holds any of the n phones or
	 * ICCIDs (NULL entries match nothing), so open_request need not
	 * be asked of each; 1 when one may. NULL: ask of each row. The
	 * rules ask at most LOOKUP_BLOCK at a time. */
	int	(*any_requested)(void *ctx, const char *const *phones,
		    const char *const *iccids, size_t n);
	/* the certificate organisation registered for the sender's unit
	 * (g_free), or NULL */
	char	*(*unit_cert_org)(void *ctx, const char *sender);
	/* the registry's name of the sender's unit (g_free), or NULL */
	char	*(*unit_name)(void *ctx, const char *sender);
	void	 *ctx;
	time_t	  receipt;	/* 0: now */
};

/* A list's rows are looked up this many at a time. */
#define LOOKUP_BLOCK	128

/* Sets dec's kind, action and message codes from mail and the documents
 * in dec; lk may be NULL. */
void	rules_decide(const struct mail *, const struct config *,
	    const struct lookup *lk, struct decision *dec);

#endif
