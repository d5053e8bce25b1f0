/* outbox.c: from the config to a sender, and the delivery pass that the
 * commands share. Never logs the password and never passes it on a
 * command line. */
#include <sys/file.h>

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "intake/cases.h"
#include "intake/outbox.h"
#include "intake/store.h"
#include "lib/log.h"

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
		    "HOTROCKS_SMTP_PASSWORD (the service reads its credential "
		    "smtp-password, which only it has)", c->path ? c->path :
		    "(defaults)");
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

/* The copy to the Sent folder: opened at the first message sent, given
 * up for the rest of the pass at the first failure (said once). */
struct copy {
	const struct imap_append_settings *set;
	const char		*tz;	/* [mailbox] timezone: flag_failed's */
	struct imap_append	*session;
	bool			 broken;
};

/* The pass's session to the Sent folder, opened at its first use; NULL
 * without one, or (*cause) when it cannot be opened. */
static struct imap_append *
copy_session(struct copy *cp, char **cause)
{
	if (cp->set == NULL || cp->set->host == NULL || cp->broken)
		return (NULL);
	if (cp->session == NULL)
		cp->session = imap_append_open(cp->set, cause);
	return (cp->session);
}

/* A queue_delivery's copy hook: never changes what the queue recorded.
 * A letter of an earlier pass (late) owes its copy still: it is said
 * when kept, and left for the next pass without a word when the folder
 * is out of reach (status counts what is owed). */
static bool
copy_sent(const struct queue_item *it, bool late, void *arg)
{
	struct copy	*cp = arg;
	char		*cause = NULL;

	if (copy_session(cp, &cause) == NULL) {
		/* each letter without its copy named, not the first alone
		 * (e2e trial 5, finding 2) */
		if (cause == NULL && cp->broken && !late)
			log_warn("outbox %lld %s: sent, but no copy kept in "
			    "%s yet: the folder refused or could not be "
			    "reached earlier this pass (a later pass keeps "
			    "it)", (long long)it->id, it->message_id,
			    cp->set->folder);
		if (cause == NULL)
			return (false);
		goto fail;
	}
	if (imap_append_message(cp->session, it->raw, strlen(it->raw),
	    &cause) == -1)
		goto fail;
	if (late)
		log_info("outbox %lld %s: copy kept in %s, owed since it was "
		    "sent", (long long)it->id, it->message_id,
		    cp->set->folder);
	else
		log_debug("outbox %lld %s: copy kept in %s", (long long)it->id,
		    it->message_id, cp->set->folder);
	return (true);
fail:
	log_warn("outbox %lld %s: %s, but no copy kept in %s yet: %s (a later "
	    "pass keeps it)", (long long)it->id, it->message_id, late ?
	    "sent earlier" : "sent", cp->set->folder, cause);
	g_free(cause);
	cp->broken = true;
	return (false);
}

/* A queue_delivery's already hook: whether the Sent folder holds a copy
 * of the item. A question it cannot answer is a no, said once: the
 * letter goes as it would have without the folder. */
static bool
copy_kept(const struct queue_item *it, void *arg)
{
	struct copy	*cp = arg;
	char		*cause = NULL;
	bool		 found = false;

	if (copy_session(cp, &cause) == NULL) {
		if (cause == NULL)
			return (false);
		goto fail;
	}
	if (imap_append_holds(cp->session, it->message_id, &found,
	    &cause) == -1)
		goto fail;
	return (found);
fail:
	log_warn("outbox %lld %s: %s not searched for a copy sent before, "
	    "nor kept a copy in, this pass: %s", (long long)it->id,
	    it->message_id, cp->set->folder, cause);
	g_free(cause);
	cp->broken = true;
	return (false);
}

/* An exclusive lock on DATABASE.send-lock: its fd, -1 when another pass
 * holds it, -2 and *cause when it cannot be made. */
static int
pass_lock(const struct config *c, char **cause)
{
	char	*path = g_strconcat(c->database, ".send-lock", NULL);
	int	 fd;

	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd == -1) {
		*cause = g_strdup_printf("%s: %s", path, g_strerror(errno));
		g_free(path);
		return (-2);
	}
	g_free(path);
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		close(fd);
		return (-1);
	}
	return (fd);
}

