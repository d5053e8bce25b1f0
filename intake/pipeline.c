/* pipeline.c: source → archive → decide → one transaction → acknowledge.
 *
 * Why a message is processed exactly once:
 *  1. The raw bytes are archived (content-addressed, fsync'd, renamed)
 *     before anything refers to them; archiving twice is harmless.
 *  2. The decision is computed without writing anything.
 *  3. The message, its case, its rows, its replies (with Message-IDs
 *     fixed now) and the audit entries are written in one transaction,
 *     which first checks that the message is not already recorded (by
 *     IMAP origin, by Message-ID + body, or by bytes).
 *  4. Only after the commit is the message acknowledged at its source.
 * A crash before 3 commits leaves nothing but an archive file and an
 * unacknowledged message, which the next run processes again. A crash
 * between 3 and 4 leaves a recorded, unacknowledged message: the next run
 * finds it recorded in step 3, records nothing, and acknowledges it.
 * Replies are sent from the outbox table, never from here, so a retry
 * re-sends the same Message-ID.
 */
#include <string.h>

#include <glib.h>

#include "intake/analyse.h"
#include "intake/archive.h"
#include "intake/contract.h"
#include "intake/pipeline.h"
#include "intake/replies.h"
#include "lib/log.h"

struct compose_ctx {
	const struct mail	*mail;
	const struct decision	*dec;
	const struct config	*cfg;
	const char		*now;
	const char		*sha256;
	struct store_outgoing	*out;
	size_t			 nout;
};

static int	compose_cb(void *, const char *, const struct store_outgoing **,
		    size_t *, char **);

char *
pipeline_now(void)
{
	GDateTime	*t = g_date_time_new_now_utc();
	char		*s = g_date_time_format(t, "%Y-%m-%dT%H:%M:%SZ");

	g_date_time_unref(t);
	return (s);
}

char *
pipeline_content_key(const unsigned char *data, size_t len)
{
	const unsigned char *p = data, *end = data + len, *body = data;

	/* The body starts after the first empty line (CRLF or LF). */
	for (; p < end; p++) {
		if (*p != '\n')
			continue;
		if (p + 1 < end && p[1] == '\n') {
			body = p + 2;
			break;
		}
		if (p + 2 < end && p[1] == '\r' && p[2] == '\n') {
			body = p + 3;
			break;
		}
	}
	return (g_compute_checksum_for_data(G_CHECKSUM_SHA256, body,
	    (size_t)(end - body)));
}

int
pipeline_open_request(void *ctx, const char *phone, const char *iccid,
    char **case_r)
{
	char	*cause = NULL;
	int	 rc;

	rc = store_open_request(ctx, phone, iccid, case_r, &cause);
	if (rc == -1) {
		log_warn("store: %s", cause);
		g_free(cause);
		return (0);
	}
	return (rc);
}

char *
pipeline_unit_cert_org(void *ctx, const char *sender)
{
	char	*org = NULL, *cause = NULL;

	if (store_unit_cert_org(ctx, sender, &org, &cause) == -1) {
		log_warn("store: %s", cause);
		g_free(cause);
	}
	return (org);
}

int
pipeline_decide(struct store *st, const struct config *cfg,
    const struct source_msg *msg, struct store_message *sm,
    struct mail **mail_r, struct decision **dec_r,
    enum pipeline_seen *seen_r, const char **why_r, char **cause)
{
	struct lookup	 lk = { 0 };
	struct decision	*dec;
	int		 seen;

	if (st != NULL) {
		lk.open_request = pipeline_open_request;
		lk.unit_cert_org = pipeline_unit_cert_org;
		lk.ctx = st;
	}
	if (analyse_message(msg->data, msg->len, cfg, &lk, mail_r, dec_r,
	    why_r) == -1)
		return (-1);
	dec = *dec_r;
	sm->message_id = (*mail_r)->message_id;
	*seen_r = PIPELINE_NEW;
	if (st == NULL)
		return (0);
	seen = store_seen(st, sm, &dec->existing_case, cause);
	if (seen == 1) {
		dec->already_processed = true;
		dec->action = ACTION_IGNORE;
		*seen_r = PIPELINE_RECORDED;
	} else if (seen == -1)
		*seen_r = PIPELINE_UNKNOWN;
	return (0);
}

static int
compose_cb(void *ctxp, const char *case_number,
    const struct store_outgoing **out_r, size_t *nout_r, char **cause)
{
	struct compose_ctx *ctx = ctxp;

	if (replies_build(ctx->mail, ctx->dec, ctx->cfg, case_number, ctx->now,
	    ctx->sha256, &ctx->out, &ctx->nout, cause) == -1)
		return (-1);
	*out_r = ctx->out;
	*nout_r = ctx->nout;
	return (0);
}

/* Fills the store's view of the decision; strings stay borrowed from
 * dec and the arrays are freed by the caller. */
