/* outbox.c: from the config to a sender, for the commands that deliver.
 * Never logs the password and never passes it on a command line. */
#include <string.h>

#include <glib.h>

#include "intake/outbox.h"

static const char *
nonempty(const char *s)
{
	return (s != NULL && *s != '\0' ? s : NULL);
}

int
outbox_sender_settings(const struct config *c, struct sender_settings *set,
    char **pw_r, char **cause)
{
	memset(set, 0, sizeof(*set));
	*pw_r = NULL;
	set->host = c->smtp_host;
	set->port = (unsigned)c->smtp_port;
	if (strcmp(c->smtp_security, "tls") == 0)
		set->security = SENDER_SECURITY_TLS;
	else if (strcmp(c->smtp_security, "none") == 0)
		set->security = SENDER_SECURITY_NONE;
	else
		set->security = SENDER_SECURITY_STARTTLS;
	set->username = nonempty(c->smtp_username);
	set->ca_file = nonempty(c->smtp_ca_file);
	set->timeout = (unsigned)c->smtp_timeout;
	if (set->username == NULL)
		return (0);
	if (config_smtp_password(c, pw_r, cause) == -1)
		return (-1);
	if (*pw_r == NULL) {
		*cause = g_strdup_printf("%s: [smtp] username is set but there "
		    "is no password: set password_file or "
		    "HOTROCKS_SMTP_PASSWORD", c->path ? c->path : "(defaults)");
		return (-1);
	}
	set->password = *pw_r;
	return (0);
}

const char *
outbox_from(const struct config *c)
{
	return (nonempty(c->smtp_from) ? c->smtp_from : c->mailbox_address);
}
