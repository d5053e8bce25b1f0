/* pipeline.h: one message from its source to the store, exactly once. */
#ifndef HOTROCKS_PIPELINE_H
#define HOTROCKS_PIPELINE_H

#include <stdbool.h>

#include "intake/config.h"
#include "intake/decision.h"
#include "intake/mime.h"
#include "intake/source.h"
#include "intake/store.h"

struct pipeline {
	const struct config	*cfg;
	struct db		*db;
	char			 crl_warned[11];	/* the office day a stale
							 * CRL was last said */
	char			 room_warned[11];	/* and low room */
};

struct ingest_result {
	enum kind	 kind;
	enum action	 action;
	bool		 duplicate;	/* recorded before: nothing done */
	char		*case_number;	/* opened now, or found; or NULL */
	char		*sha256;
	char		*message_id;	/* the message's, or NULL */
	char		*subject;
	char		*from;
	size_t		 nrows;
	size_t		 nrows_bad;
	size_t		 nout;		/* replies queued */
};

/*
 * Archives, decides, records and then acknowledges msg at src. The
 * message's clock is msg->received_at (0: now): the decision, the store
 * and the audit all use it. 0 with *res filled (free with
 * ingest_result_deinit), or -1 with *cause when the message could not be
 * recorded (it stays unacknowledged at its source, so the next run tries
 * again). A failed acknowledgement is logged, not an error: the message
 * is recorded, and the next run acknowledges it.
 */
int	pipeline_ingest(struct pipeline *, const struct source *, void *state,
	    const struct source_msg *, struct ingest_result *, char **cause);
void	ingest_result_deinit(struct ingest_result *);

/* One message of a batch: msg, src and state filled by the caller (who
 * frees msg); rc 0 and res (ingest_result_deinit), or -1 and cause
 * (g_free). */
struct pipeline_item {
	const struct source	*src;
	void			*state;
	struct source_msg	 msg;
	struct ingest_result	 res;
	int			 rc;
	char			*cause;
	/* failed for the machine's reasons (a full disk, an I/O error, the
	 * store locked too long), or not tried after such a failure: the
	 * caller stops, and the mail waits at its source */
	bool			 for_now;
};

/*
 * pipeline_ingest for n messages at once, from sources with flush (whose
 * commits do not wait for the disk): every message is archived first
 * and the archive synced once for all (archive_batch), then each is
 * decided, recorded and acknowledged (queued) in turn. The caller calls
 * pipeline_flush for each source of the batch after it. Tests:
 * HOTROCKS_CRASH_AT=batch-archived kills the process (SIGKILL) once the
 * batch is archived, before any record;
 * =batch-recorded once every message of it is recorded, before flush.
 */
void	pipeline_ingest_batch(struct pipeline *,
	    struct pipeline_item *items, size_t n);

/*
 * Makes every commit so far durable (db_sync), then lets src finish the
 * acknowledgements it queued (src->flush; nothing when it has none). 0,
 * or -1 and *cause (what was queued stays, recorded, for the next run).
 */
int	pipeline_flush(struct pipeline *, const struct source *, void *state,
	    char **cause);

/* Messages and bytes a caller gathers into one batch, at most. */
#define PIPELINE_BATCH		100
#define PIPELINE_BATCH_BYTES	((size_t)32 << 20)

/* What pipeline_decide learnt from the store. */
enum pipeline_seen {
	PIPELINE_NEW,		/* not recorded there, or no store */
	PIPELINE_RECORDED,	/* recorded before: the decision is ignore */
	PIPELINE_UNKNOWN	/* the store could not say: *cause */
};

/*
 * The decision inspect prints and ingest records, taken one way for
 * both: analyse_message with st's lookups (st may be NULL: no lookups,
 * nothing recorded), then whether st already holds the message sm names
 * (source, origin, uidvalidity, uid, sha256, content_key; message_id is
 * set here, borrowed from *mail_r). Signatures are judged at the
 * message's received_at (now when 0). A message recorded before comes
 * back with already_processed set, action ignore, existing_case its case
 * and *seen_action_r (may be NULL; g_free) the action recorded then.
 * Writes nothing. -1 with *why_r (static) when the bytes are no message;
 * else 0 with *mail_r and *dec_r (free both) and *seen_r, and with
 * PIPELINE_UNKNOWN an allocated *cause, the decision standing as for a
 * new message.
 */
int	pipeline_decide(struct db *db, const struct config *,
	    const struct source_msg *, struct store_message *sm,
	    struct mail **mail_r, struct decision **dec_r,
	    enum pipeline_seen *seen_r, char **seen_action_r,
	    const char **why_r, char **cause);

/*
 * The decision of a message already recorded, taken again (hotrocks
 * reprocess) with today's config, registry and trust anchors: the same
 * analysis and store lookups as pipeline_decide, except that the rows
 * of own_case (its own case, or NULL) are not requests made elsewhere,
 * and no seen or flood check is made. Signatures are judged at
 * msg->received_at. 0 with *mail_r and *dec_r (free both), or -1 with
 * *why_r (static) when the bytes are no message.
 */
int	pipeline_redecide(struct db *, const struct config *,
	    const struct source_msg *, const char *own_case,
	    struct mail **mail_r, struct decision **dec_r, const char **why_r);

/* The store's view of dec's documents and rows (and organization) in
 * sm, as pipeline_ingest records them: strings borrowed from dec; freed
 * by pipeline_store_docs_deinit (which takes a zeroed sm). */
void	pipeline_store_docs(const struct decision *, struct store_message *);
void	pipeline_store_docs_deinit(struct store_message *);

/* The lookup that consults a store (ctx is the struct db *). */
int	pipeline_open_request(void *ctx, const char *phone,
	    const char *iccid, char **case_r, char **received_r);

/* Whether the store may hold one of n phones or ICCIDs (ctx is the
 * struct db *): 1 also when it cannot say. */
int	pipeline_any_requested(void *ctx, const char *const *phones,
	    const char *const *iccids, size_t n);

/* The unit lookups that consult a store (ctx is the struct db *). */
char	*pipeline_unit_cert_org(void *ctx, const char *sender);
char	*pipeline_unit_name(void *ctx, const char *sender);

/* sha256 of the bytes after the header, each line ending as CRLF: the
 * same for a second delivery that only added trace headers, or a copy
 * saved with other line endings. g_free. */
char	*pipeline_content_key(const unsigned char *, size_t);
/* The key older records kept: the body's bytes as they came (a copy with
 * other line endings was another message). g_free. */
char	*pipeline_content_key_raw(const unsigned char *, size_t);

#endif
