/* pipeline.c: source → archive → decide → one transaction → acknowledge.
 *
 * Why a message is processed exactly once:
 *  1. The raw bytes are archived (content-addressed, fsync'd, renamed)
 *     before anything refers to them; archiving twice is harmless.
 *  2. The decision is computed without writing anything.
 *  3. One transaction, held here, takes the write lock, checks that the
 *     message is not already recorded (by IMAP origin, by Message-ID +
 *     body, or by bytes), records the message, its case (its number
 *     allocated now), its rows and audit entries, builds the replies that
 *     quote that number (Message-IDs fixed now), queues them in the
 *     outbox, and commits: all of it, or none.
 *  4. Only after the commit is the message acknowledged at its source,
 *     with the action recorded for it. A source may only queue the
 *     acknowledgement here and finish it later for many messages at
 *     once (IMAP: one UID MOVE per destination folder after a batch,
 *     source->flush): every message in such a queue was queued after
 *     its own commit, so "acknowledged only after the commit" holds for
 *     each of them, however late the queue is flushed.
 * A crash before 3 commits leaves nothing but an archive file and an
 * unacknowledged message, which the next run processes again. A crash
 * between 3 and 4, or between 4 queueing and the flush, leaves recorded,
 * unacknowledged messages (a whole batch of them at most): the next run
 * finds each recorded (the IMAP source by its UID, before fetching it;
 * any source by its UID, its bytes' sha256, or the Message-ID of its
 * raw header with the hash of its body, before parsing it; and again in
 * step 3), records nothing, and acknowledges it with the action recorded
 * the first time.
 *
 * Durability, for a source that acknowledges in batches (one with
 * flush: files, Maildir, IMAP): messages go through in batches
 * (pipeline_ingest_batch, PIPELINE_BATCH messages or
 * PIPELINE_BATCH_BYTES at most), and the disk is waited on three times a
 * batch instead of about four times a message:
 *  a. Every message of the batch is written to the archive under a
 *     temporary name, without fsync. One syncfs(2) of the archive's file
 *     system then makes all their contents durable; they are renamed to
 *     their final names; a second syncfs makes the names durable (and
 *     the names an earlier writer renamed without syncing). Why syncfs
 *     and not one fsync per file: an fsync per file is what we had, one
 *     device flush each, plus one per directory. A single directory fsync
 *     would not do: the files sit in up to 256 sub-directories, and a
 *     directory's fsync does not make the files' contents durable
 *     anyway. syncfs writes back whatever is dirty on that file system
 *     (other programs' writes too) but flushes the device once, and
 *     since Linux 5.8 it reports writeback errors. The two steps keep the
 *     archive's rule that a final name always holds complete bytes: had
 *     we renamed before the first sync, a power loss could leave a final
 *     name over a short file, which a later put would take as complete.
 *     Nothing refers to any file of the batch before this is done, so a
 *     durable record never names a lost file.
 *  b. Each message is then decided and recorded in its own transactions
 *     (the attempt count, then the record), which do not wait for the
 *     disk (db_set_deferred: WAL, synchronous = NORMAL). Each is still
 *     atomic and, being in the WAL file, survives the process being
 *     killed, so every crash above reads the same. The acknowledgement
 *     is only queued at the source (ack). The attachment files a
 *     forward's outbox item names (outbox/blob.h) are written without
 *     fsync too, and one syncfs at the end of the batch makes them
 *     durable (sync_unsynced) before any of its commits can be: while
 *     deferred, SQLite checkpoints (and so syncs) only when we ask, at
 *     the start of the next batch, so no commit becomes durable before
 *     the files it names.
 *  c. pipeline_flush (or the IMAP source's own flush, between its
 *     batches) fsyncs the WAL once (db_sync), and only then does the
 *     source acknowledge the batch (Maildir renames, IMAP UID MOVE).
 * A power loss may take back the last commits, but only commits of the
 * batch in hand: no message whose record could vanish has left its
 * source, and the next run decides it again as if the power had failed
 * before its commit. Nor has a reply of such a record left: the outbox
 * marks an item sending with a durable commit (FULL) before it sends it,
 * and that fsync of the same WAL keeps every earlier commit too. A kill
 * after (a) leaves synced archive files and no record; after (b),
 * records and no acknowledgement; the next run records what is missing
 * and acknowledges everything (check-pipeline kills at both points).
 * Each message keeps its own attempt count and record transactions,
 * rather than one transaction for the batch, so that a message that
 * kills the process is counted alone and its batch-mates are never set
 * aside with it; those commits cost a WAL append each, no disk wait.
 * A single message (pipeline_ingest) is archived with archive_put, an
 * fsync of the file and of its directory, which for one file is cheaper
 * than two syncs of the whole file system. Replies are sent from the
 * outbox (outbox/queue.c), never from here, so a retry re-sends the same
 * Message-ID.
 *
 * Nothing is stuck at its source either. Bytes that are no MIME message
 * at all are recorded (kind unknown, action manual, message_unreadable)
 * and acknowledged like any other message. Before a message is decided,
 * one more attempt at it is counted in the store and committed (keyed by
 * the sha256 of its bytes; the record clears the count, and an error of
 * the machine's, not the message's, takes it back): a message whose
 * decision has killed the process PIPELINE_MAX_ATTEMPTS times is
 * recorded, without being read again, as manual with processing_failed,
 * and acknowledged. For the tests, HOTROCKS_CRASH_AT=decide kills the
 * process with SIGKILL right after the attempt is counted.
 *
 * A message over [limits] max_message_size comes with its header only:
 * pipeline_decide records it as attachment_too_large for a person
 * (manual) without its body ever being downloaded; its content key is
 * its announced size, and the archive keeps the header.
 *
 * Threads. Before the record, the store is asked whether the message
 * answers one of our cases (cases_thread): a case number "[HT-…]" in its
 * subject (not another unit's, as the units registry tells:
 * cases_other_unit), an In-Reply-To/References naming an item of our
 * outbox that belongs to a case, or, for a mail with nothing attached,
 * the one case its sender has being worked. Such an answer, from a unit or
 * from the Cục, is recorded in that case (audit "reply_received", the
 * case flagged for a person) and opens no case; mail from the Cục is
 * never answered, whatever it is. The decision, and so the CONTRACT
 * JSON, stays what the rules said; only the replies are left out. A SIM
 * activation list accepted from a sender whose list was rejected lately
 * opens its case naming the rejected message (cases.supersedes,
 * store.c), an eToken request the rejected one naming its device.
 *
 * Each message has one clock, its receipt time at the source: the
 * decision (signature validity), received_at, the case number's year and
 * the audit entries use it. Only what happens now (the replies' Date and
 * the time they are queued) reads the clock.
 */
