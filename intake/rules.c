/* rules.c: kind and action for one message, as CONTRACT.md says. Pure:
 * the decision depends on the parsed message, the config and what the
 * store answers through the lookup, nothing else. */
#include <string.h>

#include <glib.h>

#include "intake/places.h"
#include "intake/rules.h"
#include "lib/text.h"
#include "parsers/ooxml-sig.h"

static bool	kind_is_ours(enum kind);
static bool	kind_is_redirect(enum kind);
static void	check_requested(const struct lookup *, struct document *);
static void	check_emails(const struct config *, struct document *);
static bool	any_error(const struct decision *);
static void	check_signature(const struct mail *, const struct config *,
		    const struct lookup *, const char *, bool, const char *,
		    struct document *);
static const char *list_organization(const struct decision *);
static bool	cover_vouches(const struct decision *,
		    const struct document *, const char **);
static bool	is_soft_file(const struct document *);
static void	check_soft_file(struct decision *, bool *);
static void	covers_alone(struct decision *);
static bool	org_matches(const char *, const struct sig_signer *);

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

/* The rows at pos[] of f with phones ph[] and ICCIDs ic[], n of them:
 * each held by an open case gets already_requested. One question of the
 * store for the block first, as nearly every row of a list is new. */
static void
requested_block(const struct lookup *lk, struct form *f,
    const char *const *ph, const char *const *ic, const size_t *pos,
    size_t n)
{
	if (lk->any_requested != NULL &&
	    lk->any_requested(lk->ctx, ph, ic, n) == 0)
		return;
	for (size_t i = 0; i < n; i++) {
		char *number = NULL, *received = NULL;

		/* "received" and the date close the detail: the notice
		 * that a list was received already quotes that day. */
		int how = lk->open_request(lk->ctx, ph[i], ic[i], &number,
		    &received);

		/* the detail says how it is held: the letter tells a SIM
		 * activated from one still being worked */
		if (how >= 1)
			findings_add(&form_row_edit(f, pos[i])->errors,
			    CODE_ALREADY_REQUESTED, "%s %s%s%s", how == 2 ?
			    "already activated in case" : how == 3 ?
			    "already sent to the Cục in case" :
			    "already in open case", number ? number : "?",
			    received != NULL ? " received " : "", received !=
			    NULL ? received : "");
		g_free(number);
		g_free(received);
	}
}

/* A SIM already waiting in an open case is not requested twice. */
static void
check_requested(const struct lookup *lk, struct document *d)
{
	struct form_cursor	 cur;
	const struct form_row	*r;
	char			*ph[LOOKUP_BLOCK], *ic[LOOKUP_BLOCK];
	size_t			 pos[LOOKUP_BLOCK], n = 0;
	bool			 end = false;

	if (lk == NULL || lk->open_request == NULL || d->form == NULL)
		return;
	form_cursor_init(&cur, d->form);
	while (!end) {
		if ((r = form_cursor_next(&cur)) == NULL)
			end = true;
		else if (r->phone != NULL || r->iccid != NULL) {
			ph[n] = g_strdup(r->phone);
			ic[n] = g_strdup(r->iccid);
			pos[n++] = cur.next - 1;
		}
		if (n == LOOKUP_BLOCK || (end && n > 0)) {
			requested_block(lk, d->form, (const char *const *)ph,
			    (const char *const *)ic, pos, n);
			for (size_t i = 0; i < n; i++) {
				g_free(ph[i]);
				g_free(ic[i]);
			}
			n = 0;
		}
	}
	form_cursor_deinit(&cur);
}

/* A subscriber's e-mail on a configured free-mail domain; the parser has
 * judged it against the built-in list already. */
