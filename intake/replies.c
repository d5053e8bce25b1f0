/* replies.c: from a decision to the composed messages the store queues.
 * Pure: the date and the digest come in. It must never queue a reply to
 * a machine, to no one, or to ourselves (RFC 3834). */
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "intake/places.h"
#include "intake/replies.h"
#include "outbox/compose.h"
#include "outbox/forward-xlsx.h"
#include "outbox/templates.h"
#include "outbox/texts-vi.h"
#include "outbox/wording.h"
#include "lib/text.h"
#include "lib/sha256.h"
#include "lib/zone.h"
#include "parsers/vn-iccid.h"
#include "parsers/vn-phone.h"

/* Where a letter's table of rows goes: a line the HTML alternative turns
 * into a <table>. Values can hold no control character (clean()), so no
 * unit can write it. */
#define TABLE_MARKER	"\x1e" "table" "\x1e"

static const char no_subject[] = "(không có tiêu đề)";
/* The province of the Văn phòng Tỉnh ủy, for letters that leave it. */
static const char province[] = "Quảng Ngãi";
/* A list with no item: the batch forward's per-case list, here. */
static const char *const no_items[] = { NULL };

/* What the letters say about one message, worked out once. */
struct letter {
	GPtrArray	*errors, *warnings, *fixes, *files, *cms;
	/* What the Cục is told of the unit's files beside the list
	 * (a number the Văn phòng wrote anew). */
	GPtrArray	*cuc_notes;
	GString		*rows_people, *rows_cuc;	/* text lines */
	GString		*html_people, *html_cuc;	/* <table> */
	char		*unit, *sender, *received, *nrows, *examples;
	/* The greeting's and the To: line's name (wording_addressee):
	 * "Văn phòng Huyện ủy Sơn Tịnh" where unit, the list's owner for
	 * the Cục, is "Huyện ủy Sơn Tịnh". */
	char		*addressee;
	char		*list_unit;	/* whose list, when not the addressee's */
	/* Each file's unit, beside files (NULL: no letterhead read); the
	 * lists' units when more than one (two communes' lists passed on
	 * in one mail), and then the forward's line for each unit's files
	 * (review 5, A1). */
	GPtrArray	*owners, *units, *unit_files;
	bool		 in_body;	/* the list was typed in the mail */
	const char	*subtype;	/* the forms' one subtype, or NULL */
	bool		 public_sender;	/* sent from gmail and the like */
	char		*coordinator_name, *coordinator_phone;
	char		*existing_case;	/* all rows sit in this open case */
	char		*existing_date;	/* the day it was received */
	int		 existing_how;	/* held_how() of its rows */
	bool		 fixed[CODE__COUNT];
	bool		 individual, all_signed;
	/* an individual's devices: only eTokens, only SIMs, or either */
	bool		 only_etoken, only_sim;
	bool		 returned;	/* the letter returns the documents */
	enum kind	 kind;
	size_t		 nlists;	/* documents that hold a list */
	bool		 cover_signed;	/* a valid cover letter and an
					 * unsigned soft file: one submission */
	/* The unit's cover letter (công văn), which the letters introduce
	 * as its formal request: its file name; its entry in the forward's
	 * files; its number, date ("08/5/2024") and unit when read. */
	char		*cover_name, *cover_file;
	/* that công văn signed validly, or in a way we cannot check (the
	 * Cục can): what the Cục may be given */
	bool		 cover_valid;
	/* that công văn signed by no one; and a Word file (a draft) */
	bool		 cover_unsigned, cover_word;
	char		*cover_number, *cover_date, *cover_unit;
	/* Beside a cover letter, the one soft file (the list) the forward
	 * names on a line of its own (borrowed from files), or other
	 * files, listed under a line of their own. */
	const char	*one_file;
	bool		 other_files;
	size_t		 nlisted;	/* rows accepted */
	/* Rows whose findings the letter does not list (past
	 * REPLIES_INLINE_ROWS rows with errors, or with warnings): the
	 * attached list says them, in its "Ghi chú" column. */
	size_t		 nerr_more, nwarn_more;
	/* The list as built for the letters, without and with the notes
	 * column: one build a message however many letters attach it. */
	unsigned char	*list[2];
	size_t		 list_len[2];
};

/* What a row's item says, kept apart until the document's rows are all
 * read, so that rows told the same thing are told it once (rows_flush). */
struct row_item {
	const char	*file;		/* the document's name, or NULL when
					 * the message has one (borrowed) */
	char		*label;		/* "TT 3 (đồng chí Lê Thị C)" */
	enum code	 code;
	char		*text;		/* what is said of this row alone */
	/* When text is the code's valued clause: that clause and its
	 * values; the clause for several rows with these values (rows),
	 * and for several rows each with its own value, said in turn
	 * (each); either NULL when the code has none (texts-vi.h). */
	const char	*valued, *rows, *each;
	char		*v, *w;
};

struct job {
	const struct mail	*mail;
	const struct decision	*d;
	const struct config	*cfg;
	const char		*case_number;
	const char		*now;
	const char		*digest;	/* 24 hex, lower case */
	const char		*domain;
	struct letter		 l;
	/* Each letter once composed; it owns the letter from then on. */
	int			(*sink)(void *, struct queue_outgoing *,
				    char **);
	void			*sink_ctx;
	bool			 apart;		/* attachments left out */
	bool			 plan;		/* no workbook made */
	size_t			 n;		/* letters handed over */
};

static int	 build(const struct mail *, const struct decision *,
		    const struct config *, const char *, const char *,
		    const char *, bool, bool, struct replies_lists *,
		    int (*)(void *, struct queue_outgoing *, char **), void *,
		    size_t *, char **);
static bool	 answers(const struct mail *, const struct decision *,
		    const struct config *);
static void	 lists_take(struct replies_lists *, struct job *);
static char	*clean(const char *);
static void	 append_clean(GString *, const char *, const char *);
static char	*row_label(const struct form_row *, bool);
static bool	 is_example_row(const struct form_row *);
static bool	 listed(const struct decision *, const struct form *);
static bool	 same_person(const struct form_row *, const struct form_row *);
static char	*duplicate_text(const struct form *, size_t,
		    const struct form_row *);
static char	*finding_text(struct letter *, const struct finding *,
		    const char *, const char *, bool, bool, const char **);
static void	 finding_add(struct letter *, GPtrArray *, const char *,
		    const struct finding *, const char *, const char *);
static void	 row_item_add(struct letter *, GPtrArray *, const char *,
		    const char *, const struct finding *, const char *,
		    const char *);
static void	 row_item_add_text(GPtrArray *, const char *, const char *,
		    enum code, char *);
static void	 row_item_free(void *);
static char	*rows_text(const struct row_item *const *, size_t, bool);
static void	 rows_flush(GPtrArray *, GPtrArray *);
static char	*row_value2(const struct form_row *, const struct finding *);
static char	*row_value(const struct form_row *, const struct finding *);
static char	*excel_general(double);
static void	 fix_add(struct letter *, enum code);
static bool	 row_note(GString *, const struct form_row *);
static const char *doc_value(const struct mail *, const struct form *,
		    const struct finding *);
static const char *doc_name(const struct document *);
static bool	cover_signed(const struct decision *);
static void	 table_row(GString *, const char *const *, size_t, bool);
static void	 letter_rows(struct letter *, const struct decision *);
static char	*title_in_unit(const char *, const char *);
static void	 old_number_note(struct letter *, const struct form_row *);
static void	 letter_init(struct job *);
static void	 units_add(GPtrArray *, const struct decision *,
		    const struct document *);
static bool	 several_units(const struct decision *);
static char	*who_wrote(const struct job *, bool);
static void	 unit_files_init(struct letter *);
static void	 letter_deinit(struct letter *);
static int	 render(struct job *, enum templates_kind, bool, const char *,
		    char **, char **);
static int	 add(struct job *, const char *, const char *, const char *,
		    const char *, const char *, const char *, bool,
		    const struct compose_attachment *, size_t, char **);
static int	 unit_list(const struct decision *, size_t, bool);
static int	 reply(struct job *, const char *, enum templates_kind,
		    char **);
static int	 forward(struct job *, char **);
static const char *format_type(enum format);
static char	*case_in(const char *);
static char	*received_in(const char *, const char *);
static int	 held_how(const char *);
static char	*person_on_form(const struct decision *);
static bool	 cover_fault_only(const struct decision *);
static void	 device_kinds(const struct decision *, const char *, bool *,
		    bool *);
static char	*other_case(const char *, const char *);
static const char *finding_detail(const struct findings *, enum code);

static const char *
format_type(enum format f)
{
	switch (f) {
	case FORMAT_DOCX:
		return ("application/vnd.openxmlformats-officedocument."
		    "wordprocessingml.document");
	case FORMAT_XLSX:
		return ("application/vnd.openxmlformats-officedocument."
		    "spreadsheetml.sheet");
	case FORMAT_XLS:
		return ("application/vnd.ms-excel");
	case FORMAT_PDF:
		return ("application/pdf");
	default:
		return ("application/octet-stream");
	}
}

/* s fit to quote (valid UTF-8, each control character a space, no
 * space at either end) appended to out. */
static void
clean_into(GString *out, const char *s)
{
	char		*valid = NULL;
	const char	*p, *e;

	if (!g_utf8_validate(s, -1, NULL))
		s = valid = g_utf8_make_valid(s, -1);
#define CLEAN_SPACE(c)	((unsigned char)(c) <= 0x20 || (c) == 0x7f)
	for (p = s; *p != '\0' && CLEAN_SPACE(*p); p++)
		;
	for (e = p + strlen(p); e > p && CLEAN_SPACE(e[-1]); e--)
		;
	for (; p < e; p++)
		g_string_append_c(out, CLEAN_SPACE(*p) ? ' ' : *p);
#undef CLEAN_SPACE
	g_free(valid);
}

/* Text from the unit, fit to quote: valid UTF-8, no control character. */
static char *
clean(const char *s)
{
	GString	*t;

	if (s == NULL)
		return (NULL);
	t = g_string_new(NULL);
	clean_into(t, s);
	return (g_string_free(t, FALSE));
}

/* clean(v) appended to s after sep, unless it is blank (text_blank):
 * without a copy for each value of a long list. */
static void
append_clean(GString *s, const char *sep, const char *v)
{
	size_t	 at = s->len;

	if (v == NULL)
		return;
	g_string_append(s, sep);
	clean_into(s, v);
	if (text_blank(s->str + at + strlen(sep)))
		g_string_truncate(s, at);
}

/* "TT 3 (đồng chí Lê Thị C)", "TT 3 (số điện thoại 0983 415 276)" when
 * the row has no name, or "TT 3"; comrade false: the bare name, for the
 * form's own example rows. */
static char *
row_label(const struct form_row *r, bool comrade)
{
	char	*phone, *s;

	if (!text_blank(r->name))
		return (g_strdup_printf("TT %d (%s%s)", r->index, comrade ?
		    "đồng chí " : "", r->name));
	if (r->phone == NULL)
		return (g_strdup_printf("TT %d", r->index));
	phone = wording_phone(r->phone);
	s = g_strdup_printf("TT %d (số điện thoại %s)", r->index, phone);
	g_free(phone);
	return (s);
}

/* The form's own example rows (Phụ lục 3 prints Nguyễn Văn A and Trần Văn
 * B with ICCIDs cut short by "..."), left in the table. The decision may
 * say so (example_row); else a placeholder name with the sample's ICCID,
 * or one too short to be real, is taken for one. */
static bool
is_example_row(const struct form_row *r)
{
	static const char *const names[] = { "nguyễn văn a", "trần văn b" };
	static const char *const iccids[] = { "898402310932010",
	    "796303120012090" };
	char	*name;
	bool	 placeholder = false, sample = false;

	if (findings_has(&r->errors, CODE_EXAMPLE_ROW))
		return (true);
	if (r->name == NULL)
		return (false);
	/* the ICCID first: it is cheap, and a real row's is never the
	 * sample's (the name is lowered only for the few that are) */
	for (size_t i = 0; i < G_N_ELEMENTS(iccids); i++)
		sample |= r->iccid_raw != NULL &&
		    strncmp(r->iccid_raw, iccids[i], strlen(iccids[i])) == 0;
	sample |= findings_has(&r->errors, CODE_ICCID_INVALID);
	if (!sample)
		return (false);
	name = g_utf8_strdown(r->name, -1);
	for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
		placeholder |= strcmp(name, names[i]) == 0;
	g_free(name);
	return (placeholder);
}

/* "trùng số điện thoại 0982 345 678 với dòng TT 1 (Nguyễn Văn An)": the
 * earlier row of the same table that row k repeats. */
static char *
duplicate_text(const struct form *f, size_t k, const struct form_row *r)
{
	struct form_cursor	 cur;
	const struct form_row	*o;
	char			*phone, *lp = NULL, *li = NULL, *s;
	size_t			 pj = 0, ij = 0;
	bool			 other = false;	/* another person's row */
	int			 pidx = 0;

	/* The earlier rows are read again, up to the ones repeated: only
	 * the rows the letter shows come here. */
	form_cursor_init(&cur, f);
	for (size_t j = 0; j < k && (lp == NULL || li == NULL); j++) {
		o = form_cursor_at(&cur, j);
		if (lp == NULL && r->phone != NULL && o->phone != NULL &&
		    strcmp(r->phone, o->phone) == 0) {
			lp = row_label(o, true);
			pj = j;
			pidx = o->index;
			other |= !same_person(r, o);
		}
		if (li == NULL && r->iccid != NULL && o->iccid != NULL &&
		    strcmp(r->iccid, o->iccid) == 0) {
			li = row_label(o, true);
			ij = j;
			other |= !same_person(r, o);
		}
	}
	form_cursor_deinit(&cur);
	phone = wording_phone(r->phone);
	/* Two people with one number: a number is wrong, and deleting a
	 * row would drop a person from the list. */
	if (other && lp != NULL && li != NULL)
		s = g_strdup_printf("ghi cùng số điện thoại %s và số ICCID %s "
		    "với dòng %s%s%s; mỗi thuê bao có một SIM riêng, đề nghị "
		    "đối chiếu lại số điện thoại và dãy số in trên thẻ SIM "
		    "của từng đồng chí", phone, r->iccid, lp, pj == ij ? "" :
		    " và dòng ", pj == ij ? "" : li);
	else if (other && lp != NULL)
		s = g_strdup_printf("ghi cùng số điện thoại %s với dòng %s; "
		    "mỗi thuê bao có một số điện thoại riêng, đề nghị kiểm tra "
		    "lại số điện thoại của từng đồng chí", phone, lp);
	else if (other && li != NULL)
		s = g_strdup_printf("ghi cùng số ICCID %s với dòng %s; mỗi "
		    "SIM có một số ICCID riêng, đề nghị đối chiếu lại với dãy "
		    "số in trên thẻ SIM của từng đồng chí", r->iccid, li);
	/* the same person twice: named once (review 3, C10) */
	else if (lp != NULL && li != NULL && pj == ij)
		s = g_strdup_printf("trùng hoàn toàn với dòng TT %d (cùng số "
		    "điện thoại %s và số ICCID %s); đề nghị xóa dòng TT %d",
		    pidx, phone, r->iccid, r->index);
	else if (lp != NULL && li != NULL)
		s = g_strdup_printf("trùng số điện thoại %s với dòng %s và "
		    "số ICCID %s với dòng %s; đề nghị kiểm tra lại, mỗi thuê "
		    "bao chỉ ghi một dòng", phone, lp, r->iccid, li);
	else if (lp != NULL)
		s = g_strdup_printf("trùng số điện thoại %s với dòng %s; đề "
		    "nghị kiểm tra lại, mỗi thuê bao chỉ ghi một dòng", phone,
		    lp);
	else if (li != NULL)
		s = g_strdup_printf("trùng số ICCID %s với dòng %s; đề nghị "
		    "kiểm tra lại, mỗi thuê bao chỉ ghi một dòng", r->iccid,
		    li);
	else
		s = g_strdup(texts_vi_code(CODE_DUPLICATE_ROW));
	g_free(phone);
	g_free(lp);
	g_free(li);
	return (s);
}

