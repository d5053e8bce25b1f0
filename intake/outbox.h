/* outbox.h: what intake's commands need to send the outbox: the sender
 * settings from [smtp], and the delivery pass that `send` and `run`
 * share. The password is read here, at the moment it is needed, and wiped
 * after; it never reaches a log. */
#ifndef HOTROCKS_OUTBOX_H
#define HOTROCKS_OUTBOX_H

#include <time.h>

#include "intake/config.h"
#include "intake/imap-append.h"
#include "lib/db.h"
#include "outbox/queue.h"
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

/*
 * One delivery pass, for `hotrocks send` and for `hotrocks run` between
 * IMAP passes: opens the SMTP sender from [smtp], delivers every item due
 * at now (queue_deliver: items left "sending" by a crash first, each
 * marked sending before DATA), flags the case of an item that fails,
 * appends a copy of each message sent to [outbox] sent_folder over IMAP,
 * closes everything and wipes the password.
 *
 * Only one pass runs at a time per database (a lock beside it); a pass
 * that finds another running does nothing and returns 0 with an empty
 * report. SMTP trouble is not an error here: the items are deferred and
 * counted in *report. -1 and *cause (g_free) only when the settings
 * cannot work ([smtp] username without a password) or the store cannot
 * be read or written.
 */
int		 outbox_deliver_due(const struct config *c, struct db *db,
		    time_t now, struct queue_report *report, char **cause);

/*
 * outbox_deliver_due with the IMAP target for the copies given (NULL, or
 * a NULL host: no copy kept). outbox_deliver_due takes it from [imap]
 * (host, security, login, ca_file, timeout; the password read now and
 * wiped after); with no [imap] host, or auth = xoauth2, it keeps no copy
 * and says so at debug level. Tests call this one with their own Dovecot.
 */
int		 outbox_deliver(const struct config *c, struct db *db,
		    time_t now, const struct imap_append_settings *copy,
		    struct queue_report *report, char **cause);

#endif
