/* log.c: stderr logging with a level; lines are written whole. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

#include "lib/log.h"

static enum log_level log_level = LOG_LEVEL_WARN;

static void	log_vwrite(const char *, const char *, va_list);

void
log_set_level(enum log_level level)
{
	log_level = level;
}

static void
log_vwrite(const char *prefix, const char *fmt, va_list ap)
{
	char	*line;

	line = g_strdup_vprintf(fmt, ap);
	fprintf(stderr, "hotrocks: %s%s\n", prefix, line);
	g_free(line);
}

void
log_warn(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite("", fmt, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list	ap;

	if (log_level < LOG_LEVEL_INFO)
		return;
	va_start(ap, fmt);
	log_vwrite("", fmt, ap);
	va_end(ap);
}

void
log_debug(const char *fmt, ...)
{
	va_list	ap;

	if (log_level < LOG_LEVEL_DEBUG)
		return;
	va_start(ap, fmt);
	log_vwrite("debug: ", fmt, ap);
	va_end(ap);
}

void
fatal(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite("fatal: ", fmt, ap);
	va_end(ap);
	exit(70);	/* EX_SOFTWARE */
}
