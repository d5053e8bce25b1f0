/* config.c: the INI file through GLib's key-file parser. Unknown groups
 * and keys are errors, so a typo never silently falls back to a default. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "intake/config.h"
#include "intake/trust.h"
#include "lib/text.h"
#include "lib/db.h"
#include "lib/log.h"
#include "lib/zone.h"
#include "outbox/templates.h"

enum key_type {
	KEY_STRING, KEY_BOOL, KEY_LIST, KEY_SIZE, KEY_COUNT, KEY_DURATION,
	KEY_PORT, KEY_CHOICE,
	KEY_COUNT0,	/* a whole number where 0 means "none" or "forever" */
};

struct key_def {
	const char	*group;
	const char	*key;
	enum key_type	 type;
	size_t		 offset;	/* into struct config */
	const char *const *choices;	/* KEY_CHOICE: index is the enum */
};

static const char *const security_names[] = { "tls", "starttls", "none",
	NULL };
static const char *const auth_names[] = { "plain", "xoauth2", NULL };
/* In the order of lib/log.h's enums: the index is the value. */
static const char *const log_target_names[] = { "stderr", "syslog", NULL };
static const char *const log_level_names[] = { "error", "warn", "notice",
	"info", "debug", NULL };

#define OFF(f) offsetof(struct config, f), NULL
#define OFFC(f, c) offsetof(struct config, f), c
static const struct key_def keys[] = {
	{ "store", "database", KEY_STRING, OFF(database) },
	{ "store", "archive", KEY_STRING, OFF(archive_dir) },
	{ "store", "archive_keep_days", KEY_COUNT0, OFF(archive_keep_days) },
	{ "store", "low_space", KEY_SIZE, OFF(low_space) },
	{ "mailbox", "address", KEY_STRING, OFF(mailbox_address) },
	{ "mailbox", "own_addresses", KEY_LIST, OFF(own_addresses) },
	{ "mailbox", "office_name", KEY_STRING, OFF(office_name) },
	{ "mailbox", "office_phone", KEY_STRING, OFF(office_phone) },
	{ "mailbox", "office_contact", KEY_STRING, OFF(office_contact) },
	{ "cuc", "name", KEY_STRING, OFF(cuc_name) },
	{ "cuc", "address", KEY_STRING, OFF(cuc_address) },
	{ "cuc", "postal_address", KEY_STRING, OFF(cuc_postal) },
	{ "cuc", "phone", KEY_STRING, OFF(cuc_phone) },
	{ "cuc", "web", KEY_STRING, OFF(cuc_web) },
	{ "rules", "require_signature", KEY_BOOL, OFF(require_signature) },
	{ "rules", "sender_registry", KEY_STRING, OFF(sender_registry) },
	{ "rules", "public_domains", KEY_LIST, OFF(public_domains) },
	{ "rules", "forward_to_cuc", KEY_BOOL, OFF(forward_to_cuc) },
	{ "rules", "cover_letter_signs_attachments", KEY_BOOL,
	    OFF(cover_letter_signs_attachments) },
	{ "signatures", "trust_anchors", KEY_STRING, OFF(trust_anchors) },
	{ "signatures", "intermediates", KEY_STRING, OFF(intermediates) },
	{ "signatures", "crl_dir", KEY_STRING, OFF(crl_dir) },
	{ "smtp", "host", KEY_STRING, OFF(smtp_host) },
	{ "smtp", "port", KEY_PORT, OFF(smtp_port) },
	{ "smtp", "security", KEY_STRING, OFF(smtp_security) },
	{ "smtp", "username", KEY_STRING, OFF(smtp_username) },
	{ "smtp", "password_file", KEY_STRING, OFF(smtp_password_file) },
	{ "smtp", "ca_file", KEY_STRING, OFF(smtp_ca_file) },
	{ "smtp", "from", KEY_STRING, OFF(smtp_from) },
	{ "smtp", "timeout", KEY_DURATION, OFF(smtp_timeout) },
	{ "smtp", "max_age", KEY_DURATION, OFF(smtp_max_age) },
	{ "outbox", "sent_folder", KEY_STRING, OFF(sent_folder) },
	{ "outbox", "max_replies_per_sender_per_day", KEY_COUNT,
	    OFF(max_replies_per_day) },
	{ "imap", "host", KEY_STRING, OFF(imap.host) },
	{ "imap", "port", KEY_PORT, OFF(imap.port) },
	{ "imap", "security", KEY_CHOICE, OFFC(imap.security, security_names) },
	{ "imap", "username", KEY_STRING, OFF(imap.username) },
	{ "imap", "password_file", KEY_STRING, OFF(imap.password_file) },
	{ "imap", "auth", KEY_CHOICE, OFFC(imap.auth, auth_names) },
	{ "imap", "oauth_token_file", KEY_STRING, OFF(imap.oauth_token_file) },
	{ "imap", "oauth_token_command", KEY_STRING,
	    OFF(imap.oauth_token_command) },
	{ "imap", "ca_file", KEY_STRING, OFF(imap.ca_file) },
	{ "imap", "folder", KEY_STRING, OFF(imap.folder) },
	{ "imap", "queue_folder", KEY_STRING, OFF(imap.queue_folder) },
	{ "imap", "reject_folder", KEY_STRING, OFF(imap.reject_folder) },
	{ "imap", "redirect_folder", KEY_STRING, OFF(imap.redirect_folder) },
	{ "imap", "manual_folder", KEY_STRING, OFF(imap.manual_folder) },
	{ "imap", "ignore_folder", KEY_STRING, OFF(imap.ignore_folder) },
	{ "imap", "batch_size", KEY_COUNT, OFF(imap.batch_size) },
	{ "imap", "poll_interval", KEY_COUNT, OFF(imap.poll_interval) },
	{ "imap", "timeout", KEY_COUNT, OFF(imap.timeout) },
	{ "service", "log", KEY_CHOICE, OFFC(service.log, log_target_names) },
	{ "service", "log_level", KEY_CHOICE,
	    OFFC(service.log_level, log_level_names) },
	{ "limits", "max_message_size", KEY_SIZE, OFF(max_message_size) },
	{ "limits", "max_attachment_size", KEY_SIZE, OFF(mime.max_attachment) },
	{ "limits", "max_mime_depth", KEY_COUNT, OFF(mime.max_depth) },
	{ "limits", "max_mime_parts", KEY_COUNT, OFF(mime.max_parts) },
	{ "limits", "max_zip_entries", KEY_COUNT, OFF(parse.max_entries) },
	{ "limits", "max_entry_size", KEY_SIZE, OFF(parse.max_entry_size) },
	{ "limits", "max_total_size", KEY_SIZE, OFF(parse.max_total_size) },
	{ "limits", "max_inflation_ratio", KEY_COUNT, OFF(parse.max_ratio) },
	{ "limits", "max_xml_depth", KEY_COUNT, OFF(parse.max_xml_depth) },
	{ "limits", "max_rows", KEY_COUNT, OFF(parse.max_rows) },
	{ "limits", "max_cells", KEY_COUNT, OFF(parse.max_cells) },
	{ "limits", "max_cell_length", KEY_COUNT, OFF(parse.max_cell_len) },
	/* letters (issue 10) */
	{ "outbox", "templates", KEY_STRING, OFF(templates_dir) },
	{ "cuc", "forward_mode", KEY_STRING, OFF(forward_mode) },
	/* forwards to the Cục (issue 10 items 3, 7) */
	{ "cuc", "forward_approval", KEY_STRING, OFF(forward_approval) },
	{ "cuc", "forward_time", KEY_STRING, OFF(forward_time) },
	/* the command line's display (issue 11.12) */
	{ "mailbox", "timezone", KEY_STRING, OFF(timezone) },
};
#undef OFF
#undef OFFC

