/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-text"

#include "config.h"

#include <string.h>

#include "ey-text-private.h"

static gboolean
is_space_char (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
         c == 0x0085 || c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

static gboolean
is_invisible_char (gunichar c)
{
  return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF ||
         c == 0x00AD;
}

static gboolean
is_mark (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK ||
         type == G_UNICODE_ENCLOSING_MARK;
}

/* GLib 2.74's composition step shifts the rest of its buffer down for every character it
 * composes, so one g_utf8_normalize() over a long text is quadratic: a 2 MB paste of
 * "Sayın AYŞE YILMAZ " took 21 s of CPU.  NFC of a text is the concatenation of the NFC
 * of pieces cut just before a code point below U+0180: those all have combining class 0
 * and none is ever the second character of a composition, so nothing composes or
 * reorders across such a cut. */
static char *
nfc_in_pieces (const char *text)
{
  gsize len = strlen (text);
  GString *out = g_string_sized_new (len + len / 8 + 16);
  const char *start = text;
  const char *p = text;

  for (;;)
    {
      gboolean end = *p == '\0';

      if (end || (p - start >= 4096 && g_utf8_get_char (p) < 0x180))
        {
          g_autofree char *piece = g_utf8_normalize (start, p - start, G_NORMALIZE_DEFAULT_COMPOSE);

          if (piece == NULL)
            g_string_append_len (out, start, p - start);
          else
            {
              g_string_append (out, piece);
              explicit_bzero (piece, strlen (piece));
            }
          start = p;
        }
      if (end)
        break;
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

char *
ey_text_normalize (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *nfc = NULL;
  GString *out;
  gboolean pending_space = FALSE;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  nfc = nfc_in_pieces (valid);
  out = g_string_sized_new (strlen (nfc));
  for (const char *p = nfc; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_invisible_char (c))
        continue;
      if (is_space_char (c))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }
  /* Also used on pasted mail lines that may hold the access password. */
  explicit_bzero (valid, strlen (valid));
  explicit_bzero (nfc, strlen (nfc));
  return g_string_free (out, FALSE);
}

/* Lower case without the locale: g_utf8_strdown() would apply the Turkish
 * rules only under a Turkish locale, and then "I" would become "ı". */
static gunichar
fold_base (gunichar c)
{
  if (c < 0x80)
    return g_ascii_tolower ((char) c);
  switch (c)
    {
    case 0x0131: case 0x0130: return 'i';   /* ı İ */
    case 0x015F: case 0x015E: return 's';   /* ş Ş */
    case 0x011F: case 0x011E: return 'g';   /* ğ Ğ */
    case 0x00FC: case 0x00DC: return 'u';   /* ü Ü */
    case 0x00F6: case 0x00D6: return 'o';   /* ö Ö */
    case 0x00E7: case 0x00C7: return 'c';   /* ç Ç */
    case 0x00E2: case 0x00C2: return 'a';   /* â Â */
    case 0x00EE: case 0x00CE: return 'i';   /* î Î */
    case 0x00FB: case 0x00DB: return 'u';   /* û Û */
    default:
      break;
    }
  return g_unichar_tolower (c);
}

gunichar
ey_text_fold_unichar (gunichar c)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n;

  if (is_invisible_char (c) || is_mark (c))
    return 0;
  if (is_space_char (c))
    return ' ';
  if (c < 0x80)
    return g_ascii_tolower ((char) c);
  /* Compatibility decomposition: "ş" → "s" + cedilla, full-width "Ａ" → "A". */
  n = g_unichar_fully_decompose (c, TRUE, decomposed, G_N_ELEMENTS (decomposed));
  if (n == 0 || decomposed[0] == c)
    return fold_base (c);
  if (is_space_char (decomposed[0]))
    return ' ';
  return fold_base (decomposed[0]);
}

char *
ey_text_fold (const char *text)
{
  g_autofree char *normal = ey_text_normalize (text);
  g_autofree char *nfkd = g_utf8_normalize (normal, -1, G_NORMALIZE_ALL);
  GString *out;
  gboolean pending_space = FALSE;

  out = g_string_sized_new (strlen (normal));
  for (const char *p = nfkd != NULL ? nfkd : normal; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar f;

      if (is_invisible_char (c) || is_mark (c))
        continue;
      if (is_space_char (c))
        {
          pending_space = out->len > 0;
          continue;
        }
      f = fold_base (c);
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, f);
    }
  explicit_bzero (normal, strlen (normal));
  if (nfkd != NULL)
    explicit_bzero (nfkd, strlen (nfkd));
  return g_string_free (out, FALSE);
}

gboolean
ey_text_equal_loose (const char *a,
                     const char *b)
{
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;

  if (a == NULL || b == NULL)
    return a == b;
  fa = ey_text_fold (a);
  fb = ey_text_fold (b);
  return strcmp (fa, fb) == 0;
}

gboolean
ey_text_contains_loose (const char *haystack,
                        const char *needle)
{
  g_autofree char *fh = NULL;
  g_autofree char *fn = NULL;

  if (needle == NULL || *needle == '\0')
    return TRUE;
  if (haystack == NULL)
    return FALSE;
  fh = ey_text_fold (haystack);
  fn = ey_text_fold (needle);
  return strstr (fh, fn) != NULL;
}

gboolean
ey_text_has_prefix_loose (const char *text,
                          const char *prefix)
{
  g_autofree char *ft = NULL;
  g_autofree char *fp = NULL;

  if (prefix == NULL || *prefix == '\0')
    return TRUE;
  if (text == NULL)
    return FALSE;
  ft = ey_text_fold (text);
  fp = ey_text_fold (prefix);
  return g_str_has_prefix (ft, fp);
}
