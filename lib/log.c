/* log.c: every log line, whole, to stderr or syslog; a line is formatted
 * once and written with one call, so lines from two processes never mix. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <syslog.h>

#include <glib.h>

#include "lib/log.h"

static const char	*log_ident = "hotrocks";
static const char	*log_component = "hotrocks";
static enum log_target	 log_target = LOG_TARGET_STDERR;
static enum log_level	 log_level = LOG_LEVEL_NOTICE;

static const char *const level_names[] = { "error", "warning", "notice",
	"info", "debug" };

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

void
log_set_component(const char *component)
{
	log_component = component != NULL ? component : "hotrocks";
}

int
log_level_parse(const char *name, enum log_level *level_r)
{
	if (g_ascii_strcasecmp(name, "warn") == 0) {	/* imap2's word */
		*level_r = LOG_LEVEL_WARN;
		return (0);
	}
	for (size_t i = 0; i < G_N_ELEMENTS(level_names); i++)
		if (g_ascii_strcasecmp(name, level_names[i]) == 0) {
			*level_r = (enum log_level)i;
			return (0);
		}
	return (-1);
}

const char *
log_level_name(enum log_level level)
{
	return ((size_t)level < G_N_ELEMENTS(level_names) ?
	    level_names[level] : "?");
}

/* syslog carries the level as priority; stderr spells it first, so that
 * one grep of the journal finds every error. */
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
	g_strdelimit(text, "\r\n", ' ');
	if (who == NULL)
		who = log_component;
	if (log_target == LOG_TARGET_SYSLOG)
		syslog(prio[level], "%s: %s", who, text);
	else
		fprintf(stderr, "%s %s: %s\n", level_names[level], who, text);
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
