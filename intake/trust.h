/* trust.h: the trust material a signature verdict is judged against —
 * anchors, intermediates and CRLs — read from the files the config names.
 * Read once at start-up; no network, ever. */
#ifndef HOTROCKS_TRUST_H
#define HOTROCKS_TRUST_H

#include <time.h>

#include "parsers/ooxml-sig.h"

struct trust;

/*
 * Reads anchors (a PEM bundle; NULL or "" for none), intermediates (a PEM
 * bundle, optional) and every CRL file (PEM or DER) in crl_dir (optional).
 * NULL and *cause (naming the file) on a file that cannot be read or holds
 * nothing usable.
 */
struct trust	*trust_load(const char *anchors, const char *intermediates,
		    const char *crl_dir, char **cause);
void		 trust_free(struct trust *);
/* The view the verifier takes; receipt is when the message arrived. The
 * stacks stay owned by t. */
struct sig_trust trust_view(const struct trust *t, time_t receipt);
/* How many anchors, intermediates and CRLs were read. */
void		 trust_counts(const struct trust *, int *anchors,
		    int *intermediates, int *crls);

/* The earliest nextUpdate among the CRLs read, to *at_r: 0, or -1 when
 * no CRL names one. */
int		 trust_crl_next_update(const struct trust *, time_t *at_r);

#endif