static void
check_emails(const struct config *cfg, struct document *d)
{
	struct form_cursor	 cur;
	const struct form_row	*r;

	if (d->form == NULL || !form_rows_any_email(d->form))
		return;
	form_cursor_init(&cur, d->form);
	while ((r = form_cursor_next(&cur)) != NULL) {
		if (r->email != NULL && config_is_public(cfg, r->email) &&
		    !findings_has(&r->errors, CODE_EMAIL_PUBLIC_DOMAIN) &&
		    !findings_has(&r->errors, CODE_EXAMPLE_ROW))
			findings_add(&form_row_edit(d->form,
			    cur.next - 1)->errors, CODE_EMAIL_PUBLIC_DOMAIN,
			    "row %d: %s is not an official address",
			    r->index, r->email);
	}
	form_cursor_deinit(&cur);
}

/* True when the certificate's O or OU names the unit (either way round,
 * ignoring case, diacritics and punctuation): "HUYỆN ỦY SƠN TỊNH" matches
 * O=HUYỆN ỦY SƠN TỊNH, and "VĂN PHÒNG TỈNH ỦY QUẢNG NGÃI" matches
 * OU=VĂN PHÒNG, O=TỈNH ỦY QUẢNG NGÃI. */
static bool
org_matches(const char *unit, const struct sig_signer *s)
{
	char	*u, *o, *ou, *both;
	bool	 ok = false;

	if (unit == NULL || s == NULL)
		return (false);
	u = text_key(unit);
	o = text_key(s->o ? s->o : "");
	ou = text_key(s->ou ? s->ou : "");
	both = g_strconcat(ou, *ou && *o ? " " : "", o, NULL);
	/* The unit is the organisation itself, or the department (OU) of
	 * it; a bare O contained in the unit name is not enough when the
	 * certificate names another department. */
	if (*u != '\0')
		ok = strcmp(u, o) == 0 || strcmp(u, both) == 0 ||
		    (*ou != '\0' && *o != '\0' && text_key_has(u, ou) &&
		    text_key_has(u, o)) ||
		    (*ou == '\0' && *o != '\0' && (text_key_has(u, o) ||
		    text_key_has(o, u)));
	g_free(u);
	g_free(o);
	g_free(ou);
	g_free(both);
	return (ok);
}

/*
 * Whether a registered sender, whose registry names reg_org, may pass on a
 * document signed by another body, s: one below it. Only what the names
 * say is known. A district is above any commune (which district a commune
 * is of is written nowhere here, so its office passing on a commune's list
 * passes); a commune is above no one; two districts, or two communes, are
 * peers. A body of the same place at the same level (the district's
 * people's committee for its party committee) passes, as does a body
 * whose level the names do not tell (the province's, an agency's). The
 * signer's body is its certificate's O; its OU is a department of it.
 */
static bool
may_pass_on(const char *reg_org, const struct sig_signer *s)
{
	enum place_relation r = places_relation(reg_org, s->o);

	return (r != PLACES_BELOW && r != PLACES_PEERS);
}

/*
 * A broken signature (invalid, revoked, partial) is an error whatever the
 * config says: it is evidence of tampering. A signature that cannot be
 * trusted (untrusted, expired, unsupported) or none at all is an error
 * only when signatures are required, and a warning otherwise. unit, when
 * not NULL, is the unit the signer must belong to instead of the
 * document's own letterhead (a cover letter answers for its list);
 * vouched says a cover letter's signature stands for an unsigned soft
 * file, and a cover letter needs no signature of its own; other, when
 * not NULL, is the unit of a signed cover letter that could not stand
 * for d (another unit's list), which the detail names.
 */