/* Whether two rows name one person (names compared without case or
 * spacing; no name on either is no evidence of two people). */
static bool
same_person(const struct form_row *a, const struct form_row *b)
{
	char	*k[2];
	bool	 same;

	if (text_blank(a->name) || text_blank(b->name))
		return (true);
	for (int i = 0; i < 2; i++) {
		char *n = g_utf8_normalize(i == 0 ? a->name : b->name, -1,
		    G_NORMALIZE_NFC);
		char *f = g_utf8_casefold(n != NULL ? n : "", -1);
		char *w = f;

		for (char *p = f; *p != '\0'; p++)
			if (!g_ascii_isspace(*p))
				*w++ = *p;
		*w = '\0';
		k[i] = f;
		g_free(n);
	}
	same = strcmp(k[0], k[1]) == 0;
	g_free(k[0]);
	g_free(k[1]);
	return (same);
}

/* The first letter in lower case: after "Tệp “…”: " a sentence goes on
 * rather than begins. */
static void
lower_first(GString *t)
{
	gunichar	 c;
	char		 buf[8];
	int		 n;
	const char	*next;

	if (t->len == 0)
		return;
	c = g_utf8_get_char(t->str);
	next = g_utf8_next_char(t->str);
	n = g_unichar_to_utf8(g_unichar_tolower(c), buf);
	g_string_erase(t, 0, next - t->str);
	g_string_prepend_len(t, buf, n);
}

/* The code's sentence (its first letter in lower case when lower) and
 * ": value" when there is one (g_free). */
static char *
sentence(enum code code, const char *value, bool lower)
{
	GString *t = g_string_new(texts_vi_code(code));

	if (lower)
		lower_first(t);
	if (value != NULL)
		g_string_append_printf(t, ": %s", value);
	return (g_string_free(t, FALSE));
}

/* clause with its values in place, in lower case: it follows a row's
 * head or a file's name (g_free). */
static char *
clause_fill(const char *clause, const char *v, const char *w)
{
	GString	*t = g_string_new(clause);

	g_string_replace(t, "{v}", v != NULL ? v : "", 0);
	g_string_replace(t, "{w}", w != NULL ? w : "", 0);
	lower_first(t);
	return (g_string_free(t, FALSE));
}

/* "số điện thoại 0123 không đúng (…); đề nghị …": the valued clause,
 * which carries its remedy, when the code has one and the values it
 * needs are there; else "<sentence>: <value>". Every item says what to
 * do: one without a remedy of its own gets the code's fix ("; đề nghị
 * …"), so no list of fixes apart can leave an item without one. A row's
 * valued clause says what to do; a message's does not. lower: it
 * follows a where. *valued_r (may be NULL): the code's valued clause
 * when the text is that clause, else NULL. g_free. */
static char *
finding_text(struct letter *l, const struct finding *f, const char *value,
    const char *value2, bool row, bool lower, const char **valued_r)
{
	const char	*fix, *valued = l->returned ?
			    texts_vi_code_valued_returned(f->code) :
			    texts_vi_code_valued(f->code);
	char		*v = clean(value), *c;
	GString		*t, *r;
	bool		 short_form = false;	/* valued_v's */

	/* a unit as the letters name it ("Huyện ủy Sơn Tịnh"), not as
	 * its letterhead shouts it */
	if (f->code == CODE_SIGNATURE_MISSING && v != NULL) {
		c = wording_unit(v);
		g_free(v);
		v = c;
	}

	if (valued_r != NULL)
		*valued_r = NULL;
	/* an activated SIM, or one the Cục was sent, is not "being
	 * processed" */
	if (f->code == CODE_ALREADY_REQUESTED)
		valued = texts_vi_requested(held_how(f->detail));

	if (valued != NULL && strstr(valued, "{w}") != NULL &&
	    value2 == NULL && texts_vi_code_valued_v(f->code) != NULL) {
		valued = texts_vi_code_valued_v(f->code);
		short_form = true;
	}
	if (valued != NULL && (strstr(valued, "{v}") == NULL ||
	    !text_blank(v)) && (strstr(valued, "{w}") == NULL ||
	    value2 != NULL)) {
		t = g_string_new(valued);
		g_string_replace(t, "{v}", v != NULL ? v : "", 0);
		g_string_replace(t, "{w}", value2 != NULL ? value2 : "", 0);
		if (lower)
			lower_first(t);
		g_free(v);
		if (row) {
			if (valued_r != NULL && !short_form)
				*valued_r = valued;
			return (g_string_free(t, FALSE));
		}
	} else {
		/* Details are English, for staff and the JSON; a unit reads
		 * the Vietnamese sentence and the value it typed. */
		c = sentence(f->code, text_blank(v) ? NULL : v, lower);
		t = g_string_new(c);
		g_free(c);
		g_free(v);
	}
	/* sent from gmail: the letter's last paragraph says where from */
	if (f->code != CODE_SENDER_PUBLIC_DOMAIN &&
	    (fix = texts_vi_code_fix_for(f->code, l->kind)) != NULL) {
		r = g_string_new(fix);
		lower_first(r);
		g_string_append_printf(t, "; đề nghị %s", r->str);
		g_string_free(r, TRUE);
	}
	return (g_string_free(t, FALSE));
}

/* A message's or a document's finding into list, after where ("Tệp
 * “…”: "). */
static void
finding_add(struct letter *l, GPtrArray *list, const char *where,
    const struct finding *f, const char *value, const char *value2)
{
	char	*t = finding_text(l, f, value, value2, false, *where != '\0',
		    NULL);

	g_ptr_array_add(list, g_strconcat(where, t, NULL));
	g_free(t);
}

/* A row's finding, kept as a record until the document's rows are all
 * read (rows_flush): the merge of rows told the same thing works on
 * what was found, never on the finished sentences. */
static void
row_item_add(struct letter *l, GPtrArray *items, const char *file,
    const char *label, const struct finding *f, const char *value,
    const char *value2)
{
	struct row_item	*it = g_new0(struct row_item, 1);
	const char	*valued;

	it->file = file;
	it->label = g_strdup(label);
	it->code = f->code;
	it->text = finding_text(l, f, value, value2, true, true, &valued);
	if (valued != NULL) {
		it->v = clean(value);
		it->w = g_strdup(value2);
		it->valued = valued;
		it->rows = f->code == CODE_ALREADY_REQUESTED ?
		    texts_vi_requested_rows(held_how(f->detail)) :
		    texts_vi_code_valued_rows(f->code);
		it->each = texts_vi_code_valued_each(f->code);
	}
	g_ptr_array_add(items, it);
}

/* A row's item whose text is made apart (duplicate_text). */
static void
row_item_add_text(GPtrArray *items, const char *file, const char *label,
    enum code code, char *text)
{
	struct row_item	*it = g_new0(struct row_item, 1);

	it->file = file;
	it->label = g_strdup(label);
	it->code = code;
	it->text = text;
	g_ptr_array_add(items, it);
}

static void
row_item_free(void *p)
{
	struct row_item	*it = p;

	g_free(it->label);
	g_free(it->v);
	g_free(it->w);
	g_free(it->text);
	g_free(it);
}

/* The fix sentence of code, once per letter. */
static void
fix_add(struct letter *l, enum code code)
{
	const char	*fix;

	if ((unsigned)code < CODE__COUNT && !l->fixed[code] &&
	    (fix = texts_vi_code_fix(code)) != NULL) {
		l->fixed[code] = true;
		g_ptr_array_add(l->fixes, g_strdup(fix));
	}
}

/* A row's findings for the "Ghi chú" column of the attached list,
 * "Lỗi: …; Lưu ý: …", into s (emptied first: one buffer for a whole
 * list); false for a clean row. */
static bool
row_note(GString *s, const struct form_row *r)
{
	g_string_truncate(s, 0);
	if (r->errors.n == 0 && r->warnings.n == 0)
		return (false);
	for (int w = 0; w < 2; w++) {
		const struct findings *f = w ? &r->warnings : &r->errors;

		for (size_t m = 0; m < f->n; m++) {
			char *v = row_value(r, &f->v[m]);

			if (s->len > 0)
				g_string_append(s, "; ");
			if (m == 0)
				g_string_append(s, w ? "Lưu ý: " : "Lỗi: ");
			g_string_append(s, texts_vi_code(f->v[m].code));
			append_clean(s, ": ", v);
			g_free(v);
		}
	}
	return (true);
}

/* A large number as Excel's General format shows it in a narrow cell:
 * six significant digits, trailing zeros dropped ("8.98404E+18"). */
static char *
excel_general(double v)
{
	char	 m[32], *e, *z;
	int	 x;

	g_ascii_formatd(m, sizeof(m), "%.5E", v);
	if ((e = strchr(m, 'E')) == NULL)
		return (g_strdup(m));
	x = atoi(e + 1);
	*e = '\0';
	for (z = e - 1; z > m && *z == '0'; z--)
		*z = '\0';
	if (*z == '.')
		*z = '\0';
	return (g_strdup_printf("%sE%s%02d", m, x < 0 ? "-" : "+", abs(x)));
}

/* The carrier of a stored phone ("84" + 9 digits). */
static enum vn_carrier
phone_carrier(const char *phone)
{
	struct vn_phone ph;

	if (phone == NULL || vn_phone_parse(phone, false, &ph, NULL) == -1)
		return (VN_CARRIER_UNKNOWN);
	return (ph.carrier);
}

/* "v (Carrier)" when the carrier is known; takes v. */
static char *
carrier_value(char *v, enum vn_carrier c)
{
	char *s;

	if (v == NULL || c == VN_CARRIER_UNKNOWN)
		return (v);
	s = g_strdup_printf("%s (%s)", v, vn_carrier_label(c));
	g_free(v);
	return (s);
}

/* What the unit wrote that a row finding is about, to quote it back. */
static char *
row_value(const struct form_row *r, const struct finding *f)
{
	switch (f->code) {
	case CODE_PHONE_INVALID:
		return (g_strdup(r->phone_raw));
	case CODE_PHONE_OLD_FORMAT:
		/* "01662 345 678", grouped as the new number is; a number
		 * cell's "1662345678" with the 0 it lost */
		if (r->phone_raw != NULL && strlen(r->phone_raw) == 10 &&
		    r->phone_raw[0] == '1' &&
		    strspn(r->phone_raw, "0123456789") == 10)
			return (g_strdup_printf("0%.4s %.3s %.3s", r->phone_raw,
			    r->phone_raw + 4, r->phone_raw + 7));
		if (r->phone_raw != NULL && strlen(r->phone_raw) == 11 &&
		    strspn(r->phone_raw, "0123456789") == 11)
			return (g_strdup_printf("%.5s %.3s %.3s", r->phone_raw,
			    r->phone_raw + 5, r->phone_raw + 8));
		return (g_strdup(r->phone_raw));
	case CODE_ICCID_PRECISION_LOST:
		/* as Excel's cell shows it, "8.98404E+18": the unit
		 * knows that, not the stored "8.984040044e+18" */
		if (r->iccid_raw != NULL && strpbrk(r->iccid_raw, "eE") !=
		    NULL) {
			char	*end;
			double	 v = g_ascii_strtod(r->iccid_raw, &end);

			if (*end == '\0' && v >= 1e18 && v < 1e21)
				return (excel_general(v));
		}
		return (wording_iccid(r->iccid_raw));
	case CODE_ICCID_INVALID:
	case CODE_ICCID_CHECKSUM:
	case CODE_ICCID_NOT_VIETNAM:
		/* one string of digits, as on the card, however the cell
		 * grouped it (review 5, C3) */
		return (wording_iccid(r->iccid_raw));
	case CODE_POSITION_NOT_ELIGIBLE:
		return (g_strdup(r->position));
	case CODE_EMAIL_PUBLIC_DOMAIN:
		return (g_strdup(r->email));
	case CODE_PHONE_CARRIER_MISMATCH:
		return (carrier_value(r->phone != NULL ?
		    wording_phone(r->phone) : g_strdup(r->phone_raw),
		    phone_carrier(r->phone)));
	case CODE_ALREADY_REQUESTED:
		return (case_in(f->detail));
	default:
		return (NULL);
	}
}

/* The second value a valued clause needs ({w}), or NULL. */
static char *
row_value2(const struct form_row *r, const struct finding *f)
{
	size_t	 n = 0;

	switch (f->code) {
	case CODE_PHONE_OLD_FORMAT:
		return (wording_phone(r->phone));
	case CODE_PHONE_CARRIER_MISMATCH:
		/* which two carriers, so the unit sees it at once
		 * (review 8) */
		if (r->iccid == NULL || vn_iccid_carrier(r->iccid) ==
		    VN_CARRIER_UNKNOWN ||
		    phone_carrier(r->phone) == VN_CARRIER_UNKNOWN)
			return (NULL);
		return (carrier_value(g_strdup(r->iccid),
		    vn_iccid_carrier(r->iccid)));
	case CODE_PHONE_INVALID:
		/* "có 9 chữ số" when digits are all it holds, and too few
		 * or too many of them */
		if (r->phone_raw == NULL)
			return (NULL);
		for (const char *p = r->phone_raw; *p != '\0'; p++) {
			if (g_ascii_isdigit(*p))
				n++;
			else if (*p != ' ' && *p != '.' && *p != '-')
				return (NULL);
		}
		return (n > 0 && n != 10 ? g_strdup_printf("%zu", n) : NULL);
	case CODE_ICCID_INVALID:
		/* "có 17 chữ số" only when digits are all it holds */
		if (r->iccid_raw == NULL)
			return (NULL);
		for (const char *p = r->iccid_raw; *p != '\0'; p++) {
			if (g_ascii_isdigit(*p))
				n++;
			else if (*p != ' ' && *p != '.')
				return (NULL);
		}
		return (n > 0 ? g_strdup_printf("%zu", n) : NULL);
	default:
		return (NULL);
	}
}