#include <errno.h>
#include <malloc.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "intake/analyse.h"
#include "intake/archive.h"
#include "intake/cases.h"
#include "intake/contract.h"
#include "intake/dsn.h"
#include "intake/forward.h"
#include "intake/pipeline.h"
#include "intake/replies.h"
#include "intake/room.h"
#include "intake/trust.h"
#include "intake/units-store.h"
#include "lib/log.h"
#include "lib/sha256.h"
#include "outbox/queue.h"

/* Deciding a message that killed the process this many times is not
 * tried again: it goes to a person. */
#define PIPELINE_MAX_ATTEMPTS	3

static struct decision *set_aside(enum code, const char *, struct mail **);
static void	 header_only(const unsigned char *, size_t,
		    const struct mime_limits *, struct mail *);
static void	 fill_docs_rows(const struct decision *, struct store_message *);
static const char *first_organization(const struct decision *);
static int	 record(struct pipeline *, const struct source_msg *,
		    const struct mail *, const struct decision *,
		    const struct store_message *, bool, bool, time_t,
		    struct store_recorded *, size_t *, char **);
static int	 flooding(struct db *, const struct config *,
		    const struct mail *, struct decision *, char **);
static int	 record_bounce(struct db_txn *, const struct config *,
		    const struct source_msg *, const struct store_recorded *,
		    time_t, char **);
static bool	 subject_case(const char *, char *);
static void	 sync_unsynced(struct pipeline *);
static int	 ingest_archived(struct pipeline *, const struct source *,
		    void *, const struct source_msg *, const char *,
		    const char *, struct ingest_result *, char **);
static GPtrArray *message_ids(const struct mail *);
static char	*raw_message_id(const unsigned char *, size_t);
static int	 thread(struct pipeline *, const struct mail *,
		    struct decision *, struct store_message *,
		    struct case_thread *, bool *, char **);

/* The header of a raw message is looked through this far for its
 * Message-ID before it is parsed. */
#define PIPELINE_RAW_HEADER	(64 << 10)

/* References read from one message: a hostile thread cannot make the
 * store look up more than this many. */
#define PIPELINE_MAX_REFS	64

/* Where a raw message's body starts: after the first empty line (CRLF
 * or LF), or at its end. */
static const unsigned char *
body_of(const unsigned char *data, size_t len)
{
	const unsigned char *p = data, *end = data + len;

	for (; p < end; p++) {
		if (*p != '\n')
			continue;
		if (p + 1 < end && p[1] == '\n')
			return (p + 2);
		if (p + 2 < end && p[1] == '\r' && p[2] == '\n')
			return (p + 3);
	}
	return (data);
}

char *
pipeline_content_key(const unsigned char *data, size_t len)
{
	const unsigned char *body = body_of(data, len);

	/* line endings as CRLF: a file a mail client saved with LF is the
	 * copy the server holds with CRLF (e2e trial 5, finding 1) */
	return (sha256_hex_crlf(body, (size_t)(data + len - body)));
}

char *
pipeline_content_key_raw(const unsigned char *data, size_t len)
{
	const unsigned char *body = body_of(data, len);

	return (sha256_hex(body, (size_t)(data + len - body)));
}

/*
 * The Message-ID "<…>" of a raw message, from its first Message-ID
 * header (unfolded) before the empty line, or NULL: only to recognise a
 * copy already recorded before it is parsed, so a form this misreads is
 * only a copy found later, after the parse (GMime's reading is the
 * message's).
 */
static char *
raw_message_id(const unsigned char *data, size_t len)
{
	const char	*p = (const char *)data, *end;
	const char	*lt, *gt;
	GString		*v;
	char		*id = NULL;

	end = p + MIN(len, (size_t)PIPELINE_RAW_HEADER);
	while (p < end && *p != '\r' && *p != '\n') {
		const char *eol = memchr(p, '\n', (size_t)(end - p));

		if (eol == NULL)
			break;
		if ((size_t)(eol - p) > 11 &&
		    g_ascii_strncasecmp(p, "Message-ID:", 11) == 0) {
			v = g_string_new(NULL);
			g_string_append_len(v, p + 11, eol - p - 11);
			/* continuation lines */
			while (eol + 1 < end && (eol[1] == ' ' ||
			    eol[1] == '\t')) {
				p = eol + 1;
				if ((eol = memchr(p, '\n', (size_t)(end -
				    p))) == NULL)
					break;
				g_string_append_len(v, p, eol - p);
			}
			if ((lt = strchr(v->str, '<')) != NULL &&
			    (gt = strchr(lt, '>')) != NULL && gt - lt > 1 &&
			    strcspn(lt, " \t\r\n") > (size_t)(gt - lt))
				id = g_strndup(lt, (size_t)(gt - lt + 1));
			g_string_free(v, TRUE);
			return (id);
		}
		p = eol + 1;
	}
	return (NULL);
}

int
pipeline_open_request(void *ctx, const char *phone, const char *iccid,
    char **case_r, char **received_r)
{
	char	*cause = NULL;
	int	 rc;

	rc = cases_open_request(ctx, phone, iccid, case_r, received_r,
	    &cause);
	if (rc == -1) {
		log_warn("store: %s", cause);
		g_free(cause);
		return (0);
	}
	return (rc);
}

int
pipeline_any_requested(void *ctx, const char *const *phones,
    const char *const *iccids, size_t n)
{
	char	*cause = NULL;
	size_t	 k;
	int	 rc = 0;

	for (size_t i = 0; i < n && rc == 0; i += k) {
		k = MIN(n - i, CASES_ANY_MAX);
		rc = cases_any_requested(ctx, phones + i, iccids + i, k,
		    &cause);
	}
	if (rc == -1) {
		/* Each row is then asked on its own. */
		log_warn("store: %s", cause);
		g_free(cause);
		return (1);
	}
	return (rc);
}

char *
pipeline_unit_cert_org(void *ctx, const char *sender)
{
	char	*org = NULL, *cause = NULL;

	if (units_store_cert_org(ctx, sender, &org, &cause) == -1) {
		log_warn("store: %s", cause);
		g_free(cause);
	}
	return (org);
}

char *
pipeline_unit_name(void *ctx, const char *sender)
{
	char	*name = NULL, *cause = NULL;

	if (units_store_name(ctx, sender, &name, &cause) == -1) {
		log_warn("store: %s", cause);
		g_free(cause);
	}
	return (name);
}

