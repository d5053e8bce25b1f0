/* position.h: whether a position, as a unit writes it, is a leadership
 * post eligible for a SIM PKI (letter 1871-CV/VPTU §6). Pure; it only
 * advises: a "no" becomes a warning, never a rejection. */
#ifndef HOTROCKS_POSITION_H
#define HOTROCKS_POSITION_H

#include <stdbool.h>

/* Longest position looked at, in bytes; longer reads as not eligible. */
#define POSITION_MAX_LEN	1024

/*
 * True when some role in position (roles are split at ',', ';', '/', '+',
 * '&', " - " and the word "kiêm") begins with a head or deputy title:
 * Bí thư, Trưởng…, Chánh…, Chủ tịch, Chủ nhiệm, Tổng Biên tập, Giám đốc,
 * Thường trực, Viện/Cục/Vụ trưởng, each optionally after "Phó", "P.",
 * "Quyền" or "Q."; "Phó Ban", "Phó Phòng", "Phó Văn phòng"; and the usual
 * abbreviations (BT, PBT, CT, PCT, TP, PTP, CVP, PCVP, GĐ, PGĐ, TBT).
 * Matching ignores case, diacritics and punctuation. Wording it does not
 * know, "Nguyên …" (former), and heads of a village, a party cell or a
 * youth-union cell are not eligible. NULL is not eligible.
 */
bool	position_eligible(const char *position);

#endif
