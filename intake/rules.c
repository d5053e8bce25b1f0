/* rules.c: kind and action for one message, as CONTRACT.md says. Pure:
 * the decision depends on the parsed message, the config and what the
 * store answers through the lookup, nothing else. */
#include <string.h>

#include <glib.h>

#include "intake/analyse.h"

static bool	kind_is_ours(enum kind);
static bool	kind_is_redirect(enum kind);
static void	check_requested(const struct lookup *, struct document *);
static bool	any_error(const struct decision *);

/* Requests this mailbox acts on itself. */
static bool
kind_is_ours(enum kind k)
{
	return (k == KIND_SIM_ACTIVATION || k == KIND_ETOKEN_RECOVERY ||
	    k == KIND_REPORT);
}

/* Requests that belong to the Cục. */
static bool
kind_is_redirect(enum kind k)
{
	return (k == KIND_SIM_RECOVERY || k == KIND_CERT_REQUEST ||
	    k == KIND_HANDOVER);
}

/* A SIM already waiting in an open case is not requested twice. */
static void
check_requested(const struct lookup *lk, struct document *d)
{
	if (lk == NULL || lk->open_request == NULL || d->form == NULL)
		return;
	for (size_t i = 0; i < d->form->nrows; i++) {
		struct form_row	*r = &d->form->rows[i];
		char		*number = NULL;

		if (r->phone == NULL && r->iccid == NULL)
			continue;
		if (lk->open_request(lk->ctx, r->phone, r->iccid,
		    &number) == 1) {
			findings_add(&r->errors, CODE_ALREADY_REQUESTED,
			    "already in open case %s", number ? number : "?");
		}
		g_free(number);
	}
}

static bool
any_error(const struct decision *dec)
{
	if (dec->errors.n > 0)
		return (true);
	for (size_t i = 0; i < dec->ndocs; i++)
		if (document_has_errors(&dec->docs[i]))
			return (true);
	return (false);
}

void
rules_decide(const struct mail *m, const struct config *cfg,
    const struct lookup *lk, struct decision *dec)
{
	enum kind	 kind = KIND__COUNT;	/* none seen yet */
	bool		 mixed = false, unreadable = false, too_large = false;
	size_t		 nread = 0;

	if (m->machine == MAIL_BOUNCE) {
		dec->kind = KIND_BOUNCE;
		dec->action = ACTION_IGNORE;
		return;
	}
	if (m->machine == MAIL_AUTO_REPLY || config_is_own(cfg, m->from_addr)) {
		dec->kind = KIND_AUTO_REPLY;
		dec->action = ACTION_IGNORE;
		return;
	}

	if (m->from_addr != NULL && config_is_public(cfg, m->from_addr))
		findings_add(&dec->errors, CODE_SENDER_PUBLIC_DOMAIN,
		    "%s is not an official mailbox of a state body",
		    m->from_addr);
	else if (!config_is_registered(cfg, m->from_addr))
		findings_add(&dec->errors, CODE_SENDER_NOT_REGISTERED,
		    "%s is not in the registry of official senders",
		    m->from_addr ? m->from_addr : "(no sender)");

	for (size_t i = 0; i < dec->ndocs; i++) {
		struct document *d = &dec->docs[i];

		if (d->too_large) {
			too_large = true;
			findings_add(&dec->errors, CODE_ATTACHMENT_TOO_LARGE,
			    "%s: %zu bytes, over the limit of %zu",
			    d->filename, d->size, cfg->mime.max_attachment);
			continue;
		}
		if (findings_has(&d->errors, CODE_DOCUMENT_UNREADABLE)) {
			unreadable = true;
			continue;
		}
		nread++;
		if (kind == KIND__COUNT)
			kind = d->kind;
		else if (kind != d->kind)
			mixed = true;
		if (kind_is_ours(d->kind) || kind_is_redirect(d->kind)) {
			if (cfg->require_signature &&
			    d->signature.status == SIG_UNSIGNED)
				findings_add(&d->errors,
				    CODE_SIGNATURE_MISSING, "the document "
				    "is not digitally signed");
		}
		if (d->kind == KIND_SIM_ACTIVATION)
			check_requested(lk, d);
	}

	if (dec->ndocs == 0) {
		dec->kind = KIND_UNKNOWN;
		findings_add(&dec->errors, CODE_NO_DOCUMENTS,
		    "no Word or Excel document is attached");
		dec->action = ACTION_MANUAL;
		return;
	}
	if (mixed) {
		dec->kind = KIND_UNKNOWN;
		findings_add(&dec->errors, CODE_MIXED_DOCUMENTS,
		    "the attached documents are of different kinds");
		dec->action = ACTION_MANUAL;
		return;
	}
	if (nread == 0) {
		/* Nothing could be read: the sender can fix that. */
		dec->kind = KIND_UNKNOWN;
		dec->action = unreadable || too_large ? ACTION_REJECT :
		    ACTION_MANUAL;
		return;
	}
	dec->kind = kind;
	if (kind == KIND_UNKNOWN)
		dec->action = ACTION_MANUAL;
	else if (kind_is_redirect(kind))
		dec->action = ACTION_REDIRECT;
	else if (any_error(dec))
		dec->action = ACTION_REJECT;
	else
		dec->action = ACTION_QUEUE;
}