/* The detail of the first finding of code c, or NULL. */
static const char *
finding_detail(const struct findings *f, enum code c)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].code == c)
			return (f->v[i].detail);
	return (NULL);
}

/* "HT-2024-000123" in a detail (g_free), or NULL. */
static char *
case_in(const char *detail)
{
	const char	*p = detail != NULL ? strstr(detail, "HT-") : NULL;

	return (p != NULL ? g_strndup(p, strcspn(p, " ")) : NULL);
}

/* How an already_requested detail (rules.c) says the row is held: 1 in
 * a case worked, 2 activated, 3 sent to the Cục in a case closed. The
 * detail is the one carrier: a finding is a code and a detail (spooled
 * with its row, form-rows.c), the CONTRACT has one code for the three,
 * and the case and its day ride in the detail too (case_in,
 * received_in). check-replies runs the rules and the letter together
 * so that a detail reworded on one side fails a test. */
static int
held_how(const char *detail)
{
	if (detail != NULL && g_str_has_prefix(detail, "already activated"))
		return (2);
	if (detail != NULL && g_str_has_prefix(detail,
	    "already sent to the Cục"))
		return (3);
	return (1);
}

/* The day the case in an already_requested detail was received, as the
 * letters write it in zone (g_free), or NULL: rules.c ends the detail
 * with "received TIME". */
static char *
received_in(const char *detail, const char *zone)
{
	const char	*p = detail != NULL ? strstr(detail, " received ") :
			    NULL;

	return (p != NULL ? wording_date(p + strlen(" received "), zone) :
	    NULL);
}

/* The same for a document or message finding. */
static const char *
doc_value(const struct mail *m, const struct form *form,
    const struct finding *f)
{
	switch (f->code) {
	case CODE_WRONG_ADDRESSEE:
		return (form != NULL ? form->addressee : NULL);
	case CODE_SENDER_PUBLIC_DOMAIN:
	case CODE_SENDER_NOT_REGISTERED:
		return (m->from_addr);
	case CODE_SIGNATURE_MISSING:
		/* beside another unit's signed công văn (rules.c) */
		return (f->detail != NULL && strstr(f->detail, " does not "
		    "stand for a list of ") != NULL ? strstr(f->detail,
		    " does not stand for a list of ") + 30 : NULL);
	case CODE_COLUMNS_MISSING:
		/* the detail ends with the missing labels, in Vietnamese */
		return (f->detail != NULL && strrchr(f->detail, ':') != NULL ?
		    strrchr(f->detail, ':') + 2 : NULL);
	default:
		return (NULL);
	}
}

/* A document as the letters name it: its file name, or for a list read
 * from the mail's HTML body (which has none) what it is. */
static const char *
doc_name(const struct document *doc)
{
	if (doc->format == FORMAT_BODY && text_blank(doc->filename))
		return ("Danh sách trong nội dung thư");
	return (doc->filename);
}

/* True when the message is a validly signed cover letter (with no error
 * of its own: signed by the unit) and a soft file with no valid signature
 * of its own, so the letters can say exactly which was signed. */
static bool
cover_signed(const struct decision *d)
{
	bool cover = false, soft = false;

	for (size_t i = 0; i < d->ndocs; i++) {
		const struct document *doc = &d->docs[i];

		if (doc->kind == KIND_COVER_LETTER)
			cover |= doc->signature.status == SIG_VALID &&
			    !document_has_errors(doc);
		else if (doc->format != FORMAT_PDF &&
		    doc->signature.status != SIG_VALID)
			soft = true;
	}
	return (cover && soft);
}

/* One <tr>, cells escaped. */
static void
table_row(GString *h, const char *const *cells, size_t n, bool head)
{
	char	*e;

	g_string_append(h, "<tr>");
	for (size_t i = 0; i < n; i++) {
		e = g_markup_escape_text(cells[i] != NULL ? cells[i] : "", -1);
		g_string_append_printf(h, "<%s style=\"border: 1px solid "
		    "#000; padding: 2px 6px\">%s</%s>", head ? "th" : "td", e,
		    head ? "th" : "td");
		g_free(e);
	}
	g_string_append(h, "</tr>\n");
}

#define TABLE_OPEN	"<table style=\"border-collapse: collapse\">\n"

/*
 * Whether form's rows are listed: not those of a person's Mẫu 11
 * enclosed with the unit's Mẫu 12 (rules.c, individuals_enclosed), whose
 * devices the Mẫu 12 lists already.
 */
static bool
listed(const struct decision *d, const struct form *f)
{
	if (f == NULL)
		return (false);
	if (g_strcmp0(f->subtype, "individual") != 0)
		return (true);
	for (size_t i = 0; i < d->ndocs; i++) {
		const struct form *u = d->docs[i].form;

		if (u != NULL && u->kind == f->kind &&
		    g_strcmp0(u->subtype, "unit") == 0)
			return (false);
	}
	return (true);
}

/*
 * A title that ends with the body its unit's name begins with, completed
 * with the rest of that name ("Bí thư Đảng ủy xã" of Đảng ủy xã Tịnh
 * Phong: "Bí thư Đảng ủy xã Tịnh Phong"); else as given. NULL for NULL.
 */
static char *
title_in_unit(const char *title, const char *unit)
{
	char	**t, **u, *r = NULL;
	size_t	  nt, nu;

	if (title == NULL || unit == NULL)
		return (g_strdup(title));
	t = g_strsplit(title, " ", -1);
	u = g_strsplit(unit, " ", -1);
	nt = g_strv_length(t);
	nu = g_strv_length(u);
	/* two words at least: "xã" alone is any commune's */
	for (size_t k = nu > 2 ? MIN(nt, nu - 1) : 0; r == NULL && k >= 2;
	    k--) {
		bool same = true;

		for (size_t i = 0; same && i < k; i++) {
			char *a = g_utf8_casefold(t[nt - k + i], -1);
			char *b = g_utf8_casefold(u[i], -1);

			same = strcmp(a, b) == 0;
			g_free(a);
			g_free(b);
		}
		if (same) {
			char *rest = g_strjoinv(" ", u + k);

			r = g_strconcat(title, " ", rest, NULL);
			g_free(rest);
		}
	}
	g_strfreev(t);
	g_strfreev(u);
	return (r != NULL ? r : g_strdup(title));
}

/* The accepted rows, as people read them and as the Cục takes them. */
static void
letter_rows(struct letter *l, const struct decision *d)
{
	static const char *const head_people[] = { "TT", "Họ và tên",
	    "Chức vụ", "Số điện thoại", "Nhập tại cms.ca.gov.vn",
	    "Số ICCID" };
	static const char *const head_device[] = { "TT", "Họ và tên",
	    "Chức vụ", "Số hiệu thiết bị" };
	static const char *const head_cuc[] = { "TT", "Số điện thoại",
	    "Số ICCID", "Họ và tên người dùng", "Chức vụ" };
	const struct form_row	*r;
	char			*phone, *tt, *pos, *title;
	bool			 sim = d->kind == KIND_SIM_ACTIVATION;
	size_t			 n = 0;

	l->rows_people = g_string_new(NULL);
	l->rows_cuc = g_string_new(NULL);
	l->html_people = g_string_new(TABLE_OPEN);
	l->html_cuc = g_string_new(TABLE_OPEN);
	table_row(l->html_people, sim ? head_people : head_device,
	    sim ? G_N_ELEMENTS(head_people) : G_N_ELEMENTS(head_device), true);
	table_row(l->html_cuc, head_cuc, G_N_ELEMENTS(head_cuc), true);
	for (size_t i = 0; i < d->ndocs; i++) {
		const struct form	*f = d->docs[i].form;
		struct form_cursor	 cur;
		char			*unit;

		if (!listed(d, f))
			continue;
		/* several communes' lists: the unit says which commune's
		 * "Bí thư Đảng ủy xã" a row is, to the unit and to the Cục
		 * alike (review 5 A1, review 7 B1) */
		unit = l->units->len > 1 && !text_blank(f->organization) ?
		    wording_unit(f->organization) : NULL;
		form_cursor_init(&cur, f);
		while ((r = form_cursor_next(&cur)) != NULL) {
			if (is_example_row(r))
				continue;
			n++;
			/* A long list is attached whole; the letter
			 * shows its beginning. */
			if (n > REPLIES_INLINE_ROWS)
				continue;
			/* numbered afresh: two files of one unit make one
			 * list (1, 2, 3, 4, never 1, 2, 1, 2) */
			phone = wording_phone(r->phone);
			tt = g_strdup_printf("%zu", n);
			/* "Chủ tịch Ủy ban MTTQ …" written out */
			pos = wording_expand(r->position);
			title = unit != NULL ? title_in_unit(pos, unit) :
			    g_strdup(pos);
			if (l->rows_people->len > 0)
				g_string_append(l->rows_people, ";\n");
			g_string_append_printf(l->rows_people, "%zu. %s", n,
			    r->name != NULL ? r->name : "");
			if (!text_blank(title))
				g_string_append_printf(l->rows_people, ", %s",
				    title);
			if (sim) {
				const char *cells[] = { tt, r->name,
				    title, phone, r->phone, r->iccid };

				g_string_append_printf(l->rows_people,
				    ": số điện thoại %s, số ICCID %s",
				    phone != NULL ? phone : "",
				    r->iccid != NULL ? r->iccid : "");
				table_row(l->html_people, cells,
				    G_N_ELEMENTS(cells), false);
				if (r->phone != NULL)
					g_ptr_array_add(l->cms, g_strdup_printf(
					    "%s (%s): nhập %s", r->name != NULL ?
					    r->name : tt, phone, r->phone));
			} else {
				char *serial = wording_serial(
				    r->device_serial);
				const char *cells[] = { tt, r->name,
				    title, serial };

				if (serial != NULL)
					g_string_append_printf(l->rows_people,
					    ": số hiệu thiết bị %s", serial);
				table_row(l->html_people, cells,
				    G_N_ELEMENTS(cells), false);
				g_free(serial);
			}
			{
				const char *cells[] = { tt, r->phone,
				    r->iccid, r->name, title };

				if (l->rows_cuc->len > 0)
					g_string_append(l->rows_cuc, ";\n");
				g_string_append_printf(l->rows_cuc, "%zu. %s, "
				    "%s: số điện thoại %s, số ICCID %s", n,
				    r->name != NULL ? r->name : "",
				    title != NULL ? title : "",
				    r->phone != NULL ? r->phone : "",
				    r->iccid != NULL ? r->iccid : "");
				table_row(l->html_cuc, cells,
				    G_N_ELEMENTS(cells), false);
			}
			g_free(phone);
			g_free(tt);
			g_free(pos);
			g_free(title);
		}
		form_cursor_deinit(&cur);
		g_free(unit);
	}
	g_string_append(l->html_people, "</table>\n");
	g_string_append(l->html_cuc, "</table>\n");
	l->nlisted = n;
	if (n > REPLIES_INLINE_ROWS) {
		char *more = wording_more(n - REPLIES_INLINE_ROWS, "thuê bao",
		    ": danh sách đầy đủ trong tệp đính kèm.");
		char *e = g_markup_escape_text(more, -1);

		g_string_append_printf(l->rows_people, ";\n%s", more);
		g_string_append_printf(l->rows_cuc, ";\n%s", more);
		g_string_append_printf(l->html_people, "<p>%s</p>\n", e);
		g_string_append_printf(l->html_cuc, "<p>%s</p>\n", e);
		g_free(e);
		g_free(more);
	} else if (n > 0) {
		g_string_append_c(l->rows_people, '.');
		g_string_append_c(l->rows_cuc, '.');
	}
	/* the numbers to enter of the rows not shown: where they are (e2e
	 * trial 4: the step stopped at the 50th of 6,000) */
	if (sim && n > REPLIES_INLINE_ROWS && l->cms->len > 0)
		g_ptr_array_add(l->cms, wording_more(n - REPLIES_INLINE_ROWS,
		    "thuê bao", ": nhập số ở cột “Số điện thoại” của tệp danh "
		    "sách đính kèm (đã theo định dạng 84…)"));
	wording_punctuate(l->cms);
	/* a sub-list inside Bước 2: the outer list goes on after it */
	if (l->cms->len > 0) {
		char *last = g_ptr_array_index(l->cms, l->cms->len - 1);

		last[strlen(last) - 1] = ';';
	}
	if (n > 0)
		l->nrows = wording_count(n);
}

/* One item for the rows of group, n of them: "Dòng TT 3 (…): …" for one,
 * "Các dòng TT 1 (…), TT 2 (…) và TT 3 (…): …" for several, "Tệp “x”, …"
 * before when the message has more than one document (review 5, C2).
 * Several rows say the clause for several (rows), or when their values
 * differ, each value in turn (each). g_free. */
static char *
rows_text(const struct row_item *const *group, size_t n, bool differ)
{
	const struct row_item	*a = group[0];
	const char		**labels = g_new(const char *, n);
	const char		**values = g_new(const char *, n);
	GString			*t = g_string_new(NULL);
	char			*all, *c = NULL;

	for (size_t k = 0; k < n; k++) {
		labels[k] = group[k]->label;
		values[k] = group[k]->v;
	}
	if (a->file != NULL)
		g_string_append_printf(t, "Tệp “%s”, %s", a->file, n > 1 ?
		    "các dòng " : "dòng ");
	else
		g_string_append(t, n > 1 ? "Các dòng " : "Dòng ");
	all = wording_join(labels, n);
	g_string_append_printf(t, "%s: ", all);
	g_free(all);
	if (n > 1 && differ) {
		all = wording_join(values, n);
		c = clause_fill(a->each, all, a->w);
		g_free(all);
	} else if (n > 1 && a->rows != NULL)
		c = clause_fill(a->rows, a->v, a->w);
	g_string_append(t, c != NULL ? c : a->text);
	g_free(c);
	g_free(labels);
	g_free(values);
	return (g_string_free(t, FALSE));
}

/* Rows told the same thing are told it once, naming them all (review 3,
 * C7): the items of one document's rows, in the order the rows came, at
 * most MERGED_ROWS rows to an item so that an item stays readable. Rows
 * go together when their finding is the same and says the same, or says
 * it of values of their own in a clause that can give each in turn
 * ("lần lượt hiển thị dạng 8.98402E+18, 8.98401E+18 và 8.98404E+18");
 * other values keep their rows apart. items' records become list's
 * texts, and items is emptied. */
