/* log.h: the one door every log line goes through, to stderr or syslog.
 * One format for operators: "LEVEL COMPONENT: message key=value ...".
 * Never log a secret: no password, token or credential, not even a
 * prefix of one. */
#ifndef HOTROCKS_LOG_H
#define HOTROCKS_LOG_H

/* Most severe first: a line is written when its level is at or above
 * the threshold (log_set_level). */
enum log_level {
	LOG_LEVEL_ERROR,	/* what failed; the command's exit code says so */
	LOG_LEVEL_WARN,		/* a failure worked around */
	LOG_LEVEL_NOTICE,	/* worth knowing in normal running */
	LOG_LEVEL_INFO,
	LOG_LEVEL_DEBUG
};

enum log_target {
	LOG_TARGET_STDERR,	/* "LEVEL COMPONENT: text", one line each; the
				 * journal adds the time (the default) */
	LOG_TARGET_SYSLOG	/* facility mail, the level as priority,
				 * "COMPONENT: text" */
};

/*
 * Where lines go from now on, and the name syslog files them under
 * (default "hotrocks", on stderr). ident is borrowed: it must outlive the
 * log, as openlog(3) keeps the pointer.
 */
void	log_open(const char *ident, enum log_target);
/* Lines below level are dropped; the default is LOG_LEVEL_NOTICE. */
void	log_set_level(enum log_level);
/* The component of a line that names none (log_msg's who NULL): the
 * command that runs ("ingest", "run"); default "hotrocks". Borrowed. */
void	log_set_component(const char *);

/* "debug", "info", "notice", "warning" (or "warn"), "error", in any
 * case: 0 and *level_r, or -1
 * for another word. The names the config's log_level takes. */
int	log_level_parse(const char *, enum log_level *level_r);
/* The name of a level, as lines and log_level_parse spell it. */
const char *log_level_name(enum log_level);

/*
 * One line at level. who, when not NULL, names the part that speaks
 * (imap, smtp, store, archive, or a command): "error inspect: no
 * message file given". Facts an operator may filter on follow the text
 * as key=value (uid=, msg=, case=, item=), values without spaces or
 * quoted. A line break in the text is written as a space, so one call is
 * always one line.
 */
void	log_msg(enum log_level, const char *who, const char *, ...)
	    __attribute__((format(printf, 3, 4)));

/* Macros, so that log_msg's printf check covers every call. */
#define log_error(...)	log_msg(LOG_LEVEL_ERROR, NULL, __VA_ARGS__)
#define log_warn(...)	log_msg(LOG_LEVEL_WARN, NULL, __VA_ARGS__)
#define log_notice(...)	log_msg(LOG_LEVEL_NOTICE, NULL, __VA_ARGS__)
#define log_info(...)	log_msg(LOG_LEVEL_INFO, NULL, __VA_ARGS__)
#define log_debug(...)	log_msg(LOG_LEVEL_DEBUG, NULL, __VA_ARGS__)
/* For start-up, OOM and broken invariants only, never for input: logs
 * and exits with EX_SOFTWARE. */
void	fatal(const char *, ...) __attribute__((format(printf, 1, 2),
	    noreturn));

#endif
