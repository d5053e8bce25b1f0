/* config.h: settings from one INI file (GLib key file), every key with a
 * documented default (samples/hotrocks.conf), so no file at all works. */
#ifndef HOTROCKS_CONFIG_H
#define HOTROCKS_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "intake/mime.h"
#include "parsers/limits.h"

struct templates;
struct trust;

/* [mailbox] timezone when none is set: the office's. */
#define CONFIG_DEFAULT_TIMEZONE	"Asia/Ho_Chi_Minh"
enum imap_security { IMAP_SECURITY_TLS, IMAP_SECURITY_STARTTLS,
	IMAP_SECURITY_NONE };
enum imap_auth { IMAP_AUTH_PLAIN, IMAP_AUTH_XOAUTH2 };

/* [imap]: the one mailbox hotrocks reads. No secret is kept here: only
 * where to find it (config_imap_secret reads it when connecting). */
struct config_imap {
	char		*host;		/* "" : not configured */
	size_t		 port;		/* 0: 993 for tls, else 143 */
	enum imap_security security;	/* tls */
	char		*username;
	char		*password_file;	/* "" : $HOTROCKS_IMAP_PASSWORD, or
					 * $CREDENTIALS_DIRECTORY/imap-password */
	enum imap_auth	 auth;		/* plain */
	char		*oauth_token_file;
	char		*oauth_token_command;	/* run by the shell's rules,
					 * without a shell; stdout is the token */
	char		*ca_file;	/* "" : the system store */
	char		*folder;	/* "INBOX" */
	/* Where a message goes once recorded, per CONTRACT action. */
	char		*queue_folder;	/* "Processed" */
	char		*reject_folder;	/* "Rejected" */
	char		*redirect_folder; /* "Redirected" */
	char		*manual_folder;	/* "Manual" */
	char		*ignore_folder;	/* "Ignored" */
	size_t		 batch_size;	/* 100 messages a fetch */
	size_t		 poll_interval;	/* 60 s, when there is no IDLE */
	size_t		 timeout;	/* 60 s for any read or write */
};

/* [service]: where poll and run (and status) write their log lines. */
struct config_service {
	int		 log;		/* enum log_target: stderr */
	int		 log_level;	/* enum log_level; -1 (unset): the
					 * command's own, notice, or info
					 * for run (a line per message) */
};

struct config {
	char		*path;		/* file read, or NULL for defaults */
	/* [store] */
	char		*database;	/* "/var/lib/hotrocks/hotrocks.db" */
	char		*archive_dir;	/* "/var/lib/hotrocks/archive" */
	size_t		 archive_keep_days; /* 0: raw messages kept forever */
	size_t		 low_space;	/* bytes: below, a file system is low */
	/* [mailbox] */
	char		*mailbox_address; /* "HotroCKS@quangngai.dcs.vn" */
	char		*office_name;	/* signs replies */
	char		*office_phone;
	char		*office_contact;	/* people to call, or NULL */
	char	       **own_addresses;	/* more addresses that are ours */
	/* [cuc] */
	char		*cuc_name;
	char		*cuc_address;	/* "ca@bcy.gov.vn" */
	char		*cuc_postal;
	char		*cuc_phone;
	char		*cuc_web;
	/* [rules] */
	bool		 require_signature;	/* true */
	char		*sender_registry;	/* file, one address a line */
	char	       **registered;	/* loaded registry, lower case; NULL
					 * when no registry is configured */
	char	       **public_domains; /* free-mail domains */
	bool		 forward_to_cuc;	/* queue a forward of lists */
	bool		 cover_letter_signs_attachments; /* true: a unit's
					 * valid signed cover letter stands
					 * for its unsigned soft files */
	/* [signatures] */
	char		*trust_anchors;	/* PEM bundle; "" none */
	char		*intermediates;	/* PEM bundle; "" none */
	char		*crl_dir;	/* PEM or DER CRLs; "" none */
	struct trust	*trust;		/* loaded from the three above */
	/* [smtp] */
	char		*smtp_host;	/* "localhost" */
	size_t		 smtp_port;	/* 0: 587, 465 or 25 by security */
	char		*smtp_security;	/* "starttls" (default), "tls", "none" */
	char		*smtp_username;	/* "": no AUTH */
	char		*smtp_password_file; /* "": HOTROCKS_SMTP_PASSWORD */
	char		*smtp_ca_file;	/* "": the system store */
	char		*smtp_from;	/* envelope and From:; "": address */
	size_t		 smtp_timeout;	/* seconds for each step; 60 */
	size_t		 smtp_max_age;	/* seconds a reply may keep being
					 * deferred before it fails; 5 days */
	/* [outbox] */
	char		*sent_folder;	/* IMAP folder for copies; "Sent";
					 * "" keeps no copy */
	size_t		 max_replies_per_day; /* automatic replies to one
					 * sender in 24 h before its mail is
					 * left to a person; 10 */
	/* [imap] */
	struct config_imap imap;
	/* [service] */
	struct config_service service;
	/* [limits] */
	size_t		 max_message_size;	/* 64M, from RFC822.SIZE */
	struct parse_limits parse;
	struct mime_limits mime;
	/* [outbox] and [cuc] letters (issue 10): their own block, so the
	 * SMTP and IMAP keys merge beside them */
	char		*templates_dir;	/* [outbox] templates: the letter
					 * files; default HOTROCKS_TEMPLATES
					 * from the environment, else the
					 * installed data directory */
	struct templates *templates;	/* loaded and checked from it */
	char		*forward_mode;	/* [cuc] forward_mode: "per_case"
					 * (default) or "daily" */
	/* forwards to the Cục (issue 10 items 3, 7) */
	char		*forward_approval; /* [cuc] "required" (default):
					 * a forward is held until approved;
					 * "none": queued at once */
	char		*forward_time;	/* [cuc] "16:00": when the daily
					 * forward leaves, office time */
	/* The command line's display (issue 11.12): its own block. */
	char		*timezone;	/* [mailbox] timezone: the office's
					 * zone for times a person reads,
					 * "Asia/Ho_Chi_Minh"; JSON and the
					 * store stay in UTC */
};

