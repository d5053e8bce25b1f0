/* cmd-sign.c: hotrocks sign, an ECMA-376 package signature added to a
 * DOCX or XLSX, or a PAdES signature to a PDF, as the office signs what
 * it forwards to the Cục. The
 * key is read from a file and never logged. */
#include <stdlib.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "intake/cli.h"
#include "parsers/ooxml-sign.h"
#include "parsers/pdf-sign.h"
#include "parsers/sniff.h"
#include "lib/log.h"

struct sign_opts {
	const char	*key, *cert, *chain, *at;
	bool		 pkcs7;
};

static void	sign_extra(int, const char *, void *);
static int	write_atomic(const char *, const unsigned char *, size_t);

static void
sign_extra(int ch, const char *arg, void *ctx)
{
	struct sign_opts *o = ctx;

	switch (ch) {
	case 'K': o->key = arg; break;
	case 'C': o->cert = arg; break;
	case 'H': o->chain = arg; break;
	case 'T': o->at = arg; break;
	case 'P': o->pkcs7 = true; break;
	}
}

/* Writes data to path through a temporary file and a rename. */
static int
write_atomic(const char *path, const unsigned char *data, size_t len)
{
	char	*tmp = g_strdup_printf("%s.tmp-%d", path, (int)getpid());
	int	 ok = g_file_set_contents(tmp, (const char *)data, len, NULL) &&
		    g_rename(tmp, path) == 0;

	if (!ok)
		g_unlink(tmp);
	g_free(tmp);
	return (ok ? 0 : -1);
}

int
cmd_sign(int argc, char **argv)
{
	struct cli_opts	 c = { 0 };
	struct sign_opts o = { 0 };
	EVP_PKEY	*key = NULL;
	X509		*cert = NULL;
	STACK_OF(X509)	*chain = sk_X509_new_null();
	BIO		*bio;
	gchar		*in = NULL;
	gsize		 inlen = 0;
	unsigned char	*out = NULL;
	size_t		 outlen = 0;
	const char	*why = NULL;
	int		 first, rc = EX_OK;
	time_t		 at = time(NULL);

	if ((first = cli_parse(argc, argv, &c, "KCHTP", sign_extra, &o)) ==
	    -1) {
		sk_X509_free(chain);
		return (EX_USAGE);
	}
	if (o.key == NULL || o.cert == NULL || argc - first != 2) {
		log_msg(LOG_LEVEL_ERROR, "sign", "--key, --cert, IN and OUT "
		    "are needed");
		rc = EX_USAGE;
		goto out;
	}
	if (o.at != NULL && cli_time(o.at, &at) == -1) {
		log_msg(LOG_LEVEL_ERROR, "sign", "bad --at %s", o.at);
		rc = EX_USAGE;
		goto out;
	}
	if ((bio = BIO_new_file(o.key, "r")) != NULL) {
		key = PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL);
		BIO_free(bio);
	}
	if ((bio = BIO_new_file(o.cert, "r")) != NULL) {
		cert = PEM_read_bio_X509(bio, NULL, NULL, NULL);
		BIO_free(bio);
	}
	if (o.chain != NULL && (bio = BIO_new_file(o.chain, "r")) != NULL) {
		X509 *x;

		while ((x = PEM_read_bio_X509(bio, NULL, NULL, NULL)) != NULL)
			sk_X509_push(chain, x);
		BIO_free(bio);
	}
	ERR_clear_error();
	if (key == NULL || cert == NULL) {
		log_msg(LOG_LEVEL_ERROR, "sign", "%s: no PEM %s in it",
		    key == NULL ? o.key : o.cert, key == NULL ?
		    "private key" : "certificate");
		rc = EX_NOINPUT;
		goto out;
	}
	/* A signature by a key the certificate does not name verifies as
	 * invalid everywhere: refuse it rather than write it. */
	if (X509_check_private_key(cert, key) != 1) {
		ERR_clear_error();
		log_msg(LOG_LEVEL_ERROR, "sign", "%s: this key does not match "
		    "the certificate %s: nothing signed", o.key, o.cert);
		rc = EX_DATAERR;
		goto out;
	}
	if (X509_cmp_time(X509_get0_notBefore(cert), &at) > 0)
		log_msg(LOG_LEVEL_WARN, "sign", "%s is not yet valid at the "
		    "signing time: the signature will verify as expired",
		    o.cert);
	else if (X509_cmp_time(X509_get0_notAfter(cert), &at) < 0)
		log_msg(LOG_LEVEL_WARN, "sign", "%s has expired at the "
		    "signing time: the signature will verify as expired",
		    o.cert);
	if (!g_file_get_contents(argv[first], &in, &inlen, NULL)) {
		log_msg(LOG_LEVEL_ERROR, "sign", "%s: cannot be read",
		    argv[first]);
		rc = EX_NOINPUT;
		goto out;
	}
	/* A PDF gets a PAdES signature (CAdES unless --pkcs7), a package
	 * an ECMA-376 one. */
	if (sniff_format((unsigned char *)in, inlen) == FORMAT_PDF ?
	    pdf_sign((unsigned char *)in, inlen, key, cert, chain, at,
	    !o.pkcs7, &c.cfg->parse, &out, &outlen, &why) == -1 :
	    ooxml_sign((unsigned char *)in, inlen, key, cert, chain, at,
	    &c.cfg->parse, &out, &outlen, &why) == -1) {
		log_msg(LOG_LEVEL_ERROR, "sign", "%s: %s", argv[first], why);
		rc = EX_DATAERR;
		goto out;
	}
	if (write_atomic(argv[first + 1], out, outlen) == -1) {
		log_msg(LOG_LEVEL_ERROR, "sign", "%s: cannot be written",
		    argv[first + 1]);
		rc = EX_CANTCREAT;
	}
out:
	g_free(out);
	g_free(in);
	EVP_PKEY_free(key);
	X509_free(cert);
	sk_X509_pop_free(chain, X509_free);
	config_free(c.cfg);
	return (rc);
}
