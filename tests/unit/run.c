/* run.c: runs every unit suite; the list comes from the file names of
 * tests/unit/check-*.c (see the Makefile). CK_RUN_SUITE=name runs one.
 * A GLib CRITICAL is a failed test, never a line on stderr. */
#include <stdlib.h>

#include <check.h>
#include <glib.h>

#define SUITE(n) Suite *n##_suite(void);
#include "suites.h"
#undef SUITE

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	/* GLib reads G_DEBUG in a constructor, before main, so the mask is
	 * set here as well; the variable is for the programs the suites
	 * start (hotrocks itself). */
	setenv("G_DEBUG", "fatal-criticals", 0);
	g_log_set_always_fatal(g_log_set_always_fatal(G_LOG_FATAL_MASK) |
	    G_LOG_LEVEL_CRITICAL);
	sr = srunner_create(NULL);
#define SUITE(n) srunner_add_suite(sr, n##_suite());
#include "suites.h"
#undef SUITE
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
