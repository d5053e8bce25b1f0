/* bench-verify.c: signature verdicts per second in one process, as
 * hotrocks reaches them against the trust read once: OOXML (package_open,
 * then ooxml_sig_verify) or PDF (pdf_sig_verify), by each file's bytes.
 * Prints figures; asserts nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include <glib.h>

#include "intake/trust.h"
#include "parsers/ooxml-sig.h"
#include "parsers/package.h"
#include "parsers/pdf-sig.h"
#include "parsers/sniff.h"

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec + ts.tv_nsec / 1e9);
}

int
main(int argc, char **argv)
{
	struct trust	*t;
	struct sig_trust tv;
	struct rusage	 ru;
	char		*cause = NULL;
	unsigned char  **data;
	gsize		*lens;
	int		 rounds, nfiles, nvalid = 0, n;
	double		 t0, el;

	if (argc < 6) {
		fprintf(stderr, "usage: bench-verify LABEL ANCHORS CRL_DIR "
		    "ROUNDS FILE...\n");
		return (64);
	}
	rounds = atoi(argv[4]);
	nfiles = argc - 5;
	if ((t = trust_load(argv[2], NULL, argv[3], &cause)) == NULL) {
		fprintf(stderr, "%s\n", cause);
		g_free(cause);
		return (78);
	}
	tv = trust_view(t, time(NULL));
	data = g_new0(unsigned char *, nfiles);
	lens = g_new0(gsize, nfiles);
	for (int i = 0; i < nfiles; i++)
		if (!g_file_get_contents(argv[5 + i], (char **)&data[i],
		    &lens[i], NULL)) {
			fprintf(stderr, "cannot read %s\n", argv[5 + i]);
			return (66);
		}
	t0 = now_s();
	for (int r = 0; r < rounds; r++)
		for (int i = 0; i < nfiles; i++) {
			struct package		*pkg;
			struct sig_result	*res = NULL;
			size_t			 nres = 0;
			const char		*why;

			if (sniff_format(data[i], lens[i]) == FORMAT_PDF) {
				if (pdf_sig_verify(data[i], lens[i], &tv, NULL,
				    &res, &nres, &why) == 0 &&
				    ooxml_sig_summary(res, nres) == SIG_VALID)
					nvalid++;
				ooxml_sig_results_free(res, nres);
				continue;
			}
			pkg = package_open(data[i], lens[i], NULL, &why);
			if (pkg != NULL && ooxml_sig_verify(pkg, &tv, &res,
			    &nres, &why) == 0 &&
			    ooxml_sig_summary(res, nres) == SIG_VALID)
				nvalid++;
			ooxml_sig_results_free(res, nres);
			package_free(pkg);
		}
	el = now_s() - t0;
	n = rounds * nfiles;
	getrusage(RUSAGE_SELF, &ru);
	printf("%-28s %6d files     %8.3f s  %9.1f files/s  %6.3f ms/file  "
	    "peak %6.1f MiB  %s\n", argv[1], n, el, n / el, el * 1000 / n,
	    ru.ru_maxrss / 1024.0, nvalid == n ? "all valid" :
	    "NOT ALL VALID");
	for (int i = 0; i < nfiles; i++)
		g_free(data[i]);
	g_free(data);
	g_free(lens);
	trust_free(t);
	return (nvalid == n ? 0 : 1);
}
