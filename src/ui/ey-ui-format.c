/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-ui"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ey-reminder.h"
#include "ey-ui-format.h"

char *
ey_ui_format_date (GDateTime *date)
{
  if (date == NULL)
    return g_strdup ("");
  return ey_reminder_format_date (date);
}

char *
ey_ui_format_date_time (GDateTime *date)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *day = NULL;
  g_autofree char *clock = NULL;

  if (date == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (date);
  day = ey_ui_format_date (local);
  clock = g_date_time_format (local, "%H:%M");
  return g_strconcat (day, " ", clock, NULL);
}

char *
ey_ui_describe_certificate (EyCertificate *certificate)
{
  g_autofree char *until = NULL;
  int days;

  g_return_val_if_fail (EY_IS_CERTIFICATE (certificate), NULL);

  until = ey_ui_format_date (ey_certificate_get_not_after (certificate));
  days = ey_certificate_get_expires_in_days (certificate, NULL);
  if (days < 0)
    return g_strdup_printf (_("Expired on %s. Renewal by e-signature is no longer possible: "
                              "use the wet-signature form."), until);
  if (ey_certificate_is_renewal_window_open (certificate, NULL))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Valid until %s (%d day left). Renewal is possible now.",
                                         "Valid until %s (%d days left). Renewal is possible now.",
                                         days), until, days);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Valid until %s (%d day left). Renewal opens 3 months "
                                       "before the end.",
                                       "Valid until %s (%d days left). Renewal opens 3 months "
                                       "before the end.",
                                       days), until, days);
}

char *
ey_ui_certificate_refusal (EyCertificate *certificate,
                           const char    *identity)
{
  g_return_val_if_fail (EY_IS_CERTIFICATE (certificate), NULL);

  if (!ey_certificate_can_sign (certificate))
    return g_strdup (_("This certificate has no signing key on the card."));
  if (identity && *identity && !ey_certificate_matches_identity (certificate, identity))
    return g_strdup (_("This card belongs to someone else: the application is yours, so it "
                       "must be signed with your own card."));
  if (!ey_certificate_is_valid_at (certificate, NULL))
    return g_strdup (_("This certificate is not valid now. Choose the wet signature instead."));
  if (!(ey_certificate_get_key_usage (certificate) & EY_KEY_USAGE_NON_REPUDIATION))
    return g_strdup (_("This certificate is not a qualified signing certificate."));
  return NULL;
}

const char *
ey_ui_explain_site_message (EySiteProfile *profile,
                            const char    *site_text)
{
  const char *explanation;

  if (profile == NULL || site_text == NULL)
    return NULL;
  /* Only where the UI is not Turkish: there the site's words need no explaining.  The
   * catalogue in use says which language it is. */
  if (g_str_has_prefix (g_dpgettext2 (GETTEXT_PACKAGE, "language code of this translation", "en"),
                        "tr") ||
      g_strcmp0 (g_dgettext (GETTEXT_PACKAGE, "Sign in"), "Giriş yapın") == 0)
    return NULL;
  explanation = ey_site_profile_explain_message (profile, site_text);
  return explanation ? g_dgettext (GETTEXT_PACKAGE, explanation) : NULL;
}

/* The national number: digits only, without the country code or the trunk 0. */
static char *
national_digits (const char *text)
{
  GString *digits = g_string_new (NULL);
  const char *d;
  char *national;

  for (const char *p = text; *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  d = digits->str;
  if (g_str_has_prefix (d, "90") && digits->len == 12)
    d += 2;
  else if (*d == '0')
    d++;
  national = g_strdup (d);
  g_string_free (digits, TRUE);
  return national;
}

gboolean
ey_ui_phone_matches_mask (const char *typed,
                          const char *masked)
{
  g_autofree char *number = NULL;
  g_autofree char *head = NULL;
  g_autofree char *before = NULL;
  const char *star;
  const char *tail;
  gsize shown;

  if (typed == NULL || masked == NULL || strchr (masked, '*') == NULL)
    return FALSE;
  number = national_digits (typed);
  star = strchr (masked, '*');
  tail = strrchr (masked, '*') + 1;
  before = g_strndup (masked, star - masked);
  head = national_digits (before);
  shown = strlen (head) + strlen (tail);
  for (const char *p = tail; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return shown > 0 && strlen (number) > shown &&
         g_str_has_prefix (number, head) && g_str_has_suffix (number, tail);
}

char *
ey_ui_order_number (const char *order_id)
{
  const char *number;

  if (order_id == NULL)
    return NULL;
  /* The session knows the order by the form's address (…basvuru.go?siparisNo=1001);
   * people know it by its number. */
  number = strstr (order_id, "siparisNo=");
  if (number == NULL)
    return g_strdup (order_id);
  number += strlen ("siparisNo=");
  return g_strndup (number, strcspn (number, "&#"));
}