/* Free-mail domains the letter means by "gmail, yahoo, hotmail...". */
static const char *default_public_domains[] = {
	"gmail.com", "googlemail.com", "yahoo.com", "yahoo.com.vn",
	"ymail.com", "hotmail.com", "outlook.com", "outlook.com.vn",
	"live.com", "msn.com", "icloud.com", "me.com", "aol.com",
	"mail.com", "gmx.com", "zoho.com", "proton.me", "protonmail.com",
	"yandex.com", "mail.ru", "qq.com", "163.com", NULL
};

static void	config_defaults(struct config *);
static int	config_apply(struct config *, GKeyFile *, const char *,
		    const char *, char **);
static int	config_line(const char *, const char *, const char *);
static int	parse_size(const char *, size_t *);
static int	parse_duration(const char *, size_t *);
static int	load_registry(struct config *, char **);
static int	config_letters(struct config *, char **);
static int	config_forwards(struct config *, char **);
static int	config_display(struct config *, char **);

static void
config_defaults(struct config *c)
{
	c->database = g_strdup("/var/lib/hotrocks/hotrocks.db");
	c->archive_dir = g_strdup("");
	c->low_space = (size_t)1 << 30;
	c->mailbox_address = g_strdup("HotroCKS@quangngai.dcs.vn");
	c->own_addresses = g_new0(char *, 1);
	c->office_name = g_strdup("Phòng Cơ yếu - Công nghệ thông tin, "
	    "Văn phòng Tỉnh ủy Quảng Ngãi");
	c->office_phone = g_strdup("0905 110 999");
	c->cuc_name = g_strdup("Cục Chứng thực số và Bảo mật thông tin, "
	    "Ban Cơ yếu Chính phủ");
	c->cuc_address = g_strdup("ca@bcy.gov.vn");
	c->cuc_postal = g_strdup("Số 23 Ngụy Như Kon Tum, Thanh Xuân, "
	    "Hà Nội");
	c->cuc_phone = g_strdup("024.3773.8668");
	c->cuc_web = g_strdup("http://ca.gov.vn");
	c->require_signature = true;
	c->sender_registry = g_strdup("");
	c->public_domains = g_strdupv((char **)default_public_domains);
	c->forward_to_cuc = true;
	/* Units sign the công văn and send the list as a soft file
	 * (issue 12): the letter's signature stands for the list. */
	c->cover_letter_signs_attachments = true;
	c->trust_anchors = g_strdup("");
	c->intermediates = g_strdup("");
	c->crl_dir = g_strdup("");
	c->smtp_host = g_strdup("localhost");
	c->smtp_security = g_strdup("starttls");
	c->smtp_username = g_strdup("");
	c->smtp_password_file = g_strdup("");
	c->smtp_ca_file = g_strdup("");
	c->smtp_from = g_strdup("");
	c->smtp_timeout = 60;
	c->smtp_max_age = 5 * 24 * 3600;
	c->sent_folder = g_strdup("Sent");
	c->max_replies_per_day = 10;
	c->imap.host = g_strdup("");
	c->imap.security = IMAP_SECURITY_TLS;
	c->imap.username = g_strdup("");
	c->imap.password_file = g_strdup("");
	c->imap.auth = IMAP_AUTH_PLAIN;
	c->imap.oauth_token_file = g_strdup("");
	c->imap.oauth_token_command = g_strdup("");
	c->imap.ca_file = g_strdup("");
	c->imap.folder = g_strdup("INBOX");
	c->imap.queue_folder = g_strdup("Processed");
	c->imap.reject_folder = g_strdup("Rejected");
	c->imap.redirect_folder = g_strdup("Redirected");
	c->imap.manual_folder = g_strdup("Manual");
	c->imap.ignore_folder = g_strdup("Ignored");
	c->imap.batch_size = 100;
	c->imap.poll_interval = 60;
	c->imap.timeout = 60;
	c->service.log = LOG_TARGET_STDERR;
	c->service.log_level = -1;
	c->max_message_size = (size_t)64 << 20;
	c->parse = limits_resolve(NULL);
	c->mime.max_attachment = (size_t)25 << 20;
	c->mime.max_depth = 32;
	c->mime.max_parts = 1000;
	c->mime.max_body_text = (size_t)256 << 10;
	/* letters (issue 10) */
	c->templates_dir = g_strdup("");
	c->forward_mode = g_strdup("per_case");
	/* forwards to the Cục */
	c->forward_approval = g_strdup("required");
	c->forward_time = g_strdup("16:00");
	/* the command line's display (issue 11.12) */
	c->timezone = g_strdup(CONFIG_DEFAULT_TIMEZONE);
}