int
pipeline_decide(struct db *db, const struct config *cfg,
    const struct source_msg *msg, struct store_message *sm,
    struct mail **mail_r, struct decision **dec_r,
    enum pipeline_seen *seen_r, char **seen_action_r, const char **why_r,
    char **cause)
{
	struct lookup	 lk = { 0 };
	struct decision	*dec;
	bool		 snap = false;
	int		 seen, rc;

	/* The message's one clock: signatures are judged at its receipt. */
	lk.receipt = msg->received_at != 0 ? msg->received_at : time(NULL);
	if (db != NULL) {
		lk.open_request = pipeline_open_request;
		lk.any_requested = pipeline_any_requested;
		lk.unit_cert_org = pipeline_unit_cert_org;
		lk.unit_name = pipeline_unit_name;
		lk.ctx = db;
		snap = db_read_begin(db);
	}
	rc = analyse_message(msg->data, msg->len, cfg, &lk, mail_r, dec_r,
	    why_r);
	if (db != NULL)
		db_read_end(db, snap);
	if (rc == -1)
		return (-1);
	dec = *dec_r;
	if (msg->too_large) {
		findings_add(&dec->errors, CODE_ATTACHMENT_TOO_LARGE,
		    "message of %zu bytes, over max_message_size", msg->size);
		/* Machine mail stays ignored: it is never answered. */
		if (dec->action != ACTION_IGNORE)
			dec->action = ACTION_MANUAL;
	}
	sm->message_id = (*mail_r)->message_id;
	*seen_r = PIPELINE_NEW;
	if (db == NULL)
		return (0);
	seen = store_seen(db, sm, &dec->existing_case, seen_action_r, cause);
	if (seen == 1) {
		dec->already_processed = true;
		dec->action = ACTION_IGNORE;
		*seen_r = PIPELINE_RECORDED;
	} else if (seen == -1)
		*seen_r = PIPELINE_UNKNOWN;
	else if (flooding(db, cfg, *mail_r, dec, cause) == -1)
		*seen_r = PIPELINE_UNKNOWN;
	return (0);
}

/*
 * A sender already sent max_replies_per_day automatic replies in the last
 * 24 hours (a misconfigured autoresponder, a loop we did not recognise):
 * this message goes to a person (manual) instead of being answered, with
 * a warning. 0, or -1 and *cause when the store cannot say.
 */
static int
flooding(struct db *db, const struct config *cfg, const struct mail *mail,
    struct decision *dec, char **cause)
{
	size_t	 n;

	if (cfg->max_replies_per_day == 0 || mail->from_addr == NULL ||
	    (dec->action != ACTION_QUEUE && dec->action != ACTION_REJECT &&
	    dec->action != ACTION_REDIRECT))
		return (0);
	if (queue_count_replies_to(db, mail->from_addr, time(NULL) - 86400,
	    &n, cause) == -1)
		return (-1);
	if (n < cfg->max_replies_per_day)
		return (0);
	log_warn("%s: %zu automatic replies to %s in 24 hours already: "
	    "recorded manual, not answered", mail->message_id ?
	    mail->message_id : "(no Message-ID)", n, mail->from_addr);
	dec->capped = true;
	dec->capped_from = dec->action;
	dec->action = ACTION_MANUAL;
	return (0);
}

/* The decision for a message a person must look at without it being
 * read: kind unknown, action manual, one message error; *mail_r is an
 * empty mail (mime_free). */
static struct decision *
set_aside(enum code code, const char *detail, struct mail **mail_r)
{
	struct decision	*dec = g_new0(struct decision, 1);

	*mail_r = g_new0(struct mail, 1);
	dec->kind = KIND_UNKNOWN;
	dec->action = ACTION_MANUAL;
	findings_add(&dec->errors, code, "%s", detail);
	return (dec);
}

/*
 * What a message set aside unread still says of itself, for the person
 * who takes it (e2e trial 5, finding 3): its header alone, parsed as a
 * message with no body, gives mail its Message-ID, sender, subject and
 * date; never its references (a set-aside message joins no thread).
 * Left blank when even that does not parse.
 */
static void
header_only(const unsigned char *data, size_t len,
    const struct mime_limits *lim, struct mail *mail)
{
	size_t			 n = MIN(len, (size_t)PIPELINE_RAW_HEADER);
	const unsigned char	*body = body_of(data, n);
	struct mail		*h = NULL;
	GByteArray		*b;
	const char		*why = NULL;

	b = g_byte_array_new();
	/* the header and its empty line; all of it when none was seen */
	g_byte_array_append(b, data, (guint)(body > data ? (size_t)(body - data) : n));
	g_byte_array_append(b, (const guint8 *)"\r\n\r\n", 4);
	if (mime_parse(b->data, b->len, lim, &h, &why) == 0) {
		mail->message_id = g_steal_pointer(&h->message_id);
		mail->from_addr = g_steal_pointer(&h->from_addr);
		mail->from_name = g_steal_pointer(&h->from_name);
		mail->subject = g_steal_pointer(&h->subject);
		mail->date = g_steal_pointer(&h->date);
	}
	mime_free(h);
	g_byte_array_free(b, TRUE);
}

/* The rows of a decision as the store reads them, a document's rows
 * through one cursor. */
struct decision_rows {
	const struct decision	*dec;
	struct form_cursor	 cur;
};

static int
decision_row(void *ctx, size_t i, struct store_row *sr)
{
	struct decision_rows	*dr = ctx;
	const struct form	*f = NULL;
	const struct form_row	*fr;
	size_t			 doc, first = 0;

	for (doc = 0; doc < dr->dec->ndocs; doc++) {
		f = dr->dec->docs[doc].form;
		if (f != NULL && i < first + f->nrows)
			break;
		first += f != NULL ? f->nrows : 0;
	}
	if (doc == dr->dec->ndocs)
		return (-1);
	if (dr->cur.f != f) {
		if (dr->cur.f != NULL)
			form_cursor_deinit(&dr->cur);
		form_cursor_init(&dr->cur, f);
	}
	if ((fr = form_cursor_at(&dr->cur, i - first)) == NULL)
		return (-1);
	memset(sr, 0, sizeof(*sr));
	sr->doc = doc;
	sr->idx = fr->index;
	sr->phone = fr->phone;
	sr->iccid = fr->iccid;
	sr->name = fr->name;
	sr->position = fr->position;
	sr->carrier = fr->carrier;
	sr->device_serial = fr->device_serial;
	sr->nerrors = (int)fr->errors.n;
	sr->form = fr;
	return (0);
}

/* Fills the store's view of the decision; strings stay borrowed from
 * dec (pipeline_store_docs_deinit). The rows' and documents' JSON is
 * not repeated: the message's CONTRACT object holds it once. */
