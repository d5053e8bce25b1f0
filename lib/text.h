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

#endif