static void
check_signature(const struct mail *m, const struct config *cfg,
    const struct lookup *lk, const char *unit, bool vouched,
    const char *other, struct document *d)
{
	const struct doc_signature	*sg = &d->signature;
	const struct sig_result		*first = sg->nresults > 0 ?
					    &sg->results[0] : NULL;
	struct findings			*soft = cfg->require_signature ?
					    &d->errors : &d->warnings;
	const struct sig_signer		*s;
	const char			*reason = NULL;
	char				*unit_org = NULL;

	for (size_t i = 0; i < sg->nresults && reason == NULL; i++)
		reason = sg->results[i].reason;
	for (size_t i = 0; i < sg->nresults; i++)
		for (size_t w = 0; w < sg->results[i].nwarnings; w++)
			findings_add(&d->warnings, CODE_SIGNATURE_UNTRUSTED,
			    "%s", sg->results[i].warnings[w]);
	switch (sg->status) {
	case SIG_INVALID:
		findings_add(&d->errors, CODE_SIGNATURE_INVALID, "%s",
		    reason ? reason : "the signature does not check out");
		return;
	case SIG_REVOKED:
		findings_add(&d->errors, CODE_SIGNATURE_REVOKED, "%s",
		    reason ? reason : "the certificate is revoked");
		return;
	case SIG_PARTIAL:
		findings_add(&d->errors, CODE_SIGNATURE_PARTIAL, "%s",
		    reason ? reason : "parts were added after signing");
		return;
	case SIG_UNTRUSTED:
		findings_add(soft, CODE_SIGNATURE_UNTRUSTED, "%s",
		    reason ? reason : "the certificate is not trusted");
		return;
	case SIG_EXPIRED:
		findings_add(soft, CODE_SIGNATURE_EXPIRED, "%s",
		    reason ? reason : "the certificate was not valid at "
		    "signing time");
		return;
	case SIG_UNSUPPORTED:
		findings_add(soft, CODE_SIGNATURE_UNTRUSTED, "%s",
		    reason ? reason : "a signature in a form that is not "
		    "verified");
		return;
	case SIG_UNSIGNED:
		if (!cfg->require_signature || vouched ||
		    d->kind == KIND_COVER_LETTER)
			return;
		/* the unit told why its công văn did not do: replies.c
		 * reads the list's unit after "a list of " */
		if (other != NULL && d->form != NULL &&
		    d->form->organization != NULL)
			findings_add(&d->errors, CODE_SIGNATURE_MISSING,
			    "the document is not digitally signed, and the "
			    "signed cover letter of %s does not stand for a "
			    "list of %s", other, d->form->organization);
		else
			findings_add(&d->errors, CODE_SIGNATURE_MISSING,
			    "the document is not digitally signed");
		return;
	case SIG_VALID:
		break;
	default:
		return;
	}
	/* Valid: the signer must belong to the unit that sends it: the
	 * letterhead's, or the registry's for the address. A registered
	 * address sending a document its own body did not sign passes it on,
	 * which only a body above the signer's does (trial 2, finding 2: a
	 * district mailing a peer's signed form is not that peer). */
	if (lk != NULL && lk->unit_cert_org != NULL)
		unit_org = lk->unit_cert_org(lk->ctx, m->from_addr);
	if (unit == NULL)
		unit = d->form ? d->form->organization : NULL;
	if (first == NULL || (s = first->signer) == NULL)
		goto out;
	if (!org_matches(unit, s) && !org_matches(unit_org, s))
		findings_add(&d->errors, CODE_SIGNER_MISMATCH,
		    "signed by %s (O=%s, OU=%s), not of %s",
		    s->cn ? s->cn : "?", s->o ? s->o : "-",
		    s->ou ? s->ou : "-",
		    unit_org ? unit_org : unit ? unit : "the sending unit");
	else if (unit_org != NULL && !org_matches(unit_org, s) &&
	    !may_pass_on(unit_org, s))
		findings_add(&d->errors, CODE_SIGNER_MISMATCH,
		    "signed by %s (O=%s, OU=%s): the address is registered for "
		    "%s, which is neither that unit nor one above it",
		    s->cn ? s->cn : "?", s->o ? s->o : "-",
		    s->ou ? s->ou : "-", unit_org);
out:
	g_free(unit_org);
}

/* The unit a message's list names, for its cover letter's signer: the
 * first readable document that is not a cover letter. */
static const char *
list_organization(const struct decision *dec)
{
	for (size_t i = 0; i < dec->ndocs; i++) {
		const struct document *d = &dec->docs[i];

		if (d->kind != KIND_COVER_LETTER && d->form != NULL &&
		    d->form->organization != NULL)
			return (d->form->organization);
	}
	return (NULL);
}

