/* analyse.c: attachments to documents. Only bytes that parsed cleanly are
 * recognised; an unreadable file is reported, never guessed at. */
#include <string.h>

#include <malloc.h>

#include <glib.h>

#include "intake/analyse.h"
#include "lib/text.h"
#include "lib/sha256.h"
#include "parsers/docx.h"
#include "parsers/html-table.h"
#include "parsers/package.h"
#include "intake/pdf-text.h"
#include "intake/trust.h"
#include "parsers/ooxml-sig.h"
#include "parsers/pdf-sig.h"
#include "parsers/sniff.h"
#include "parsers/vn-legacy.h"
#include "parsers/xls-sig.h"
#include "parsers/xls.h"
#include "parsers/xlsx.h"

/* Rows past which the memory of reading a list is given back at once. */
#define ANALYSE_TRIM_ROWS	10000

static bool	same_file_before(const struct decision *,
		    const struct document *);
static void	read_ooxml(const struct attachment *, const struct config *,
		    time_t, struct document *);
static void	read_xls(const struct attachment *, const struct config *,
		    struct document *);
static void	read_body(const struct mail *, const struct config *,
		    struct decision *);
static void	body_greeting_dropped(struct docbody *);
static void	read_pdf(const struct attachment *, const struct config *,
		    time_t, struct document *);
static enum format named_format(const struct attachment *);

/*
 * The format to report for a container whose bytes say only "ZIP" or
 * "compound file" because it cannot be read: a package cut off in
 * transit, a compound file whose directory is broken, a password-protected
 * OOXML file. To the unit that sent it, a truncated .docx is still a
 * .docx (CONTRACT format), so a name that agrees with the container names
 * the format; nothing is read by it, the document stays unreadable. A ZIP
 * that opens but holds no Word or Excel package stays what it is.
 */
static enum format
named_format(const struct attachment *a)
{
	const char	*dot = strrchr(a->filename, '.');
	bool		 enc;

	if (dot == NULL)
		return (a->format);
	if (a->format == FORMAT_ZIP) {
		if (sniff_zip_opens(a->data, a->len))
			return (a->format);
		if (g_ascii_strcasecmp(dot, ".docx") == 0)
			return (FORMAT_DOCX);
		if (g_ascii_strcasecmp(dot, ".xlsx") == 0)
			return (FORMAT_XLSX);
		return (a->format);
	}
	enc = sniff_ole2_encrypted_package(a->data, a->len);
	if (g_ascii_strcasecmp(dot, enc ? ".docx" : ".doc") == 0)
		return (enc ? FORMAT_DOCX : FORMAT_DOC);
	if (g_ascii_strcasecmp(dot, enc ? ".xlsx" : ".xls") == 0)
		return (enc ? FORMAT_XLSX : FORMAT_XLS);
	return (a->format);
}

/* The document format an empty attachment's name gives, or
 * FORMAT_OTHER. */
static enum format
empty_format(const struct attachment *a)
{
	static const struct {
		const char	*ext;
		enum format	 f;
	} exts[] = {
		{ ".docx", FORMAT_DOCX }, { ".xlsx", FORMAT_XLSX },
		{ ".xls", FORMAT_XLS }, { ".doc", FORMAT_DOC },
		{ ".pdf", FORMAT_PDF },
	};
	const char *dot = a->filename != NULL ? strrchr(a->filename, '.') :
	    NULL;

	for (size_t i = 0; dot != NULL && i < G_N_ELEMENTS(exts); i++)
		if (g_ascii_strcasecmp(dot, exts[i].ext) == 0)
			return (exts[i].f);
	return (FORMAT_OTHER);
}

/* A document read (rc 0, body) is recognised; one that could not be read
 * (rc -1, why) is unreadable. Frees body. */
static void
recognise(int rc, struct docbody *body, const char *why, struct document *d)
{
	if (rc == -1) {
		findings_add(&d->errors, CODE_DOCUMENT_UNREADABLE, "%s",
		    why ? why : "unreadable");
		return;
	}
	/* Told before anything is judged, so staff know the text they read
	 * was converted, not typed so. */
	if (body->legacy > 0)
		findings_add(&d->warnings, CODE_LEGACY_ENCODING, "%zu text "
		    "run%s typed in %s converted to Unicode", body->legacy,
		    body->legacy == 1 ? "" : "s", body->legacy_fonts ==
		    VN_LEGACY_FAMILY_TCVN3 ? "a TCVN3 font" :
		    body->legacy_fonts == VN_LEGACY_FAMILY_VNI ? "a VNI font" :
		    "TCVN3 and VNI fonts");
	d->form = form_read(body);
	docbody_free(body);
	d->kind = d->form->kind;
	/* A long list's grid is gone: its pages go back to the system, not
	 * kept under what the letters need next (malloc keeps them). */
	if (d->form->nrows >= ANALYSE_TRIM_ROWS)
		malloc_trim(0);
}

