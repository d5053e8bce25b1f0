/* log.c: every log line, whole, to stderr or syslog; a line is formatted
 * once and written with one call, so lines from two processes never mix. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>
#include <syslog.h>

#include <glib.h>

#include "lib/log.h"

static const char	*log_ident = "hotrocks";
static enum log_target	 log_target = LOG_TARGET_STDERR;
static enum log_level	 log_level = LOG_LEVEL_NOTICE;

static void	log_vwrite(enum log_level, const char *, const char *,
		    va_list);

void
log_open(const char *ident, enum log_target target)
{
	if (log_target == LOG_TARGET_SYSLOG)
		closelog();
	log_ident = ident;
	log_target = target;
	if (target == LOG_TARGET_SYSLOG)
		openlog(ident, LOG_PID | LOG_NDELAY, LOG_MAIL);
}

void
log_set_level(enum log_level level)
{
	log_level = level;
}

/* The tag before the text: what stderr has always shown for debug and
 * fatal lines; syslog carries the level as priority instead. */
static void
log_vwrite(enum log_level level, const char *who, const char *fmt,
    va_list ap)
{
	static const int	 prio[] = { LOG_ERR, LOG_WARNING, LOG_NOTICE,
				    LOG_INFO, LOG_DEBUG };
	char			*text;

	if (level > log_level)
		return;
	text = g_strdup_vprintf(fmt, ap);
	if (log_target == LOG_TARGET_SYSLOG)
		syslog(prio[level], "%s%s%s", who ? who : "", who ? ": " : "",
		    text);
	else
		fprintf(stderr, "%s%s%s: %s%s\n", log_ident, who ? " " : "",
		    who ? who : "", level == LOG_LEVEL_DEBUG ? "debug: " : "",
		    text);
	g_free(text);
}

void
log_msg(enum log_level level, const char *who, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite(level, who, fmt, ap);
	va_end(ap);
}

/* Written whatever the level: the process is about to end. */
void
fatal(const char *fmt, ...)
{
	va_list	ap;
	char	*text;

	va_start(ap, fmt);
	text = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	log_msg(LOG_LEVEL_ERROR, NULL, "fatal: %s", text);
	g_free(text);
	exit(EX_SOFTWARE);
}
