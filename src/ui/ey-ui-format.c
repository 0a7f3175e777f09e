/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "ey-ui-format.h"

char *
ey_ui_format_date (GDateTime *date)
{
  g_autoptr(GDateTime) local = NULL;

  if (date == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (date);
  /* Day.month.year is what both Turkish and the KamuSM site use; no locale guessing. */
  return g_date_time_format (local, "%d.%m.%Y");
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