/* The 1-based line of key in group, for messages; 0 when not found. */
static int
config_line(const char *text, const char *group, const char *key)
{
	char	**lines = g_strsplit(text, "\n", -1);
	bool	  in_group = false;
	int	  found = 0;

	for (int i = 0; lines[i] != NULL && found == 0; i++) {
		char *l = g_strstrip(lines[i]);

		if (l[0] == '[') {
			char *end = strchr(l, ']');

			in_group = end != NULL &&
			    (size_t)(end - l - 1) == strlen(group) &&
			    strncmp(l + 1, group, strlen(group)) == 0;
		} else if (in_group && key != NULL &&
		    strncmp(l, key, strlen(key)) == 0) {
			const char *p = l + strlen(key);

			while (*p == ' ' || *p == '\t')
				p++;
			if (*p == '=')
				found = i + 1;
		} else if (in_group && key == NULL)
			found = i;	/* the group's header line */
	}
	g_strfreev(lines);
	return (found);
}

/* "25M", "512K", "1G", "1048576" → bytes. */
static int
parse_size(const char *s, size_t *r)
{
	char			*end;
	unsigned long long	 v;
	unsigned		 shift = 0;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || end == s)
		return (-1);
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	}
	if (*end == 'i' && shift != 0)
		end++;
	if (*end == 'b' || *end == 'B')
		end++;
	if (*end != '\0' || v == 0 || v > (SIZE_MAX >> shift))
		return (-1);
	*r = (size_t)v << shift;
	return (0);
}

/* "5d", "12h", "30m", "90s" or "90" (seconds) → seconds, at least 1. */
static int
parse_duration(const char *s, size_t *r)
{
	char			*end;
	unsigned long long	 v, unit = 1;

	errno = 0;
	if (!g_ascii_isdigit(*s))
		return (-1);
	v = strtoull(s, &end, 10);
	if (errno != 0 || end == s)
		return (-1);
	switch (*end) {
	case 'd': unit = 86400; end++; break;
	case 'h': unit = 3600; end++; break;
	case 'm': unit = 60; end++; break;
	case 's': end++; break;
	}
	if (*end != '\0' || v == 0 || v > SIZE_MAX / unit / 1000)
		return (-1);
	*r = (size_t)(v * unit);
	return (0);
}

