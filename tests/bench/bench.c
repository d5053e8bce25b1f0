/* bench.c: decisions per second over message files in one process, and
 * the peak memory that took. Prints figures; asserts nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include <glib.h>

#include "intake/analyse.h"
#include "intake/config.h"

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
	struct config	*cfg;
	struct rusage	 ru;
	char		*cause = NULL;
	unsigned char  **data;
	gsize		*lens;
	int		 rounds, nfiles;
	double		 t0, t;

	if (argc < 4) {
		fprintf(stderr, "usage: bench LABEL ROUNDS FILE...\n");
		return (64);
	}
	rounds = atoi(argv[2]);
	nfiles = argc - 3;
	mime_init();
	if ((cfg = config_load("samples/hotrocks.conf", &cause)) == NULL) {
		fprintf(stderr, "%s\n", cause);
		return (78);
	}
	data = g_new0(unsigned char *, nfiles);
	lens = g_new0(gsize, nfiles);
	for (int i = 0; i < nfiles; i++)
		if (!g_file_get_contents(argv[3 + i], (char **)&data[i],
		    &lens[i], NULL)) {
			fprintf(stderr, "cannot read %s\n", argv[3 + i]);
			return (66);
		}
	t0 = now_s();
	for (int r = 0; r < rounds; r++)
		for (int i = 0; i < nfiles; i++) {
			struct mail	*m;
			struct decision	*dec;
			const char	*why;

			if (analyse_message(data[i], lens[i], cfg, NULL, &m,
			    &dec, &why) == 0) {
				decision_free(dec);
				mime_free(m);
			}
		}
	t = now_s() - t0;
	getrusage(RUSAGE_SELF, &ru);
	printf("%-28s %6d messages  %8.3f s  %9.1f msg/s  %8.3f ms/msg  "
	    "peak %6.1f MiB\n", argv[1], rounds * nfiles, t,
	    rounds * nfiles / t, t * 1000 / (rounds * nfiles),
	    ru.ru_maxrss / 1024.0);
	for (int i = 0; i < nfiles; i++)
		g_free(data[i]);
	g_free(data);
	g_free(lens);
	config_free(cfg);
	return (0);
}
