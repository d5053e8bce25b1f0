/* texts-vi.h: the Vietnamese words the letter files quote: one sentence
 * per CONTRACT code and one noun per kind. A table keyed by the codes, so
 * a new code cannot ship without words (check-template). Words only: no
 * addresses or phone numbers, which come from the config. */
#ifndef HOTROCKS_TEXTS_VI_H
#define HOTROCKS_TEXTS_VI_H

#include <stdbool.h>

#include "lib/codes.h"

/* What the finding means, as one sentence without a final stop; never
 * NULL for a code in range. */
const char	*texts_vi_code(enum code);
/* What the unit should do about it, or NULL for warnings that need
 * nothing done. Never NULL for an error code. */
const char	*texts_vi_code_fix(enum code);
/* The same finding said of one value (a row's number, an address): a
 * clause with "{v}" where the value goes ("{w}": a second value, for
 * phone_old_format the new number and iccid_invalid the digit count)
 * that carries its own remedy; NULL when the code has none. */
const char	*texts_vi_code_valued(enum code);
/* valued's clause for when its second value ("{w}") is not known, or
 * NULL when there is none. */
const char	*texts_vi_code_valued_v(enum code);
/* valued's clause said of several rows at once that share its values
 * ("các thuê bao này", "của các đồng chí"), or NULL when valued reads as
 * well of several rows as of one. */
const char	*texts_vi_code_valued_rows(enum code);
/* valued's clause said of several rows each with a value of its own,
 * "{v}" being their values in turn ("8.98402E+18, 8.98401E+18 và
 * 8.98404E+18"), or NULL: rows whose values differ are told apart. */
const char	*texts_vi_code_valued_each(enum code);
/* valued's clause in a letter that returns the list: the remedy is for
 * the list sent again (phone_old_format); else what valued says. */
const char	*texts_vi_code_valued_returned(enum code);
/* already_requested's clause for how the row is held (as
 * cases_open_request says it): 2 a SIM activated, 3 one the Cục was
 * sent, else one being worked. */
const char	*texts_vi_requested(int how);
/* texts_vi_requested's clause said of several rows held the same way
 * in one case. */
const char	*texts_vi_requested_rows(int how);
/* The remedy for a document of kind k: the Kính gửi a form must carry
 * depends on the form. */
const char	*texts_vi_code_fix_for(enum code, enum kind);
/* What the forward to the Cục says of a file's signature: a valid one
 * "văn bản điện tử có chữ ký số hợp lệ"; NULL for any other status,
 * which the Cục is never told of. */
const char	*texts_vi_signature(enum sig_status);
/* The one remark a letter to the unit makes of a document's signature
 * that is not valid, with its remedy: "{d}" for what was signed ("công
 * văn"), returned when the letter returns the document (sign it again)
 * rather than accepts it (next time). NULL for valid and unsigned. */
const char	*texts_vi_signature_remark(enum sig_status, bool returned);
/* The old encoding a legacy_encoding detail names ("bảng mã VNI"), or
 * "bảng mã cũ, không theo chuẩn Unicode" when it names both or
 * neither. */
const char	*texts_vi_legacy_font(const char *detail);
/* What a document of this kind is, as a noun phrase; never NULL. */
const char	*texts_vi_kind(enum kind);
/* The same, named by the form when one is known (subtype as the form
 * reader writes it: "revoke", "loss"…): what was sent, not the range of
 * forms it may be. */
const char	*texts_vi_kind_form(enum kind, const char *subtype);

#endif
