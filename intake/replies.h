/* replies.h: the messages queued in answer to one message (ack, reject,
 * redirect, and the forward of a SIM activation list to the Cục), composed
 * whole with Message-IDs fixed now. It never answers a machine. */
#ifndef HOTROCKS_REPLIES_H
#define HOTROCKS_REPLIES_H

#include <stddef.h>

#include "intake/config.h"
#include "intake/decision.h"
#include "intake/mime.h"
#include "outbox/queue.h"

/* A letter lists at most this many rows; a longer list is attached
 * whole as an XLSX (the forward always carries one), so a 200,000-row
 * list makes a short letter, not a 40 MB one. */
#define REPLIES_INLINE_ROWS	50

struct replies_lists;

/*
 * Builds what the decision says to send about mail:
 *  ignore, manual              nothing (a person reads manual mail)
 *  mail from a machine, from no address, from the Cục's domain, or
 *  from one of our own
 *                              nothing, whatever the action
 *  queue                       "ack" to the sender, and "forward" to
 *                              cfg->cuc_address when cfg->forward_to_cuc,
 *                              the kind is sim_activation and the
 *                              forward_mode is not "daily"; the forward
 *                              carries the accepted rows as a Phụ lục 3
 *                              XLSX, then the attachments of mail whose
 *                              sha256 is a document's, byte for byte
 *  reject                      "reject" to the sender, every finding
 *  redirect                    "redirect" to the sender, with the Cục's
 *                              contact details and any findings
 * case_number may be NULL; now is RFC 3339 (the Date); msg_sha256 is the
 * hex digest of the incoming raw bytes. Message-IDs are
 * <hotrocks.PURPOSE.FIRST-24-HEX@MAILBOX-DOMAIN>, so a rebuild after a
 * crash names the same messages.
 * Returns 0 with *out_r (NULL when none) and *n_r; every string in every
 * element is allocated, and replies_free releases them and the array.
 * -1 and *cause (g_free) on bad input or configuration.
 */
/* True when the letters of d include its forward to the Cục (a queued
 * SIM activation list, forwarded one case at a time): the store then
 * records its clean rows as forwarded (store_message.rows_forwarded_at). */
bool	replies_forwards(const struct decision *, const struct config *);

int	replies_build(const struct mail *, const struct decision *,
	    const struct config *, const char *case_number, const char *now,
	    const char *msg_sha256, struct queue_outgoing **out_r, size_t *n_r,
	    char **cause);
/* The same letters with every Phụ lục 3 workbook left empty: what would
 * be sent and to whom, without making a long list's workbook only to
 * say so (reprocess without --send). Never queued. */
int	replies_plan(const struct mail *, const struct decision *,
	    const struct config *, const char *case_number, const char *now,
	    const char *msg_sha256, struct queue_outgoing **out_r, size_t *n_r,
	    char **cause);
/*
 * The same letters, each handed to sink(ctx, letter, cause) as soon as it
 * is composed, so that a long list's acknowledgement is queued and freed
 * before its forward is composed; their attachments are apart (raw with
 * empty bodies, letter->blobs their bytes, valid during the call only:
 * queue_enqueue takes them so). The sink owns the letter (its strings
 * and raw) whatever it returns; -1 from it stops the build with its
 * *cause. *n_r: letters handed over.
 */
int	replies_build_each(const struct mail *, const struct decision *,
	    const struct config *, const char *case_number, const char *now,
	    const char *msg_sha256, struct replies_lists *ahead,
	    int (*sink)(void *, struct queue_outgoing *, char **), void *ctx,
	    size_t *n_r, char **cause);

/*
 * A long list's Phụ lục 3 workbooks made ahead, on a thread of their own,
 * while this one records the rows: the letters are composed after the
 * store has the case, but the workbooks need only the decision, the
 * configuration and the date (the bytes are the same either way, being
 * a function of those alone). NULL, and no thread, for a decision of
 * fewer than REPLIES_AHEAD_ROWS rows or one that is not answered. From
 * the call until replies_lists_free, nothing may change or add a row of
 * d's forms (their rows are sealed here), and d, cfg and mail must stay.
 * replies_build_each(..., ahead, ...) with the same d, cfg and now takes
 * what it wants of them; replies_lists_free waits for the thread and
 * frees the rest (takes NULL).
 */
#define REPLIES_AHEAD_ROWS	2000
struct replies_lists *replies_lists_start(const struct mail *,
	    const struct decision *, const struct config *, const char *now);
/* Workbooks replies_build_each took from it. */
size_t	replies_lists_taken(const struct replies_lists *);
void	replies_lists_free(struct replies_lists *);
/*
 * The open case every row of a rejected list already sits in, when
 * nothing else is wrong with it: a list sent again, answered once with
 * received.txt rather than a rejection (g_free), or NULL. The same test
 * replies_build makes; d->resend_elsewhere makes it NULL.
 */
char	*replies_resend_case(const struct mail *, const struct decision *);

/*
 * A document's own date ("2024-05-08", form.doc_date) as the letters
 * cite it ("08/5/2024"), or NULL when there is none or it is later than
 * mail_date (RFC 3339, the mail that carried it), in the office's day
 * (zone: [mailbox] timezone, as wording_date takes it): a slip the
 * office does not repeat back. g_free.
 */
char	*replies_cited_date(const char *doc_date, const char *mail_date,
	    const char *zone);

/* The case a completion notice is about; all borrowed. */
struct replies_done {
	const char	*case_number;	/* "HT-2024-000123" */
	const char	*kind;		/* the case's kind, as stored */
	const char	*organization;	/* letterhead, or NULL */
	const char	*from_addr;	/* who sent the opening message */
	const char	*subject;	/* its subject */
	const char	*message_id;	/* its Message-ID, or NULL */
	const char	*received_at;	/* when it arrived, RFC 3339 */
	const char	*note;		/* staff's --note, or NULL */
	int		 serial;	/* 1 for the case's first notice */
	const char	*addressee;	/* whom the acknowledgement greeted,
					 * or NULL: the letterhead's unit */
	/* A SIM list's rows not activated, each "TT 3 (đồng chí …): why",
	 * and how many were activated. */
	const char *const *refused;
	size_t		 nrefused, nactivated;
};

/*
 * The completion notice (done.txt) for a case staff closed: to the
 * sender of the message that opened it, "Re: [HT-…] subject", threaded
 * under that message (In-Reply-To, References), Message-ID
 * <hotrocks.done.NUMBER.SERIAL@MAILBOX-DOMAIN>, so each closing of a case
 * names its own notice and a rebuild of the same one names it again.
 * 0 with *out_r (replies_free) and *n_r = 1, or *n_r = 0 when the
 * sender is no one, one of our own addresses or the Cục; -1 and *cause.
 */
int	replies_build_done(const struct config *, const struct replies_done *,
	    const char *now, struct queue_outgoing **out_r, size_t *n_r,
	    char **cause);

/* Frees n replies from replies_build; NULL is fine. */
void	replies_free(struct queue_outgoing *, size_t n);

#endif
