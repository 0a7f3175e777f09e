/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-sign-data"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ey-core-error-private.h"
#include "ey-sign-data-private.h"
#include "ey-site-profile.h"
#include "ey-text-private.h"

struct _EySignData
{
  gatomicrefcount  ref_count;
  GBytes          *bytes;
  char            *text;      /* the same bytes, NUL-terminated (valid UTF-8) */
  char            *purpose;
};

G_DEFINE_BOXED_TYPE (EySignData, ey_sign_data, ey_sign_data_ref, ey_sign_data_unref)

EySignData *
ey_sign_data_ref (EySignData *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ey_sign_data_unref (EySignData *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_bytes_unref (self->bytes);
  g_free (self->text);
  g_free (self->purpose);
  g_free (self);
}

GBytes *
ey_sign_data_get_bytes (EySignData *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->bytes;
}

const char *
ey_sign_data_get_text (EySignData *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->text;
}

const char *
ey_sign_data_get_purpose (EySignData *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->purpose;
}

/* ------------------------------------------------------------------ */

/* @needle occurs in @hay with no character of @kind right before or after
 * it: a whole number (no digit around it) or whole words (no letter or digit). */
typedef gboolean (*CharKind) (gunichar c);

static gboolean
is_digit (gunichar c)
{
  return c < 0x80 && g_ascii_isdigit (c);
}

static gboolean
contains_whole (const char *hay,
                const char *needle,
                CharKind    kind)
{
  gsize len = strlen (needle);

  if (len == 0)
    return FALSE;
  for (const char *p = strstr (hay, needle); p != NULL; p = strstr (p + 1, needle))
    {
      gboolean before = p > hay && kind (g_utf8_get_char (g_utf8_prev_char (p)));
      gboolean after = p[len] != '\0' && kind (g_utf8_get_char (p + len));

      if (!before && !after)
        return TRUE;
    }
  return FALSE;
}

/* Control characters but line breaks, and the marks that reorder what is
 * shown (bidirectional embeddings, overrides and isolates): text with these
 * may look different from what is signed. */
static gboolean
is_forbidden_char (gunichar c)
{
  if (c == '\n' || c == '\r')
    return FALSE;
  if (g_unichar_type (c) == G_UNICODE_CONTROL)
    return TRUE;
  if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
      c == 0x200E || c == 0x200F || c == 0x061C || c == 0xFEFF)
    return TRUE;
  return FALSE;
}

/* "text/plain; charset=UTF-8" → "text/plain" and "UTF-8" (either may be NULL) */
static void
split_content_type (const char  *content_type,
                    char       **media_type,
                    char       **charset)
{
  g_auto(GStrv) parts = NULL;

  *media_type = NULL;
  *charset = NULL;
  if (content_type == NULL)
    return;
  parts = g_strsplit (content_type, ";", -1);
  if (parts[0] == NULL)
    return;
  *media_type = g_ascii_strdown (g_strstrip (parts[0]), -1);
  for (guint i = 1; parts[i]; i++)
    {
      char *param = g_strstrip (parts[i]);

      if (g_ascii_strncasecmp (param, "charset=", 8) == 0)
        {
          char *value = g_strstrip (param + 8);
          gsize len = strlen (value);

          if (len >= 2 && value[0] == '"' && value[len - 1] == '"')
            {
              value[len - 1] = '\0';
              value++;
            }
          g_free (*charset);
          *charset = g_strdup (value);
        }
    }
}

static EySignData *
refuse (GError    **error,
        const char *purpose,
        gsize       size,
        const char *why)
{
  /* Only why and how big: the text may name the applicant, and an error
   * answer may echo anything the site was sent. */
  g_message ("Refused to sign the site's %s data (%" G_GSIZE_FORMAT " bytes): %s",
             purpose, size, why);
  g_propagate_error (error, ey_core_error_new (EY_CORE_ERROR_NOT_SIGN_TEXT));
  return NULL;
}