static int
config_apply(struct config *c, GKeyFile *kf, const char *text,
    const char *group, char **cause)
{
	gchar	**ks;
	gsize	  nk;
	int	  rc = 0;

	ks = g_key_file_get_keys(kf, group, &nk, NULL);
	for (gsize i = 0; ks != NULL && i < nk && rc == 0; i++) {
		const struct key_def	*d = NULL;
		void			*field;
		gchar			*raw;

		for (size_t j = 0; j < G_N_ELEMENTS(keys); j++)
			if (strcmp(keys[j].group, group) == 0 &&
			    strcmp(keys[j].key, ks[i]) == 0)
				d = &keys[j];
		if (d == NULL) {
			*cause = g_strdup_printf("%s:%d: unknown key '%s' in "
			    "[%s]", c->path, config_line(text, group, ks[i]),
			    ks[i], group);
			rc = -1;
			break;
		}
		field = (char *)c + d->offset;
		raw = g_key_file_get_string(kf, group, ks[i], NULL);
		if (raw == NULL)
			raw = g_key_file_get_value(kf, group, ks[i], NULL);
		switch (d->type) {
		case KEY_STRING:
			g_free(*(char **)field);
			*(char **)field = g_strdup(g_strstrip(raw));
			break;
		case KEY_BOOL: {
			GError *err = NULL;
			gboolean b = g_key_file_get_boolean(kf, group, ks[i],
			    &err);

			if (err != NULL) {
				g_error_free(err);
				*cause = g_strdup_printf("%s:%d: [%s] %s: "
				    "'%s' is not true or false", c->path,
				    config_line(text, group, ks[i]), group,
				    ks[i], raw);
				rc = -1;
			} else
				*(bool *)field = b;
			break;
		}
		case KEY_LIST: {
			gchar **v = g_key_file_get_string_list(kf, group,
			    ks[i], NULL, NULL);
			GPtrArray *a = g_ptr_array_new();

			for (size_t j = 0; v != NULL && v[j] != NULL; j++) {
				char *t = g_strstrip(v[j]);

				if (*t != '\0')
					g_ptr_array_add(a,
					    g_ascii_strdown(t, -1));
			}
			g_ptr_array_add(a, NULL);
			g_strfreev(v);
			g_strfreev(*(char ***)field);
			*(char ***)field = (char **)g_ptr_array_free(a, FALSE);
			break;
		}
		case KEY_DURATION:
		case KEY_PORT: {
			size_t v = 0;
			char *t = g_strstrip(raw);
			/* an empty port is the default: by security */
			int bad = d->type == KEY_DURATION ?
			    parse_duration(t, &v) : *t == '\0' ? 0 :
			    (strspn(t, "0123456789") != strlen(t) ||
			    parse_size(t, &v) || v > 65535);

			if (bad) {
				*cause = g_strdup_printf("%s:%d: [%s] %s: "
				    "'%s' is not a %s", c->path,
				    config_line(text, group, ks[i]), group,
				    ks[i], t, d->type == KEY_DURATION ?
				    "duration (e.g. 90s, 30m, 12h, 5d)" :
				    "port (1-65535)");
				rc = -1;
			} else
				*(size_t *)field = v;
			break;
		}
		case KEY_SIZE:
		case KEY_COUNT:
		case KEY_COUNT0: {
			size_t v = 0;
			char *t = g_strstrip(raw);
			int bad = d->type == KEY_SIZE ? parse_size(t, &v) :
			    (strspn(t, "0123456789") != strlen(t) ||
			    *t == '\0' || (d->type == KEY_COUNT0 &&
			    strspn(t, "0") == strlen(t) ? 0 :
			    parse_size(t, &v)));

			if (bad) {
				*cause = g_strdup_printf("%s:%d: [%s] %s: "
				    "'%s' is not a positive %s", c->path,
				    config_line(text, group, ks[i]), group,
				    ks[i], t, d->type == KEY_SIZE ?
				    "size (e.g. 25M)" : "whole number");
				rc = -1;
			} else
				*(size_t *)field = v;
			break;
		}
		case KEY_CHOICE: {
			char *t = g_strstrip(raw);
			int found = -1;

			if (*t == '\0')	/* empty: the default stands */
				break;
			for (int j = 0; d->choices[j] != NULL; j++)
				if (g_ascii_strcasecmp(t, d->choices[j]) == 0)
					found = j;
			/* the word the issue and hotrocks.conf(5) use */
			if (found == -1 && d->choices == log_level_names &&
			    g_ascii_strcasecmp(t, "warning") == 0)
				found = LOG_LEVEL_WARN;
			if (found == -1) {
				char *all = g_strjoinv(" | ",
				    (char **)d->choices);

				*cause = g_strdup_printf("%s:%d: [%s] %s: "
				    "'%s' is not one of %s", c->path,
				    config_line(text, group, ks[i]), group,
				    ks[i], t, all);
				g_free(all);
				rc = -1;
			} else
				*(int *)field = found;
			break;
		}
		}
		g_free(raw);
	}
	g_strfreev(ks);
	return (rc);
}

static int
load_registry(struct config *c, char **cause)
{
	char		*text = NULL;
	char	       **lines;
	GPtrArray	*a;
	GError		*err = NULL;

	if (c->sender_registry == NULL || *c->sender_registry == '\0')
		return (0);
	if (!g_file_get_contents(c->sender_registry, &text, NULL, &err)) {
		*cause = g_strdup_printf("%s: [rules] sender_registry: %s",
		    c->path ? c->path : "(defaults)", err->message);
		g_error_free(err);
		return (-1);
	}
	a = g_ptr_array_new();
	lines = g_strsplit(text, "\n", -1);
	for (size_t i = 0; lines[i] != NULL; i++) {
		char *l = g_strstrip(lines[i]);

		if (*l == '\0' || *l == '#')
			continue;
		g_ptr_array_add(a, g_ascii_strdown(l, -1));
	}
	g_ptr_array_add(a, NULL);
	g_strfreev(lines);
	g_free(text);
	c->registered = (char **)g_ptr_array_free(a, FALSE);
	return (0);
}

int
config_load_trust(struct config *c, char **cause)
{
	char *why = NULL;

	trust_free(c->trust);
	c->trust = trust_load(c->trust_anchors, c->intermediates, c->crl_dir,
	    &why);
	if (c->trust == NULL) {
		*cause = g_strdup_printf("%s: [signatures] %s",
		    c->path ? c->path : "(defaults)", why);
		g_free(why);
		return (-1);
	}
	return (0);
}

