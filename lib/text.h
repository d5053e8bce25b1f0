/* text.h: the CONTRACT's text normal form, and a matching key that ignores
 * case, diacritics, punctuation and spacing. Pure functions. */
#ifndef HOTROCKS_TEXT_H
#define HOTROCKS_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * UTF-8 (invalid bytes replaced), NFC, trimmed, every inner run of white
 * space (including NBSP, tabs and line breaks) folded to one space.
 * Returns a string to g_free; NULL only when s is NULL.
 */
char	*text_clean(const char *s);

/*
 * A key for comparing what people type: text_clean, then lower case,
 * diacritics removed (đ → d), every character that is not a letter or a
 * digit turned into a space, spaces folded. "Số ĐIỆN-thoại" → "so dien
 * thoai". Returns a string to g_free; NULL only when s is NULL.
 */
char	*text_key(const char *s);

/* True when key contains needle as whole words ("so dien thoai" holds
 * "dien thoai" but not "ien"). Both are text_key results. */
bool	 text_key_has(const char *key, const char *needle);

/* True when s is NULL or holds only white space. */
bool	 text_blank(const char *s);

/*
 * s made safe to print on a terminal: invalid UTF-8, C0 and C1 controls
 * (but line feed and tab), DEL and the bidirectional controls (U+061C,
 * U+200E, U+200F, U+202A-U+202E, U+2066-U+2069), which can make text read
 * backwards or hide part of a line, each become U+FFFD. For human output
 * only; JSON escapes what it needs. Returns a string to g_free; NULL only
 * when s is NULL.
 */
char	*text_for_terminal(const char *s);

#endif
