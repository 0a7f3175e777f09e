/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-site-profile"

#include "config.h"

#include "fuzz-common.h"
#include "ey-form.h"
#include "ey-site-profile-private.h"

/* The site profile loader (ey-site-profile.c): a profile file, as $EY_SITE_PROFILE
 * or --profile can name one, then every lookup the session makes on it. */

static const char *hrefs[] = {
  "giris.jsp",
  "/bs/../../etc/passwd",
  "https://evil.example/bs/",
  "//basvuru.kamusm.gov.tr/bs/x?y=1#z",
  "javascript:alert(1)",
  "",
};

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) xml = g_bytes_new (data, size);
  g_autoptr(EySiteProfile) profile = NULL;
  const char *base;

  fuzz_init_once ();
  profile = ey_site_profile_new_from_bytes (xml, "fuzz", NULL);
  if (profile == NULL)
    return 0;

  (void)ey_site_profile_get_id (profile);
  (void)ey_site_profile_get_name (profile);
  (void)ey_site_profile_get_origin (profile);
  (void)ey_site_profile_get_default_base_url (profile);
  (void)ey_site_profile_get_allowed_hosts (profile);
  (void)ey_site_profile_get_mail_sender (profile);
  base = ey_site_profile_get_base_url (profile);

  for (guint i = 0; i < G_N_ELEMENTS (hrefs); i++)
    {
      g_autofree char *url = ey_site_profile_resolve (profile, base, hrefs[i], NULL);

      if (url != NULL)
        (void)ey_site_profile_check_url (profile, url, NULL);
    }

  for (EySiteAction action = 0; action <= EY_SITE_ACTION_LAST; action++)
    {
      EyFormData *request = ey_site_profile_new_request (profile, action, NULL);

      g_clear_pointer (&request, ey_form_data_unref);
      g_free (ey_site_profile_get_action_url (profile, action, NULL));
      (void)ey_site_profile_get_action_path (profile, action);
      (void)ey_site_profile_get_page_for_action (profile, action);
      for (EyFieldRole role = 0; role <= EY_FIELD_ROLE_LAST; role++)
        (void)ey_site_profile_get_request_field_name (profile, action, role);
    }

  for (EySitePageKind kind = EY_SITE_PAGE_KIND_UNKNOWN; kind <= EY_SITE_PAGE_KIND_LAST; kind++)
    {
      const char *name, *value;

      (void)ey_site_profile_has_page (profile, kind);
      (void)ey_site_profile_get_default_timer (profile, kind);
      for (EyFieldRole role = 0; role <= EY_FIELD_ROLE_LAST; role++)
        (void)ey_site_profile_get_field_name (profile, kind, role);
      for (EyButtonRole button = 0; button <= EY_BUTTON_ROLE_LAST; button++)
        (void)ey_site_profile_get_button (profile, kind, button, &name, &value);
      for (EyChoiceRole choice = 0; choice <= EY_CHOICE_ROLE_LAST; choice++)
        (void)ey_site_profile_get_choice (profile, kind, choice, &name, &value);
    }

  (void)ey_site_profile_set_base_url (profile, "https://127.0.0.1:8443/bs/", FALSE, NULL);
  (void)ey_site_profile_set_base_url (profile, "http://localhost/bs/", TRUE, NULL);
  return 0;
}