struct config *
config_load(const char *path, char **cause)
{
	struct config	*c = g_new0(struct config, 1);
	GKeyFile	*kf = NULL;
	GError		*err = NULL;
	char		*text = NULL;
	gchar	       **groups = NULL;

	config_defaults(c);
	if (path == NULL)
		goto registry;
	c->path = g_strdup(path);
	if (!g_file_get_contents(path, &text, NULL, &err)) {
		*cause = g_strdup_printf("%s: %s", path, err->message);
		goto fail;
	}
	kf = g_key_file_new();
	if (!g_key_file_load_from_data(kf, text, -1, G_KEY_FILE_NONE, &err)) {
		*cause = g_strdup_printf("%s: %s", path, err->message);
		goto fail;
	}
	groups = g_key_file_get_groups(kf, NULL);
	for (size_t i = 0; groups[i] != NULL; i++) {
		bool known = false;

		for (size_t j = 0; j < G_N_ELEMENTS(keys); j++)
			known |= strcmp(keys[j].group, groups[i]) == 0;
		if (!known) {
			*cause = g_strdup_printf("%s:%d: unknown group [%s]",
			    path, config_line(text, groups[i], NULL),
			    groups[i]);
			goto fail;
		}
		if (config_apply(c, kf, text, groups[i], cause) == -1)
			goto fail;
	}
	if (strcmp(c->smtp_security, "starttls") != 0 &&
	    strcmp(c->smtp_security, "tls") != 0 &&
	    strcmp(c->smtp_security, "none") != 0) {
		*cause = g_strdup_printf("%s:%d: [smtp] security: '%s' is not "
		    "starttls, tls or none", path,
		    config_line(text, "smtp", "security"), c->smtp_security);
		goto fail;
	}
	/* A folder with no name is no folder: the server refuses every
	 * move to it, at every pass (e2e trial 5, finding 4). sent_folder
	 * may be empty: no copy is kept. */
	{
		static const char *const keys[] = { "folder", "queue_folder",
		    "reject_folder", "redirect_folder", "manual_folder",
		    "ignore_folder" };
		const char *const vals[] = { c->imap.folder,
		    c->imap.queue_folder, c->imap.reject_folder,
		    c->imap.redirect_folder, c->imap.manual_folder,
		    c->imap.ignore_folder };

		for (size_t i = 0; i < G_N_ELEMENTS(keys); i++)
			if (text_blank(vals[i])) {
				*cause = g_strdup_printf("%s:%d: [imap] %s is "
				    "empty: name a folder, or leave the key "
				    "out for its default", path, config_line(
				    text, "imap", keys[i]), keys[i]);
				goto fail;
			}
	}
	g_strfreev(groups);
	groups = NULL;
	g_key_file_free(kf);
	kf = NULL;
	g_free(text);
	text = NULL;
registry:
	if (*c->archive_dir == '\0') {
		char *dir = g_path_get_dirname(c->database);

		g_free(c->archive_dir);
		c->archive_dir = g_build_filename(dir, "archive", NULL);
		g_free(dir);
	}
	if (load_registry(c, cause) == -1)
		goto fail;
	if (config_load_trust(c, cause) == -1)
		goto fail;
	if (config_letters(c, cause) == -1)
		goto fail;
	if (config_display(c, cause) == -1)
		goto fail;
	return (c);
fail:
	if (err != NULL)
		g_error_free(err);
	g_strfreev(groups);
	if (kf != NULL)
		g_key_file_free(kf);
	g_free(text);
	config_free(c);
	return (NULL);
}

char *
config_blob_dir(const struct config *c)
{
	return (g_build_filename(c->archive_dir, "blobs", NULL));
}

void
config_free(struct config *c)
{
	if (c == NULL)
		return;
	g_free(c->path);
	g_free(c->database);
	g_free(c->archive_dir);
	g_free(c->mailbox_address);
	g_free(c->office_name);
	g_free(c->office_phone);
	g_free(c->office_contact);
	g_strfreev(c->own_addresses);
	g_free(c->cuc_name);
	g_free(c->cuc_address);
	g_free(c->cuc_postal);
	g_free(c->cuc_phone);
	g_free(c->cuc_web);
	g_free(c->sender_registry);
	g_strfreev(c->registered);
	g_strfreev(c->public_domains);
	g_free(c->trust_anchors);
	g_free(c->intermediates);
	g_free(c->crl_dir);
	g_free(c->smtp_host);
	g_free(c->smtp_security);
	g_free(c->smtp_username);
	g_free(c->smtp_password_file);
	g_free(c->smtp_ca_file);
	g_free(c->smtp_from);
	g_free(c->sent_folder);
	g_free(c->imap.host);
	g_free(c->imap.username);
	g_free(c->imap.password_file);
	g_free(c->imap.oauth_token_file);
	g_free(c->imap.oauth_token_command);
	g_free(c->imap.ca_file);
	g_free(c->imap.folder);
	g_free(c->imap.queue_folder);
	g_free(c->imap.reject_folder);
	g_free(c->imap.redirect_folder);
	g_free(c->imap.manual_folder);
	g_free(c->imap.ignore_folder);
	trust_free(c->trust);
	g_free(c->templates_dir);
	templates_free(c->templates);
	g_free(c->forward_mode);
	g_free(c->forward_approval);
	g_free(c->forward_time);
	g_free(c->timezone);
	g_free(c);
}

