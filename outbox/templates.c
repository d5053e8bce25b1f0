/* templates.c: loads the letter files of one directory, all or none.
 * It must never leave a half-loaded set behind, and never render. */
#include <glib.h>

#include "outbox/templates.h"

struct templates {
	struct template	*t[TEMPLATES__COUNT];
};

static const char *const files[TEMPLATES__COUNT] = {
	[TEMPLATES_ACK_SIM] = "ack-sim.txt",
	[TEMPLATES_ACK_ETOKEN] = "ack-etoken.txt",
	[TEMPLATES_ACK_REPORT] = "ack-report.txt",
	[TEMPLATES_REJECT] = "reject.txt",
	[TEMPLATES_RECEIVED] = "received.txt",
	[TEMPLATES_REDIRECT] = "redirect.txt",
	[TEMPLATES_DONE] = "done.txt",
	[TEMPLATES_FORWARD] = "forward.txt",
	[TEMPLATES_FORWARD_SUBJECT] = "forward-subject.txt",
	[TEMPLATES_SIGNATURE] = "signature.txt",
};

#define T(n)	{ n, TEMPLATE_TEXT }
#define L(n)	{ n, TEMPLATE_LIST }
/* Flags are texts: "1" when true, empty when not. */
static const struct template_name names[] = {
	/* the message and its sender */
	T("unit"), T("addressee"), T("sender"), T("subject"), T("received"), T("from_addr"),
	T("kind_text"), T("case"), T("nrows"),
	/* flags: what it is */
	T("sim"), T("etoken"), T("report"), T("cert"), T("sim_recovery"),
	T("handover"), T("individual"), T("only_etoken"), T("only_sim"),
	T("either_device"),
	/* the coordinator of an eToken recovery */
	T("coordinator_name"), T("coordinator_phone"),
	/* the case it repeats, for received.txt */
	T("existing_case"), T("existing_date"),
	/* the office and the Cục, from the config */
	T("mailbox"), T("office_name"), T("office_phone"), T("cuc_name"),
	T("cuc_postal"), T("cuc_address"), T("cuc_phone"), T("cuc_web"),
	T("signature"),
	/* findings and rows */
	T("has_errors"), T("has_warnings"), T("has_fixes"), T("has_rows"),
	T("examples"), L("errors"), L("warnings"), L("fixes"), L("rows"),
	L("cms"), T("rows_table"),
	/* the forward */
	L("files"), T("all_signed"), T("xlsx_name"), L("cases"),
	T("has_cases"), L("cuc_notes"), T("has_cuc_notes"),
	/* the completion notice: staff's note, the rows not activated */
	T("note"), L("refused"), T("has_refused"), T("one_refused"),
	T("has_activated"),
	/* a list sent again: its SIMs activated, or sent to the Cục */
	T("existing_activated"), T("existing_sent"),
	/* another case's number the unit quoted in its subject */
	T("old_case"),
	/* a signed cover letter stands for its unsigned soft file */
	T("cover_signed"),
	/* the unit's cover letter: its file, its forward entry, number,
	 * date and unit; beside it the one soft file, or other files */
	T("cover_name"), T("cover_file"), T("cover_number"), T("cover_date"),
	T("cover_fault"),
	T("cover_unit"), T("one_file"), T("other_files"),
	/* the office's contact people, from the config */
	T("office_contact"),
	/* counts that choose the grammar: one reason or several, one
	 * warning or several, one device or several, one file or several */
	T("one_error"), T("one_warning"), T("many_rows"), T("many_files"),
	T("nfiles"),
	/* whose list it is, when an office passed on another unit's; the
	 * forward's line for each unit's files, when several units' */
	T("list_unit"), L("unit_files"), T("nunits"),
	/* the list typed in the mail; sent from a public mailbox; the
	 * forward carries the unit's files */
	T("in_body"), T("public_sender"), T("has_files"),
	/* the forward leaves with the ack (per case, not held); a loss
	 * record (Mẫu 15); the period a report covers; one example row;
	 * the report's own number and date */
	T("forwarded"), T("loss"), T("period"), T("one_example"),
	T("report_number"), T("report_date"),
};
#undef T
#undef L

const char *
templates_file(enum templates_kind k)
{
	return ((unsigned)k < TEMPLATES__COUNT ? files[k] : "?");
}

const struct template_name *
templates_names(size_t *n_r)
{
	*n_r = G_N_ELEMENTS(names);
	return (names);
}

int
templates_load(const char *dir, struct templates **set_r, char **cause)
{
	struct templates	*set = g_new0(struct templates, 1);
	GError			*err = NULL;
	char			*path, *text;

	*set_r = NULL;
	for (int k = 0; k < TEMPLATES__COUNT; k++) {
		path = g_build_filename(dir, files[k], NULL);
		if (!g_file_get_contents(path, &text, NULL, &err)) {
			*cause = g_strdup_printf("%s: %s", path, err->message);
			g_error_free(err);
			g_free(path);
			templates_free(set);
			return (-1);
		}
		set->t[k] = template_parse(path, text, names,
		    G_N_ELEMENTS(names), cause);
		g_free(text);
		g_free(path);
		if (set->t[k] == NULL) {
			templates_free(set);
			return (-1);
		}
	}
	*set_r = set;
	return (0);
}

void
templates_free(struct templates *set)
{
	if (set == NULL)
		return;
	for (int k = 0; k < TEMPLATES__COUNT; k++)
		template_free(set->t[k]);
	g_free(set);
}

const struct template *
templates_get(const struct templates *set, enum templates_kind k)
{
	return ((unsigned)k < TEMPLATES__COUNT ? set->t[k] : NULL);
}