static void
fill_docs_rows(const struct decision *dec, struct store_message *sm)
{
	struct store_doc	*docs;
	struct decision_rows	*dr;
	size_t			 nrows = 0;

	docs = g_new0(struct store_doc, dec->ndocs ? dec->ndocs : 1);
	for (size_t i = 0; i < dec->ndocs; i++) {
		const struct document *d = &dec->docs[i];

		docs[i].filename = d->filename;
		docs[i].format = format_name(d->format);
		docs[i].sha256 = d->too_large ? NULL : d->sha256;
		docs[i].kind = kind_name(d->kind);
		if (d->form != NULL && d->kind == KIND_COVER_LETTER) {
			docs[i].doc_number = d->form->doc_number;
			docs[i].doc_date = d->form->doc_date;
		}
		if (d->form != NULL)
			nrows += d->form->nrows;
	}
	dr = g_new0(struct decision_rows, 1);
	dr->dec = dec;
	sm->docs = docs;
	sm->ndocs = dec->ndocs;
	sm->rows = NULL;
	sm->row = decision_row;
	sm->rows_ctx = dr;
	sm->nrows = nrows;
}

void
pipeline_store_docs_deinit(struct store_message *sm)
{
	struct decision_rows *dr = sm->rows_ctx;

	if (dr != NULL && dr->cur.f != NULL)
		form_cursor_deinit(&dr->cur);
	g_free(dr);
	g_free((void *)sm->docs);
	sm->docs = NULL;
	sm->rows_ctx = NULL;
	sm->row = NULL;
	sm->nrows = 0;
}

static const char *
first_organization(const struct decision *dec)
{
	for (size_t i = 0; i < dec->ndocs; i++)
		if (dec->docs[i].form != NULL &&
		    dec->docs[i].form->organization != NULL)
			return (dec->docs[i].form->organization);
	return (NULL);
}

/* The case number "[HT-2024-000123]" in subject, to number (15 bytes). */
static bool
subject_case(const char *subject, char *number)
{
	const char	*p = subject;

	while (p != NULL && (p = strstr(p, "[HT-")) != NULL) {
		bool ok = true;

		for (int i = 0; i < 11 && ok; i++)
			ok = i == 4 ? p[4 + i] == '-' :
			    g_ascii_isdigit(p[4 + i]);
		if (ok && p[15] == ']') {
			memcpy(number, p + 1, 14);
			number[14] = '\0';
			return (true);
		}
		p++;
	}
	return (false);
}

/* The Message-IDs of In-Reply-To and References, "<…>" each, oldest
 * first (In-Reply-To last: it names the message answered). */
static GPtrArray *
message_ids(const struct mail *mail)
{
	GPtrArray	*ids = g_ptr_array_new_with_free_func(g_free);
	const char	*hdr[] = { mail->references, mail->in_reply_to };

	for (size_t h = 0; h < G_N_ELEMENTS(hdr); h++) {
		const char *p = hdr[h], *e;

		while (p != NULL && (p = strchr(p, '<')) != NULL &&
		    (e = strchr(p, '>')) != NULL) {
			if (ids->len == PIPELINE_MAX_REFS)
				g_ptr_array_remove_index(ids, 0);
			g_ptr_array_add(ids, g_strndup(p, (size_t)(e - p + 1)));
			p = e + 1;
		}
	}
	return (ids);
}

/*
 * The thread decision (see the top of this file): fills sm's thread and
 * supersedes fields and *quiet_r (no reply at all). 0, or -1 and *cause.
 */
static int
thread(struct pipeline *pl, const struct mail *mail, struct decision *dec,
    struct store_message *sm, struct case_thread *t, bool *quiet_r,
    char **cause)
{
	GPtrArray	*ids;
	char		 number[15], *resend;
	const char	*org;
	/* a copy over the reply cap is still the copy it is: a resend
	 * goes into the case it repeats, unanswered, not a case of its
	 * own (trial 2, finding 3) */
	enum action	 act = dec->capped ? dec->capped_from : dec->action;
	bool		 cuc, named, other = false;
	int		 rc;

	*quiet_r = false;
	memset(t, 0, sizeof(*t));
	/* Machines, our own mail and what was seen are not answers. */
	if (dec->action == ACTION_IGNORE)
		return (0);
	cuc = mail->from_addr != NULL &&
	    config_is_cuc(pl->cfg, mail->from_addr);
	ids = message_ids(mail);
	named = subject_case(mail->subject, number);
	rc = cases_thread(pl->db, named ? number : NULL,
	    (const char *const *)ids->pdata, ids->len, t, cause);
	/* Another unit's case number (the registry tells whose the sender
	 * is) is no answer to that case: one unit asking after its list
	 * with a number it copied is not filed with, nor flags, another's
	 * (blind set 7, 16a). Its References may still name one; else it
	 * names no case. */
	if (rc == 1 && !cuc && strcmp(t->via, "subject") == 0) {
		switch (cases_other_unit(pl->db, mail->from_addr, t, cause)) {
		case -1:
			rc = -1;
			break;
		case 1:
			other = true;
			cases_thread_deinit(t);
			rc = cases_thread(pl->db, NULL,
			    (const char *const *)ids->pdata, ids->len, t,
			    cause);
			break;
		}
	}
	g_ptr_array_free(ids, TRUE);
	if (rc == -1)
		return (-1);
	*quiet_r = cuc || rc == 1;
	/* A list sent again, every row in one open case: attached to that
	 * case when it is the same unit's (sender or letterhead), and
	 * answered once (received.txt); another unit's rows are no resend,
	 * and its list is rejected as the rules say. */
	if (rc == 0 && !cuc && act == ACTION_REJECT &&
	    dec->kind == KIND_SIM_ACTIVATION &&
	    (resend = replies_resend_case(mail, dec)) != NULL) {
		cases_thread_deinit(t);
		rc = cases_thread(pl->db, resend, NULL, 0, t, cause);
		g_free(resend);
		if (rc == -1)
			return (-1);
		org = first_organization(dec);
		if (rc == 1 && ((mail->from_addr != NULL &&
		    t->from_addr != NULL && g_ascii_strcasecmp(mail->from_addr,
		    t->from_addr) == 0) || (org != NULL &&
		    g_strcmp0(org, t->organization) == 0)))
			t->via = "resend";
		else {
			dec->resend_elsewhere = true;
			rc = 0;
		}
	}
	/* The same eToken request or report sent again (the same file,
	 * a new Message-ID) while its case is worked: attached to it and
	 * answered once, not a second case whose coordinator is phoned
	 * again. */
	if (rc == 0 && !cuc && act == ACTION_QUEUE &&
	    (dec->kind == KIND_ETOKEN_RECOVERY || dec->kind == KIND_REPORT)) {
		for (size_t i = 0; i < dec->ndocs && rc == 0; i++) {
			const struct document *d = &dec->docs[i];
			char *number = NULL, *opened = NULL;

			if (d->form == NULL || d->kind != dec->kind)
				continue;
			rc = cases_same_request(pl->db, kind_name(dec->kind),
			    mail->from_addr, d->form->organization, d->sha256,
			    &number, &opened, cause);
			if (rc == 1) {
				cases_thread_deinit(t);
				rc = cases_thread(pl->db, number, NULL, 0, t,
				    cause);
			}
			if (rc == 1) {
				t->via = "resend";
				dec->resend_case = number;
				dec->resend_opened = opened;
				number = opened = NULL;
			}
			g_free(number);
			g_free(opened);
		}
		if (rc == -1)
			return (-1);
	}
	/* A question with nothing attached, from the sender of the one
	 * case being worked: filed there, not a case of its own (blind
	 * set 7, 04b). Of two or more, a person knows which; an answer to
	 * a letter of ours that opened no case, or naming a case number we
	 * do not know, is not about this one. */
	if (rc == 0 && !cuc && (!named || other) && dec->ndocs == 0 &&
	    t->answers_msg_id == 0 && mail->from_addr != NULL) {
		if ((rc = cases_thread_sender(pl->db, mail->from_addr, t,
		    cause)) == -1)
			return (-1);
		*quiet_r = rc == 1;
	}
	if (rc == 1 && dec->capped)
		*quiet_r = true;
	if (other) {
		g_strlcpy(t->other_unit, number, sizeof(t->other_unit));
		sm->other_unit_case = t->other_unit;
	}
	if (rc == 1) {
		sm->thread_case_id = t->case_id;
		sm->thread_via = t->via;
		sm->thread_from_cuc = cuc;
		sm->case_state = NULL;
	} else if (!cuc && dec->action == ACTION_QUEUE &&
	    dec->kind == KIND_SIM_ACTIVATION) {
		sm->link_rejected = true;
		sm->answers_msg_id = t->answers_msg_id;
	} else if (!cuc && dec->action == ACTION_QUEUE &&
	    dec->kind == KIND_ETOKEN_RECOVERY)
		sm->link_serial = true;
	return (0);
}