#define MERGED_ROWS	10
static void
rows_flush(GPtrArray *list, GPtrArray *items)
{
	const struct row_item	**group = g_new(const struct row_item *,
				    MERGED_ROWS);
	bool			*taken = g_new0(bool, items->len + 1);

	for (guint i = 0; i < items->len; i++) {
		const struct row_item	*a = g_ptr_array_index(items, i);
		size_t			 n = 0;
		bool			 differ = false;

		if (taken[i])
			continue;
		group[n++] = a;
		for (guint k = i + 1; k < items->len && n < MERGED_ROWS; k++) {
			const struct row_item *b = g_ptr_array_index(items, k);
			bool same = b->code == a->code &&
			    strcmp(b->text, a->text) == 0;

			if (taken[k] || (!same && (b->code != a->code ||
			    a->each == NULL || b->valued != a->valued ||
			    a->v == NULL || b->v == NULL ||
			    g_strcmp0(b->w, a->w) != 0)))
				continue;
			differ |= !same;
			taken[k] = true;
			group[n++] = b;
		}
		g_ptr_array_add(list, rows_text(group, n, differ));
	}
	g_free(taken);
	g_free(group);
	g_ptr_array_set_size(items, 0);
}

/* The Cục's note of a row whose number the unit wrote with an old
 * prefix: the unit's file, attached, still has it. */
static void
old_number_note(struct letter *l, const struct form_row *r)
{
	struct finding	 f = { .code = CODE_PHONE_OLD_FORMAT };
	char		*was = row_value(r, &f), *now = wording_phone(r->phone);

	if (was != NULL && now != NULL && r->phone != NULL)
		g_ptr_array_add(l->cuc_notes, g_strdup_printf("Số điện thoại "
		    "của đồng chí %s trong tệp của đơn vị ghi theo đầu số cũ "
		    "(%s); Văn phòng Tỉnh ủy đã chuyển sang số mới %s (%s)",
		    !text_blank(r->name) ? r->name : "(không ghi tên)", was,
		    now, r->phone));
	g_free(was);
	g_free(now);
}

/* A file as the forward names it: its signature only when valid (no
 * defect is told to the Cục, an unsigned soft file is what the letter
 * asks for), and the font it was typed in when that was converted. */
static char *
file_entry(const struct document *doc)
{
	const char	*sig = texts_vi_signature(doc->signature.status);
	const char	*legacy = finding_detail(&doc->warnings,
			    CODE_LEGACY_ENCODING);
	bool		 old = findings_has(&doc->warnings,
			    CODE_LEGACY_ENCODING);

	return (g_strdup_printf("“%s”%s%s%s%s%s%s",
	    doc_name(doc), sig != NULL ? " (" : "", sig != NULL ? sig : "",
	    sig != NULL ? ")" : "", old ? " (tệp gõ bằng " : "", old ?
	    texts_vi_legacy_font(legacy) : "", old ? "; nội dung đã được Văn "
	    "phòng Tỉnh ủy chuyển sang bảng mã Unicode trong danh sách "
	    "tổng hợp)" : ""));
}

/* A document's own date ("2024-05-08") as a letter cites it
 * ("08/5/2024"): not when it is after the mail that carried it, in the
 * office's day (zone, as the letter's Date:); a later one is a
 * misreading or a slip the office must not repeat back. NULL then
 * (g_free). */
static char *
cited_date(const char *doc_date, const char *mail_date, const char *zone)
{
	char	 day[16], *t, *r = NULL;
	int	 y, m, d;

	if (doc_date == NULL)
		return (NULL);
	if (mail_date == NULL || zone_day(zone, mail_date, &y, &m, &d) == -1)
		day[0] = '\0';
	else
		snprintf(day, sizeof(day), "%04d-%02d-%02d", y, m, d);
	if (day[0] == '\0' || strcmp(doc_date, day) <= 0) {
		/* a day, not an instant: noon in UTC is that day in UTC,
		 * whatever the office's zone */
		t = g_strconcat(doc_date, "T12:00:00Z", NULL);
		r = wording_date(t, "UTC");
		g_free(t);
	}
	return (r);
}

char *
replies_cited_date(const char *doc_date, const char *mail_date,
    const char *zone)
{
	return (cited_date(doc_date, mail_date, zone));
}

/* The first cover letter, which the letters name apart: its number and
 * date are cited when the recogniser could read them. */
static void
cover_init(struct letter *l, const struct document *doc,
    const char *mail_date, const char *zone)
{
	const struct form *f = doc->form;

	l->cover_name = clean(doc_name(doc));
	l->cover_file = file_entry(doc);
	l->cover_valid = doc->signature.status == SIG_VALID ||
	    doc->signature.status == SIG_UNSUPPORTED;
	l->cover_unsigned = doc->signature.status == SIG_UNSIGNED;
	l->cover_word = l->cover_unsigned && doc->format == FORMAT_DOCX;
	if (f == NULL)
		return;
	l->cover_number = clean(f->doc_number);
	l->cover_date = cited_date(f->doc_date, mail_date, zone);
	if (!text_blank(f->organization))
		l->cover_unit = wording_unit(f->organization);
}

/* A document's own findings into list. Its signature gets one remark,
 * said of the status the document has (a cover letter's as "công
 * văn"), however many findings it gave; none when it is valid (a stale
 * revocation list is the office's, not the unit's). A file typed in an
 * old font is named with the font: "Tệp “…” được gõ bằng …". */
static void
doc_findings_add(struct job *j, GPtrArray *list, const char *where,
    const struct document *doc, const struct findings *fs)
{
	struct letter	*l = &j->l;
	const char	*remark;
	char		*name;
	GString		*t;
	bool		 said = false;

	for (size_t k = 0; k < fs->n; k++) {
		const struct finding *f = &fs->v[k];

		switch (f->code) {
		case CODE_SIGNATURE_INVALID:
		case CODE_SIGNATURE_UNTRUSTED:
		case CODE_SIGNATURE_EXPIRED:
		case CODE_SIGNATURE_REVOKED:
		case CODE_SIGNATURE_PARTIAL:
			remark = texts_vi_signature_remark(
			    doc->signature.status, l->returned);
			if (said || remark == NULL)
				break;
			said = true;
			t = g_string_new(remark);
			g_string_replace(t, "{d}", doc->kind ==
			    KIND_COVER_LETTER ? "công văn" : "văn bản", 0);
			g_string_prepend(t, where);
			g_ptr_array_add(list, g_string_free(t, FALSE));
			break;
		case CODE_LEGACY_ENCODING:
			name = g_strdup_printf("“%s”", doc_name(doc));
			finding_add(l, list, "", f, name,
			    texts_vi_legacy_font(f->detail));
			g_free(name);
			break;
		default:
			finding_add(l, list, where, f, doc_value(j->mail,
			    doc->form, f), NULL);
			break;
		}
	}
}

/* The unit of a document that holds a list, into units once. */
static void
units_add(GPtrArray *units, const struct decision *d,
    const struct document *doc)
{
	const struct form	*f = doc->form;
	char			*u;

	if (doc->kind == KIND_COVER_LETTER || f == NULL || f->nrows == 0 ||
	    text_blank(f->organization) || !listed(d, f))
		return;
	u = wording_unit(f->organization);
	for (size_t i = 0; i < units->len; i++)
		if (wording_names_unit(u, units->pdata[i]) == 2 &&
		    wording_names_unit(units->pdata[i], u) == 2) {
			g_free(u);
			return;
		}
	g_ptr_array_add(units, u);
}

/* Whether d's lists are more than one unit's (two communes' passed on
 * in one mail): each row's title then names its unit. */
static bool
several_units(const struct decision *d)
{
	GPtrArray	*units = g_ptr_array_new_with_free_func(g_free);
	bool		 several;

	for (size_t i = 0; i < d->ndocs; i++)
		units_add(units, d, &d->docs[i]);
	several = units->len > 1;
	g_ptr_array_free(units, TRUE);
	return (several);
}

/*
 * Who wrote, to be greeted when the list is another unit's: the From:
 * display name; else the registry's unit for the address; else, for a
 * list whose letterhead was read, the district the address names
 * (vanphong.sontinh@… writes for Huyện ủy Sơn Tịnh), unless it names
 * the list's own place too (tinhphong@sontinh.dcs.vn is the commune's).
 * NULL when none says (g_free).
 */
static char *
who_wrote(const struct job *j, bool from_form)
{
	const char	*addr = j->mail->from_addr, *district;

	if (!text_blank(j->mail->from_name))
		return (clean(j->mail->from_name));
	if (!text_blank(j->d->sender_unit))
		return (clean(j->d->sender_unit));
	if (!from_form || j->l.individual ||
	    (district = places_district(addr)) == NULL)
		return (NULL);
	for (size_t i = 0; i < j->l.units->len; i++)
		if (places_address_names(addr, j->l.units->pdata[i]))
			return (NULL);
	if (places_address_names(addr, j->l.unit))
		return (NULL);
	return (g_strdup(district));
}

/* The forward's files of a mail holding several units' lists, one item
 * for each unit's ("Tệp do Đảng ủy xã Tịnh Phong gửi Văn phòng Tỉnh ủy
 * (qua Huyện ủy Sơn Tịnh):" and a "+ “…”" line a file); a file without
 * a letterhead is the sender's. Names as the Cục reads them, with the
 * province. */
static void
unit_files_init(struct letter *l)
{
	/* the go-between, when the letters name one */
	char	*via = l->list_unit != NULL ?
		    wording_in_province(l->addressee, province) : NULL;
	bool	*done = g_new0(bool, l->files->len);

	for (size_t i = 0; i < l->files->len; i++) {
		const char	*owner = l->owners->pdata[i];
		GPtrArray	*mine;
		char		*who, *names, *qua;

		if (done[i])
			continue;
		mine = g_ptr_array_new();
		for (size_t k = i; k < l->files->len; k++)
			if (!done[k] && g_strcmp0(owner,
			    l->owners->pdata[k]) == 0) {
				g_ptr_array_add(mine, l->files->pdata[k]);
				done[k] = true;
			}
		who = wording_in_province(owner != NULL ? owner :
		    l->addressee, province);
		/* each file on a "+" line of its own, as every forward
		 * lists a unit's files (review 7, C1) */
		g_ptr_array_add(mine, NULL);
		names = g_strjoinv(";\n  + ", (char **)mine->pdata);
		qua = owner != NULL && via != NULL ? g_strdup_printf(" (qua "
		    "%s)", via) : g_strdup("");
		g_ptr_array_add(l->unit_files, g_strdup_printf("Tệp do %s gửi "
		    "Văn phòng Tỉnh ủy%s:\n  + %s", who, qua, names));
		g_free(qua);
		g_free(names);
		g_free(who);
		g_ptr_array_free(mine, TRUE);
	}
	g_free(done);
	g_free(via);
}

