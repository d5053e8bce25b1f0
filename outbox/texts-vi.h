/* texts-vi.h: the Vietnamese wording of every reply: one sentence per
 * CONTRACT code, and the letter templates (outbox/template.h). Words
 * only: no addresses or phone numbers, which come from the config. */
#ifndef HOTROCKS_TEXTS_VI_H
#define HOTROCKS_TEXTS_VI_H

#include "lib/codes.h"

/* What the finding means, as one sentence without a final stop; never
 * NULL for a code in range. */
const char	*texts_vi_code(enum code);
/* What the unit should do about it, or NULL for warnings that need
 * nothing done. Never NULL for an error code. */
const char	*texts_vi_code_fix(enum code);
/* What a document of this kind is, as a noun phrase; never NULL. */
const char	*texts_vi_kind(enum kind);

/*
 * Letter templates, NULL-terminated lines. Names they use (every one
 * must be given, NULL text for "not known"):
 *  unit, subject, received, kind_text, case, nrows, mailbox,
 *  office_name, office_phone, cuc_name, cuc_postal, cuc_address,
 *  cuc_phone, cuc_web, from_addr, coordinator;
 *  flags (non-empty text when true): sim, etoken, report, has_errors,
 *  has_warnings, has_fixes, has_rows;
 *  lists: errors, warnings, fixes, rows, files.
 */
extern const char *const texts_vi_ack[];	/* accepted: tiếp nhận */
extern const char *const texts_vi_reject[];	/* not accepted */
extern const char *const texts_vi_redirect[];	/* belongs to the Cục */
extern const char *const texts_vi_forward[];	/* the list, to the Cục */
extern const char *const texts_vi_forward_subject[];	/* one line */
/* Subject of a reply to a message that had none. */
extern const char texts_vi_no_subject[];

#endif