/*
 * A bounce of one of ours (a DSN naming a Message-ID we queued): that
 * item becomes bounced with the remote reason and its case goes to
 * review, in the transaction that records the DSN. Never answered: the
 * rules already ignore bounces. 0, or -1 and *cause.
 */
static int
record_bounce(struct db_txn *txn, const struct config *cfg,
    const struct source_msg *msg, const struct store_recorded *rec,
    time_t now, char **cause)
{
	char	**ids = NULL, *reason = NULL, *why;
	int64_t	  item, case_id;
	int	  found, rc = -1;
	bool	  failed;

	dsn_scan((const char *)msg->data, msg->len, &ids, &reason, &failed);
	if (!failed)
		log_notice("message %lld: a delivery report that returns "
		    "nothing (delayed or delivered): no letter bounced",
		    (long long)rec->msg_id);
	for (char **id = ids; failed && *id != NULL; id++) {
		found = queue_bounce(txn, *id, reason != NULL ? reason :
		    "bounced", now, &item, &case_id, cause);
		if (found == -1)
			goto out;
		if (found == 0)
			continue;
		log_notice("outbox %lld %s: bounced: %s (message %lld)",
		    (long long)item, *id, reason ? reason : "no reason given",
		    (long long)rec->msg_id);
		why = g_strdup_printf("%s bounced: %s", *id,
		    reason != NULL ? reason : "no reason given");
		/* An answer to a message without a case (a rejection):
		 * the unit never learns of it unless a person tells it, so
		 * a case in review says so. */
		if (case_id == 0 && store_case_for_answer(txn, item,
		    cfg->timezone, why, &case_id, cause) == -1) {
			g_free(why);
			goto out;
		}
		found = case_id == 0 ? 0 : cases_flag_review(txn, case_id,
		    why, now, NULL, cause);
		g_free(why);
		if (found == -1)
			goto out;
	}
	rc = 0;
out:
	g_strfreev(ids);
	g_free(reason);
	return (rc);
}

/* Where record() puts each letter as it is composed. */
struct record_sink {
	struct pipeline		*pl;
	struct db_txn		*txn;
	const struct store_recorded *rec;
	time_t			 now;
	bool			 fresh;	/* its case stored in this txn */
};

/* A letter into the outbox of the open transaction, then freed; the
 * forward of a case also recorded, and held for consent. */
static int
queue_letter(void *ctx, struct queue_outgoing *o, char **cause)
{
	struct record_sink	*rs = ctx;
	bool			 big;
	int			 rc;

	rc = queue_enqueue(rs->txn, o, 1, rs->rec->msg_id, rs->rec->case_id,
	    rs->now, cause);
	if (rc == 0 && strcmp(o->purpose, "forward") == 0)
		rc = forward_record(rs->txn, rs->pl->cfg, o->message_id,
		    rs->rec->case_id, rs->fresh, rs->now, cause);
	big = strlen(o->raw) >= ((size_t)1 << 20);
	g_free((char *)o->message_id);
	g_free((char *)o->purpose);
	g_free((char *)o->rcpt);
	g_free((char *)o->raw);
	/* A long list's letter is megabytes: give them back before the
	 * next letter is composed. */
	if (big)
		malloc_trim(0);
	return (rc);
}

/*
 * Step 3: one transaction for the record and the replies that quote its
 * case number (none when quiet). 0 recorded now, 1 recorded before (*rec
 * names what was recorded then), -1 and *cause with nothing written.
 */
static int
record(struct pipeline *pl, const struct source_msg *msg,
    const struct mail *mail, const struct decision *dec,
    const struct store_message *sm, bool quiet, bool fresh, time_t now,
    struct store_recorded *rec, size_t *nout_r, char **cause)
{
	struct db_txn		*txn;
	struct record_sink	 rs;
	struct replies_lists	*ahead = NULL;
	char			 date[DB_TIME_SIZE];
	size_t			 nout = 0;
	int			 rc;

