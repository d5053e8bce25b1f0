/* log.h: one-line log messages on stderr. Never log a secret. */
#ifndef HOTROCKS_LOG_H
#define HOTROCKS_LOG_H

enum log_level { LOG_LEVEL_WARN, LOG_LEVEL_INFO, LOG_LEVEL_DEBUG };

/* Messages above level are dropped; the default is LOG_LEVEL_WARN. */
void	log_set_level(enum log_level);
void	log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
/* For start-up, OOM and broken invariants only, never for input. */
void	fatal(const char *, ...) __attribute__((format(printf, 1, 2),
	    noreturn));

#endif
