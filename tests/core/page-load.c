/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "page-load.h"
#include "ey-site-page-private.h"
#include "ey-site-profile-private.h"

EySitePage *
test_page_load (EySiteProfile *profile,
                const char    *filename,
                const char    *content_type,
                const char    *path)
{
  g_autofree char *contents = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  EySitePage *page;

  g_assert_true (g_file_get_contents (filename, &contents, &len, &error));
  g_assert_no_error (error);
  bytes = g_bytes_new (contents, len);
  url = g_strconcat (ey_site_profile_get_base_url (profile), path, NULL);
  page = ey_site_page_new (profile, bytes, content_type, url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  return page;
}