	*nout_r = 0;
	if ((txn = db_begin(pl->db, cause)) == NULL)
		return (-1);
	db_time(now, date);
	/* A long list's workbooks are made while its rows are stored. */
	if (!quiet)
		ahead = replies_lists_start(mail, dec, pl->cfg, date);
	rc = store_record(txn, sm, rec, cause);
	if (rc != 0)
		goto out;
	rc = -1;
	if (dec->kind == KIND_BOUNCE &&
	    record_bounce(txn, pl->cfg, msg, rec, now, cause) == -1)
		goto out;
	rs.pl = pl;
	rs.txn = txn;
	rs.rec = rec;
	rs.now = now;
	rs.fresh = fresh;
	if (!quiet && replies_build_each(mail, dec, pl->cfg,
	    rec->case_number, date, sm->sha256, ahead, queue_letter, &rs,
	    &nout, cause) == -1)
		goto out;
	rc = db_commit(txn, cause);
	txn = NULL;
	if (rc == 0)
		*nout_r = nout;
out:
	replies_lists_free(ahead);
	db_rollback(txn);
	return (rc);
}

int
pipeline_ingest(struct pipeline *pl, const struct source *src, void *state,
    const struct source_msg *msg, struct ingest_result *res, char **cause)
{
	char	 sha[65], *rel = NULL;
	int	 rc;

	memset(res, 0, sizeof(*res));
	if (archive_put(pl->cfg->archive_dir, msg->data, msg->len, sha, &rel,
	    cause) == -1)
		return (-1);
	rc = ingest_archived(pl, src, state, msg, sha, rel, res, cause);
	g_free(rel);
	sync_unsynced(pl);
	return (rc);
}

/*
 * The files the outbox wrote without fsync for the commits just made
 * (a forward's attachments, queue_enqueue on a deferred store), synced
 * before those commits can become durable (pipeline_flush, or the IMAP
 * source's own flush). When that fails, nothing of the batch may be
 * acknowledged, and the source holds the acknowledgements: stop here,
 * and the next run finds the messages recorded or not, as the disk
 * kept them.
 */
static void
sync_unsynced(struct pipeline *pl)
{
	char	*cause = NULL;

	if (!db_take_unsynced(pl->db) ||
	    archive_sync(pl->cfg->archive_dir, &cause) == 0)
		return;
	log_error("%s: stopping before anything is acknowledged", cause);
	g_free(cause);
	exit(EX_IOERR);
}

/* A CRL past its nextUpdate tells of no revocation since: a service
 * running for weeks says so in its log once an office day, as verify
 * warns and check-config fails (trial 3, finding 3). */
static void
crl_watch(struct pipeline *pl)
{
	time_t	 now = time(NULL), next;
	char	 day[11], since[21], when[DB_TIME_SIZE];

	if (trust_crl_next_update(pl->cfg->trust, &next) != 0 || next >= now)
		return;
	config_office_day(pl->cfg, now, day, since, NULL);
	if (strcmp(day, pl->crl_warned) == 0)
		return;
	g_strlcpy(pl->crl_warned, day, sizeof(pl->crl_warned));
	db_time(next, when);
	log_warn("signatures: a CRL in %s is past its nextUpdate (%s): a "
	    "certificate revoked since is still judged valid; fetch a fresh "
	    "one (hotrocks check-config names it)", pl->cfg->crl_dir, when);
}

/* A full disk stops every record; a service running unattended says
 * when its store's or archive's file system runs low, once an office
 * day, before it is full. */
static void
room_watch(struct pipeline *pl)
{
	struct room	 room[2];
	char		 day[11], since[21], *text;

	config_office_day(pl->cfg, time(NULL), day, since, NULL);
	if (strcmp(day, pl->room_warned) == 0)
		return;
	room_of(&room[0], "store", pl->cfg->database, pl->cfg->low_space);
	room_of(&room[1], "archive", pl->cfg->archive_dir,
	    pl->cfg->low_space);
	for (size_t i = 0; i < G_N_ELEMENTS(room); i++) {
		if (!room[i].known || !room[i].low)
			continue;
		g_strlcpy(pl->room_warned, day, sizeof(pl->room_warned));
		text = room_text(&room[i]);
		log_warn("%s: %s: %s, below low_space: when it is full, no "
		    "mail is recorded (it waits in the mailbox)", room[i].what,
		    room[i].path, text);
		g_free(text);
	}
}

static void
not_tried(struct pipeline_item *it)
{
	it->rc = -1;
	it->for_now = true;
	it->cause = g_strdup("not tried: the store or the archive could not "
	    "take a message before it");
}

void
pipeline_ingest_batch(struct pipeline *pl, struct pipeline_item *items,
    size_t n)
{
	struct archive_batch	*ab;
	char			**rels = g_new0(char *, n ? n : 1);
	char			(*shas)[65] = g_malloc0(65 * (n ? n : 1));
	char			*cause = NULL;
	const char		*crash_at = getenv("HOTROCKS_CRASH_AT");
	bool			 stalled = false;

	crl_watch(pl);
	room_watch(pl);
	/* The batches before are synced whole (their files and the
	 * outbox's): their commits may be checkpointed now. */
	if (db_deferred(pl->db) && db_checkpoint(pl->db, &cause) == -1) {
		log_warn("store: %s", cause);
		g_free(cause);
		cause = NULL;
	}
	ab = archive_batch_new(pl->cfg->archive_dir);
	for (size_t i = 0; i < n; i++) {
		memset(&items[i].res, 0, sizeof(items[i].res));
		items[i].cause = NULL;
		items[i].for_now = false;
		if (stalled) {
			not_tried(&items[i]);
			continue;
		}
		items[i].rc = archive_batch_put(ab, items[i].msg.data,
		    items[i].msg.len, shas[i], &rels[i], &items[i].cause);
		if (items[i].rc == -1 && db_errno_for_now(errno))
			items[i].for_now = stalled = true;
	}
	/* Every file of the batch durable before any record names it. */
	if (archive_batch_commit(ab, &cause) == -1) {
		bool for_now = db_errno_for_now(errno);

		for (size_t i = 0; i < n; i++) {
			if (items[i].rc == -1)
				continue;
			items[i].rc = -1;
			items[i].cause = g_strdup(cause);
			items[i].for_now = for_now;
		}
		stalled |= for_now;
	}
	g_free(cause);
	archive_batch_free(ab);
	if (crash_at != NULL && strcmp(crash_at, "batch-archived") == 0)
		raise(SIGKILL);
	/* One message the store cannot take for want of room (or an I/O
	 * error, or a lock held too long) and the rest are not tried:
	 * they would fail the same way, each with its error. What the
	 * archive took is recorded whatever came after it. */
	stalled = false;
	for (size_t i = 0; i < n; i++) {
		if (items[i].rc != 0)
			continue;
		if (stalled) {
			not_tried(&items[i]);
			continue;
		}
		db_fail_reset(pl->db);
		items[i].rc = ingest_archived(pl, items[i].src, items[i].state,
		    &items[i].msg, shas[i], rels[i], &items[i].res,
		    &items[i].cause);
		if (items[i].rc == -1 && db_failed_for_now(pl->db))
			items[i].for_now = stalled = true;
	}
	sync_unsynced(pl);
	if (crash_at != NULL && strcmp(crash_at, "batch-recorded") == 0)
		raise(SIGKILL);
	for (size_t i = 0; i < n; i++)
		g_free(rels[i]);
	g_free(rels);
	g_free(shas);
}