static void
fill_docs_rows(const struct decision *dec, struct store_message *sm,
    char ***jsons_r, size_t *njsons_r)
{
	struct store_doc	*docs;
	struct store_row	*rows;
	GPtrArray		*jsons = g_ptr_array_new();
	size_t			 nrows = 0, k = 0;

	for (size_t i = 0; i < dec->ndocs; i++)
		if (dec->docs[i].form != NULL)
			nrows += dec->docs[i].form->nrows;
	docs = g_new0(struct store_doc, dec->ndocs ? dec->ndocs : 1);
	rows = g_new0(struct store_row, nrows ? nrows : 1);
	for (size_t i = 0; i < dec->ndocs; i++) {
		const struct document *d = &dec->docs[i];
		char *j = contract_document_json(d);

		g_ptr_array_add(jsons, j);
		docs[i].filename = d->filename;
		docs[i].format = format_name(d->format);
		docs[i].sha256 = d->too_large ? NULL : d->sha256;
		docs[i].kind = kind_name(d->kind);
		docs[i].json = j;
		for (size_t r = 0; d->form != NULL && r < d->form->nrows; r++) {
			const struct form_row *fr = &d->form->rows[r];

			j = contract_row_json(fr);
			g_ptr_array_add(jsons, j);
			rows[k].doc = i;
			rows[k].idx = fr->index;
			rows[k].phone = fr->phone;
			rows[k].iccid = fr->iccid;
			rows[k].name = fr->name;
			rows[k].position = fr->position;
			rows[k].carrier = fr->carrier;
			rows[k].device_serial = fr->device_serial;
			rows[k].nerrors = (int)fr->errors.n;
			rows[k].json = j;
			k++;
		}
	}
	sm->docs = docs;
	sm->ndocs = dec->ndocs;
	sm->rows = rows;
	sm->nrows = k;
	*njsons_r = jsons->len;
	g_ptr_array_add(jsons, NULL);
	*jsons_r = (char **)g_ptr_array_free(jsons, FALSE);
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

int
pipeline_ingest(struct pipeline *pl, const struct source *src, void *state,
    const struct source_msg *msg, struct ingest_result *res, char **cause)
{
	const struct config	*cfg = pl->cfg;
	struct store_message	 sm = { 0 };
	struct compose_ctx	 cc = { 0 };
	struct mail		*mail = NULL;
	struct decision		*dec = NULL;
	char			 sha[65];
	char			*rel = NULL, *key = NULL, *now = NULL;
	char			*json = NULL, *case_number = NULL;
	char		       **jsons = NULL;
	size_t			 njsons = 0;
	const char		*why = NULL;
	enum pipeline_seen	 found;
	int			 rc = -1, seen;

	memset(res, 0, sizeof(*res));
	now = pl->now ? g_strdup(pl->now) : pipeline_now();
	if (archive_put(cfg->archive_dir, msg->data, msg->len, sha, &rel,
	    cause) == -1)
		goto out;
	res->sha256 = g_strdup(sha);
	key = pipeline_content_key(msg->data, msg->len);

	sm.source = src->name;
	sm.origin = msg->origin;
	sm.uidvalidity = msg->uidvalidity;
	sm.uid = msg->uid;
	sm.sha256 = sha;
	sm.content_key = key;
	sm.archive_path = rel;
	sm.received_at = now;
	if (pipeline_decide(pl->store, cfg, msg, &sm, &mail, &dec, &found,
	    &why, cause) == -1) {
		*cause = g_strdup_printf("%.12s: not a message: %s", sha, why);
		goto out;
	}
	if (found == PIPELINE_UNKNOWN)
		goto out;
	sm.from_addr = mail->from_addr;
	sm.subject = mail->subject;
	if (found == PIPELINE_RECORDED) {
		res->duplicate = true;
		res->kind = dec->kind;
		res->action = ACTION_IGNORE;
		res->case_number = g_strdup(dec->existing_case);
		goto ack;
	}

	json = contract_json(mail, dec, false);
	sm.kind = kind_name(dec->kind);
	sm.action = action_name(dec->action);
	sm.contract_json = json;
	sm.organization = first_organization(dec);
	if (dec->action == ACTION_QUEUE)
		sm.case_state = "open";
	else if (dec->action == ACTION_MANUAL)
		sm.case_state = "review";
	fill_docs_rows(dec, &sm, &jsons, &njsons);
	cc.mail = mail;
	cc.dec = dec;
	cc.cfg = cfg;
	cc.now = now;
	cc.sha256 = sha;
	sm.compose = compose_cb;
	sm.compose_ctx = &cc;

	seen = store_record(pl->store, &sm, &case_number, cause);
	if (seen == -1)
		goto out;
	res->duplicate = seen == 1;
	res->kind = dec->kind;
	res->action = seen == 1 ? ACTION_IGNORE : dec->action;
	res->case_number = case_number;
	case_number = NULL;
	res->nout = cc.nout;
	for (size_t i = 0; i < sm.nrows; i++) {
		res->nrows++;
		if (sm.rows[i].nerrors > 0)
			res->nrows_bad++;
	}
ack:
	res->subject = g_strdup(mail->subject);
	res->from = g_strdup(mail->from_addr);
	if (src->ack(state, msg,
	    action_name(res->duplicate ? ACTION_IGNORE : res->action), cause) == -1) {
		/* Recorded: the next run finds it and acknowledges again. */
		log_warn("%.12s: recorded, but not acknowledged: %s", sha,
		    *cause);
		g_free(*cause);
		*cause = NULL;
	}
	rc = 0;
out:
	replies_free(cc.out, cc.nout);
	g_free((void *)sm.docs);
	g_free((void *)sm.rows);
	g_strfreev(jsons);
	(void)njsons;
	g_free(json);
	g_free(case_number);
	g_free(rel);
	g_free(key);
	g_free(now);
	decision_free(dec);
	mail_free(mail);
	return (rc);
}

void
ingest_result_deinit(struct ingest_result *r)
{
	g_free(r->case_number);
	g_free(r->sha256);
	g_free(r->subject);
	g_free(r->from);
	memset(r, 0, sizeof(*r));
}