/* DOCX and XLSX through the package reader, then the recogniser. */
static void
read_ooxml(const struct attachment *a, const struct config *cfg,
    time_t receipt, struct document *d)
{
	struct package	*pkg;
	struct docbody	*body = NULL;
	const char	*why = NULL;
	int		 rc;

	pkg = package_open(a->data, a->len, &cfg->parse, &why);
	if (pkg == NULL) {
		findings_add(&d->errors, CODE_DOCUMENT_UNREADABLE, "%s",
		    why ? why : "not a readable package");
		return;
	}
	/* The signature first: the parts it checks are read through the
	 * same package, so what is parsed next is what was verified. */
	if (analyse_signature(pkg, cfg, receipt, &d->signature, &why) == -1) {
		findings_add(&d->errors, CODE_DOCUMENT_UNREADABLE, "%s",
		    why ? why : "unreadable package");
		package_free(pkg);
		return;
	}
	if (d->format == FORMAT_DOCX)
		rc = docx_read(pkg, &cfg->parse, &body, &why);
	else
		rc = xlsx_read(pkg, &cfg->parse, &body, &why);
	package_free(pkg);
	recognise(rc, body, why, d);
}

/* Legacy Excel through our own bounded BIFF8 reader (parsers/xls.c says
 * why not FreeXL). */
static void
read_xls(const struct attachment *a, const struct config *cfg,
    struct document *d)
{
	struct docbody	*body = NULL;
	const char	*why = NULL;
	int		 rc;

	/* A legacy signature is reported, never trusted: it is not read. */
	if (xls_sig_present(a->data, a->len))
		d->signature.status = SIG_UNSUPPORTED;
	rc = xls_read(a->data, a->len, &cfg->parse, &body, &why);
	recognise(rc, body, why, d);
}

/*
 * A PDF: its signatures (qpdf), then its text (poppler) for the
 * recognisers, so a signed công văn is a cover_letter. One qpdf cannot
 * open is judged by a person; one whose text cannot be read (a scan has
 * none) is unknown. A list in a PDF is known by its title, but its rows
 * are not read from text laid out for the eye: no row or table finding
 * is made of it (the rules ask for the soft file instead).
 */
static void
read_pdf(const struct attachment *a, const struct config *cfg,
    time_t receipt, struct document *d)
{
	struct docbody	*body = NULL;
	const char	*why = NULL;

	if (analyse_pdf_signature(a->data, a->len, cfg, receipt,
	    &d->signature, &why) == -1)
		findings_add(&d->warnings, CODE_DOCUMENT_UNREADABLE, "%s", why);
	if (pdf_text_read(a->data, a->len, &cfg->parse, &body, &why) == -1)
		return;
	recognise(0, body, NULL, d);
	if (d->kind == KIND_SIM_ACTIVATION) {
		form_rows_drop(d->form);
		findings_deinit(&d->form->errors);
	}
}

/* A sentence of the mail, not a line of a pasted letterhead or title:
 * lower-case letters and an end of sentence ("… gửi danh sách sau:"). */
static bool
body_prose(const char *t)
{
	size_t	n = strlen(t);
	bool	lower = false;

	while (n > 0 && g_ascii_isspace(t[n - 1]))
		n--;
	if (n == 0 || strchr(".:!?", t[n - 1]) == NULL)
		return (false);
	for (const char *p = t; *p != '\0' && !lower; p = g_utf8_next_char(p))
		lower = g_unichar_islower(g_utf8_get_char(p));
	return (lower);
}

/* A mail that carries its list in the body greets the office first
 * ("Kính gửi Văn phòng Tỉnh ủy,"); the list's own "Kính gửi:" is the last
 * one before its table, so the ones before it are dropped, and so are the
 * mail's own sentences before the table, which no letterhead holds (else
 * "Đảng ủy xã … gửi danh sách sau:" would be read as the unit's name).
 * When the last one greets the office too, the list has none of its own:
 * the mail is rightly addressed here (letter 1871-CV/VPTU, Phụ lục 2 §6:
 * the soft file goes to the Văn phòng Tỉnh ủy), so that greeting is
 * dropped as well and no wrong_addressee is read into it. */