int
pipeline_flush(struct pipeline *pl, const struct source *src, void *state,
    char **cause)
{
	if (src->flush == NULL)
		return (0);
	/* Every commit before it durable, before anything leaves. */
	if (db_sync(pl->db, cause) == -1)
		return (-1);
	return (src->flush(state, cause));
}

/* Steps 2 to 4 for a message whose bytes are archived (sha, rel). */
static int
ingest_archived(struct pipeline *pl, const struct source *src, void *state,
    const struct source_msg *msg, const char *sha, const char *rel,
    struct ingest_result *res, char **cause)
{
	const struct config	*cfg = pl->cfg;
	struct store_message	 sm = { 0 };
	struct store_recorded	 rec = { 0 };
	struct case_thread	 thr = { 0 };
	struct store_seen	 prior = { 0 };
	struct mail		*mail = NULL;
	struct decision		*dec = NULL;
	char			 received[DB_TIME_SIZE];
	char			 date[DB_TIME_SIZE];
	char			*key = NULL, *key_raw = NULL, *json = NULL;
	char			*seen_action = NULL, *mid = NULL;
	const char		*why = NULL, *ack_action;
	enum pipeline_seen	 found;
	time_t			 now = time(NULL);
	int			 rc = -1, seen, attempts = 0;
	bool			 quiet = false, fresh;
	const char		*crash_at = getenv("HOTROCKS_CRASH_AT");

	memset(res, 0, sizeof(*res));
	/* A source that acknowledges in batches makes the store durable
	 * before it does (source.h, flush): no disk wait per commit here. */
	if (db_set_deferred(pl->db, src->flush != NULL, cause) == -1)
		return (-1);
	db_time(msg->received_at != 0 ? msg->received_at : now, received);
	res->sha256 = g_strdup(sha);
	if (msg->too_large) {
		char *k = g_strdup_printf("too-large %zu", msg->size);

		key = g_compute_checksum_for_string(G_CHECKSUM_SHA256, k, -1);
		g_free(k);
	} else {
		key = pipeline_content_key(msg->data, msg->len);
		key_raw = pipeline_content_key_raw(msg->data, msg->len);
	}

	sm.source = src->name;
	sm.origin = msg->origin;
	sm.uidvalidity = msg->uidvalidity;
	sm.uid = msg->uid;
	sm.sha256 = sha;
	sm.content_key = key;
	sm.content_key_raw = key_raw;
	sm.archive_path = rel;
	sm.received_at = received;
	sm.office_year = config_office_year(pl->cfg, msg->received_at != 0 ?
	    msg->received_at : now);
	/* Delivered again (a crash between a commit and its acknowledgement,
	 * a copy in another folder): recognised by its source's keys, its
	 * bytes, or its raw Message-ID and body, it is acknowledged as
	 * recorded the first time without being read again. The parsed
	 * Message-ID is checked after the decision, and under the lock
	 * (step 3). */
	if (!msg->too_large)
		sm.message_id = mid = raw_message_id(msg->data, msg->len);
	seen = store_seen_raw(pl->db, &sm, &prior, cause);
	sm.message_id = NULL;
	if (seen == -1)
		goto out;
	if (seen == 1) {
		log_info("%.12s: recorded before: acknowledged, not read again",
		    sha);
		/* a second delivery with bytes of its own (another
		 * Received: line): said in the audit trail, its copy not
		 * kept, so every archived file is a record's (trial 2,
		 * finding 5) */
		if (!msg->too_large && rel != NULL) {
			int dup = store_duplicate_copy(pl->db, sha,
			    msg->origin, prior.message_id, cause);

			if (dup == -1)
				goto out;
			if (dup == 1) {
				char *f = g_build_filename(cfg->archive_dir,
				    rel, NULL);

				if (g_unlink(f) == -1)
					log_warn("%s: %s", f, g_strerror(
					    errno));
				g_free(f);
			}
		}
		res->duplicate = true;
		res->action = ACTION_IGNORE;
		if (prior.kind != NULL && kind_from_name(prior.kind) != -1)
			res->kind = (enum kind)kind_from_name(prior.kind);
		res->case_number = prior.case_number;
		res->subject = prior.subject;
		res->message_id = prior.message_id;
		res->from = prior.from_addr;
		seen_action = prior.action;
		/* Moved to res; the rest is freed below. */
		prior.case_number = prior.subject = prior.message_id = NULL;
		prior.from_addr = prior.action = NULL;
		goto ack;
	}
	/* Counted and committed first: a decision that kills the process
	 * leaves the count for the next start. */
	db_time(now, date);
	if (store_attempt(pl->db, sha, date, &attempts, cause) == -1)
		goto out;
	db_fail_reset(pl->db);
	found = PIPELINE_NEW;
	if (attempts > PIPELINE_MAX_ATTEMPTS) {
		dec = set_aside(CODE_PROCESSING_FAILED, "deciding this message "
		    "stopped the program repeatedly; it was not read again",
		    &mail);
		header_only(msg->data, msg->len, &cfg->mime, mail);
		sm.message_id = mail->message_id;
		log_warn("%.12s: deciding it failed %d times: set aside for a "
		    "person (%s from %s, \"%s\"); once the cause is known, "
		    "hotrocks reprocess decides it again", sha, attempts - 1,
		    mail->message_id != NULL ? mail->message_id :
		    "no Message-ID", mail->from_addr != NULL ?
		    mail->from_addr : "no sender", mail->subject != NULL ?
		    mail->subject : "");
	} else {
		if (crash_at != NULL && strcmp(crash_at, "decide") == 0)
			raise(SIGKILL);
		/* A cheap first look; the record looks again under the
		 * lock. */
		if (pipeline_decide(pl->db, cfg, msg, &sm, &mail, &dec, &found,
		    &seen_action, &why, cause) == -1)
			dec = set_aside(CODE_MESSAGE_UNREADABLE, why, &mail);
	}
	if (found == PIPELINE_UNKNOWN)
		goto out;
	if (found == PIPELINE_RECORDED &&
	    store_attempts_clear(pl->db, sha, cause) == -1)
		goto out;
	sm.from_addr = mail->from_addr;
	sm.subject = mail->subject;
	seen = found == PIPELINE_RECORDED;
	if (seen)
		res->case_number = g_strdup(dec->existing_case);
	else {
		sm.kind = kind_name(dec->kind);
		sm.action = action_name(dec->action);
		sm.organization = first_organization(dec);
		if (dec->action == ACTION_QUEUE)
			sm.case_state = "open";
		else if (dec->action == ACTION_MANUAL)
			sm.case_state = "review";
		fill_docs_rows(dec, &sm);
		if (thread(pl, mail, dec, &sm, &thr, &quiet, cause) == -1)
			goto out;
		/* A row's facts are stored once: in the case that holds
		 * its row, else beside the message (store.h). A long
		 * list's whole JSON is never made here. */
		sm.rows_apart = true;
		/* A new case whose forward is queued with it: without
		 * approval its rows are stored forwarded, not changed one
		 * by one after; held, they stay pending until a person
		 * approves the forward (forward.c). */
		fresh = !quiet && sm.case_state != NULL &&
		    sm.thread_case_id == 0 && replies_forwards(dec, cfg);
		if (fresh && strcmp(cfg->forward_approval, "none") == 0)
			sm.rows_forwarded_at = date;
		json = contract_json_apart(mail, dec, sm.case_state != NULL &&
		    sm.thread_case_id == 0 ? CONTRACT_ROWS_APART :
		    CONTRACT_ROWS_MESSAGE);
		sm.contract_json = json;
		seen = record(pl, msg, mail, dec, &sm, quiet, fresh, now, &rec,
		    &res->nout, cause);
		if (seen == -1)
			goto out;
		res->case_number = rec.case_number;
		rec.case_number = NULL;
		g_free(seen_action);
		seen_action = rec.action;
		rec.action = NULL;
	}
	res->duplicate = seen == 1;
	res->kind = dec->kind;
	res->action = seen == 1 ? ACTION_IGNORE : dec->action;
	for (size_t i = 0; seen == 0 && i < dec->ndocs; i++) {
		const struct form *f = dec->docs[i].form;

		res->nrows += f != NULL ? f->nrows : 0;
		res->nrows_bad += f != NULL ? form_rows_with_errors(f) : 0;
	}
	res->subject = g_strdup(mail->subject);
	res->message_id = g_strdup(mail->message_id);
	res->from = g_strdup(mail->from_addr);
ack:
	/* What was recorded, now or the first time, so that a source that
	 * files by action puts a copy seen again beside the first. */
	ack_action = seen_action != NULL ? seen_action :
	    action_name(res->action);
	if (src->ack(state, msg, ack_action, cause) == -1) {
		/* Recorded: the next run finds it and acknowledges again. */
		log_warn("%.12s: recorded, but not acknowledged: %s", sha,
		    *cause);
		g_free(*cause);
		*cause = NULL;
	}
	rc = 0;
out:
	/* A full disk or a store locked too long is no poison: three
	 * passes of it must not set every waiting message aside. */
	if (rc == -1 && attempts > 0 && db_failed_for_now(pl->db) &&
	    store_attempt_undo(pl->db, sha, NULL) == 0)
		log_info("%.12s: not counted as an attempt: the store "
		    "failed, not the message", sha);
	if (rc == -1)
		ingest_result_deinit(res);	/* callers free successes */
	g_free(mid);
	store_seen_deinit(&prior);
	store_recorded_deinit(&rec);
	cases_thread_deinit(&thr);
	g_free(seen_action);
	pipeline_store_docs_deinit(&sm);
	g_free(json);
	g_free(key);
	g_free(key_raw);
	decision_free(dec);
	mime_free(mail);
	return (rc);
}