/*
 * Reads path (NULL: defaults only). On error returns NULL and one line in
 * *cause naming the file, the line when known, and the key.
 */
struct config	*config_load(const char *path, char **cause);
void		 config_free(struct config *);
/* Where the outbox keeps attachment files: archive_dir/blobs. g_free. */
char		*config_blob_dir(const struct config *);
/* (Re)reads the trust material the [signatures] keys name; for command
 * options that override them. -1 and *cause naming the file. */
int		 config_load_trust(struct config *, char **cause);

/* (Re)reads the letter files of templates_dir; config_load does it. -1
 * and *cause "file:line: reason" for a mistake in a file. */
int		 config_load_templates(struct config *, char **cause);
/* "user@host/folder": the store's name for an [imap] folder (folder
 * NULL: [imap] folder). g_free. */
char		*config_imap_origin(const struct config *, const char *folder);
/* The port [imap] means: port, else 993 (tls) or 143. */
unsigned	 config_imap_port(const struct config *);
/* The [imap] folder for a CONTRACT action name; NULL for an unknown one. */
const char	*config_imap_folder_for(const struct config *,
		    const char *action);
/*
 * The IMAP secret: for auth = plain the password (password_file, else
 * $HOTROCKS_IMAP_PASSWORD, else $CREDENTIALS_DIRECTORY/imap-password);
 * for xoauth2 the access token (oauth_token_file, or the stdout of
 * oauth_token_command). Read at each connection, so a rotated token is
 * picked up. 0 and *secret_r (free with config_secret_free, which wipes
 * it), or -1 and *cause, which never holds the secret.
 */
int		 config_imap_secret(const struct config *, char **secret_r,
		    char **cause);
void		 config_secret_free(char *);

/*
 * The SMTP password: the first line of [smtp] password_file (a bare name
 * is read from $CREDENTIALS_DIRECTORY when set), else of the systemd
 * credential smtp-password, else the environment's
 * HOTROCKS_SMTP_PASSWORD, else NULL in *pw_r (no AUTH
 * possible). 0, or -1 with *cause naming the file (never the password).
 * The caller wipes and frees *pw_r with config_password_free().
 */
int		 config_smtp_password(const struct config *, char **pw_r,
		    char **cause);
void		 config_password_free(char *);

/* Sends the log where [service] log says, at [service] log_level when
 * set (debug whatever it says when HOTROCKS_DEBUG is set). cli_parse
 * calls it for every command once the config is loaded. */
void		 config_log_apply(const struct config *);
/* The office's day at t in [mailbox] timezone, "2024-05-08", the store's
 * time (RFC 3339 UTC) at which that day began, and the office's clock
 * "14:03" (hhmm may be NULL): a day's counts and the daily forward
 * follow the office's day, not UTC's (which begins at 07:00 in Quảng
 * Ngãi). */
void		 config_office_day(const struct config *, time_t t,
		    char day[11], char since[21], char hhmm[6]);

/* The office's year at t, or at the RFC 3339 time at (0 when it is
 * none): the year of a case number. */
int		 config_office_year(const struct config *, time_t t);
int		 config_office_year_at(const struct config *, const char *at);

/* True when addr (any case) is this mailbox or another of ours. */
bool		 config_is_own(const struct config *, const char *addr);
/* True when addr is at the Cục's domain (that of [cuc] address): its
 * people and its automatic system are never answered automatically. */
bool		 config_is_cuc(const struct config *, const char *addr);
/* True when addr's domain is a free-mail domain. */
bool		 config_is_public(const struct config *, const char *addr);
/* True when there is no registry, or addr is in it. */
bool		 config_is_registered(const struct config *, const char *addr);

#endif
