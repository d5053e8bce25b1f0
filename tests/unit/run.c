/* run.c: runs every unit suite; the list comes from the file names of
 * tests/unit/check-*.c (see the Makefile). CK_RUN_SUITE=name runs one. */
#include <stdlib.h>

#include <check.h>

#define SUITE(n) Suite *n##_suite(void);
#include "suites.h"
#undef SUITE

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(NULL);
#define SUITE(n) srunner_add_suite(sr, n##_suite());
#include "suites.h"
#undef SUITE
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
