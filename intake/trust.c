/* trust.c: PEM bundles and a CRL directory into OpenSSL stacks. */
#include <string.h>

#include <glib.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "intake/trust.h"

struct trust {
	STACK_OF(X509)		*anchors;
	STACK_OF(X509)		*intermediates;
	STACK_OF(X509_CRL)	*crls;
};

static int	read_bundle(const char *, STACK_OF(X509) *, char **);
static int	read_crl(const char *, STACK_OF(X509_CRL) *, char **);

static int
read_bundle(const char *path, STACK_OF(X509) *sk, char **cause)
{
	BIO	*b;
	X509	*x;
	int	 n = 0;

	if ((b = BIO_new_file(path, "r")) == NULL) {
		*cause = g_strdup_printf("%s: cannot be read", path);
		ERR_clear_error();
		return (-1);
	}
	while ((x = PEM_read_bio_X509(b, NULL, NULL, NULL)) != NULL) {
		sk_X509_push(sk, x);
		n++;
	}
	ERR_clear_error();
	BIO_free(b);
	if (n == 0) {
		*cause = g_strdup_printf("%s: no PEM certificate in it", path);
		return (-1);
	}
	return (0);
}

static int
read_crl(const char *path, STACK_OF(X509_CRL) *sk, char **cause)
{
	BIO		*b;
	X509_CRL	*c;
	int		 n = 0;

	if ((b = BIO_new_file(path, "rb")) == NULL) {
		*cause = g_strdup_printf("%s: cannot be read", path);
		ERR_clear_error();
		return (-1);
	}
	while ((c = PEM_read_bio_X509_CRL(b, NULL, NULL, NULL)) != NULL) {
		sk_X509_CRL_push(sk, c);
		n++;
	}
	ERR_clear_error();
	if (n == 0) {			/* not PEM: one DER CRL */
		(void)BIO_reset(b);
		if ((c = d2i_X509_CRL_bio(b, NULL)) != NULL) {
			sk_X509_CRL_push(sk, c);
			n++;
		}
		ERR_clear_error();
	}
	BIO_free(b);
	if (n == 0) {
		*cause = g_strdup_printf("%s: neither a PEM nor a DER CRL",
		    path);
		return (-1);
	}
	return (0);
}

struct trust *
trust_load(const char *anchors, const char *intermediates,
    const char *crl_dir, char **cause)
{
	struct trust	*t = g_new0(struct trust, 1);
	GDir		*dir;
	GError		*err = NULL;
	GPtrArray	*names;
	const char	*name;

	t->anchors = sk_X509_new_null();
	t->intermediates = sk_X509_new_null();
	t->crls = sk_X509_CRL_new_null();
	if (anchors != NULL && *anchors != '\0' &&
	    read_bundle(anchors, t->anchors, cause) == -1)
		goto fail;
	if (intermediates != NULL && *intermediates != '\0' &&
	    read_bundle(intermediates, t->intermediates, cause) == -1)
		goto fail;
	if (crl_dir == NULL || *crl_dir == '\0')
		return (t);
	if ((dir = g_dir_open(crl_dir, 0, &err)) == NULL) {
		*cause = g_strdup_printf("%s: %s", crl_dir, err->message);
		g_error_free(err);
		goto fail;
	}
	names = g_ptr_array_new_with_free_func(g_free);
	while ((name = g_dir_read_name(dir)) != NULL)
		if (name[0] != '.')
			g_ptr_array_add(names, g_build_filename(crl_dir, name,
			    NULL));
	g_dir_close(dir);
	for (guint i = 0; i < names->len; i++) {
		if (!g_file_test(names->pdata[i], G_FILE_TEST_IS_REGULAR))
			continue;
		if (read_crl(names->pdata[i], t->crls, cause) == -1) {
			g_ptr_array_free(names, TRUE);
			goto fail;
		}
	}
	g_ptr_array_free(names, TRUE);
	return (t);
fail:
	trust_free(t);
	return (NULL);
}

void
trust_free(struct trust *t)
{
	if (t == NULL)
		return;
	sk_X509_pop_free(t->anchors, X509_free);
	sk_X509_pop_free(t->intermediates, X509_free);
	sk_X509_CRL_pop_free(t->crls, X509_CRL_free);
	g_free(t);
}

struct sig_trust
trust_view(const struct trust *t, time_t receipt)
{
	struct sig_trust v = { t->anchors, t->intermediates, t->crls,
	    receipt };

	return (v);
}

void
trust_counts(const struct trust *t, int *a, int *i, int *c)
{
	*a = sk_X509_num(t->anchors);
	*i = sk_X509_num(t->intermediates);
	*c = sk_X509_CRL_num(t->crls);
}

int
trust_crl_next_update(const struct trust *t, time_t *at_r)
{
	const ASN1_TIME	*next;
	struct tm	 tm;
	time_t		 at;
	int		 found = 0;

	for (int i = 0; t != NULL && i < sk_X509_CRL_num(t->crls); i++) {
		next = X509_CRL_get0_nextUpdate(sk_X509_CRL_value(t->crls, i));
		if (next == NULL || ASN1_TIME_to_tm(next, &tm) != 1)
			continue;
		at = timegm(&tm);
		if (!found || at < *at_r)
			*at_r = at;
		found = 1;
	}
	return (found ? 0 : -1);
}
