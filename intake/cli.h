/* cli.h: what the hotrocks commands share — the options every command
 * takes, the store as a command opens it, the usage text, a progress bar
 * — and the commands themselves, one per intake/cmd-NAME.c. */
#ifndef HOTROCKS_CLI_H
#define HOTROCKS_CLI_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "intake/config.h"
#include "intake/store.h"

/* The options every command takes, and the config they lead to. */
struct cli_opts {
	const char	*conf;		/* -c, --config; NULL: the defaults */
	const char	*db;		/* --db; overrides [store] database */
	bool		 json;		/* --json */
	struct config	*cfg;		/* loaded by cli_parse; config_free */
};

/*
 * Parses argv (argv[0] the command's name) into o, then loads the config
 * and applies --db to it. extra lists the getopt letters this command
 * also accepts (cli.c's option table names them); each is handed to
 * on_extra with its argument and ctx. Returns the index of the first
 * operand, or -1 after the reason and the usage on stderr. Exits with the
 * usage on --help, and with EX_CONFIG when the config cannot be loaded.
 */
int	cli_parse(int argc, char **argv, struct cli_opts *o,
	    const char *extra, void (*on_extra)(int, const char *, void *),
	    void *ctx);

/* --db: cfg's database becomes db, and the archive moves along with it
 * unless the config placed the archive somewhere of its own. For a
 * config read again (run, on SIGHUP). */
void	cli_apply_db(struct config *cfg, const char *db);

/* The store the config names; read-only never creates it. The folder of
 * the configured store is created when missing; the folder of one named
 * by --db never is (a typo would make a new, empty store). Exits with
 * EX_NOINPUT, EX_CANTCREAT or EX_IOERR, the reason logged, when it
 * cannot. */
struct db	*cli_open_store(const struct config *, bool readonly);

/* The search documents of the long lists recorded since (store.c,
 * version 19) built in st; a failure is logged, never fatal: the next
 * pass, or search, builds them. */
void	cli_index_pending(struct db *st);
/*
 * Before a search of the store the config names, opened read-only as
 * st: the cases left for later indexed, through a connection of its
 * own that may write. A store this user may not write is searched as it
 * is, with a warning of what is not in its index yet.
 */
void	cli_index_for_search(const struct config *, struct db *st);

/* The usage text cli_usage prints: main.c's, set before any command
 * runs (the commands live in the library, main.c does not). Borrowed. */
void	cli_usage_set(const char *);
/* Prints the usage text to fp; returns code, for `return (cli_usage(…))`. */
int	cli_usage(FILE *fp, int code);
/* The command being run (main.c), for COMMAND --help: its entries of
 * the usage alone. */
void	cli_usage_command_set(const char *command);

/* An --at option: an RFC 3339 time to *at_r, or -1 (the caller says
 * why, in its own words). */
int	cli_time(const char *, time_t *at_r);

/* After a command queued n messages (a notice, released forwards, a
 * retry): one line on stdout saying when they leave, so nobody waits in
 * doubt. */
void	cli_say_when_sent(const struct config *, int n);

/* A one-line bar on stderr for done of total, redrawn in place. */
void	cli_progress(size_t done, size_t total);

/* The commands: each gets argv with argv[0] its own name and returns a
 * sysexits code. */
int	cmd_inspect(int, char **);
int	cmd_ingest(int, char **);
int	cmd_cases(int, char **);
int	cmd_messages(int, char **);
int	cmd_case(int, char **);
int	cmd_verify(int, char **);
int	cmd_sign(int, char **);
int	cmd_units(int, char **);
int	cmd_forward(int, char **);
int	cmd_send(int, char **);
int	cmd_outbox(int, char **);
int	cmd_poll(int, char **);
int	cmd_refile(int, char **);
int	cmd_status(int, char **);
int	cmd_run(int, char **);
int	cmd_check_config(int, char **);
/* What check-config --offline reads of this machine for [imap] and
 * [smtp]: each ca_file loads, each password or token file is readable (a
 * secret only the service's credential holds is not asked for). 0, or
 * -1 and *cause: run refuses such a config on SIGHUP, as its start check
 * does. */
int	cli_config_local(const struct config *, char **cause);
int	cmd_audit(int, char **);
int	cmd_report(int, char **);
int	cmd_reprocess(int, char **);

#endif
