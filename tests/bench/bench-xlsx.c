/* bench-xlsx.c: one xlsx_read of one workbook file, in a process of its
 * own so its peak memory is that of the parse alone. Prints, for
 * bench.sh, "WALL_S USER_S PEAK_KIB ROWS"; asserts nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include <glib.h>

#include "parsers/package.h"
#include "parsers/xlsx.h"

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
	struct package	*pkg;
	struct docbody	*body;
	struct rusage	 ru;
	unsigned char	*data;
	const char	*why;
	gsize		 len;
	size_t		 rows = 0;
	double		 t0, t, user;

	if (argc != 2) {
		fprintf(stderr, "usage: bench-xlsx FILE.xlsx\n");
		return (64);
	}
	if (!g_file_get_contents(argv[1], (char **)&data, &len, NULL)) {
		fprintf(stderr, "cannot read %s\n", argv[1]);
		return (66);
	}
	t0 = now_s();
	pkg = package_open(data, len, NULL, &why);
	/* The package keeps its own copy. */
	g_free(data);
	if (pkg == NULL) {
		fprintf(stderr, "%s: %s\n", argv[1], why);
		return (65);
	}
	if (xlsx_read(pkg, NULL, &body, &why) == -1) {
		fprintf(stderr, "%s: %s\n", argv[1], why);
		package_free(pkg);
		return (65);
	}
	t = now_s() - t0;
	getrusage(RUSAGE_SELF, &ru);
	for (size_t i = 0; i < body->nblocks; i++)
		if (body->blocks[i].grid != NULL)
			rows += body->blocks[i].grid->nrows;
	user = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6;
	printf("%.3f %.3f %ld %zu\n", t, user, ru.ru_maxrss, rows);
	docbody_free(body);
	package_free(pkg);
	return (0);
}