static void
letter_init(struct job *j)
{
	struct letter		*l = &j->l;
	const struct decision	*d = j->d;
	const struct document	*doc;
	const struct form_row	*r;
	const struct form	*form;
	struct form_cursor	 cur;
	GString			*ex;
	char			*where, *label, *v, *v2, *dup;
	char			*c;
	const char		*file;	/* a row's document, when named */
	/* the office's, whose days the letters write; none for
	 * replies_resend_case, which reads no day */
	const char		*zone = j->cfg != NULL ? j->cfg->timezone :
				    NULL;
	/* a document's rows' items, until its rows are all read */
	GPtrArray		*err_items, *warn_items;
	size_t			 nex = 0, nrows = 0, nrequested = 0;
	size_t			 nerr_rows = 0, nwarn_rows = 0;
	bool			 other = false, one_case = true;
	bool			 soft = false, from_form;

	memset(l, 0, sizeof(*l));
	l->errors = g_ptr_array_new_with_free_func(g_free);
	l->warnings = g_ptr_array_new_with_free_func(g_free);
	l->fixes = g_ptr_array_new_with_free_func(g_free);
	l->files = g_ptr_array_new_with_free_func(g_free);
	l->cms = g_ptr_array_new_with_free_func(g_free);
	l->cuc_notes = g_ptr_array_new_with_free_func(g_free);
	err_items = g_ptr_array_new_with_free_func(row_item_free);
	warn_items = g_ptr_array_new_with_free_func(row_item_free);
	l->owners = g_ptr_array_new_with_free_func(g_free);
	l->units = g_ptr_array_new_with_free_func(g_free);
	l->unit_files = g_ptr_array_new_with_free_func(g_free);
	ex = g_string_new(NULL);
	l->kind = d->kind;
	/* one form named by what it is: every document says the same */
	for (size_t i = 0; i < d->ndocs; i++) {
		const struct form *f = d->docs[i].form;

		if (f == NULL || f->subtype == NULL)
			continue;
		if (l->subtype == NULL)
			l->subtype = f->subtype;
		else if (strcmp(l->subtype, f->subtype) != 0) {
			l->subtype = NULL;
			break;
		}
	}
	l->public_sender = findings_has(&d->errors, CODE_SENDER_PUBLIC_DOMAIN);
	l->returned = d->action != ACTION_QUEUE;
	l->all_signed = d->ndocs > 0;
	other = d->errors.n > 0;
	for (size_t i = 0; i < d->errors.n; i++)
		finding_add(l, l->errors, "", &d->errors.v[i],
		    doc_value(j->mail, NULL, &d->errors.v[i]), NULL);
	for (size_t i = 0; i < d->warnings.n; i++)
		finding_add(l, l->warnings, "", &d->warnings.v[i],
		    doc_value(j->mail, NULL, &d->warnings.v[i]), NULL);
	l->cover_signed = cover_signed(d);
	for (size_t i = 0; i < d->ndocs; i++) {
		doc = &d->docs[i];
		l->all_signed &= doc->signature.status == SIG_VALID;
		/* An unsigned soft file is what the letter asks for: it
		 * gets no remark, which the Cục would read as a defect. */
		/* A list in the mail's body is not attached to the forward:
		 * not named among the files. A file typed in an old font is
		 * said to be, since the Cục cannot read it. */
		if (doc->format == FORMAT_BODY)
			l->in_body = true;
		else if (doc->kind == KIND_COVER_LETTER &&
		    l->cover_name == NULL)
			cover_init(l, doc, j->mail->date, zone);
		else {
			g_ptr_array_add(l->files, file_entry(doc));
			g_ptr_array_add(l->owners, doc->form != NULL &&
			    !text_blank(doc->form->organization) ?
			    wording_unit(doc->form->organization) : NULL);
			soft = doc->format == FORMAT_DOCX ||
			    doc->format == FORMAT_XLSX ||
			    doc->format == FORMAT_XLS;
		}
		if (doc->form != NULL && doc->form->nrows > 0)
			l->nlists++;
		where = doc->format == FORMAT_BODY ? g_strdup_printf("%s: ",
		    doc_name(doc)) : g_strdup_printf("Tệp “%s”: ",
		    doc->filename);
		form = doc->form;
		other |= doc->errors.n > 0 ||
		    (form != NULL && form->errors.n > 0);
		if (form != NULL && (findings_has(&form->errors,
		    CODE_INDIVIDUAL_FORM) || g_strcmp0(form->subtype,
		    "individual") == 0))
			l->individual = true;
		for (size_t k = 0; form != NULL && k < form->errors.n; k++)
			finding_add(l, l->errors, where, &form->errors.v[k],
			    doc_value(j->mail, form, &form->errors.v[k]),
			    NULL);
		for (size_t k = 0; form != NULL && k < form->warnings.n; k++)
			finding_add(l, l->warnings, where,
			    &form->warnings.v[k], doc_value(j->mail, form,
			    &form->warnings.v[k]), NULL);
		doc_findings_add(j, l->errors, where, doc, &doc->errors);
		doc_findings_add(j, l->warnings, where, doc, &doc->warnings);
		g_free(where);
		if (form == NULL)
			continue;
		if (l->unit == NULL && !text_blank(form->organization))
			l->unit = wording_unit(form->organization);
		units_add(l->units, d, doc);
		if (l->coordinator_name == NULL &&
		    !text_blank(form->coordinator_name)) {
			l->coordinator_name = clean(form->coordinator_name);
			l->coordinator_phone =
			    wording_phone(form->coordinator_phone);
		}
		file = d->ndocs > 1 ? doc_name(doc) : NULL;
		form_cursor_init(&cur, form);
		for (size_t k = 0; (r = form_cursor_next(&cur)) != NULL;
		    k++, nrows++) {
			bool skip_errors = false, skip_warnings = false;
			bool example = is_example_row(r);

			/* a row with nothing to say is only counted */
			if (!example && r->errors.n == 0 &&
			    r->warnings.n == 0)
				continue;
			label = row_label(r, !example);
			if (example) {
				/* one line for them all: "delete them" */
				g_string_append_printf(ex, "%s%s", nex == 0 ?
				    "Dòng " : ", dòng ", label);
				nex++;
				g_free(label);
				continue;
			}
			if (findings_has(&r->errors, CODE_ALREADY_REQUESTED)) {
				const char *held = finding_detail(&r->errors,
				    CODE_ALREADY_REQUESTED);

				int how = held_how(held);

				nrequested++;
				c = case_in(held);
				/* one case, held one way: worked, activated
				 * or sent to the Cục (received.txt says
				 * which) */
				if (nrequested == 1)
					l->existing_how = how;
				else if (how != l->existing_how)
					one_case = false;
				if (c == NULL || (l->existing_case != NULL &&
				    strcmp(l->existing_case, c) != 0))
					one_case = false;
				else if (l->existing_case == NULL) {
					l->existing_case = c;
					c = NULL;
					l->existing_date = received_in(
					    finding_detail(&r->errors,
					    CODE_ALREADY_REQUESTED), zone);
				}
				g_free(c);
			}
			/* A long list's findings: the first rows' in the
			 * letter, every row's in the attached list. */
			if (r->errors.n > 0 && nerr_rows++ >=
			    REPLIES_INLINE_ROWS) {
				l->nerr_more++;
				for (size_t m = 0; m < r->errors.n; m++) {
					if (r->errors.v[m].code !=
					    CODE_ALREADY_REQUESTED)
						other = true;
					fix_add(l, r->errors.v[m].code);
				}
				skip_errors = true;
			}
			if (r->warnings.n > 0 && nwarn_rows++ >=
			    REPLIES_INLINE_ROWS) {
				l->nwarn_more++;
				for (size_t m = 0; m < r->warnings.n; m++)
					fix_add(l, r->warnings.v[m].code);
				skip_warnings = true;
			}
			for (size_t m = 0; !skip_errors && m < r->errors.n;
			    m++) {
				const struct finding *f = &r->errors.v[m];

				if (f->code != CODE_ALREADY_REQUESTED)
					other = true;
				if (f->code == CODE_DUPLICATE_ROW) {
					/* it says which row to delete */
					dup = duplicate_text(form, k, r);
					row_item_add_text(err_items, file,
					    label, f->code, dup);
					continue;
				}
				v = row_value(r, f);
				v2 = row_value2(r, f);
				row_item_add(l, err_items, file, label, f, v,
				    v2);
				g_free(v);
				g_free(v2);
			}
			for (size_t m = 0; !skip_warnings &&
			    m < r->warnings.n; m++) {
				/* a number the letter asks to check again
				 * says nothing of its carrier */
				if (r->warnings.v[m].code ==
				    CODE_PHONE_CARRIER_MISMATCH &&
				    findings_has(&r->errors,
				    CODE_DUPLICATE_ROW))
					continue;
				/* the Cục gets the unit's file with the
				 * old number and the list with the new */
				if (r->warnings.v[m].code ==
				    CODE_PHONE_OLD_FORMAT)
					old_number_note(l, r);
				v = row_value(r, &r->warnings.v[m]);
				v2 = row_value2(r, &r->warnings.v[m]);
				row_item_add(l, warn_items, file, label,
				    &r->warnings.v[m], v, v2);
				g_free(v);
				g_free(v2);
			}
			g_free(label);
		}
		form_cursor_deinit(&cur);
		rows_flush(l->errors, err_items);
		rows_flush(l->warnings, warn_items);
	}
	g_ptr_array_free(err_items, TRUE);
	g_ptr_array_free(warn_items, TRUE);
	/* A unit's Mẫu 12 with a person's Mẫu 11 enclosed is the unit's
	 * letter (rules.c): answer the unit. */
	for (size_t i = 0; i < d->ndocs; i++)
		if (d->docs[i].form != NULL &&
		    g_strcmp0(d->docs[i].form->subtype, "unit") == 0)
			l->individual = false;
	if (l->individual)
		device_kinds(d, j->mail->subject, &l->only_etoken,
		    &l->only_sim);
	if (nex > 0) {
		/* "Dòng TT 1 (Nguyễn Văn A) và dòng TT 2 (Trần Văn B)" */
		if (nex > 1) {
			gssize at = g_strrstr(ex->str, ", dòng ") - ex->str;

			g_string_erase(ex, at, strlen(","));
			g_string_insert(ex, at, " và");
		}
		l->examples = g_string_free(ex, FALSE);
		if (!l->fixed[CODE_EXAMPLE_ROW])
			l->fixed[CODE_EXAMPLE_ROW] = true;
	} else
		g_string_free(ex, TRUE);
	/* A list sent again, every row in one case still open: say so once. */
	if (other || nex > 0 || nrequested == 0 || nrequested != nrows ||
	    !one_case || d->resend_elsewhere) {
		g_free(l->existing_case);
		l->existing_case = NULL;
		g_free(l->existing_date);
		l->existing_date = NULL;
	}
	/* The same request sent again (pipeline.c): its case, once. */
	if (d->resend_case != NULL) {
		g_free(l->existing_case);
		g_free(l->existing_date);
		l->existing_case = g_strdup(d->resend_case);
		l->existing_date = wording_date(d->resend_opened, zone);
	}
	/* Two communes' lists in one mail: the letters name both. */
	if (l->units->len > 1) {
		g_free(l->unit);
		l->unit = wording_join((const char *const *)l->units->pdata,
		    l->units->len);
	}
	from_form = l->unit != NULL;
	if (l->unit == NULL)
		l->unit = clean(!text_blank(j->mail->from_name) ?
		    j->mail->from_name : j->mail->from_addr);
	if (l->cover_name != NULL && l->cover_unit == NULL)
		l->cover_unit = g_strdup(l->unit);
	/* One name for whom the letter greets and the To: line names. */
	{
		char *from = who_wrote(j, from_form), *a;

		a = wording_addressee(l->unit, from);
		/* a provincial body is greeted by its full name, as its
		 * letterhead writes it (review 5, B7) */
		l->addressee = wording_in_province(a, province);
		g_free(a);
		g_free(from);
	}
	/* Greeting an office that passed on another unit's list: the
	 * letter names whose list it is. */
	if (l->addressee != NULL && l->unit != NULL &&
	    wording_names_unit(l->addressee, l->unit) == 0)
		l->list_unit = g_strdup(l->unit);
	l->sender = clean(!text_blank(j->mail->from_name) ?
	    j->mail->from_name : j->mail->from_addr);
	/* A person is greeted by name, never by a mailbox: the one the
	 * mail gives, else the one on the Mẫu 11, else none ("Kính gửi:
	 * Đồng chí.") (review 5, B2). */
	if (l->individual && text_blank(j->mail->from_name)) {
		g_free(l->sender);
		l->sender = person_on_form(d);
	}
	l->received = wording_date(j->mail->date, zone);
	/* items: punctuated with the rest (punctuate) */
	if (l->nerr_more > 0)
		g_ptr_array_add(l->errors, wording_more(l->nerr_more, "dòng",
		    " có lỗi: xem cột “Ghi chú” của danh sách đính kèm"));
	if (l->nwarn_more > 0)
		g_ptr_array_add(l->warnings, wording_more(l->nwarn_more, "dòng",
		    " cần lưu ý: xem cột “Ghi chú” của danh sách đính kèm"));
	/* An unsigned công văn, accepted: not put to the Cục (render), and
	 * the unit is asked to sign it next time, a note that does not
	 * affect receipt: a Word draft as the signed PDF (review 5, B3), a
	 * PDF with the unit's certificate (review 7, B2). A report is no
	 * request mục 2 speaks of. */
	if (l->cover_unsigned && d->action == ACTION_QUEUE &&
	    d->kind != KIND_REPORT)
		g_ptr_array_insert(l->warnings, 0, g_strdup_printf(l->cover_word ?
		    "Tệp “%s”: công văn được gửi dưới dạng tệp Word, chưa được "
		    "ký số; đề nghị đơn vị gửi công văn đã ký số (tệp PDF) trong "
		    "các lần gửi sau" : "Tệp “%s”: công văn chưa được ký số; đề "
		    "nghị đơn vị ký số công văn bằng chứng thư số chuyên dùng "
		    "Chính phủ của đơn vị trong các lần gửi sau",
		    l->cover_name));
	/* A list typed in the mail, accepted: how to send the next one is a
	 * note, not part of what was received; the heading above it says
	 * "Đề nghị đơn vị lưu ý" already (letters review, stop 31). */
	if (l->in_body && d->action == ACTION_QUEUE &&
	    d->kind == KIND_SIM_ACTIVATION)
		g_ptr_array_insert(l->warnings, 0, g_strdup("Trong các lần gửi "
		    "sau, danh sách cần được lập theo mẫu tại Phụ lục 3 "
		    "Công văn số 1871-CV/VPTU ngày 16/4/2024 của Văn phòng "
		    "Tỉnh ủy và gửi kèm dưới dạng file mềm (Word hoặc "
		    "Excel)"));
	if (l->units->len > 1)
		unit_files_init(l);
	letter_rows(l, d);
	wording_punctuate(l->errors);
	wording_punctuate(l->warnings);
	wording_punctuate(l->fixes);
	wording_punctuate(l->files);
	wording_punctuate(l->cuc_notes);
	wording_punctuate(l->unit_files);
	/* The forward names the cover letter, then the list it came with
	 * ("- Danh sách (file mềm) do …: “…”.") or the other files. */
	if (l->cover_name != NULL) {
		c = g_strconcat(l->cover_file, l->files->len > 0 ? ";" : ".",
		    NULL);
		g_free(l->cover_file);
		l->cover_file = c;
		if (l->files->len == 1 && soft)
			l->one_file = g_ptr_array_index(l->files, 0);
		l->other_files = l->files->len > 0 && l->one_file == NULL;
	}
	g_ptr_array_add(l->errors, NULL);
	g_ptr_array_add(l->warnings, NULL);
	g_ptr_array_add(l->fixes, NULL);
	g_ptr_array_add(l->files, NULL);
	g_ptr_array_add(l->cms, NULL);
	g_ptr_array_add(l->cuc_notes, NULL);
	g_ptr_array_add(l->unit_files, NULL);
}

static void
letter_deinit(struct letter *l)
{
	g_ptr_array_free(l->errors, TRUE);
	g_ptr_array_free(l->warnings, TRUE);
	g_ptr_array_free(l->fixes, TRUE);
	g_ptr_array_free(l->files, TRUE);
	g_ptr_array_free(l->cms, TRUE);
	g_ptr_array_free(l->cuc_notes, TRUE);
	g_ptr_array_free(l->owners, TRUE);
	g_ptr_array_free(l->units, TRUE);
	g_ptr_array_free(l->unit_files, TRUE);
	g_free(l->list[0]);
	g_free(l->list[1]);
	if (l->rows_people != NULL) {
		g_string_free(l->rows_people, TRUE);
		g_string_free(l->rows_cuc, TRUE);
		g_string_free(l->html_people, TRUE);
		g_string_free(l->html_cuc, TRUE);
	}
	g_free(l->unit);
	g_free(l->addressee);
	g_free(l->list_unit);
	g_free(l->sender);
	g_free(l->received);
	g_free(l->nrows);
	g_free(l->examples);
	g_free(l->coordinator_name);
	g_free(l->coordinator_phone);
	g_free(l->existing_case);
	g_free(l->existing_date);
	g_free(l->cover_name);
	g_free(l->cover_file);
	g_free(l->cover_number);
	g_free(l->cover_date);
	g_free(l->cover_unit);
}

/* Whether what a refusal names is the cover letter's alone (its
 * signature): the list needs no change, the công văn is to send again
 * (review 5, B4). */
static bool
cover_fault_only(const struct decision *d)
{
	bool	cover = false;

	if (d->errors.n > 0)
		return (false);
	for (size_t i = 0; i < d->ndocs; i++) {
		const struct document	*doc = &d->docs[i];
		const struct form	*f = doc->form;

		if (doc->kind == KIND_COVER_LETTER) {
			cover |= doc->errors.n > 0 ||
			    (f != NULL && f->errors.n > 0);
			continue;
		}
		if (doc->errors.n > 0 || (f != NULL && (f->errors.n > 0 ||
		    form_rows_with_errors(f) > 0)))
			return (false);
	}
	return (cover);
}

/* The name on a person's own form (Mẫu 11: its first row), or NULL. */
static char *
person_on_form(const struct decision *d)
{
	for (size_t i = 0; i < d->ndocs; i++) {
		const struct form	*f = d->docs[i].form;
		const struct form_row	*r;
		struct form_cursor	 cur;
		char			*name = NULL;

		if (f == NULL || g_strcmp0(f->subtype, "individual") != 0)
			continue;
		form_cursor_init(&cur, f);
		if ((r = form_cursor_next(&cur)) != NULL && !text_blank(r->name))
			name = clean(r->name);
		form_cursor_deinit(&cur);
		if (name != NULL)
			return (name);
	}
	return (NULL);
}