/* Letters (issue 10): where the files are, relative paths from the
 * config file's folder; they are loaded now so a mistake stops start-up. */
#ifndef HOTROCKS_TEMPLATES_DIR
#define HOTROCKS_TEMPLATES_DIR "/usr/local/share/hotrocks/templates"
#endif
/* The installed letters, or, for a binary run from its build tree
 * (build/hotrocks, build/asan/hotrocks) before any install, the source
 * tree's, so a newcomer's first command works. g_free. */
static char *
default_templates_dir(void)
{
	char	*exe, *dir, *cand;

	if (g_file_test(HOTROCKS_TEMPLATES_DIR, G_FILE_TEST_IS_DIR))
		return (g_strdup(HOTROCKS_TEMPLATES_DIR));
	if ((exe = g_file_read_link("/proc/self/exe", NULL)) == NULL)
		return (g_strdup(HOTROCKS_TEMPLATES_DIR));
	dir = g_path_get_dirname(exe);
	g_free(exe);
	for (int up = 1; up <= 2; up++) {
		cand = up == 1 ?
		    g_build_filename(dir, "..", "outbox", "templates", NULL) :
		    g_build_filename(dir, "..", "..", "outbox", "templates",
		    NULL);
		if (g_file_test(cand, G_FILE_TEST_IS_DIR)) {
			g_free(dir);
			return (cand);
		}
		g_free(cand);
	}
	g_free(dir);
	return (g_strdup(HOTROCKS_TEMPLATES_DIR));
}

static int
config_letters(struct config *c, char **cause)
{
	const char	*env = getenv("HOTROCKS_TEMPLATES");
	char		*dir;

	if (strcmp(c->forward_mode, "per_case") != 0 &&
	    strcmp(c->forward_mode, "daily") != 0) {
		*cause = g_strdup_printf("%s: [cuc] forward_mode: '%s' is not "
		    "per_case or daily", c->path ? c->path : "(defaults)",
		    c->forward_mode);
		return (-1);
	}
	if (config_forwards(c, cause) == -1)
		return (-1);
	if (*c->templates_dir == '\0') {
		g_free(c->templates_dir);
		c->templates_dir = env != NULL && *env != '\0' ?
		    g_strdup(env) : default_templates_dir();
	} else if (!g_path_is_absolute(c->templates_dir) && c->path != NULL) {
		dir = g_path_get_dirname(c->path);
		g_free(c->templates_dir);
		c->templates_dir = g_build_filename(dir,
		    c->templates_dir, NULL);
		g_free(dir);
	}
	return (config_load_templates(c, cause));
}

int
config_load_templates(struct config *c, char **cause)
{
	struct templates	*set;
	char			*why = NULL;

	if (templates_load(c->templates_dir, &set, &why) == -1) {
		*cause = g_strdup_printf("%s: [outbox] templates: %s",
		    c->path ? c->path : "(defaults)", why);
		g_free(why);
		return (-1);
	}
	templates_free(c->templates);
	c->templates = set;
	return (0);
}

int
config_smtp_password(const struct config *c, char **pw_r, char **cause)
{
	const char	*env = getenv("HOTROCKS_SMTP_PASSWORD");
	char		*text = NULL;
	GError		*err = NULL;
	size_t		 n;

	const char	*creds = getenv("CREDENTIALS_DIRECTORY");
	char		*path;
	bool		 ok;

	*pw_r = NULL;
	/* systemd credentials (issue 14): a bare name is one, and with
	 * none named the unit's "smtp-password" is taken when present */
	if (c->smtp_password_file == NULL || *c->smtp_password_file == '\0') {
		path = creds != NULL ? g_build_filename(creds,
		    "smtp-password", NULL) : NULL;
		if (path == NULL || !g_file_test(path, G_FILE_TEST_EXISTS)) {
			g_free(path);
			if (env != NULL && *env != '\0')
				*pw_r = g_strdup(env);
			return (0);
		}
	} else if (creds != NULL && !g_path_is_absolute(c->smtp_password_file)
	    && strchr(c->smtp_password_file, '/') == NULL)
		path = g_build_filename(creds, c->smtp_password_file, NULL);
	else
		path = g_strdup(c->smtp_password_file);
	ok = g_file_get_contents(path, &text, &n, &err);
	g_free(path);
	if (!ok) {
		*cause = g_strdup_printf("%s: [smtp] password_file: %s",
		    c->path ? c->path : "(defaults)", err->message);
		g_error_free(err);
		return (-1);
	}
	/* the first line, without its line break */
	*pw_r = g_strndup(text, strcspn(text, "\r\n"));
	explicit_bzero(text, n);
	g_free(text);
	return (0);
}

void
config_password_free(char *pw)
{
	if (pw == NULL)
		return;
	explicit_bzero(pw, strlen(pw));
	g_free(pw);
}

unsigned
config_imap_port(const struct config *c)
{
	if (c->imap.port != 0)
		return ((unsigned)c->imap.port);
	return (c->imap.security == IMAP_SECURITY_TLS ? 993 : 143);
}