void
ingest_result_deinit(struct ingest_result *r)
{
	g_free(r->case_number);
	g_free(r->sha256);
	g_free(r->subject);
	g_free(r->message_id);
	g_free(r->from);
	memset(r, 0, sizeof(*r));
}

/* The lookups of a message decided again (pipeline_redecide). */
struct redecide_ctx {
	struct db	*db;
	const char	*own_case;	/* may be NULL */
};

/* A row its own case holds is no request made elsewhere. */
static int
redecide_open_request(void *ctx, const char *phone, const char *iccid,
    char **case_r, char **received_r)
{
	struct redecide_ctx	*rc = ctx;
	int			 found;

	found = pipeline_open_request(rc->db, phone, iccid, case_r,
	    received_r);
	if (found >= 1 && rc->own_case != NULL && *case_r != NULL &&
	    g_ascii_strcasecmp(*case_r, rc->own_case) == 0) {
		g_free(*case_r);
		*case_r = NULL;
		if (received_r != NULL) {
			g_free(*received_r);
			*received_r = NULL;
		}
		return (0);
	}
	return (found);
}

static int
redecide_any_requested(void *ctx, const char *const *phones,
    const char *const *iccids, size_t n)
{
	return (pipeline_any_requested(((struct redecide_ctx *)ctx)->db,
	    phones, iccids, n));
}

static char *
redecide_unit_cert_org(void *ctx, const char *sender)
{
	return (pipeline_unit_cert_org(((struct redecide_ctx *)ctx)->db,
	    sender));
}

static char *
redecide_unit_name(void *ctx, const char *sender)
{
	return (pipeline_unit_name(((struct redecide_ctx *)ctx)->db, sender));
}

int
pipeline_redecide(struct db *db, const struct config *cfg,
    const struct source_msg *msg, const char *own_case,
    struct mail **mail_r, struct decision **dec_r, const char **why_r)
{
	struct redecide_ctx	 ctx = { db, own_case };
	struct lookup		 lk = { 0 };
	bool			 snap;
	int			 rc;

	lk.receipt = msg->received_at != 0 ? msg->received_at : time(NULL);
	lk.open_request = redecide_open_request;
	lk.any_requested = redecide_any_requested;
	lk.unit_cert_org = redecide_unit_cert_org;
	lk.unit_name = redecide_unit_name;
	lk.ctx = &ctx;
	/* one read snapshot, as pipeline_decide takes: a lookup a row
	 * each in a transaction of its own locked and unlocked the file
	 * 200,000 times for a long list */
	snap = db_read_begin(db);
	rc = analyse_message(msg->data, msg->len, cfg, &lk, mail_r, dec_r,
	    why_r);
	db_read_end(db, snap);
	return (rc);
}

void
pipeline_store_docs(const struct decision *dec, struct store_message *sm)
{
	fill_docs_rows(dec, sm);
	sm->organization = first_organization(dec);
}
