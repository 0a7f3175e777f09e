/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-text.h"

G_BEGIN_DECLS

/* Used only inside the layer (and its tests); other layers go through
 * ey-text.h. */

/**
 * ey_text_normalize:
 * @text: (nullable): UTF-8 text (invalid sequences are replaced)
 *
 * The display form: Unicode NFC; every kind of white space (ASCII white
 * space, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F,
 * U+3000) collapsed to one space and trimmed; zero-width and soft-hyphen
 * characters removed.  Letters and case are kept.
 *
 * Returns: (transfer full): the normalised text ("" for %NULL)
 */
char     *ey_text_normalize         (const char *text);

/**
 * ey_text_fold:
 * @text: (nullable): UTF-8 text
 *
 * The comparison key: ey_text_normalize(), then case folded with Turkish
 * rules and the Turkish letters folded to ASCII, so that "GİRİŞ", "Giriş",
 * "GIRIS", "giris" and "Giriş" with a decomposed "ş" all give "giris".
 * Dotted and dotless i of either case all become "i" (a site may mix
 * them).  Other letters are lower-cased (locale-independently) and lose
 * their combining marks.
 *
 * Returns: (transfer full): the key ("" for %NULL)
 */
char     *ey_text_fold              (const char *text);

/**
 * ey_text_fold_unichar:
 * @c: a character
 *
 * The per-character part of ey_text_fold() for readers that keep a map
 * back to the original (the mail reader): Turkish letters to ASCII, ASCII
 * lower-cased, white space to ' '.
 *
 * Returns: the folded character; 0 for a character that is dropped
 *   (combining marks, zero-width characters)
 */
gunichar  ey_text_fold_unichar      (gunichar    c);

/** ey_text_contains_loose: whether @haystack's key contains @needle's key (an empty needle is contained). */
gboolean  ey_text_contains_loose    (const char *haystack,
                                     const char *needle);

/** ey_text_has_prefix_loose: whether @text's key starts with @prefix's key. */
gboolean  ey_text_has_prefix_loose  (const char *text,
                                     const char *prefix);

G_END_DECLS
