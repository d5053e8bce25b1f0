/* cmd-check-config.c: hotrocks check-config — everything the service
 * needs, tried once, one line per check, before an operator starts it.
 * It reads and creates only the store; it fetches and sends nothing. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "intake/cli.h"
#include "intake/config.h"
#include "intake/outbox.h"
#include "intake/source.h"
#include "intake/store.h"
#include "intake/trust.h"
#include "lib/db.h"
#include "lib/log.h"
#include "lib/tls-peer.h"
#include "outbox/sender.h"
#include "outbox/templates.h"

struct check {
	int	 code;		/* the first failure's exit code, or EX_OK */
};

static void	check_line(struct check *, const char *, int, const char *,
		    ...) __attribute__((format(printf, 4, 5)));
static void	check_trust(struct check *, const struct config *);
static void	check_store(struct check *, const struct config *);
static void	check_smtp(struct check *, const struct config *);
static void	check_imap(struct check *, const struct config *);
static void	check_servers(struct check *, const struct config *, bool);

#define CHECK_SKIP	(-1)

/* One line: "NAME      OK   detail"; code EX_OK, CHECK_SKIP, or the
 * sysexits code the command ends with when this is the first failure. */
static void
check_line(struct check *ck, const char *name, int code, const char *fmt,
    ...)
{
	va_list	 ap;
	char	*text;

	va_start(ap, fmt);
	text = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	printf("%-9s %-4s %s\n", name, code == EX_OK ? "OK" :
	    code == CHECK_SKIP ? "SKIP" : "FAIL", text);
	g_free(text);
	if (code != EX_OK && code != CHECK_SKIP && ck->code == EX_OK)
		ck->code = code;
}

static void
check_trust(struct check *ck, const struct config *cfg)
{
	int	 anchors, inter, crls;
	time_t	 next, now = time(NULL);
	char	 when[32] = "none";
	bool	 stale = false;

	trust_counts(cfg->trust, &anchors, &inter, &crls);
	if (trust_crl_next_update(cfg->trust, &next) == 0) {
		struct tm tm;

		gmtime_r(&next, &tm);
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
		stale = next < now;
	}
	if (cfg->require_signature && anchors == 0)
		check_line(ck, "trust", EX_CONFIG, "require_signature = true "
		    "but [signatures] trust_anchors names none: every signed "
		    "document would be rejected");
	else if (stale)
		check_line(ck, "trust", EX_CONFIG, "%d anchors, %d "
		    "intermediates, %d CRLs; a CRL is past its nextUpdate "
		    "(%s): fetch a fresh one into %s", anchors, inter, crls,
		    when, cfg->crl_dir);
	else
		check_line(ck, "trust", EX_OK, "%d anchors, %d intermediates, "
		    "%d CRLs; earliest CRL nextUpdate %s", anchors, inter,
		    crls, when);
}

/* Opens (so creates and migrates) the store as the service would. */
static void
check_store(struct check *ck, const struct config *cfg)
{
	struct db	*st;
	char		*dir, *cause = NULL;

	dir = g_path_get_dirname(cfg->database);
	if (g_mkdir_with_parents(dir, 0750) != 0) {
		check_line(ck, "store", EX_CANTCREAT, "%s: cannot create: %s",
		    dir, g_strerror(errno));
		g_free(dir);
		return;
	}
	g_free(dir);
	if ((st = store_open(cfg->database, &cause)) == NULL) {
		check_line(ck, "store", EX_IOERR, "%s", cause);
		g_free(cause);
		return;
	}
	db_close(st);
	if (g_mkdir_with_parents(cfg->archive_dir, 0750) != 0) {
		check_line(ck, "store", EX_CANTCREAT, "%s: cannot create: %s",
		    cfg->archive_dir, g_strerror(errno));
		return;
	}
	check_line(ck, "store", EX_OK, "%s (archive %s)", cfg->database,
	    cfg->archive_dir);
}