/* Which devices a person's Mẫu 11 asks to recover: a SIM its rows show,
 * else the subject's word ("Xin khôi phục eToken"). A letter gives only
 * the route for that device (review 3, C12), both when it is not known
 * ("mở khóa chữ ký số") (review 5, B2). */
static void
device_kinds(const struct decision *d, const char *subject, bool *etoken_r,
    bool *sim_r)
{
	bool	 etoken = false, sim = false;
	char	*low;

	for (size_t i = 0; i < d->ndocs; i++) {
		const struct form	*f = d->docs[i].form;
		const struct form_row	*r;
		struct form_cursor	 cur;

		if (f == NULL || f->kind != KIND_ETOKEN_RECOVERY)
			continue;
		/* a SIM the form shows (its ICCID, or the word); "etoken"
		 * is the reader's guess for any other number, no proof */
		form_cursor_init(&cur, f);
		while ((r = form_cursor_next(&cur)) != NULL)
			sim |= g_strcmp0(r->device_type, "sim") == 0;
		form_cursor_deinit(&cur);
	}
	if (!sim && subject != NULL) {
		low = g_utf8_strdown(subject, -1);
		etoken = strstr(low, "etoken") != NULL ||
		    strstr(low, "e-token") != NULL ||
		    strstr(low, "usb token") != NULL;
		sim = strstr(low, "sim") != NULL;
		g_free(low);
	}
	*etoken_r = etoken && !sim;
	*sim_r = sim && !etoken;
}

/* Another case's number in the unit's subject ("RE: [HT-2024-000031]
 * …" answered with a new case): the letter says which to quote, since
 * its subject keeps only the new one (g_free), or NULL. */
static char *
other_case(const char *subject, const char *case_number)
{
	GRegex		*re;
	GMatchInfo	*mi;
	char		*r = NULL;

	if (subject == NULL || case_number == NULL ||
	    !g_utf8_validate(subject, -1, NULL))
		return (NULL);
	re = g_regex_new("HT-[0-9]{4}-[0-9]{6}", G_REGEX_CASELESS, 0, NULL);
	g_regex_match(re, subject, 0, &mi);
	while (r == NULL && g_match_info_matches(mi)) {
		char *m = g_match_info_fetch(mi, 0);

		if (g_ascii_strcasecmp(m, case_number) != 0)
			r = g_ascii_strup(m, -1);
		g_free(m);
		g_match_info_next(mi, NULL);
	}
	g_match_info_free(mi);
	g_regex_unref(re);
	return (r);
}

/* The period a report covers, as its title or else the mail's subject
 * writes it ("6 tháng đầu năm 2024", "năm 2024"), or as its kind says
 * it ("định kỳ 6 tháng"); NULL when none tells (g_free). */
static char *
report_period(const struct mail *m, const struct decision *d)
{
	static const char *const res[] = {
		"6 tháng (đầu|cuối) năm [0-9]{4}", "năm [0-9]{4}" };
	const struct form	*f = NULL;
	GMatchInfo		*mi;
	GRegex			*re;
	char			*text, *p = NULL;

	for (size_t i = 0; i < d->ndocs && f == NULL; i++)
		if (d->docs[i].form != NULL &&
		    d->docs[i].form->kind == KIND_REPORT)
			f = d->docs[i].form;
	if (f == NULL)
		return (NULL);
	for (int w = 0; w < 2 && p == NULL; w++) {
		text = w == 0 ? f->title : m->subject;
		if (text == NULL || !g_utf8_validate(text, -1, NULL))
			continue;
		text = g_utf8_strdown(text, -1);
		/* a half-year report's period is never a year alone */
		for (size_t i = 0; p == NULL && i < G_N_ELEMENTS(res) -
		    (g_strcmp0(f->subtype, "half_year") == 0); i++) {
			re = g_regex_new(res[i], 0, 0, NULL);
			if (g_regex_match(re, text, 0, &mi))
				p = g_match_info_fetch(mi, 0);
			g_match_info_free(mi);
			g_regex_unref(re);
		}
		g_free(text);
	}
	if (p == NULL && g_strcmp0(f->subtype, "half_year") == 0)
		p = g_strdup("định kỳ 6 tháng");
	else if (p == NULL && g_strcmp0(f->subtype, "year") == 0)
		p = g_strdup("hằng năm");
	return (p);
}

/* The report's own number ("88-BC/HU") and date ("27/6/2024"), as its
 * receipt cites them. */
static void
report_cited(const struct job *j, char **number, char **date)
{
	const struct form *f = NULL;

	*number = *date = NULL;
	for (size_t i = 0; i < j->d->ndocs && f == NULL; i++)
		if (j->d->docs[i].form != NULL &&
		    j->d->docs[i].form->kind == KIND_REPORT)
			f = j->d->docs[i].form;
	if (f == NULL || (*number = clean(f->doc_number)) == NULL)
		return;
	*date = cited_date(f->doc_date, j->mail->date, j->cfg->timezone);
}

#define LIST(a)	((const char *const *)(a)->pdata)
#define FLAG(b)	((b) ? "1" : NULL)

/*
 * Renders one letter file. html: the rows_table line is the marker, for
 * compose_html. xlsx_name: the forward's generated list, or NULL.
 */
static int
render(struct job *j, enum templates_kind t, bool html, const char *xlsx_name,
    char **out_r, char **cause)
{
	const struct config	*cfg = j->cfg;
	struct letter		*l = &j->l;
	enum kind		 k = j->d->kind;
	char			*subject, *signature = NULL, *nfiles, *period;
	char			*report_number = NULL, *report_date = NULL;
	char			*nunits = NULL;
	char			*old_case;
	char			*unit, *addressee, *list_unit, *cover_unit;
	bool			 cuc = t == TEMPLATES_FORWARD;
	bool			 away = cuc || t == TEMPLATES_FORWARD_SUBJECT;
	/* A công văn unsigned (a Word draft) or signed under no anchor we
	 * trust is no request to put before the Cục, which runs the anchor:
	 * its letter cites the unit, not it (review 5 B3, review 6 B1). */
	bool			 hide = cuc && l->cover_name != NULL &&
				    !l->cover_valid;
	int			 rc;

	if (cfg->templates == NULL) {
		*cause = g_strdup("the letter templates are not loaded");
		return (-1);
	}
	/* The Cục serves every province: "Ban Tuyên giáo Tỉnh ủy" says
	 * which only here. */
	unit = away ? wording_in_province(l->unit, province) :
	    g_strdup(l->unit);
	addressee = away ? wording_in_province(l->addressee, province) :
	    g_strdup(l->addressee);
	list_unit = away ? wording_in_province(l->list_unit, province) :
	    g_strdup(l->list_unit);
	cover_unit = away ? wording_in_province(l->cover_unit, province) :
	    g_strdup(l->cover_unit);
	subject = clean(!text_blank(j->mail->subject) ? j->mail->subject :
	    no_subject);
	nfiles = wording_count(l->nlists);
	period = k == KIND_REPORT ? report_period(j->mail, j->d) : NULL;
	if (k == KIND_REPORT)
		report_cited(j, &report_number, &report_date);
	if (l->units->len > 1)
		nunits = wording_count(l->units->len);
	old_case = other_case(j->mail->subject, j->case_number);
	for (int pass = 0; pass < 2; pass++) {
		const struct template_value v[] = {
			{ "unit", unit, NULL },
			{ "addressee", addressee, NULL },
			{ "list_unit", list_unit, NULL },
			{ "in_body", FLAG(l->in_body), NULL },
			{ "public_sender", FLAG(l->public_sender), NULL },
			{ "has_files", FLAG(l->files->len > 1 ||
			    (l->cover_file != NULL && !hide)), NULL },
			{ "sender", l->sender, NULL },
			{ "subject", subject, NULL },
			{ "received", l->received, NULL },
			{ "from_addr", j->mail->from_addr, NULL },
			{ "kind_text", texts_vi_kind_form(k, l->subtype), NULL },
			{ "case", j->case_number, NULL },
			{ "nrows", l->nrows, NULL },
			{ "sim", FLAG(k == KIND_SIM_ACTIVATION), NULL },
			{ "etoken", FLAG(k == KIND_ETOKEN_RECOVERY), NULL },
			{ "report", FLAG(k == KIND_REPORT), NULL },
			{ "cert", FLAG(k == KIND_CERT_REQUEST), NULL },
			{ "sim_recovery", FLAG(k == KIND_SIM_RECOVERY), NULL },
			{ "handover", FLAG(k == KIND_HANDOVER), NULL },
			{ "individual", FLAG(l->individual), NULL },
			{ "only_etoken", FLAG(l->only_etoken), NULL },
			{ "only_sim", FLAG(l->only_sim), NULL },
			{ "either_device", FLAG(!l->only_etoken &&
			    !l->only_sim), NULL },
			{ "coordinator_name", l->coordinator_name, NULL },
			{ "coordinator_phone", l->coordinator_phone, NULL },
			{ "existing_case", l->existing_case, NULL },
			{ "existing_date", l->existing_date, NULL },
			{ "existing_activated", FLAG(l->existing_how == 2),
			    NULL },
			{ "existing_sent", FLAG(l->existing_how == 3), NULL },
			{ "mailbox", cfg->mailbox_address, NULL },
			{ "office_name", cfg->office_name, NULL },
			{ "office_phone", cfg->office_phone, NULL },
			{ "cuc_name", cfg->cuc_name, NULL },
			{ "cuc_postal", cfg->cuc_postal, NULL },
			{ "cuc_address", cfg->cuc_address, NULL },
			{ "cuc_phone", cfg->cuc_phone, NULL },
			{ "cuc_web", cfg->cuc_web, NULL },
			{ "signature", signature, NULL },
			{ "has_errors", FLAG(l->errors->len > 1), NULL },
			{ "has_warnings", FLAG(l->warnings->len > 1), NULL },
			{ "has_fixes", FLAG(l->fixes->len > 1), NULL },
			{ "has_rows", l->nrows, NULL },
			{ "examples", l->examples, NULL },
			{ "errors", NULL, LIST(l->errors) },
			{ "warnings", NULL, LIST(l->warnings) },
			{ "fixes", NULL, LIST(l->fixes) },
			{ "rows", NULL, LIST(l->cms) },
			{ "cms", NULL, LIST(l->cms) },
			{ "rows_table", html ? TABLE_MARKER : cuc ?
			    l->rows_cuc->str : l->rows_people->str, NULL },
			{ "files", NULL, LIST(l->files) },
			{ "has_cuc_notes", FLAG(l->cuc_notes->len > 1), NULL },
			{ "cuc_notes", NULL, LIST(l->cuc_notes) },
			{ "unit_files", NULL, LIST(l->unit_files) },
			{ "nunits", nunits, NULL },
			{ "all_signed", FLAG(l->all_signed), NULL },
			{ "cover_signed", FLAG(l->cover_signed), NULL },
			{ "cover_name", hide ? NULL : l->cover_name, NULL },
			{ "cover_file", hide ? NULL : l->cover_file, NULL },
			{ "cover_number", hide ? NULL : l->cover_number,
			    NULL },
			{ "cover_fault", FLAG(cover_fault_only(j->d)), NULL },
			{ "cover_date", hide ? NULL : l->cover_date, NULL },
			{ "cover_unit", cover_unit, NULL },
			{ "one_file", hide ? NULL : l->one_file, NULL },
			{ "other_files", FLAG(l->other_files && !hide), NULL },
			{ "xlsx_name", xlsx_name, NULL },
			{ "cases", NULL, no_items },
			{ "has_cases", NULL, NULL },
			{ "note", NULL, NULL },
			{ "office_contact", cfg->office_contact, NULL },
			{ "one_error", FLAG(l->errors->len +
			    (l->examples != NULL) == 2), NULL },
			{ "one_warning", FLAG(l->warnings->len == 2), NULL },
			{ "many_rows", FLAG(l->nlisted > 1), NULL },
			{ "many_files", FLAG(l->nlists > 1), NULL },
			{ "nfiles", nfiles, NULL },
			/* the forward leaves with the ack, unheld */
			{ "forwarded", FLAG(replies_forwards(j->d, cfg) &&
			    g_strcmp0(cfg->forward_approval, "none") == 0),
			    NULL },
			{ "loss", FLAG(k == KIND_HANDOVER &&
			    g_strcmp0(l->subtype, "loss") == 0), NULL },
			{ "period", period, NULL },
			{ "report_number", report_number, NULL },
			{ "report_date", report_date, NULL },
			{ "old_case", old_case, NULL },
			{ "one_example", FLAG(l->examples != NULL &&
			    strstr(l->examples, " và dòng ") == NULL), NULL },
		};

		rc = template_render(templates_get(cfg->templates, pass == 0 ?
		    TEMPLATES_SIGNATURE : t), v, G_N_ELEMENTS(v), pass == 0 ?
		    &signature : out_r, cause);
		if (rc == -1)
			break;
		if (pass == 0)
			g_strchomp(signature);
	}
	g_free(unit);
	g_free(addressee);
	g_free(list_unit);
	g_free(cover_unit);
	g_free(signature);
	g_free(subject);
	g_free(nfiles);
	g_free(period);
	g_free(report_number);
	g_free(report_date);
	g_free(nunits);
	g_free(old_case);
	return (rc);
}

