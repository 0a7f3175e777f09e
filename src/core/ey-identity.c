/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-identity"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ey-identity-private.h"

G_DEFINE_QUARK (ey-identity-error-quark, ey_identity_error)

/* Only ASCII digits count: g_ascii_isdigit, never the locale's isdigit. */
static gboolean
all_digits (const char *text)
{
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

gboolean
ey_identity_check_tckn (const char  *text,
                        GError     **error)
{
  int d[11];
  int odd = 0;
  int even = 0;
  int sum = 0;
  int d10;

  if (text == NULL || *text == '\0')
    {
      g_set_error_literal (error, EY_IDENTITY_ERROR, EY_IDENTITY_ERROR_EMPTY,
                           _("Enter your T.C. Kimlik No."));
      return FALSE;
    }
  if (!all_digits (text))
    {
      g_set_error_literal (error, EY_IDENTITY_ERROR, EY_IDENTITY_ERROR_NOT_DIGITS,
                           _("A T.C. Kimlik No consists of digits only."));
      return FALSE;
    }
  if (strlen (text) != 11)
    {
      gsize len = strlen (text);

      g_set_error (error, EY_IDENTITY_ERROR, EY_IDENTITY_ERROR_WRONG_LENGTH,
                   g_dngettext (GETTEXT_PACKAGE,
                                "A T.C. Kimlik No has 11 digits; this one has %u.",
                                "A T.C. Kimlik No has 11 digits; this one has %u.",
                                len),
                   (guint)len);
      return FALSE;
    }
  if (text[0] == '0')
    {
      g_set_error_literal (error, EY_IDENTITY_ERROR, EY_IDENTITY_ERROR_LEADING_ZERO,
                           _("A T.C. Kimlik No cannot start with 0."));
      return FALSE;
    }

  for (int i = 0; i < 11; i++)
    d[i] = text[i] - '0';
  for (int i = 0; i < 9; i += 2)
    odd += d[i];
  for (int i = 1; i < 8; i += 2)
    even += d[i];
  /* C's % keeps the sign of the dividend; the rule wants a non-negative remainder. */
  d10 = ((7 * odd - even) % 10 + 10) % 10;
  for (int i = 0; i < 10; i++)
    sum += d[i];

  if (d[9] != d10 || d[10] != sum % 10)
    {
      g_set_error_literal (error, EY_IDENTITY_ERROR, EY_IDENTITY_ERROR_CHECKSUM,
                           _("This T.C. Kimlik No is not valid: its check digits do not match. "
                             "Check it for a mistyped digit."));
      return FALSE;
    }
  return TRUE;
}

gboolean
ey_identity_check_passport (const char  *text,
                            GError     **error)
{
  gsize len;
  gboolean letter = FALSE;

  if (text == NULL || *text == '\0')
    {
      g_set_error_literal (error, EY_IDENTITY_ERROR, EY_IDENTITY_ERROR_EMPTY,
                           _("Enter your passport number."));
      return FALSE;
    }
  len = strlen (text);
  for (const char *p = text; *p; p++)
    {
      if (*p >= 'A' && *p <= 'Z')
        letter = TRUE;
      else if (!g_ascii_isdigit (*p))
        {
          g_set_error_literal (error, EY_IDENTITY_ERROR, EY_IDENTITY_ERROR_PASSPORT,
                               _("A passport number consists of Latin capital letters and "
                                 "digits only."));
          return FALSE;
        }
    }
  if (len < 6 || len > 12)
    {
      g_set_error_literal (error, EY_IDENTITY_ERROR, EY_IDENTITY_ERROR_PASSPORT,
                           _("A passport number has 6 to 12 letters and digits."));
      return FALSE;
    }
  if (!letter)
    {
      g_set_error_literal (error, EY_IDENTITY_ERROR, EY_IDENTITY_ERROR_PASSPORT,
                           _("A passport number contains at least one letter."));
      return FALSE;
    }
  return TRUE;
}

/* Drops the separators people type; @extra lists more characters to drop. */
static char *
strip_separators (const char *text,
                  const char *extra)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == ' ' || *p == '\t' || *p == '-' || *p == '.' || *p == '\r' || *p == '\n' ||
          (extra != NULL && strchr (extra, *p) != NULL))
        continue;
      /* A no-break space from a copy and paste. */
      if ((guchar)p[0] == 0xC2 && (guchar)p[1] == 0xA0)
        {
          p++;
          continue;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

char *
ey_identity_normalize (const char      *text,
                       EyIdentityKind  *kind,
                       GError         **error)
{
  g_autofree char *clean = NULL;

  if (kind != NULL)
    *kind = EY_IDENTITY_KIND_INVALID;
  if (text == NULL)
    text = "";

  clean = strip_separators (text, NULL);
  if (*clean == '\0')
    {
      g_set_error_literal (error, EY_IDENTITY_ERROR, EY_IDENTITY_ERROR_EMPTY,
                           _("Enter your T.C. Kimlik No or, for foreign staff, your passport "
                             "number."));
      return NULL;
    }

  if (all_digits (clean))
    {
      if (!ey_identity_check_tckn (clean, error))
        return NULL;
      if (kind != NULL)
        *kind = EY_IDENTITY_KIND_TCKN;
      return g_steal_pointer (&clean);
    }

  /* Byte-wise: "i" becomes "I", never the Turkish dotted capital. */
  for (char *p = clean; *p; p++)
    if (*p >= 'a' && *p <= 'z')
      *p = *p - 'a' + 'A';

  if (!ey_identity_check_passport (clean, error))
    return NULL;
  if (kind != NULL)
    *kind = EY_IDENTITY_KIND_PASSPORT;
  return g_steal_pointer (&clean);
}

char *
ey_identity_mask (const char *identity)
{
  gsize len;
  char *ret;

  g_return_val_if_fail (identity != NULL, NULL);

  len = strlen (identity);
  ret = g_strdup (identity);
  if (len <= 4)
    {
      memset (ret, '*', len);
      return ret;
    }
  memset (ret + 2, '*', len - 4);
  return ret;
}

char *
ey_phone_normalize (const char  *text,
                    GError     **error)
{
  g_autofree char *clean = NULL;
  const char *digits;

  if (text == NULL || *text == '\0')
    {
      g_set_error_literal (error, EY_IDENTITY_ERROR, EY_IDENTITY_ERROR_EMPTY,
                           _("Enter your mobile phone number."));
      return NULL;
    }

  clean = strip_separators (text, "()/");
  digits = clean;
  /* ^(\+?90|0)?5\d{9}$ */
  if (g_str_has_prefix (digits, "+90"))
    digits += 3;
  else if (g_str_has_prefix (digits, "90") && strlen (digits) == 12)
    digits += 2;
  else if (digits[0] == '0' && strlen (digits) == 11)
    digits += 1;

  if (strlen (digits) != 10 || digits[0] != '5' || !all_digits (digits))
    {
      g_set_error_literal (error, EY_IDENTITY_ERROR, EY_IDENTITY_ERROR_PHONE,
                           _("This is not a Turkish mobile phone number. Write it as "
                             "05XX XXX XX XX."));
      return NULL;
    }
  return g_strdup (digits);
}

char *
ey_phone_format (const char *phone)
{
  g_return_val_if_fail (phone != NULL, NULL);

  if (strlen (phone) != 10)
    return g_strdup (phone);
  return g_strdup_printf ("0%.3s %.3s %.2s %.2s", phone, phone + 3, phone + 6, phone + 8);
}

gboolean
ey_phone_matches_mask (const char *phone,
                       const char *mask)
{
  g_autofree char *m = NULL;
  const char *first_star;
  const char *last_star;
  const char *prefix;
  gsize prefix_len;
  gsize suffix_len;
  gsize plen;

  g_return_val_if_fail (phone != NULL, FALSE);
  g_return_val_if_fail (mask != NULL, FALSE);

  m = strip_separators (mask, "()/");
  first_star = strchr (m, '*');
  last_star = strrchr (m, '*');
  plen = strlen (phone);
  if (first_star == NULL)
    {
      g_autofree char *full = ey_phone_normalize (m, NULL);

      return full != NULL && strcmp (full, phone) == 0;
    }

  /* The site's masks keep a few leading and trailing digits and do not
   * keep the length ("50*****9"): compare those digits only. */
  prefix = m;
  if (g_str_has_prefix (prefix, "+90"))
    prefix += 3;
  else if (g_str_has_prefix (prefix, "905"))
    prefix += 2;
  else if (g_str_has_prefix (prefix, "05"))
    prefix += 1;
  prefix_len = first_star - prefix;
  suffix_len = strlen (last_star + 1);

  for (const char *p = first_star; p <= last_star; p++)
    if (*p != '*')
      return FALSE;
  if (first_star < prefix || prefix_len + suffix_len >= plen)
    return FALSE;
  return strncmp (phone, prefix, prefix_len) == 0 &&
         strcmp (phone + plen - suffix_len, last_star + 1) == 0;
}