static void
body_greeting_dropped(struct docbody *b)
{
	long	 last = -1;
	bool	 office = false;

	for (size_t i = 0; i < b->nblocks; i++) {
		char *k;

		if (b->blocks[i].type == BLOCK_TABLE)
			break;
		k = text_key(b->blocks[i].text);
		if (g_str_has_prefix(k, "kinh gui") ||
		    g_str_has_prefix(k, "kinh goi")) {
			if (last >= 0) {
				g_free(b->blocks[last].text);
				b->blocks[last].text = g_strdup("");
			}
			last = (long)i;
			office = text_key_has(k, "van phong tinh uy") ||
			    text_key_has(k, "vptu") ||
			    text_key_has(k, "hotrocks");
		} else if (body_prose(b->blocks[i].text)) {
			g_free(b->blocks[i].text);
			b->blocks[i].text = g_strdup("");
		}
		g_free(k);
	}
	if (last >= 0 && office) {
		g_free(b->blocks[last].text);
		b->blocks[last].text = g_strdup("");
	}
}

/*
 * A message with no document whose HTML body holds a Phụ lục 3 list: the
 * list is read as a document of format body (filename ""), which nothing
 * signs. A body that is not such a list adds nothing.
 */
static void
read_body(const struct mail *m, const struct config *cfg,
    struct decision *dec)
{
	struct docbody	*body = NULL;
	struct document	*d;
	struct form	*f;
	const char	*why;
	gchar		*hex;
	size_t		 len;

	if (m->body_html == NULL)
		return;
	len = strlen(m->body_html);
	if (html_table_read(m->body_html, len, &cfg->parse, &body, &why) ==
	    -1)
		return;
	body_greeting_dropped(body);
	f = form_read(body);
	docbody_free(body);
	if (f->kind != KIND_SIM_ACTIVATION) {
		form_free(f);
		return;
	}
	d = &dec->docs[dec->ndocs++];
	d->filename = g_strdup("");
	d->format = FORMAT_BODY;
	d->size = len;
	d->kind = f->kind;
	d->form = f;
	d->signature.status = SIG_UNSIGNED;
	hex = sha256_hex(m->body_html, len);
	g_strlcpy(d->sha256, hex, sizeof(d->sha256));
	g_free(hex);
}

int
analyse_signature(struct package *pkg, const struct config *cfg,
    time_t receipt, struct doc_signature *sig, const char **why_r)
{
	struct sig_trust tv;

	if (cfg->trust == NULL)
		return (0);
	tv = trust_view(cfg->trust, receipt);
	if (ooxml_sig_verify(pkg, &tv, &sig->results, &sig->nresults,
	    why_r) == -1)
		return (-1);
	sig->status = sig->nresults == 0 ? SIG_UNSIGNED :
	    ooxml_sig_summary(sig->results, sig->nresults);
	return (0);
}

int
analyse_pdf_signature(const unsigned char *data, size_t len,
    const struct config *cfg, time_t receipt, struct doc_signature *sig,
    const char **why_r)
{
	struct sig_trust tv;

	if (cfg->trust == NULL)
		return (0);
	tv = trust_view(cfg->trust, receipt);
	if (pdf_sig_verify(data, len, &tv, &cfg->parse, &sig->results,
	    &sig->nresults, why_r) == -1)
		return (-1);
	sig->status = ooxml_sig_summary(sig->results, sig->nresults);
	return (0);
}

/* Whether d's bytes are those of a document before it in dec. */
static bool
same_file_before(const struct decision *dec, const struct document *d)
{
	for (const struct document *e = dec->docs; e < d; e++)
		if (!e->too_large && strcmp(e->sha256, d->sha256) == 0)
			return (true);
	return (false);
}