/* A Word or Excel file: what a cover letter calls the "file mềm". */
static bool
is_soft_file(const struct document *d)
{
	return (d->format == FORMAT_DOCX || d->format == FORMAT_XLSX ||
	    d->format == FORMAT_XLS);
}

/*
 * True when a cover letter of the message is signed, validly, by the unit
 * (its signature checked already: no error on it) whose word may stand
 * for d: d's own unit (its letterhead), one above it (a district's office
 * for a commune's list), or a body whose level the names do not tell. A
 * unit's cover letter never stands for a peer's list (blind8: a district
 * vouching for another district's unsigned list). A file with no
 * letterhead read is the cover letter's own.
 */
static bool
cover_vouches(const struct decision *dec, const struct document *d,
    const char **other_r)
{
	const char	*org = d->form != NULL ? d->form->organization : NULL;

	*other_r = NULL;
	for (size_t i = 0; i < dec->ndocs; i++) {
		const struct document	*c = &dec->docs[i];
		const struct sig_signer	*s;
		enum place_relation	 r;

		if (c->kind != KIND_COVER_LETTER ||
		    c->signature.status != SIG_VALID ||
		    document_has_errors(c))
			continue;
		if (org == NULL)
			return (true);
		s = c->signature.nresults > 0 ?
		    c->signature.results[0].signer : NULL;
		if (s == NULL)
			continue;
		r = places_relation(s->o, org);
		if (org_matches(org, s) ||
		    (r != PLACES_BELOW && r != PLACES_PEERS))
			return (true);
		if (*other_r == NULL)
			*other_r = s->o;
	}
	return (false);
}

/*
 * A công văn whose subject names the request ("V/v đề nghị khôi phục
 * thiết bị lưu khóa bí mật") reads as that request with no rows; beside
 * a document of the same kind that has them, it is the cover letter
 * that accompanies it (CONTRACT), not a second request to refuse.
 */
static void
covers_beside(struct decision *dec)
{
	for (size_t i = 0; i < dec->ndocs; i++) {
		struct document	*d = &dec->docs[i];
		struct form	*cover;
		bool		 beside = false;

		if (d->form == NULL || d->form->as_cover == NULL ||
		    d->form->nrows > 0)
			continue;
		for (size_t k = 0; k < dec->ndocs && !beside; k++)
			beside = k != i && dec->docs[k].form != NULL &&
			    dec->docs[k].kind == d->kind &&
			    dec->docs[k].form->nrows > 0;
		if (!beside)
			continue;
		cover = d->form->as_cover;
		d->form->as_cover = NULL;
		form_free(d->form);
		d->form = cover;
		d->kind = KIND_COVER_LETTER;
	}
}

/* A letter that accompanies nothing readable is no cover letter (the
 * CONTRACT: one "that accompanies another document of the same
 * message"): a unit's question in a công văn is a document of unknown
 * kind, for a person, as any letter is. */
static void
covers_alone(struct decision *dec)
{
	for (size_t i = 0; i < dec->ndocs; i++) {
		const struct document *d = &dec->docs[i];

		if (d->kind != KIND_COVER_LETTER && !d->too_large &&
		    !findings_has(&d->errors, CODE_DOCUMENT_UNREADABLE))
			return;
	}
	for (size_t i = 0; i < dec->ndocs; i++)
		if (dec->docs[i].kind == KIND_COVER_LETTER)
			dec->docs[i].kind = KIND_UNKNOWN;
}

/* A list that came only as a PDF (printed, or scanned with its title
 * read): its rows are not read from a page, so a person asks for the
 * Word or Excel file the letter requires. */