/* SMTP: connect, TLS verified, AUTH when a username is set, QUIT. */
static void
check_smtp(struct check *ck, const struct config *cfg)
{
	struct sender_settings	 set;
	void			*st;
	char			*pw = NULL, *cause = NULL;

	if (outbox_sender_settings(cfg, &set, &pw, &cause) == -1) {
		check_line(ck, "smtp", EX_CONFIG, "%s", cause);
		g_free(cause);
		return;
	}
	set.password = pw;
	if ((st = sender_smtp.open(&set, &cause)) == NULL ||
	    sender_smtp.probe(st, &cause) == -1)
		check_line(ck, "smtp", EX_TEMPFAIL, "%s:%u: %s", set.host,
		    sender_smtp_port(&set), cause);
	else
		check_line(ck, "smtp", EX_OK, "%s:%u (%s%s%s), nothing sent",
		    set.host, sender_smtp_port(&set), cfg->smtp_security,
		    set.username ?
		    ", logged in as " : ", no login", set.username ?
		    set.username : "");
	g_free(cause);
	if (st != NULL)
		sender_smtp.close(st);
	config_password_free(pw);
}

/* IMAP: connect (TLS verified), log in, select the folder and count what
 * waits; no message is fetched, moved or flagged. */
static void
check_imap(struct check *ck, const struct config *cfg)
{
	static const char *const sec[] = { "tls", "starttls", "none" };
	void	*st;
	char	*cause = NULL;

	if (*cfg->imap.host == '\0') {
		check_line(ck, "imap", EX_CONFIG, "[imap] host is empty: run "
		    "has no mailbox to read");
		return;
	}
	if ((st = source_imap.open(cfg, NULL, &cause)) == NULL) {
		check_line(ck, "imap", EX_TEMPFAIL, "%s:%u: %s", cfg->imap.host,
		    config_imap_port(cfg), cause);
		g_free(cause);
		return;
	}
	check_line(ck, "imap", EX_OK, "%s:%u (%s), logged in as %s; %s holds "
	    "%zu new messages, nothing fetched", cfg->imap.host,
	    config_imap_port(cfg), sec[cfg->imap.security], cfg->imap.username,
	    cfg->imap.folder, source_imap.count(st));
	source_imap.close(st);
}

#define LOCAL_CA	1	/* its CA file loads */
#define LOCAL_SECRET	2	/* its secret was read */
#define LOCAL_SERVICE	4	/* its secret is the service's credential */

/* True when a secret may be had here: a file named, the environment's,
 * or systemd's credentials (the service's; none outside it). */
static bool
secret_here(const char *file, const char *env)
{
	const char *e = getenv(env);

	return (*file != '\0' || (e != NULL && *e != '\0') ||
	    getenv("CREDENTIALS_DIRECTORY") != NULL);
}

/* LOCAL_CA when the server's ca_file (name: its key) loads, 0 when
 * none is set, -1 and *cause when it does not. */
static int
local_ca(const char *name, const char *file, char **cause)
{
	if (*file == '\0')
		return (0);
	return (tls_peer_load_ca(NULL, name, file, cause) == -1 ? -1 :
	    LOCAL_CA);
}

/*
 * What the IMAP check needs of this machine, read without the network:
 * the CA file and the secret (a token command is run only to connect).
 * What was read (LOCAL_*), or -1 and *cause: a file that is missing or
 * unreadable is the config's mistake, 78, so the service's start check
 * (--offline) stops it rather than let run retry forever.
 */
static int
imap_read(const struct config *cfg, char **cause)
{
	char	*secret = NULL;
	int	 got;

	if ((got = local_ca("[imap] ca_file", cfg->imap.ca_file,
	    cause)) == -1)
		return (-1);
	if (cfg->imap.auth == IMAP_AUTH_XOAUTH2 &&
	    *cfg->imap.oauth_token_file == '\0')
		return (got);
	if (cfg->imap.auth != IMAP_AUTH_XOAUTH2 &&
	    !secret_here(cfg->imap.password_file, "HOTROCKS_IMAP_PASSWORD"))
		return (got | LOCAL_SERVICE);
	if (config_imap_secret(cfg, &secret, cause) == -1)
		return (-1);
	config_secret_free(secret);
	return (got | LOCAL_SECRET);
}

