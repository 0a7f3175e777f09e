/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-page"

#include "config.h"

#include <string.h>

#include "fuzz-site.h"
#include "ey-site-page-private.h"
#include "ey-site-report-private.h"

/* The page reader (ey-site-page.c) on what the site sends.  The first byte picks the
 * profile (bit 0) and the Content-Type header (bits 1–2); the rest is the body.
 * The body is also read as a signing reply (ey_site_profile_read_sign_reply). */

static const char *content_types[] = {
  NULL,
  "text/html",
  "text/html; charset=ISO-8859-9",
  "text/html;charset=\"windows-1254\"",
};

/* The report for IT on whatever the site sent: never the person's identity number or
 * name, never a character that steers a terminal. */
static void
check_report (EySitePage *page)
{
  const char *personal[] = { "12345678950", "AYŞE YILMAZ", NULL };
  g_autofree char *report = ey_site_report_build (page, "fuzz", personal);

  g_assert (g_utf8_validate (report, -1, NULL));
  if (strstr (report, "12345678950") != NULL || strstr (report, "AYŞE") != NULL)
    g_error ("the report shows the person:\n%s", report);
  for (const char *p = report; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != '\n' && (g_unichar_type (c) == G_UNICODE_CONTROL ||
                         g_unichar_type (c) == G_UNICODE_FORMAT))
        g_error ("the report holds U+%04X:\n%s", c, report);
    }
}

static void
read_everything (EySitePage *page)
{
  GPtrArray *orders;
  GHashTable *field_errors;

  check_report (page);
  g_free (ey_site_page_describe (page));
  g_free (ey_site_page_get_text (page));
  g_free (ey_site_page_get_captcha_url (page));
  (void)ey_site_page_get_kind (page);
  (void)ey_site_page_get_title (page);
  (void)ey_site_page_get_heading (page);
  (void)ey_site_page_get_charset (page);
  (void)ey_site_page_get_errors (page);
  (void)ey_site_page_get_notices (page);
  (void)ey_site_page_get_warnings (page);
  (void)ey_site_page_get_message (page);
  (void)ey_site_page_get_success_text (page);
  (void)ey_site_page_get_timer_seconds (page);
  (void)ey_site_page_get_masked_phone (page);
  (void)ey_site_page_get_verification_code (page);
  (void)ey_site_page_get_form (page);

  field_errors = ey_site_page_get_field_errors (page);
  if (field_errors != NULL)
    (void)g_hash_table_size (field_errors);

  orders = ey_site_page_get_orders (page);
  for (guint i = 0; orders != NULL && i < orders->len; i++)
    {
      EyOrder *order = g_ptr_array_index (orders, i);

      g_assert (order != NULL);
    }

  for (EySitePageKind kind = EY_SITE_PAGE_KIND_UNKNOWN; kind <= EY_SITE_PAGE_KIND_LAST; kind++)
    {
      g_autoptr(GError) error = NULL;

      (void)ey_site_page_expect (page, kind, &error);
    }
  for (EySitePageMarker m = 0; m <= EY_SITE_PAGE_MARKER_LAST; m++)
    (void)ey_site_page_has_marker (page, m);
  for (EyFieldRole role = 0; role <= EY_FIELD_ROLE_LAST; role++)
    {
      (void)ey_site_page_get_field_error (page, role);
      (void)ey_site_page_lookup_field (page, role);
      (void)ey_site_page_get_field_value (page, role);
    }
  for (EyChoiceRole choice = 0; choice <= EY_CHOICE_ROLE_LAST; choice++)
    (void)ey_site_page_has_choice (page, choice);
  for (EyButtonRole button = 0; button <= EY_BUTTON_ROLE_LAST; button++)
    {
      g_autoptr(GError) error = NULL;
      EyFormData *submission;

      (void)ey_site_page_has_button (page, button);
      submission = ey_site_page_new_submission (page, button, &error);
      g_clear_pointer (&submission, ey_form_data_unref);
    }
  for (EyLinkRole link = 0; link <= EY_LINK_ROLE_LAST; link++)
    {
      g_autoptr(GError) error = NULL;

      g_free (ey_site_page_get_link_url (page, link, &error));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(EySitePage) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  g_autofree char *url = NULL;
  EySiteProfile *profile;
  guint8 selector;

  fuzz_site_init ();
  if (size < 1)
    return 0;

  selector = data[0];
  profile = fuzz_site_profiles[selector & 1];
  body = g_bytes_new (data + 1, size - 1);
  url = g_strconcat (ey_site_profile_get_base_url (profile), "page", NULL);

  page = ey_site_page_new (profile, body, content_types[(selector >> 1) & 3], url, &error);
  if (page != NULL)
    read_everything (page);
  g_clear_error (&error);

  (void)ey_site_profile_read_sign_reply (profile, body, &code, &message, &error);
  return 0;
}
