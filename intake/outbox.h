/* outbox.h: what intake's commands need to send the outbox: the sender
 * settings from [smtp], and (once the queue has its states) the delivery
 * pass that `send` and `run` share. The password is read here, at the
 * moment it is needed, and wiped after; it never reaches a log. */
#ifndef HOTROCKS_OUTBOX_H
#define HOTROCKS_OUTBOX_H

#include "intake/config.h"
#include "outbox/sender.h"

/*
 * Fills *set from c's [smtp]: strings borrowed from c, except the password,
 * which goes to *pw_r (NULL when there is none) and is wiped and freed with
 * config_password_free() once the sender is closed. Empty strings become
 * NULL (no AUTH, the system CA store). 0, or -1 and *cause.
 */
int		 outbox_sender_settings(const struct config *c,
		    struct sender_settings *set, char **pw_r, char **cause);

/* The envelope sender and From: of what goes out: [smtp] from, else the
 * mailbox address. Borrowed from c. */
const char	*outbox_from(const struct config *c);

#endif