/* A letter that failed: its case to review, flagged; one answering a
 * message that has no case (a rejection, a redirect) opens one in
 * review, as a bounced one does: the unit never learns its answer
 * (trial 3, finding 4). */
static int
flag_failed(struct db_txn *txn, int64_t item, int64_t case_id,
    const char *why, time_t now, void *arg, char **cause)
{
	struct copy	*cp = arg;

	if (case_id == 0 && store_case_for_answer(txn, item, cp->tz, why,
	    &case_id, cause) == -1)
		return (-1);
	return (case_id == 0 ? 0 : cases_flag_review(txn, case_id, why, now,
	    arg, cause));
}

int
outbox_deliver(const struct config *c, struct db *db, time_t now,
    const struct imap_append_settings *copy, struct queue_report *report,
    char **cause)
{
	struct sender_settings	 set;
	struct queue_delivery	 d = { 0 };
	struct copy		 cp = { .set = copy, .tz = c->timezone };
	struct queue_report	 r = { 0 };
	char			*pw = NULL, *why = NULL;
	void			*st = NULL;
	int			 lock, rc = -1;

	/* A store opened without the CLI: the attachments are under the
	 * archive all the same. */
	if (db_blob_dir(db) == NULL) {
		char *blobs = config_blob_dir(c);

		db_set_blob_dir(db, blobs);
		g_free(blobs);
	}
	if ((lock = pass_lock(c, cause)) < 0) {
		if (lock == -1) {
			log_info("outbox: another delivery pass is running");
			rc = 0;
		}
		goto out;
	}
	if (outbox_sender_settings(c, &set, &pw, cause) == -1)
		goto out;
	if ((st = sender_smtp.open(&set, &why)) == NULL) {
		*cause = g_strdup_printf("smtp: %s", why);
		g_free(why);
		goto out;
	}
	d.sender = &sender_smtp;
	d.state = st;
	d.env_from = outbox_from(c);
	d.now = now;
	d.max_age = (time_t)c->smtp_max_age;
	d.flag = flag_failed;
	if (copy != NULL && copy->host != NULL) {
		d.copy = copy_sent;
		d.already = copy_kept;
	}
	d.arg = &cp;
	rc = queue_deliver(db, &d, &r, cause);
out:
	if (st != NULL)
		sender_smtp.close(st);
	imap_append_close(cp.session);
	config_password_free(pw);
	if (lock >= 0)
		close(lock);
	if (report != NULL)
		*report = r;
	return (rc);
}

int
outbox_deliver_due(const struct config *c, struct db *db, time_t now,
    struct queue_report *report, char **cause)
{
	struct imap_append_settings	 set = { 0 };
	char				*secret = NULL, *why = NULL;
	int				 rc;

	/* The copy goes to the mailbox the IMAP source reads, with its
	 * login; an XOAUTH2 login has no password to append with. */
	if (nonempty(c->sent_folder) == NULL)
		return (outbox_deliver(c, db, now, NULL, report, cause));
	if (*c->imap.host == '\0' || c->imap.auth != IMAP_AUTH_PLAIN) {
		log_debug("outbox: no [imap] password login: no copy of sent "
		    "mail kept in %s", c->sent_folder);
		return (outbox_deliver(c, db, now, NULL, report, cause));
	}
	if (config_imap_secret(c, &secret, &why) == -1) {
		log_warn("outbox: no copy of sent mail kept in %s: %s",
		    c->sent_folder, why);
		g_free(why);
		return (outbox_deliver(c, db, now, NULL, report, cause));
	}
	set.host = c->imap.host;
	set.port = config_imap_port(c);
	set.tls = c->imap.security == IMAP_SECURITY_TLS;
	set.starttls = c->imap.security == IMAP_SECURITY_STARTTLS;
	set.username = c->imap.username;
	set.password = secret;
	set.ca_file = nonempty(c->imap.ca_file);
	set.folder = c->sent_folder;
	set.timeout = (unsigned)c->imap.timeout;
	rc = outbox_deliver(c, db, now, &set, report, cause);
	config_secret_free(secret);
	return (rc);
}
