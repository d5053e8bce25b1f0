/* log.h: the one door every log line goes through: stderr today, syslog
 * when the config asks for it. Never log a secret. */
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
	LOG_TARGET_STDERR,	/* "IDENT: text", one line each (the default) */
	LOG_TARGET_SYSLOG	/* facility mail, with the level as priority */
};

/*
 * Where lines go from now on, and the name they carry (default
 * "hotrocks", on stderr). ident is borrowed: it must outlive the log, as
 * openlog(3) keeps the pointer.
 */
void	log_open(const char *ident, enum log_target);
/* Lines below level are dropped; the default is LOG_LEVEL_NOTICE. */
void	log_set_level(enum log_level);

/*
 * One line at level. who, when not NULL, names the part that speaks and
 * follows the ident: "hotrocks inspect: no message file given".
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
