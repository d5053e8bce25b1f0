/* main.c: the hotrocks command line. */
#include <stdio.h>

int
main(void)
{
	fprintf(stderr, "usage: hotrocks command [args]\n");
	return (64);
}
