/* cmd-imap.h: what poll, run and status share: loading the config and
 * store for an IMAP command, and one pass over the folder. */
#ifndef HOTROCKS_CMD_IMAP_H
#define HOTROCKS_CMD_IMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "intake/config.h"
#include "intake/pipeline.h"
#include "lib/log.h"

struct imap_pass_result {
	size_t	 seen;		/* messages offered by the folder */
	size_t	 recorded;	/* recorded now */
	size_t	 again;		/* recorded before: moved on */
	size_t	 failed;	/* could not be read or recorded */
	size_t	 by_action[ACTION__COUNT];
	bool	 broken;	/* the connection failed: reconnect */
	bool	 stalled;	/* the store or the archive could not take a
				 * message: the rest waits in the folder */
};

enum pass_output { PASS_QUIET, PASS_LINES, PASS_LOG };

/*
 * One pass of state (an open IMAP source) through pl: every message the
 * folder offers, one at a time, until the end, a connection failure or
 * *stop (then after the message in hand). Records the pass for status.
 * out: PASS_LINES prints a line a message on stdout (a progress bar
 * instead on a terminal for long passes), PASS_LOG one log line a message.
 * stall_said: a stop for want of room (stalled) was warned of lately, and
 * is logged at info this time.
 */
void	imap_pass(struct pipeline *, void *state, enum pass_output,
	    bool stall_said, volatile const int *stop,
	    struct imap_pass_result *);

/* A pass that could not start (source_imap.open's cause): kept as the
 * configured folder's last error, so status shows the folder a failing
 * run tries (a typo in [imap] folder, a login refused). */
void	imap_open_failed(const struct config *, const char *cause);

/*
 * Parses the options every command takes (cli_parse) and the flags in
 * extra ("q" quiet: flags_r[0]; "j" --json allowed: flags_r[1]) for the
 * command name; loads the config (*cfg_r, config_free; *conf_r the file
 * named, g_free) and, when db_r is given, opens the store (cli_open_store,
 * which exits when it cannot). Returns the sysexits code to exit with, or
 * -1 to go on. Logs its own errors.
 */
int	cmd_imap_setup(const char *name, int argc, char **argv,
	    const char *extra, bool *flags_r, char **conf_r,
	    struct config **cfg_r, struct db **db_r);

/*
 * One reader of a store's mailbox at a time: run and poll take an
 * exclusive lock on DATABASE.run-lock (beside the store, as send takes
 * DATABASE.send-lock) and write their pid in it, so a second one is
 * refused with the first one's pid. Returns -1 to go on with *fd_r the
 * lock (held until it is closed, or the process ends however it ends),
 * else the sysexits code to exit with, the reason logged: EX_TEMPFAIL
 * when another holds it.
 */
int	cmd_imap_lock(const char *name, const struct config *, int *fd_r);
/* Whether a run or poll holds that lock now: 1 and *pid_r (0 when not
 * yet written), 0 when none does, -1 and *cause when it cannot be told
 * (a lock file this user may not read). */
int	cmd_imap_holder(const struct config *, long *pid_r, char **cause);

/* [service] log and log_level: where lines go (stderr or syslog) and
 * from which level (dflt when the config sets none). HOTROCKS_DEBUG in
 * the environment keeps debug. Again after a reload. */
void	imap_log_apply(const struct config *, enum log_level dflt);

#endif