/* The same for SMTP: its CA file and, with a username, its password. */
static int
smtp_read(const struct config *cfg, char **cause)
{
	struct sender_settings	 set;
	char			*pw = NULL;
	int			 got;

	if ((got = local_ca("[smtp] ca_file", cfg->smtp_ca_file,
	    cause)) == -1)
		return (-1);
	if (*cfg->smtp_username == '\0')
		return (got);
	if (!secret_here(cfg->smtp_password_file, "HOTROCKS_SMTP_PASSWORD"))
		return (got | LOCAL_SERVICE);
	if (outbox_sender_settings(cfg, &set, &pw, cause) == -1)
		return (-1);
	config_password_free(pw);
	return (got | LOCAL_SECRET);
}

/* imap_read or smtp_read as a line of the check: -1 after a FAIL. */
static int
local_line(struct check *ck, const char *name, const struct config *cfg,
    int (*read)(const struct config *, char **))
{
	char	*cause = NULL;
	int	 got;

	if ((got = read(cfg, &cause)) == -1) {
		check_line(ck, name, EX_CONFIG, "%s", cause);
		g_free(cause);
	}
	return (got);
}

int
cli_config_local(const struct config *cfg, char **cause)
{
	if (*cfg->imap.host != '\0' && imap_read(cfg, cause) == -1)
		return (-1);
	return (smtp_read(cfg, cause) == -1 ? -1 : 0);
}

/* The SKIP line of --offline: what was read all the same. */
static void
check_skip(struct check *ck, const char *name, int got)
{
	check_line(ck, name, CHECK_SKIP, "--offline%s%s%s%s",
	    got & (LOCAL_CA | LOCAL_SECRET) ? "; read: " : "",
	    got & LOCAL_CA ? "CA file" : "",
	    (got & LOCAL_CA) && (got & LOCAL_SECRET) ? ", " : "",
	    got & LOCAL_SECRET ? "password" : "");
	if (got & LOCAL_SERVICE)
		check_line(ck, name, CHECK_SKIP, "no password here: the "
		    "service reads its credential %s-password", name);
}

/* The servers, after the store (the IMAP source keeps its passes there);
 * what each needs of this machine first, --offline too. */
static void
check_servers(struct check *ck, const struct config *cfg, bool offline)
{
	int	 imap, smtp;

	imap = *cfg->imap.host != '\0' ? local_line(ck, "imap", cfg,
	    imap_read) : 0;
	smtp = local_line(ck, "smtp", cfg, smtp_read);
	if (offline) {
		if (imap != -1)
			check_skip(ck, "imap", imap);
		if (smtp != -1)
			check_skip(ck, "smtp", smtp);
		return;
	}
	if (imap != -1)
		check_imap(ck, cfg);
	if (smtp != -1)
		check_smtp(ck, cfg);
}

int
cmd_check_config(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "offline", no_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct check	 ck = { EX_OK };
	struct config	*cfg;
	const char	*conf = NULL;
	char		*cause = NULL;
	bool		 offline = false;
	int		 ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			conf = optarg;
			break;
		case 'o':
			offline = true;
			break;
		case 'h':
			return (cli_usage(stdout, EX_OK));
		default:
			return (cli_usage(stderr, EX_USAGE));
		}
	}
	if (optind != argc) {
		log_error("no operand expected: %s", argv[optind]);
		return (cli_usage(stderr, EX_USAGE));
	}
	/* config_load reads the templates and the trust material too, so
	 * a mistake in either is reported here, in its own words. */
	if ((cfg = config_load(conf, &cause)) == NULL) {
		check_line(&ck, "config", EX_CONFIG, "%s", cause);
		g_free(cause);
		return (ck.code);
	}
	config_log_apply(cfg);
	check_line(&ck, "config", EX_OK, "%s", conf != NULL ? conf :
	    "no file: built-in defaults");
	check_line(&ck, "templates", EX_OK, "%d letter files in %s",
	    TEMPLATES__COUNT, cfg->templates_dir);
	check_trust(&ck, cfg);
	check_store(&ck, cfg);
	check_servers(&ck, cfg, offline);
	config_free(cfg);
	return (ck.code);
}