static void
check_soft_file(struct decision *dec, bool *missing_r)
{
	bool soft = false;

	for (size_t i = 0; i < dec->ndocs; i++)
		if (dec->docs[i].kind == KIND_SIM_ACTIVATION &&
		    is_soft_file(&dec->docs[i]))
			soft = true;
	for (size_t i = 0; i < dec->ndocs && !soft; i++) {
		struct document *d = &dec->docs[i];

		if (d->kind != KIND_SIM_ACTIVATION || d->format != FORMAT_PDF)
			continue;
		findings_add(&d->errors, CODE_SOFT_FILE_MISSING,
		    "the list came only as a PDF: send the Word or Excel "
		    "file (file mềm) as well");
		*missing_r = true;
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

/*
 * A unit's Mẫu 12 with its subscribers' own Mẫu 11 beside it is the road
 * the letter describes (Phụ lục 2 §5.1: the person writes to the unit,
 * the unit sends its Mẫu 12 here): the Mẫu 11 is an enclosure, not a
 * person writing straight here (individual_form).
 */
static void
individuals_enclosed(struct decision *dec)
{
	bool unit = false;

	for (size_t i = 0; i < dec->ndocs; i++) {
		const struct form *f = dec->docs[i].form;

		unit |= f != NULL && (f->kind == KIND_ETOKEN_RECOVERY ||
		    f->kind == KIND_SIM_RECOVERY) &&
		    g_strcmp0(f->subtype, "unit") == 0;
	}
	for (size_t i = 0; unit && i < dec->ndocs; i++)
		if (dec->docs[i].form != NULL)
			findings_remove(&dec->docs[i].form->errors,
			    CODE_INDIVIDUAL_FORM);
}

void
rules_decide(const struct mail *m, const struct config *cfg,
    const struct lookup *lk, struct decision *dec)
{
	enum kind	 kind = KIND__COUNT;	/* none seen yet */
	bool		 mixed = false, unreadable = false, too_large = false;
	bool		 soft_missing = false;
	size_t		 nread = 0;

	if (m->machine == MIME_BOUNCE) {
		dec->kind = KIND_BOUNCE;
		dec->action = ACTION_IGNORE;
		return;
	}
	if (m->machine == MIME_AUTO_REPLY || config_is_own(cfg, m->from_addr)) {
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

	/* Cover letters first: their signatures decide whether the soft
	 * files they accompany need one of their own. */
	covers_beside(dec);
	covers_alone(dec);
	individuals_enclosed(dec);
	for (size_t i = 0; i < dec->ndocs; i++) {
		struct document *d = &dec->docs[i];

		if (d->kind == KIND_COVER_LETTER && !d->too_large &&
		    !findings_has(&d->errors, CODE_DOCUMENT_UNREADABLE))
			check_signature(m, cfg, lk, list_organization(dec),
			    false, NULL, d);
	}

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
		/* A cover letter takes the kind of what it accompanies. */
		if (d->kind == KIND_COVER_LETTER)
			continue;
		if (kind == KIND__COUNT)
			kind = d->kind;
		else if (kind != d->kind)
			mixed = true;
		if (kind_is_ours(d->kind) || kind_is_redirect(d->kind)) {
			const char	*other = NULL;
			bool		 vouched;

			vouched = cfg->cover_letter_signs_attachments &&
			    is_soft_file(d) && cover_vouches(dec, d, &other);
			check_signature(m, cfg, lk, NULL, vouched, other, d);
		}
		if (d->kind == KIND_SIM_ACTIVATION) {
			check_requested(lk, d);
			check_emails(cfg, d);
		}
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
		dec->kind = KIND_UNKNOWN;
		/* Too large is the sender's to fix; an unreadable file is a
		 * person's to open (the password may be in the body), and is
		 * never answered automatically: it may be hostile. */
		dec->action = too_large && !unreadable ? ACTION_REJECT :
		    ACTION_MANUAL;
		return;
	}
	check_soft_file(dec, &soft_missing);
	dec->kind = kind;
	if (kind == KIND_UNKNOWN || unreadable || soft_missing)
		dec->action = ACTION_MANUAL;
	else if (kind_is_redirect(kind))
		dec->action = ACTION_REDIRECT;
	else if (any_error(dec))
		dec->action = ACTION_REJECT;
	else
		dec->action = ACTION_QUEUE;
}