char *
config_imap_origin(const struct config *c, const char *folder)
{
	return (g_strdup_printf("%s@%s/%s", c->imap.username, c->imap.host,
	    folder != NULL ? folder : c->imap.folder));
}

const char *
config_imap_folder_for(const struct config *c, const char *action)
{
	if (action == NULL)
		return (NULL);
	if (strcmp(action, "queue") == 0)
		return (c->imap.queue_folder);
	if (strcmp(action, "reject") == 0)
		return (c->imap.reject_folder);
	if (strcmp(action, "redirect") == 0)
		return (c->imap.redirect_folder);
	if (strcmp(action, "manual") == 0)
		return (c->imap.manual_folder);
	if (strcmp(action, "ignore") == 0)
		return (c->imap.ignore_folder);
	return (NULL);
}

void
config_secret_free(char *s)
{
	if (s == NULL)
		return;
	explicit_bzero(s, strlen(s));
	g_free(s);
}

/* A secret file: its first line, without the line end. The error names
 * the file, never its content. */
static int
read_secret_file(const char *what, const char *path, char **secret_r,
    char **cause)
{
	char	*text = NULL;
	gsize	 len = 0;
	GError	*err = NULL;

	if (!g_file_get_contents(path, &text, &len, &err)) {
		*cause = g_strdup_printf("[imap] %s: %s", what, err->message);
		g_error_free(err);
		return (-1);
	}
	text[strcspn(text, "\r\n")] = '\0';
	if (*text == '\0') {
		*cause = g_strdup_printf("[imap] %s: %s: empty", what, path);
		config_secret_free(text);
		return (-1);
	}
	*secret_r = text;
	/* the rest of the buffer (after the first line) is wiped too */
	if (strlen(text) < len)
		explicit_bzero(text + strlen(text), len - strlen(text));
	return (0);
}

/* The token printed by oauth_token_command (argv split like a shell,
 * run without one); the command's stderr is left to the caller's. */
static int
run_token_command(const char *command, char **secret_r, char **cause)
{
	char	**argv = NULL, *out = NULL;
	GError	 *err = NULL;
	int	  status = 0;

	if (!g_shell_parse_argv(command, NULL, &argv, &err) ||
	    !g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH |
	    G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, &out, NULL, &status,
	    &err)) {
		*cause = g_strdup_printf("[imap] oauth_token_command: %s",
		    err->message);
		g_error_free(err);
		g_strfreev(argv);
		return (-1);
	}
	g_strfreev(argv);
	if (!g_spawn_check_wait_status(status, NULL) || out == NULL ||
	    *g_strstrip(out) == '\0') {
		*cause = g_strdup("[imap] oauth_token_command: failed or "
		    "printed no token");
		config_secret_free(out);
		return (-1);
	}
	*secret_r = out;
	return (0);
}

int
config_imap_secret(const struct config *c, char **secret_r, char **cause)
{
	const char	*env, *dir;
	char		*path;
	int		 rc;

	*secret_r = NULL;
	if (c->imap.auth == IMAP_AUTH_XOAUTH2) {
		if (*c->imap.oauth_token_file != '\0')
			return (read_secret_file("oauth_token_file",
			    c->imap.oauth_token_file, secret_r, cause));
		if (*c->imap.oauth_token_command != '\0')
			return (run_token_command(c->imap.oauth_token_command,
			    secret_r, cause));
		*cause = g_strdup("[imap] auth = xoauth2 needs "
		    "oauth_token_file or oauth_token_command");
		return (-1);
	}
	dir = getenv("CREDENTIALS_DIRECTORY");
	if (*c->imap.password_file != '\0') {
		/* a bare name is a systemd credential when there are any */
		if (dir != NULL && !g_path_is_absolute(c->imap.password_file)) {
			path = g_build_filename(dir, c->imap.password_file,
			    NULL);
			rc = read_secret_file("password_file", path, secret_r,
			    cause);
			g_free(path);
			return (rc);
		}
		return (read_secret_file("password_file",
		    c->imap.password_file, secret_r, cause));
	}
	if ((env = getenv("HOTROCKS_IMAP_PASSWORD")) != NULL && *env != '\0') {
		*secret_r = g_strdup(env);
		return (0);
	}
	if (dir != NULL) {
		path = g_build_filename(dir, "imap-password", NULL);
		if (g_file_test(path, G_FILE_TEST_EXISTS)) {
			rc = read_secret_file("password_file", path, secret_r,
			    cause);
			g_free(path);
			return (rc);
		}
		g_free(path);
	}
	*cause = g_strdup(dir != NULL ? "[imap] no password: the service's "
	    "credentials hold no imap-password (LoadCredential=), and no "
	    "password_file is set" : "[imap] no password: set password_file, "
	    "or HOTROCKS_IMAP_PASSWORD in the environment (the service reads "
	    "its credential imap-password, which only it has)");
	return (-1);
}

/* Operator logs (issue 14), for every command: [service] log and
 * log_level; poll and run apply their own default level afterwards. */
void
config_log_apply(const struct config *c)
{
	log_open("hotrocks", c->service.log == LOG_TARGET_SYSLOG ?
	    LOG_TARGET_SYSLOG : LOG_TARGET_STDERR);
	if (getenv("HOTROCKS_DEBUG") != NULL)
		log_set_level(LOG_LEVEL_DEBUG);
	else if (c->service.log_level >= 0)
		log_set_level((enum log_level)c->service.log_level);
}