/* Composes one message and appends it to the job's output. */
static int
add(struct job *j, const char *purpose, const char *to_addr,
    const char *to_name, const char *subject, const char *body,
    const char *html, bool auto_reply, const struct compose_attachment *att,
    size_t natt, char **cause)
{
	struct compose_input	 in;
	struct queue_outgoing	 o = { 0 };
	struct compose_attachment *ca = NULL;
	struct blob_data	*blobs = NULL;
	char			*id, *raw, *why = NULL;
	size_t			 len, nblobs = 0;
	int			 rc;

	id = g_strdup_printf("<hotrocks.%s.%s@%s>", purpose, j->digest,
	    j->domain);
	memset(&in, 0, sizeof(in));
	in.message_id = id;
	in.from_addr = j->cfg->mailbox_address;
	in.from_name = j->cfg->office_name;
	in.to_addr = to_addr;
	in.to_name = to_name;
	in.subject = subject;
	in.date = j->now;
	in.timezone = j->cfg->timezone;
	in.body = body;
	in.html = html;
	in.auto_reply = auto_reply;
	in.attachments = att;
	in.nattachments = natt;
	/* Kept apart, a list's workbook is never in memory as base64: the
	 * queue stores its bytes as they are (outbox/blob.h). */
	if (j->apart && natt > 0) {
		ca = g_new(struct compose_attachment, natt);
		blobs = g_new0(struct blob_data, natt);
		for (size_t i = 0; i < natt; i++) {
			ca[i] = att[i];
			ca[i].apart = true;
			blobs[nblobs].data = ca[i].data;
			blobs[nblobs++].len = ca[i].len;
		}
		in.attachments = ca;
	}
	if (auto_reply) {
		in.in_reply_to = j->mail->message_id;
		in.references = j->mail->references != NULL ?
		    j->mail->references : j->mail->in_reply_to;
	}
	if (compose_message(&in, &raw, &len, &why) == -1) {
		*cause = g_strdup_printf("%s: %s", purpose, why);
		g_free(why);
		g_free(id);
		g_free(ca);
		g_free(blobs);
		return (-1);
	}
	o.message_id = id;
	o.purpose = g_strdup(purpose);
	o.rcpt = g_strdup(to_addr);
	o.raw = raw;
	o.blobs = blobs;
	o.nblobs = nblobs;
	j->n++;
	rc = j->sink(j->sink_ctx, &o, cause);
	/* A list's workbook is queued now. The unit's with notes is
	 * no other letter's: not held beside the Cục's; the one without
	 * may be the forward's too. */
	g_clear_pointer(&j->l.list[1], g_free);
	j->l.list_len[1] = 0;
	g_free(ca);
	g_free(blobs);
	return (rc);
}

/* The accepted rows of a decision, in order, for the XLSX: the rows
 * letter_rows counts in nlisted. */
struct listed_rows {
	const struct decision	*d;
	size_t			 doc;
	struct form_cursor	 cur;
	bool			 open, notes;
	bool			 apart;		/* on a thread of its own */
	bool			 several;	/* several_units */
	GString			*note;		/* the row's, reused */
	char			*unit, *title;	/* the open document's */
};

static int
listed_row(void *ctx, size_t i, struct forward_xlsx_row *x,
    const char **note)
{
	struct listed_rows	*lr = ctx;
	const struct form_row	*r = NULL;

	(void)i;	/* they come in order */
	while (r == NULL) {
		if (!lr->open) {
			while (lr->doc < lr->d->ndocs &&
			    lr->d->docs[lr->doc].form == NULL)
				lr->doc++;
			if (lr->doc >= lr->d->ndocs)
				return (-1);
			if (lr->apart)
				form_cursor_init_apart(&lr->cur,
				    lr->d->docs[lr->doc].form);
			else
				form_cursor_init(&lr->cur,
				    lr->d->docs[lr->doc].form);
			lr->open = true;
			g_free(lr->unit);
			lr->unit = lr->several && !text_blank(
			    lr->d->docs[lr->doc].form->organization) ?
			    wording_unit(lr->d->docs[lr->doc].form->organization)
			    : NULL;
		}
		if ((r = form_cursor_next(&lr->cur)) == NULL) {
			form_cursor_deinit(&lr->cur);
			lr->open = false;
			lr->doc++;
		} else if (is_example_row(r))
			r = NULL;
	}
	x->phone = r->phone;
	x->iccid = r->iccid;
	x->name = r->name;
	g_free(lr->title);
	lr->title = lr->unit != NULL ? title_in_unit(r->position, lr->unit) :
	    NULL;
	x->position = lr->unit != NULL ? lr->title : r->position;
	if (lr->notes)
		*note = row_note(lr->note, r) ? lr->note->str : NULL;
	return (0);
}

/* The nlisted accepted rows of d as the Phụ lục 3 XLSX, dated now, with
 * the "Ghi chú" column when with; apart: read on a thread of its own. */
static int
list_render(const struct decision *d, const struct config *cfg,
    const char *now, size_t nlisted, bool with, bool apart,
    unsigned char **data_r, size_t *len_r, char **cause)
{
	struct forward_xlsx	 x = { 0 };
	struct listed_rows	 lr = { 0 };
	int			 rc;

	x.parent = "ĐẢNG BỘ TỈNH QUẢNG NGÃI";
	x.office = "VĂN PHÒNG TỈNH ỦY";
	x.place = province;
	x.date = now;
	x.zone = cfg->timezone;	/* the day its letter's Date: says */
	x.addressee = cfg->cuc_name;
	/* The rows letter_rows listed, read again as they are written,
	 * with their notes. */
	lr.d = d;
	lr.note = g_string_new(NULL);
	lr.apart = apart;
	lr.several = several_units(d);
	x.row = listed_row;
	x.rows_ctx = &lr;
	x.nrows = nlisted;
	x.with_notes = lr.notes = with;
	rc = forward_xlsx_build(&x, NULL, data_r, len_r, cause);
	if (lr.open)
		form_cursor_deinit(&lr.cur);
	g_string_free(lr.note, TRUE);
	g_free(lr.unit);
	g_free(lr.title);
	return (rc);
}

/*
 * Which list the unit's letter attaches: 1 the one with the "Ghi chú"
 * column, when the letter does not list every row's findings (notes); 0
 * the plain one, the list an acknowledgement too long to quote whole
 * quotes; -1 none. The Cục's forward always takes the plain one. The
 * letters and the thread that makes the lists ahead both ask here.
 */
static int
unit_list(const struct decision *d, size_t nlisted, bool notes)
{
	if (notes)
		return (1);
	if (d->action == ACTION_QUEUE && d->kind == KIND_SIM_ACTIVATION &&
	    nlisted > REPLIES_INLINE_ROWS)
		return (0);
	return (-1);
}

/* The accepted rows as the Phụ lục 3 XLSX, with the "Ghi chú" column
 * or without (with); its name to *name_r. a->data stays the
 * letter's. */
static int
list_xlsx(struct job *j, int with, struct compose_attachment *a,
    char **name_r, char **cause)
{
	struct letter		*l = &j->l;

	if (!j->plan && l->list[with] == NULL && list_render(j->d, j->cfg,
	    j->now,
	    l->nlisted, with, false, &l->list[with], &l->list_len[with],
	    cause) == -1)
		return (-1);
	*name_r = j->case_number != NULL ? g_strdup_printf("Danh sách đề "
	    "nghị kích hoạt SIM ký số %s.xlsx", j->case_number) :
	    g_strdup("Danh sách đề nghị kích hoạt SIM ký số.xlsx");
	a->filename = *name_r;
	a->content_type = format_type(FORMAT_XLSX);
	/* planned only: an empty part where the workbook goes */
	a->data = j->plan ? (const unsigned char *)"" : l->list[with];
	a->len = j->plan ? 0 : l->list_len[with];
	return (0);
}

/* The unit's name for the To: line, or NULL when the letter could only
 * greet the bare address. Borrowed from the job. */
static const char *
addressee_name(const struct job *j)
{
	const char *u = j->l.addressee;

	if (u == NULL || (j->mail->from_addr != NULL &&
	    g_ascii_strcasecmp(u, j->mail->from_addr) == 0))
		return (NULL);
	return (u);
}

/* An answer to the sender, threaded under the message. */
static int
reply(struct job *j, const char *purpose, enum templates_kind t,
    char **cause)
{
	struct compose_attachment a = { 0 };
	char	*body = NULL, *html_text = NULL, *html = NULL, *subject;
	char	*name = NULL, *to = NULL;
	size_t	 natt = 0;
	int	 rc = -1, with;

	with = unit_list(j->d, j->l.nlisted, j->l.nerr_more > 0 ||
	    j->l.nwarn_more > 0);
	if (with != -1) {
		if (list_xlsx(j, with, &a, &name, cause) == -1)
			goto out;
		natt = 1;
	}
	if (render(j, t, false, name, &body, cause) == -1 ||
	    render(j, t, true, name, &html_text, cause) == -1)
		goto out;
	/* The HTML alternative only where a table reads better. */
	if (strstr(html_text, TABLE_MARKER) != NULL)
		html = compose_html(html_text, TABLE_MARKER,
		    j->l.html_people->str);
	subject = compose_case_subject(t == TEMPLATES_RECEIVED ?
	    j->l.existing_case : j->case_number,
	    !text_blank(j->mail->subject) ? j->mail->subject : no_subject);
	/* The To: line names the addressee as "Kính gửi:" does: the unit,
	 * or the person a letter to an individual greets. A personal
	 * mailbox (gmail and the like) is its owner's: the name it gave,
	 * never the unit's over it (review 8). */
	if (j->l.public_sender && !text_blank(j->mail->from_name))
		to = clean(j->mail->from_name);
	rc = add(j, purpose, j->mail->from_addr, to != NULL ? to :
	    j->l.individual ? j->l.sender : addressee_name(j), subject, body,
	    html, true, natt > 0 ? &a : NULL, natt, cause);
	g_free(subject);
out:
	g_free(to);
	g_free(name);
	g_free(html);
	g_free(html_text);
	g_free(body);
	return (rc);
}

/* True when every document of d is a table of the mail's body. */
static bool
body_only(const struct decision *d)
{
	for (size_t k = 0; k < d->ndocs; k++)
		if (d->docs[k].format != FORMAT_BODY)
			return (false);
	return (d->ndocs > 0);
}

/* The unit's documents, as they came, to the Cục. */
static int
forward(struct job *j, char **cause)
{
	const struct attachment		*a;
	const struct document		*doc;
	struct compose_attachment	*att;
	char				*body = NULL, *subject = NULL, *sum;
	char				*html_text = NULL, *html = NULL;
	char				*xlsx = NULL;
	size_t				 natt = 0;
	int				 rc = -1;

	if (j->cfg->cuc_address == NULL) {
		*cause = g_strdup("forward_to_cuc is set but the Cục has no "
		    "address");
		return (-1);
	}
	att = g_new0(struct compose_attachment, j->mail->natt + 1);
	/* The list in the Cục's layout first, then the originals. */
	if (list_xlsx(j, 0, &att[0], &xlsx, cause) == -1)
		goto out;
	natt = 1;
	for (size_t i = 0; i < j->mail->natt; i++) {
		a = &j->mail->att[i];
		if (a->data == NULL)
			continue;
		sum = sha256_hex(a->data, a->len);
		doc = NULL;
		for (size_t k = 0; k < j->d->ndocs && doc == NULL; k++)
			if (g_ascii_strcasecmp(j->d->docs[k].sha256, sum) == 0)
				doc = &j->d->docs[k];
		for (size_t k = 1; k < natt && doc != NULL; k++)
			if (att[k].len == a->len &&
			    memcmp(att[k].data, a->data, a->len) == 0)
				doc = NULL;
		g_free(sum);
		/* nor is it passed on */
		if (doc == NULL || (doc->kind == KIND_COVER_LETTER &&
		    doc->signature.status != SIG_VALID &&
		    doc->signature.status != SIG_UNSUPPORTED))
			continue;
		att[natt].filename = !text_blank(doc->filename) ?
		    doc->filename : a->filename;
		att[natt].content_type = format_type(a->format);
		att[natt].data = a->data;
		att[natt].len = a->len;
		natt++;
	}
	/* A list read from the mail's own body has no file to pass on: the
	 * Cục gets it in its layout alone. */
	if (natt == 1 && !body_only(j->d)) {
		*cause = g_strdup("forward: no attachment of the mail is one "
		    "of its documents");
		goto out;
	}
	if (render(j, TEMPLATES_FORWARD_SUBJECT, false, xlsx, &subject,
	    cause) == -1 || render(j, TEMPLATES_FORWARD, false, xlsx, &body,
	    cause) == -1 || render(j, TEMPLATES_FORWARD, true, xlsx,
	    &html_text, cause) == -1)
		goto out;
	g_strstrip(subject);
	html = compose_html(html_text, TABLE_MARKER, j->l.html_cuc->str);
	rc = add(j, "forward", j->cfg->cuc_address, j->cfg->cuc_name, subject,
	    body, html, false, att, natt, cause);
out:
	g_free(html);
	g_free(html_text);
	g_free(subject);
	g_free(body);
	g_free(att);
	g_free(xlsx);
	return (rc);
}

/* replies_build's sink: the letters in an array. */
static int
collect(void *ctx, struct queue_outgoing *o, char **cause)
{
	(void)cause;
	g_array_append_val((GArray *)ctx, *o);
	return (0);
}

bool
replies_forwards(const struct decision *d, const struct config *cfg)
{
	return (d->action == ACTION_QUEUE && cfg->forward_to_cuc &&
	    d->kind == KIND_SIM_ACTIVATION &&
	    g_strcmp0(cfg->forward_mode, "daily") != 0);
}

/* replies_build's letters, or replies_plan's. */
static int
build_all(const struct mail *mail, const struct decision *d,
    const struct config *cfg, const char *case_number, const char *now,
    const char *msg_sha256, bool plan, struct queue_outgoing **out_r,
    size_t *n_r, char **cause)
{
	GArray	*out = g_array_new(FALSE, TRUE,
		    sizeof(struct queue_outgoing));
	int	 rc;

	rc = build(mail, d, cfg, case_number, now, msg_sha256, false, plan,
	    NULL, collect, out, n_r, cause);
	*n_r = out->len;
	*out_r = (struct queue_outgoing *)g_array_free(out, FALSE);
	if (rc == -1 || *n_r == 0) {
		replies_free(*out_r, *n_r);
		*out_r = NULL;
		*n_r = 0;
	}
	return (rc);
}

int
replies_build(const struct mail *mail, const struct decision *d,
    const struct config *cfg, const char *case_number, const char *now,
    const char *msg_sha256, struct queue_outgoing **out_r, size_t *n_r,
    char **cause)
{
	return (build_all(mail, d, cfg, case_number, now, msg_sha256, false,
	    out_r, n_r, cause));
}

int
replies_plan(const struct mail *mail, const struct decision *d,
    const struct config *cfg, const char *case_number, const char *now,
    const char *msg_sha256, struct queue_outgoing **out_r, size_t *n_r,
    char **cause)
{
	return (build_all(mail, d, cfg, case_number, now, msg_sha256, true,
	    out_r, n_r, cause));
}

int
replies_build_each(const struct mail *mail, const struct decision *d,
    const struct config *cfg, const char *case_number, const char *now,
    const char *msg_sha256, struct replies_lists *ahead,
    int (*sink)(void *, struct queue_outgoing *, char **), void *ctx,
    size_t *n_r, char **cause)
{
	return (build(mail, d, cfg, case_number, now, msg_sha256, true, false,
	    ahead, sink, ctx, n_r, cause));
}

/* True when d is answered at all: never a machine, no one, ourselves or
 * the Cục, nor a message a person reads first. */
static bool
answers(const struct mail *mail, const struct decision *d,
    const struct config *cfg)
{
	return (!(d->action == ACTION_IGNORE || d->action == ACTION_MANUAL ||
	    mail->machine != MIME_PERSON || text_blank(mail->from_addr) ||
	    config_is_own(cfg, mail->from_addr) ||
	    config_is_cuc(cfg, mail->from_addr)));
}

