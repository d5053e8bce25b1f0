/* wording.h: how the letters write names, numbers and dates, in the style
 * of letter 1871-CV/VPTU. Pure: no clock, no I/O; every result is a new
 * string (g_free). They never fail: what they cannot read comes back as
 * written, trimmed. */
#ifndef HOTROCKS_WORDING_H
#define HOTROCKS_WORDING_H

#include <stddef.h>

#include <glib.h>

/*
 * A unit's name as running text writes it, from its letterhead in
 * capitals: "HUYỆN ỦY SƠN TỊNH" → "Huyện ủy Sơn Tịnh", "BAN TUYÊN GIÁO
 * TỈNH ỦY QUẢNG NGÃI" → "Ban Tuyên giáo Tỉnh ủy Quảng Ngãi", "ĐẢNG ỦY XÃ
 * TỊNH HÀ" → "Đảng ủy xã Tịnh Hà". Proper names and the words that name
 * a body keep their capital; common words ("xã", "tỉnh", "và") are lower
 * case; "UỶ" is written "ủy" as the letter does. A name already in mixed
 * case is kept as written. NULL gives NULL.
 */
char	*wording_unit(const char *letterhead);

/*
 * The one name a reply gives the unit, in its "Kính gửi:" line and as
 * the To: header's display name alike. unit is the letterhead's name as
 * wording_unit writes it, display the From: display name; either may be
 * NULL or blank. The display name wins when it names that unit more
 * precisely, ending with it word for word whatever the case ("Văn phòng
 * Huyện ủy Sơn Tịnh" for "Huyện ủy Sơn Tịnh": the unit's office writes),
 * or when an office or a body of another place passes on another unit's
 * list ("Văn phòng Huyện ủy Tư Nghĩa" with Đảng ủy thị trấn La Hà's,
 * "Huyện ủy Bình Sơn" with Đảng ủy xã Bình Hải's: the one that wrote is
 * answered); else the letterhead's name, else the display name. The
 * display name as wording_name writes it. NULL when both are blank.
 */
char	*wording_addressee(const char *unit, const char *display);

/*
 * A display name as the letters write a body's name: the usual
 * abbreviations written out ("VP Huyện ủy Nghĩa Hành" → "Văn phòng
 * Huyện ủy Nghĩa Hành", "Văn Phòng HU Tư Nghĩa" → "Văn phòng Huyện ủy
 * Tư Nghĩa", "Ủy ban MTTQ …" → "Ủy ban Mặt trận Tổ quốc …"), the phrases
 * that name a body cased as wording_unit cases them, other words as
 * typed; a name in capitals as wording_unit writes it. NULL gives NULL.
 */
char	*wording_name(const char *display);

/* Running text (a person's title) with the abbreviations of bodies'
 * names written out ("Chủ tịch Ủy ban MTTQ Việt Nam huyện" → "… Mặt trận
 * Tổ quốc …"), nothing else changed but spacing. NULL gives NULL. */
char	*wording_expand(const char *text);

/*
 * Whether name (a display name or an addressee) names unit, word for
 * word whatever the order, case and abbreviations, a leading "Văn
 * phòng" aside ("Văn phòng Ủy ban MTTQ tỉnh" names "Ủy ban Mặt trận Tổ
 * quốc Việt Nam tỉnh Quảng Ngãi"): 2 with every word of the unit's, 1
 * with fewer words that are all the unit's, 0 not (another body).
 */
int	 wording_names_unit(const char *name, const char *unit);

/* A body's name for a letter that leaves the province: "… Tỉnh ủy" and
 * "… tỉnh" take the province's name ("Ban Tuyên giáo Tỉnh ủy" → "Ban
 * Tuyên giáo Tỉnh ủy Quảng Ngãi"); other names as given. */
char	*wording_in_province(const char *unit, const char *province);

/* A mobile number for a person to read: "84983415276" or "0983415276" →
 * "0983 415 276". Anything else comes back as given. NULL gives NULL. */
char	*wording_phone(const char *number);

/* A device's number as printed on it: groups typed with spaces between
 * them joined ("54 0B 2A 91" → "540B2A91"), when every group is letters
 * and digits and they make 6 to 24 of them; anything else as given,
 * trimmed. NULL gives NULL. */
char	*wording_serial(const char *serial);

/* An ICCID as printed on the card: one string of digits, whatever
 * groups the unit typed ("8984 0400 0420 0079 790", with dots, dashes or
 * Excel's leading apostrophe → "8984040004200079790"), when it is digits
 * in groups and 1 to 24 of them; anything else ("8.98404E+18", "chưa
 * có") as given, trimmed. NULL gives NULL. */
char	*wording_iccid(const char *iccid);

/* Names as running text lists them: "A", "A và B", "A, B và C"; n
 * items (NULL items are skipped). "" for none. */
char	*wording_join(const char *const *items, size_t n);

/* A count as the letter writes one: 3 → "03", 12 → "12", 5000 →
 * "5.000". */
char	*wording_count(size_t);
/* "… và N <what> khác<rest>" with N as wording_count writes it: the item
 * a long list's letter ends its shown rows with. */
char	*wording_more(size_t n, const char *what, const char *rest);
/* The items of a list (g_strdup'd strings) made to end in ";", the last
 * in ".", as the office writes them. */
void	 wording_punctuate(GPtrArray *items);

/*
 * The day of an RFC 3339 time in the office's zone (its name, [mailbox]
 * timezone, as lib/zone.h takes it: NULL is UTC, as compose_input's),
 * the day its letter's Date: says, written as the letter dates:
 * "08/5/2024", "16/4/2024", "15/01/2024" (a day under 10 and the months
 * 1 and 2 take a leading zero, the rest do not). NULL for a time that
 * does not parse.
 */
char	*wording_date(const char *rfc3339, const char *zone);

#endif