static const char *
addr_domain(const char *addr)
{
	const char *at = addr ? strrchr(addr, '@') : NULL;

	return (at ? at + 1 : NULL);
}

bool
config_is_own(const struct config *c, const char *addr)
{
	if (addr == NULL)
		return (false);
	if (c->mailbox_address != NULL &&
	    g_ascii_strcasecmp(addr, c->mailbox_address) == 0)
		return (true);
	for (size_t i = 0; c->own_addresses != NULL &&
	    c->own_addresses[i] != NULL; i++)
		if (g_ascii_strcasecmp(addr, c->own_addresses[i]) == 0)
			return (true);
	return (false);
}

bool
config_is_cuc(const struct config *c, const char *addr)
{
	const char *d = addr_domain(addr), *cd = addr_domain(c->cuc_address);

	return (d != NULL && cd != NULL && g_ascii_strcasecmp(d, cd) == 0);
}

bool
config_is_public(const struct config *c, const char *addr)
{
	const char *d = addr_domain(addr);

	if (d == NULL)
		return (false);
	for (size_t i = 0; c->public_domains != NULL &&
	    c->public_domains[i] != NULL; i++)
		if (g_ascii_strcasecmp(d, c->public_domains[i]) == 0)
			return (true);
	return (false);
}

bool
config_is_registered(const struct config *c, const char *addr)
{
	if (c->registered == NULL)
		return (true);
	if (addr == NULL)
		return (false);
	for (size_t i = 0; c->registered[i] != NULL; i++) {
		const char *r = c->registered[i];

		/* "@domain" registers every address of an official domain */
		if (r[0] == '@') {
			const char *d = addr_domain(addr);

			if (d != NULL && g_ascii_strcasecmp(d, r + 1) == 0)
				return (true);
		} else if (g_ascii_strcasecmp(addr, r) == 0)
			return (true);
	}
	return (false);
}

/* [cuc] forward_approval and forward_time. */
static int
config_forwards(struct config *c, char **cause)
{
	const char	*t = c->forward_time;

	if (strcmp(c->forward_approval, "required") != 0 &&
	    strcmp(c->forward_approval, "none") != 0) {
		*cause = g_strdup_printf("%s: [cuc] forward_approval: '%s' is "
		    "not required or none", c->path ? c->path : "(defaults)",
		    c->forward_approval);
		return (-1);
	}
	if (strlen(t) != 5 || !g_ascii_isdigit(t[0]) ||
	    !g_ascii_isdigit(t[1]) || t[2] != ':' || !g_ascii_isdigit(t[3]) ||
	    !g_ascii_isdigit(t[4]) || (t[0] - '0') * 10 + (t[1] - '0') > 23 ||
	    t[3] > '5') {
		*cause = g_strdup_printf("%s: [cuc] forward_time: '%s' is not "
		    "HH:MM", c->path ? c->path : "(defaults)", t);
		return (-1);
	}
	return (0);
}

void
config_office_day(const struct config *c, time_t t, char day[11],
    char since[21], char hhmm[6])
{
	GTimeZone	*tz = zone_new(c->timezone);
	GDateTime	*u = g_date_time_new_from_unix_utc(t);
	GDateTime	*l, *start;
	int		 y, m, d;

	l = g_date_time_to_timezone(u, tz);
	g_date_time_get_ymd(l, &y, &m, &d);
	snprintf(day, 11, "%04d-%02d-%02d", y, m, d);
	if (hhmm != NULL)
		snprintf(hhmm, 6, "%02d:%02d", g_date_time_get_hour(l),
		    g_date_time_get_minute(l));
	/* a zone that skipped its midnight would begin the day at t */
	start = g_date_time_new(tz, y, m, d, 0, 0, 0);
	db_time(start != NULL ? (time_t)g_date_time_to_unix(start) : t,
	    since);
	if (start != NULL)
		g_date_time_unref(start);
	g_date_time_unref(l);
	g_date_time_unref(u);
	g_time_zone_unref(tz);
}

int
config_office_year(const struct config *c, time_t t)
{
	char	at[DB_TIME_SIZE];

	db_time(t, at);
	return (zone_year(c->timezone, at));
}

int
config_office_year_at(const struct config *c, const char *at)
{
	return (zone_year(c->timezone, at));
}

/* The command line's display (issue 11.12): a zone GLib cannot find is
 * a configuration error, said at start-up, not a UTC surprise later. The
 * default needs tzdata; without it, Vietnam's fixed +07 stands in. */
static int
config_display(struct config *c, char **cause)
{
	GTimeZone *tz = g_time_zone_new_identifier(c->timezone);

	if (tz == NULL && strcmp(c->timezone, CONFIG_DEFAULT_TIMEZONE) == 0) {
		g_free(c->timezone);
		c->timezone = g_strdup("+07:00");
		return (0);
	}
	if (tz == NULL) {
		*cause = g_strdup_printf("%s: [mailbox] timezone: '%s' is not "
		    "a time zone (say e.g. Asia/Ho_Chi_Minh or +07:00)",
		    c->path ? c->path : "(defaults)", c->timezone);
		return (-1);
	}
	g_time_zone_unref(tz);
	return (0);
}
