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
};

enum pass_output { PASS_QUIET, PASS_LINES, PASS_LOG };

/*
 * One pass of state (an open IMAP source) through pl: every message the
 * folder offers, one at a time, until the end, a connection failure or
 * *stop (then after the message in hand). Records the pass for status.
 * out: PASS_LINES prints a line a message on stdout (a progress bar
 * instead on a terminal for long passes), PASS_LOG one log line a message.
 */
void	imap_pass(struct pipeline *, void *state, enum pass_output,
	    volatile const int *stop, struct imap_pass_result *);

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

/* [service] log and log_level: where lines go (stderr or syslog) and
 * from which level (dflt when the config sets none). HOTROCKS_DEBUG in
 * the environment keeps debug. Again after a reload. */
void	imap_log_apply(const struct config *, enum log_level dflt);

#endif
