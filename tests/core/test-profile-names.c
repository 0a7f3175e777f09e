/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The rule that makes the site profile worth having: no code outside the
 * simulator names a path, a field name or a Turkish site message.  This test
 * reads every C file under src/ (except src/sim, which *is* the site, the roster
 * and the mail reader, whose words are their own) and fails
 * on a string literal that is one of the default profile's action paths or
 * field names, or that contains one of its marker texts.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "ey-site-profile-private.h"

static void
collect_literals (const char *text,
                  GPtrArray  *out)
{
  for (const char *p = text; *p; p++)
    {
      GString *lit;

      if (p[0] == '/' && p[1] == '/')
        {
          p = strchr (p, '\n');
          if (p == NULL)
            return;
          continue;
        }
      if (p[0] == '/' && p[1] == '*')
        {
          p = strstr (p + 2, "*/");
          if (p == NULL)
            return;
          p++;
          continue;
        }
      if (p[0] == '\'' )
        {
          /* A character constant, possibly '"'. */
          if (p[1] == '\\' && p[2] != '\0' && p[3] == '\'')
            p += 3;
          else if (p[1] != '\0' && p[2] == '\'')
            p += 2;
          continue;
        }
      if (*p != '"')
        continue;
      lit = g_string_new (NULL);
      for (p++; *p && *p != '"'; p++)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          g_string_append_c (lit, *p);
        }
      g_ptr_array_add (out, g_string_free (lit, FALSE));
      if (*p == '\0')
        return;
    }
}

static void
scan_dir (const char *dir,
          GPtrArray  *files)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          /* The simulator is the site; the roster's CSV columns are not the site's. */
          if (strcmp (name, "sim") != 0 && strcmp (name, "roster") != 0)
            scan_dir (path, files);
        }
      /* The mail reader reads KamuSM's mail, whose words are not the site's fields. */
      else if ((g_str_has_suffix (name, ".c") || g_str_has_suffix (name, ".h")) &&
               !g_str_has_prefix (name, "ey-email."))
        g_ptr_array_add (files, g_steal_pointer (&path));
    }
}

/* The texts a profile XPath compares with: the 'quoted' parts. */
static void
quoted_parts (const char *xpath,
              GPtrArray  *out)
{
  for (const char *p = strchr (xpath, '\''); p != NULL; p = strchr (p + 1, '\''))
    {
      const char *end = strchr (p + 1, '\'');

      if (end == NULL)
        return;
      /* Only site sentences: long enough and with a space or a Turkish letter. */
      if (end - p - 1 >= 8 && (memchr (p + 1, ' ', end - p - 1) != NULL))
        g_ptr_array_add (out, g_strndup (p + 1, end - p - 1));
      p = end;
    }
}

static void
test_no_site_names_in_code (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EySiteProfile) profile = ey_site_profile_new_default (&error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) xml = NULL;
  g_autofree char *src = NULL;
  const char *root = g_getenv ("EY_SOURCE_ROOT");
  guint hits = 0;

  g_assert_no_error (error);
  g_assert_nonnull (root);

  for (int a = 0; a <= EY_SITE_ACTION_LAST; a++)
    g_ptr_array_add (names, g_strdup (ey_site_profile_get_action_path (profile, a)));
  for (int k = EY_SITE_PAGE_KIND_UNKNOWN; k <= EY_SITE_PAGE_KIND_LAST; k++)
    for (int r = 0; r <= EY_FIELD_ROLE_LAST; r++)
      {
        const char *n = ey_site_profile_get_field_name (profile, k, r);

        /* Two-letter names ("ad", "il") are too common to be telling. */
        if (n != NULL && strlen (n) >= 4)
          g_ptr_array_add (names, g_strdup (n));
      }
  for (int a = EY_SITE_ACTION_SIGN_DATA; a <= EY_SITE_ACTION_SIGN_UPLOAD; a++)
    for (int r = 0; r <= EY_FIELD_ROLE_LAST; r++)
      {
        const char *n = ey_site_profile_get_request_field_name (profile, a, r);

        if (n != NULL && strlen (n) >= 4)
          g_ptr_array_add (names, g_strdup (n));
      }

  xml = g_resources_lookup_data (EY_SITE_PROFILE_DEFAULT_RESOURCE, 0, &error);
  g_assert_no_error (error);
  {
    g_autofree char *text = g_strndup (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));

    for (const char *p = strstr (text, "<marker "); p != NULL; p = strstr (p + 1, "<marker "))
      {
        const char *x = strstr (p, "xpath=\"");
        g_autofree char *xp = NULL;

        if (x == NULL)
          break;
        x += 7;
        xp = g_strndup (x, strcspn (x, "\""));
        quoted_parts (xp, texts);
      }
  }
  g_assert_cmpuint (names->len, >, 20);
  g_assert_cmpuint (texts->len, >, 10);

  src = g_build_filename (root, "src", NULL);
  scan_dir (src, files);
  g_assert_cmpuint (files->len, >, 10);

  for (guint f = 0; f < files->len; f++)
    {
      g_autofree char *contents = NULL;
      g_autoptr(GPtrArray) literals = g_ptr_array_new_with_free_func (g_free);

      g_assert_true (g_file_get_contents (g_ptr_array_index (files, f), &contents, NULL, &error));
      collect_literals (contents, literals);
      for (guint l = 0; l < literals->len; l++)
        {
          const char *lit = g_ptr_array_index (literals, l);

          for (guint n = 0; n < names->len; n++)
            if (strcmp (lit, g_ptr_array_index (names, n)) == 0)
              {
                g_test_message ("%s: names the site's “%s”", (char *)g_ptr_array_index (files, f),
                                lit);
                hits++;
              }
          for (guint t = 0; t < texts->len; t++)
            if (strstr (lit, g_ptr_array_index (texts, t)) != NULL)
              {
                g_test_message ("%s: quotes the site's “%s”", (char *)g_ptr_array_index (files, f),
                                (char *)g_ptr_array_index (texts, t));
                hits++;
              }
        }
    }
  g_assert_cmpuint (hits, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/profile-names/no-site-names-in-code", test_no_site_names_in_code);
  return g_test_run ();
}