/* The letters of replies_build (whole) and replies_build_each (their
 * attachments apart). */
static int
build(const struct mail *mail, const struct decision *d,
    const struct config *cfg, const char *case_number, const char *now,
    const char *msg_sha256, bool apart, bool plan,
    struct replies_lists *ahead,
    int (*sink)(void *, struct queue_outgoing *, char **), void *ctx,
    size_t *n_r, char **cause)
{
	struct job	 j;
	const char	*at;
	char		 digest[25];
	int		 rc = -1;

	*n_r = 0;
	if (!answers(mail, d, cfg))
		return (0);
	if (msg_sha256 == NULL || strlen(msg_sha256) < 24) {
		*cause = g_strdup("replies need the message's sha256");
		return (-1);
	}
	for (size_t i = 0; i < 24; i++) {
		if (!g_ascii_isxdigit(msg_sha256[i])) {
			*cause = g_strdup("replies need the message's sha256");
			return (-1);
		}
		digest[i] = g_ascii_tolower(msg_sha256[i]);
	}
	digest[24] = '\0';
	if (cfg->mailbox_address == NULL ||
	    (at = strrchr(cfg->mailbox_address, '@')) == NULL ||
	    at[1] == '\0') {
		*cause = g_strdup("the mailbox address has no domain");
		return (-1);
	}

	memset(&j, 0, sizeof(j));
	j.mail = mail;
	j.d = d;
	j.cfg = cfg;
	j.case_number = case_number;
	j.now = now;
	j.digest = digest;
	j.domain = g_ascii_strdown(at + 1, -1);
	j.sink = sink;
	j.sink_ctx = ctx;
	j.apart = apart;
	j.plan = plan;
	letter_init(&j);
	if (ahead != NULL)
		lists_take(ahead, &j);
	switch (d->action) {
	case ACTION_QUEUE:
		if (d->resend_case != NULL) {
			if (reply(&j, "notice", TEMPLATES_RECEIVED,
			    cause) == -1)
				goto out;
			break;
		}
		if (reply(&j, "ack", d->kind == KIND_SIM_ACTIVATION ?
		    TEMPLATES_ACK_SIM : d->kind == KIND_ETOKEN_RECOVERY ?
		    TEMPLATES_ACK_ETOKEN : TEMPLATES_ACK_REPORT, cause) == -1)
			goto out;
		if (replies_forwards(d, cfg) && forward(&j, cause) == -1)
			goto out;
		break;
	case ACTION_REJECT:
		if (j.l.existing_case != NULL ?
		    reply(&j, "notice", TEMPLATES_RECEIVED, cause) == -1 :
		    reply(&j, "reject", TEMPLATES_REJECT, cause) == -1)
			goto out;
		break;
	case ACTION_REDIRECT:
		if (reply(&j, "redirect", TEMPLATES_REDIRECT, cause) == -1)
			goto out;
		break;
	default:
		break;
	}
	rc = 0;
out:
	letter_deinit(&j.l);
	g_free((char *)j.domain);
	*n_r = j.n;
	return (rc);
}

/*
 * A long list's workbooks, made ahead. The thread walks the rows once
 * to count what letter_init counts (the rows listed, those whose
 * findings pass the letter's first REPLIES_INLINE_ROWS), and makes the
 * workbooks the letters will want, asking unit_list and
 * replies_forwards as they do. A guess that misses costs time only:
 * build takes a workbook only for the same rows and the same date, and
 * makes any other itself.
 */
struct replies_lists {
	GThread			*thread;
	const struct decision	*d;
	const struct config	*cfg;
	char			*now;
	bool			 forwards;
	size_t			 nlisted;
	unsigned char		*list[2];
	size_t			 list_len[2];
	char			*cause;		/* why one was not made */
	size_t			 taken;
};

static gpointer
lists_thread(gpointer arg)
{
	struct replies_lists	*rl = arg;
	const struct decision	*d = rl->d;
	const struct form_row	*r;
	size_t			 nerr = 0, nwarn = 0;
	bool			 need[2];
	int			 with;

	for (size_t i = 0; i < d->ndocs; i++) {
		struct form_cursor cur;

		if (!listed(d, d->docs[i].form))
			continue;
		form_cursor_init_apart(&cur, d->docs[i].form);
		while ((r = form_cursor_next(&cur)) != NULL) {
			if (is_example_row(r))
				continue;
			rl->nlisted++;
			nerr += r->errors.n > 0;
			nwarn += r->warnings.n > 0;
		}
		form_cursor_deinit(&cur);
	}
	/* nerr_more and nwarn_more of letter_rows, as counts */
	with = unit_list(d, rl->nlisted, nerr > REPLIES_INLINE_ROWS ||
	    nwarn > REPLIES_INLINE_ROWS);
	need[1] = with == 1;
	need[0] = rl->forwards || with == 0;
	for (with = 0; with < 2 && rl->cause == NULL; with++)
		if (need[with] && list_render(d, rl->cfg, rl->now,
		    rl->nlisted, with, true, &rl->list[with],
		    &rl->list_len[with], &rl->cause) == -1)
			rl->list[with] = NULL;
	return (NULL);
}

struct replies_lists *
replies_lists_start(const struct mail *mail, const struct decision *d,
    const struct config *cfg, const char *now)
{
	struct replies_lists	*rl;
	size_t			 nrows = 0;

	for (size_t i = 0; i < d->ndocs; i++)
		if (d->docs[i].form != NULL)
			nrows += d->docs[i].form->nrows;
	if (nrows < REPLIES_AHEAD_ROWS || !answers(mail, d, cfg))
		return (NULL);
	rl = g_new0(struct replies_lists, 1);
	rl->d = d;
	rl->cfg = cfg;
	rl->now = g_strdup(now);
	rl->forwards = replies_forwards(d, cfg);
	/* Nothing of a form changes from here (form_cursor_init_apart). */
	for (size_t i = 0; i < d->ndocs; i++)
		if (d->docs[i].form != NULL)
			form_rows_seal(d->docs[i].form);
	/* No thread to be had (a process limit): the letters make them. */
	if ((rl->thread = g_thread_try_new("lists", lists_thread, rl,
	    NULL)) == NULL) {
		replies_lists_free(rl);
		return (NULL);
	}
	return (rl);
}

static void
lists_join(struct replies_lists *rl)
{
	if (rl->thread == NULL)
		return;
	g_thread_join(rl->thread);
	rl->thread = NULL;
	/* Making a workbook freed megabytes (libzip's buffers): given
	 * back before the letters are composed. */
	malloc_trim(0);
}

/* The workbooks made ahead for the job's own rows and date, to it. */
static void
lists_take(struct replies_lists *rl, struct job *j)
{
	lists_join(rl);
	if (rl->d != j->d || rl->nlisted != j->l.nlisted ||
	    g_strcmp0(rl->now, j->now) != 0 || rl->cfg != j->cfg)
		return;
	for (size_t i = 0; i < G_N_ELEMENTS(rl->list); i++) {
		if (rl->list[i] == NULL || j->l.list[i] != NULL)
			continue;
		j->l.list[i] = rl->list[i];
		j->l.list_len[i] = rl->list_len[i];
		rl->list[i] = NULL;
		rl->taken++;
	}
}

size_t
replies_lists_taken(const struct replies_lists *rl)
{
	return (rl != NULL ? rl->taken : 0);
}

void
replies_lists_free(struct replies_lists *rl)
{
	if (rl == NULL)
		return;
	lists_join(rl);
	g_free(rl->list[0]);
	g_free(rl->list[1]);
	g_free(rl->cause);
	g_free(rl->now);
	g_free(rl);
}

char *
replies_resend_case(const struct mail *mail, const struct decision *d)
{
	struct job	 j;
	char		*c;

	memset(&j, 0, sizeof(j));
	j.mail = mail;
	j.d = d;
	letter_init(&j);
	c = j.l.existing_case;
	j.l.existing_case = NULL;
	letter_deinit(&j.l);
	return (c);
}

/* Every name the letter files may use, NULL or empty unless set later
 * by name (value_set); g_free the array. */
static struct template_value *
values_all(size_t *n_r)
{
	static const char *const none[] = { NULL };
	const struct template_name *names = templates_names(n_r);
	struct template_value *v = g_new0(struct template_value, *n_r);

	for (size_t i = 0; i < *n_r; i++) {
		v[i].name = names[i].name;
		if (names[i].type == TEMPLATE_LIST)
			v[i].items = none;
	}
	return (v);
}

static void
value_set(struct template_value *v, size_t n, const char *name,
    const char *text)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0)
			v[i].text = text;
}

static void
value_list(struct template_value *v, size_t n, const char *name,
    const char *const *list)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0)
			v[i].items = list;
}

int
replies_build_done(const struct config *cfg, const struct replies_done *c,
    const char *now, struct queue_outgoing **out_r, size_t *n_r,
    char **cause)
{
	struct compose_input	 in = { 0 };
	struct queue_outgoing	*o;
	struct template_value	*v;
	const char		*at;
	char			*unit = NULL, *received = NULL, *note = NULL;
	char			*list_unit = NULL;
	char			*sig = NULL, *body = NULL, *subject = NULL;
	char			*domain = NULL, *id = NULL, *raw = NULL;
	const char		**refused = NULL;
	size_t			 nv, len;
	int			 kind, rc = -1;

	*out_r = NULL;
	*n_r = 0;
	/* Never to no one, to ourselves, or to the Cục, which opened
	 * nothing a unit waits on. */
	if (text_blank(c->from_addr) || config_is_own(cfg, c->from_addr) ||
	    config_is_cuc(cfg, c->from_addr))
		return (0);
	if (cfg->templates == NULL) {
		*cause = g_strdup("the letter templates are not loaded");
		return (-1);
	}
	if (c->case_number == NULL || c->serial < 1) {
		*cause = g_strdup("a completion notice needs its case");
		return (-1);
	}
	if (cfg->mailbox_address == NULL ||
	    (at = strrchr(cfg->mailbox_address, '@')) == NULL ||
	    at[1] == '\0') {
		*cause = g_strdup("the mailbox address has no domain");
		return (-1);
	}
	kind = kind_from_name(c->kind);
	/* greeted as its acknowledgement greeted it: one name a thread */
	if (!text_blank(c->addressee))
		unit = clean(c->addressee);
	else
		unit = !text_blank(c->organization) ?
		    wording_unit(c->organization) : clean(c->from_addr);
	/* an office that passed on another unit's list, as its
	 * acknowledgement named it (trial 2, finding 8) */
	if (!text_blank(c->addressee) && !text_blank(c->organization)) {
		list_unit = wording_unit(c->organization);
		if (wording_names_unit(unit, list_unit) != 0)
			g_clear_pointer(&list_unit, g_free);
	}
	received = wording_date(c->received_at, cfg->timezone);
	note = clean(c->note);
	if (note != NULL && *note == '\0') {
		g_free(note);
		note = NULL;
	}
	v = values_all(&nv);
	value_set(v, nv, "unit", unit);
	value_set(v, nv, "addressee", unit);
	value_set(v, nv, "list_unit", list_unit);
	value_set(v, nv, "received", received);
	value_set(v, nv, "case", c->case_number);
	value_set(v, nv, "kind_text", texts_vi_kind(kind < 0 ? KIND_UNKNOWN :
	    (enum kind)kind));
	value_set(v, nv, "sim", FLAG(kind == KIND_SIM_ACTIVATION));
	value_set(v, nv, "etoken", FLAG(kind == KIND_ETOKEN_RECOVERY));
	value_set(v, nv, "report", FLAG(kind == KIND_REPORT));
	value_set(v, nv, "from_addr", c->from_addr);
	value_set(v, nv, "note", note);
	/* rows not activated, and why; the rest to check at cms */
	refused = g_new0(const char *, c->nrefused + 1);
	for (size_t i = 0; i < c->nrefused; i++)
		refused[i] = c->refused[i];
	value_list(v, nv, "refused", refused);
	value_set(v, nv, "has_refused", FLAG(c->nrefused > 0));
	value_set(v, nv, "one_refused", FLAG(c->nrefused == 1));
	value_set(v, nv, "has_activated", FLAG(c->nactivated > 0 ||
	    c->nrefused == 0));
	value_set(v, nv, "mailbox", cfg->mailbox_address);
	value_set(v, nv, "office_name", cfg->office_name);
	value_set(v, nv, "office_phone", cfg->office_phone);
	/* signed as every other letter: the contact people */
	value_set(v, nv, "office_contact", cfg->office_contact);
	value_set(v, nv, "cuc_name", cfg->cuc_name);
	if (template_render(templates_get(cfg->templates, TEMPLATES_SIGNATURE),
	    v, nv, &sig, cause) == -1)
		goto out;
	g_strchomp(sig);
	value_set(v, nv, "signature", sig);
	if (template_render(templates_get(cfg->templates, TEMPLATES_DONE), v,
	    nv, &body, cause) == -1)
		goto out;
	subject = compose_case_subject(c->case_number,
	    !text_blank(c->subject) ? c->subject : no_subject);
	domain = g_ascii_strdown(at + 1, -1);
	id = g_strdup_printf("<hotrocks.done.%s.%d@%s>", c->case_number,
	    c->serial, domain);
	in.message_id = id;
	in.from_addr = cfg->mailbox_address;
	in.from_name = cfg->office_name;
	in.to_addr = c->from_addr;
	/* Named on the To: line as the greeting names it. */
	in.to_name = !text_blank(c->organization) ||
	    !text_blank(c->addressee) ? unit : NULL;
	in.subject = subject;
	in.date = now;
	in.timezone = cfg->timezone;
	in.body = body;
	/* Sent because a person closed the case, not in answer to mail:
	 * no Auto-Submitted, but in the unit's thread. */
	in.in_reply_to = c->message_id;
	if (compose_message(&in, &raw, &len, cause) == -1)
		goto out;
	o = g_new0(struct queue_outgoing, 1);
	o->message_id = id;
	o->purpose = g_strdup("done");
	o->rcpt = g_strdup(c->from_addr);
	o->raw = raw;
	id = NULL;
	raw = NULL;
	*out_r = o;
	*n_r = 1;
	rc = 0;
out:
	g_free(v);
	g_free(refused);
	g_free(unit);
	g_free(list_unit);
	g_free(received);
	g_free(note);
	g_free(sig);
	g_free(body);
	g_free(subject);
	g_free(domain);
	g_free(id);
	g_free(raw);
	return (rc);
}

void
replies_free(struct queue_outgoing *o, size_t n)
{
	if (o == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		g_free((char *)o[i].message_id);
		g_free((char *)o[i].purpose);
		g_free((char *)o[i].rcpt);
		g_free((char *)o[i].raw);
	}
	g_free(o);
}