/**
 * ey_sign_data_check:
 * @profile: the site profile
 * @purpose: "eonay" (page 9) or "form" (page 10b)
 * @bytes: the answer body
 * @content_type: (nullable): the answer's Content-Type header
 * @applicant: whom the text must name
 * @error: %EY_CORE_ERROR_NOT_SIGN_TEXT, with a message for the user
 *
 * Returns: (transfer full) (nullable): the checked text, or %NULL when it may
 *   not be signed
 */
EySignData *
ey_sign_data_check (EySiteProfile             *profile,
                    const char                *purpose,
                    GBytes                    *bytes,
                    const char                *content_type,
                    const EySignDataApplicant *applicant,
                    GError                   **error)
{
  const EySignDataRule *rule;
  g_autofree char *media_type = NULL;
  g_autofree char *charset = NULL;
  g_autofree char *folded_text = NULL;
  const char *data;
  const char *end;
  gsize size;
  EySignData *self;

  g_return_val_if_fail (EY_IS_SITE_PROFILE (profile), NULL);
  g_return_val_if_fail (purpose != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (applicant != NULL, NULL);

  rule = _ey_site_profile_get_sign_data_rule (profile, purpose);
  data = g_bytes_get_data (bytes, &size);
  if (rule == NULL)
    {
      g_message ("Refused to sign: the site profile has no <sign-data purpose=\"%s\">", purpose);
      g_propagate_error (error, ey_core_error_new (EY_CORE_ERROR_NOT_SIGN_TEXT));
      return NULL;
    }

  split_content_type (content_type, &media_type, &charset);
  if (g_strcmp0 (media_type, rule->media_type) != 0)
    return refuse (error, purpose, size, "wrong content type");
  if (charset == NULL || g_ascii_strcasecmp (charset, rule->charset) != 0)
    return refuse (error, purpose, size, "wrong or no character set");
  if (size == 0)
    return refuse (error, purpose, size, "empty");
  if (size > rule->max_bytes)
    return refuse (error, purpose, size, "too long");
  if (!g_utf8_validate_len (data, size, &end))
    return refuse (error, purpose, size, "not UTF-8 (or a NUL byte)");
  for (const char *p = data; p < end; p = g_utf8_next_char (p))
    if (is_forbidden_char (g_utf8_get_char (p)))
      return refuse (error, purpose, size, "control or reordering character");

  self = g_new0 (EySignData, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->bytes = g_bytes_ref (bytes);
  self->text = g_strndup (data, size);
  self->purpose = g_strdup (purpose);

  if (rule->contains & EY_SIGN_DATA_PART_IDENTITY &&
      (applicant->identity == NULL || !contains_whole (self->text, applicant->identity, is_digit)))
    {
      ey_sign_data_unref (self);
      return refuse (error, purpose, size, "the applicant's identity number is not in it");
    }
  if (rule->contains & EY_SIGN_DATA_PART_VERIFICATION_CODE &&
      (applicant->verification_code == NULL ||
       !contains_whole (self->text, applicant->verification_code, is_digit)))
    {
      ey_sign_data_unref (self);
      return refuse (error, purpose, size, "the page's verification code is not in it");
    }
  if (rule->contains & EY_SIGN_DATA_PART_NAME)
    {
      /* The name comes from the mail's "Sayın …", which a mail program may
       * have folded to ASCII ("Sayin AYSE OZTURK"): compared folded, Turkish
       * letters and case aside.  The identity number and the code above are
       * the strong checks; the name catches a text about someone else. */
      g_autofree char *folded_name = applicant->name ? ey_text_fold (applicant->name) : NULL;

      folded_text = ey_text_fold (self->text);
      if (folded_name == NULL || !contains_whole (folded_text, folded_name, g_unichar_isalnum))
        {
          ey_sign_data_unref (self);
          return refuse (error, purpose, size, "the applicant's name is not in it");
        }
    }
  return self;
}