void
analyse_documents(const struct mail *m, const struct config *cfg,
    time_t receipt, struct decision *dec)
{
	dec->docs = g_new0(struct document, m->natt ? m->natt : 1);
	for (size_t i = 0; i < m->natt; i++) {
		const struct attachment	*a = &m->att[i];
		struct document		*d;

		/* Pictures, texts and the like are not requests; but an
		 * empty file named as a document is one the unit meant to
		 * send (blind set 5), and it cannot be read. */
		if (a->format == FORMAT_OTHER && !a->too_large &&
		    (a->len > 0 || empty_format(a) == FORMAT_OTHER))
			continue;
		d = &dec->docs[dec->ndocs++];
		d->filename = g_strdup(a->filename);
		d->format = a->format;
		d->size = a->len;
		d->kind = KIND_UNKNOWN;
		d->signature.status = SIG_UNSIGNED;
		if (a->too_large) {
			d->too_large = true;	/* a message error: rules */
			continue;
		}
		{
			gchar *hex = sha256_hex(a->data, a->len);

			g_strlcpy(d->sha256, hex, sizeof(d->sha256));
			g_free(hex);
		}
		/* The same file attached twice is one document: read twice,
		 * its rows would go to the Cục twice (review 5, A2). */
		if (same_file_before(dec, d)) {
			g_free(d->filename);
			memset(d, 0, sizeof(*d));
			dec->ndocs--;
			continue;
		}
		switch (a->format) {
		case FORMAT_DOCX:
		case FORMAT_XLSX:
			read_ooxml(a, cfg, receipt, d);
			break;
		case FORMAT_XLS:
			read_xls(a, cfg, d);
			break;
		case FORMAT_ZIP:
			d->format = named_format(a);
			if (d->format != FORMAT_ZIP) {
				findings_add(&d->errors,
				    CODE_DOCUMENT_UNREADABLE, "a damaged "
				    "%s file (cut off, or not a whole "
				    "package): it cannot be opened",
				    format_name(d->format));
				break;
			}
			/* FALLTHROUGH */
		case FORMAT_OOXML:
			findings_add(&d->errors, CODE_DOCUMENT_UNREADABLE,
			    "a %s archive, not a Word or Excel document",
			    format_name(a->format));
			break;
		case FORMAT_DOC:
			findings_add(&d->errors, CODE_DOCUMENT_UNREADABLE,
			    "a Word 97-2003 (.doc) document: this format is "
			    "not read; save it as .docx and send it again");
			break;
		case FORMAT_OLE2:
			d->format = named_format(a);
			findings_add(&d->errors, CODE_DOCUMENT_UNREADABLE,
			    "%s", sniff_ole2_encrypted_package(a->data,
			    a->len) ? "an encrypted (password-protected) "
			    "Office document" : "a compound file that is "
			    "neither an Excel nor a Word document");
			break;
		case FORMAT_PDF:
			read_pdf(a, cfg, receipt, d);
			break;
		case FORMAT_OTHER:
			d->format = empty_format(a);
			findings_add(&d->errors, CODE_DOCUMENT_UNREADABLE,
			    "an empty file (0 bytes): nothing was attached "
			    "under this name");
			break;
		default:
			break;
		}
	}
	if (dec->ndocs == 0)
		read_body(m, cfg, dec);
}

int
analyse_message(const unsigned char *raw, size_t len,
    const struct config *cfg, const struct lookup *lk, struct mail **mail_r,
    struct decision **decision_r, const char **why_r)
{
	struct mail	*m = NULL;
	struct decision	*dec;

	if (mime_parse(raw, len, &cfg->mime, &m, why_r) == -1)
		return (-1);
	dec = g_new0(struct decision, 1);
	analyse_documents(m, cfg, lk != NULL && lk->receipt != 0 ?
	    lk->receipt : time(NULL), dec);
	rules_decide(m, cfg, lk, dec);
	if (lk != NULL && lk->unit_name != NULL && m->from_addr != NULL)
		dec->sender_unit = lk->unit_name(lk->ctx, m->from_addr);
	*mail_r = m;
	*decision_r = dec;
	return (0);
}

void
decision_free(struct decision *dec)
{
	if (dec == NULL)
		return;
	for (size_t i = 0; i < dec->ndocs; i++) {
		struct document *d = &dec->docs[i];

		g_free(d->filename);
		form_free(d->form);
		ooxml_sig_results_free(d->signature.results,
		    d->signature.nresults);
		findings_deinit(&d->errors);
		findings_deinit(&d->warnings);
	}
	g_free(dec->docs);
	findings_deinit(&dec->errors);
	findings_deinit(&dec->warnings);
	g_free(dec->existing_case);
	g_free(dec->resend_case);
	g_free(dec->resend_opened);
	g_free(dec->sender_unit);
	g_free(dec);
}

bool
document_has_errors(const struct document *d)
{
	return (d->errors.n > 0 || (d->form != NULL &&
	    (d->form->errors.n > 0 || form_rows_with_errors(d->form) > 0)));
}
