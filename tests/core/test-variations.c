/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "ey-site-page-private.h"
#include "page-load.h"
#include "ey-site-profile-private.h"
#include "ey-form-private.h"
#include "ey-site-roles-private.h"
#include "ey-text.h"

/* The variation corpus (tests/core/pages/variations, made by hand-written
 * rules in make-variations.py): every page rewritten in ways that keep its
 * meaning.  Each must be recognised as its original and read the same: the
 * same kind, messages, markers, codes, links, orders, form controls and
 * submissions; texts may differ only in what ey_text_fold() folds. */

static EySiteProfile *default_profile;
static EySiteProfile *alt_profile;

static EySitePage *
load (EySiteProfile *profile,
      const char    *path,
      const char    *content_type)
{
  return test_page_load (profile, path, content_type, "sayfa.go");
}

static void
assert_loose (const char *what,
              const char *original,
              const char *variation)
{
  if (!ey_text_equal_loose (original, variation))
    g_error ("%s differs: “%s” became “%s”", what, original ? original : "(null)",
             variation ? variation : "(null)");
}

static void
assert_strv_loose (const char         *what,
                   const char * const *original,
                   const char * const *variation)
{
  g_assert_cmpuint (g_strv_length ((GStrv) original), ==, g_strv_length ((GStrv) variation));
  for (guint i = 0; original[i] != NULL; i++)
    assert_loose (what, original[i], variation[i]);
}

static const EyFormControl *
find_control (EyForm              *form,
              const EyFormControl *like)
{
  for (guint i = 0; i < ey_form_get_n_controls (form); i++)
    {
      const EyFormControl *c = ey_form_get_control (form, i);

      if (strcmp (c->name, like->name) != 0 || c->type != like->type)
        continue;
      if (like->type == EY_FORM_CONTROL_RADIO || like->type == EY_FORM_CONTROL_CHECKBOX)
        {
          if (strcmp (c->value, like->value) == 0)
            return c;
        }
      else if (like->type == EY_FORM_CONTROL_SUBMIT)
        {
          if (ey_text_equal_loose (c->value, like->value))
            return c;
        }
      else
        return c;
    }
  return NULL;
}

static void
compare_forms (EyForm *original,
               EyForm *variation)
{
  if (original == NULL)
    return;
  g_assert_nonnull (variation);
  g_assert_cmpstr (ey_form_get_action_url (original), ==, ey_form_get_action_url (variation));
  g_assert_cmpstr (ey_form_get_method (original), ==, ey_form_get_method (variation));
  for (guint i = 0; i < ey_form_get_n_controls (original); i++)
    {
      const EyFormControl *o = ey_form_get_control (original, i);
      const EyFormControl *v = find_control (variation, o);

      if (v == NULL)
        g_error ("the control “%s” (%s) is missing", o->name, o->value);
      g_assert_cmpint (o->checked, ==, v->checked);
      g_assert_cmpint (o->disabled, ==, v->disabled);
      g_assert_cmpint (o->readonly, ==, v->readonly);
      if (o->type != EY_FORM_CONTROL_SUBMIT)
        g_assert_cmpstr (o->value, ==, v->value);
      if (o->options != NULL)
        {
          g_assert_nonnull (v->options);
          g_assert_cmpuint (o->options->len, ==, v->options->len);
          for (guint j = 0; j < o->options->len; j++)
            {
              const EyFormOption *oo = g_ptr_array_index (o->options, j);
              const EyFormOption *vo = g_ptr_array_index (v->options, j);

              g_assert_cmpstr (oo->value, ==, vo->value);
              assert_loose ("an option label", oo->label, vo->label);
              g_assert_cmpint (oo->selected, ==, vo->selected);
            }
        }
    }
}

/* The submission for each button: the same pairs, but for the button's own
 * label and hidden fields the variation added. */
static void
compare_submissions (EySitePage *original,
                     EySitePage *variation)
{
  for (guint b = 0; b <= EY_BUTTON_ROLE_LAST; b++)
    {
      g_autoptr(EyFormData) od = NULL;
      g_autoptr(EyFormData) vd = NULL;

      g_assert_cmpint (ey_site_page_has_button (original, b), ==, ey_site_page_has_button (variation, b));
      if (!ey_site_page_has_button (original, b))
        continue;
      od = ey_site_page_new_submission (original, b, NULL);
      vd = ey_site_page_new_submission (variation, b, NULL);
      g_assert_nonnull (od);
      g_assert_nonnull (vd);
      g_assert_cmpstr (ey_form_data_get_url (od), ==, ey_form_data_get_url (vd));
      for (guint i = 0; i < ey_form_data_get_n_pairs (od); i++)
        {
          const char *name;
          const char *value;
          const char *got;

          ey_form_data_get_pair (od, i, &name, &value);
          got = ey_form_data_get (vd, name);
          if (got == NULL)
            g_error ("the submission lacks “%s”", name);
          if (strcmp (got, value) != 0)
            assert_loose (name, value, got);
        }
    }
  for (guint c = 0; c <= EY_CHOICE_ROLE_LAST; c++)
    g_assert_cmpint (ey_site_page_has_choice (original, c), ==, ey_site_page_has_choice (variation, c));
}

static void
compare_pages (EySitePage *o,
               EySitePage *v)
{
  GPtrArray *oo;
  GPtrArray *vo;
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpstr (ey_site_page_kind_to_string (ey_site_page_get_kind (v)), ==,
                   ey_site_page_kind_to_string (ey_site_page_get_kind (o)));
  assert_loose ("the heading", ey_site_page_get_heading (o), ey_site_page_get_heading (v));
  assert_strv_loose ("an error", ey_site_page_get_errors (o), ey_site_page_get_errors (v));
  assert_strv_loose ("a notice", ey_site_page_get_notices (o), ey_site_page_get_notices (v));
  assert_strv_loose ("a warning", ey_site_page_get_warnings (o), ey_site_page_get_warnings (v));
  assert_loose ("the success text", ey_site_page_get_success_text (o), ey_site_page_get_success_text (v));
  g_assert_cmpuint (g_hash_table_size (ey_site_page_get_field_errors (o)), ==,
                    g_hash_table_size (ey_site_page_get_field_errors (v)));
  g_hash_table_iter_init (&iter, ey_site_page_get_field_errors (o));
  while (g_hash_table_iter_next (&iter, &key, &value))
    assert_loose (key, value, g_hash_table_lookup (ey_site_page_get_field_errors (v), key));
  for (guint m = 0; m <= EY_SITE_PAGE_MARKER_LAST; m++)
    if (ey_site_page_has_marker (o, m) != ey_site_page_has_marker (v, m))
      g_error ("the marker %s differs", ey_site_role_to_string (EY_TYPE_SITE_PAGE_MARKER, m));
  g_assert_cmpint (ey_site_page_get_timer_seconds (o), ==, ey_site_page_get_timer_seconds (v));
  g_assert_cmpstr (ey_site_page_get_masked_phone (o), ==, ey_site_page_get_masked_phone (v));
  g_assert_cmpstr (ey_site_page_get_verification_code (o), ==, ey_site_page_get_verification_code (v));
  {
    g_autofree char *oc = ey_site_page_get_captcha_url (o);
    g_autofree char *vc = ey_site_page_get_captcha_url (v);

    g_assert_cmpstr (oc, ==, vc);
  }
  for (guint l = 0; l <= EY_LINK_ROLE_LAST; l++)
    {
      g_autofree char *ol = ey_site_page_get_link_url (o, l, NULL);
      g_autofree char *vl = ey_site_page_get_link_url (v, l, NULL);

      g_assert_cmpstr (ol, ==, vl);
    }
  oo = ey_site_page_get_orders (o);
  vo = ey_site_page_get_orders (v);
  g_assert_cmpuint (oo->len, ==, vo->len);
  for (guint i = 0; i < oo->len; i++)
    {
      const EyOrder *a = g_ptr_array_index (oo, i);
      const EyOrder *b = g_ptr_array_index (vo, i);

      g_assert_cmpint (a->kind, ==, b->kind);
      g_assert_cmpstr (a->url, ==, b->url);
      assert_loose ("an order date", a->date, b->date);
      assert_loose ("an institution", a->institution, b->institution);
    }
  for (guint f = 0; f <= EY_FIELD_ROLE_LAST; f++)
    g_assert_cmpstr (ey_site_page_get_field_value (o, f), ==, ey_site_page_get_field_value (v, f));
  compare_forms (ey_site_page_get_form (o), ey_site_page_get_form (v));
  compare_submissions (o, v);
}

static void
test_variation (gconstpointer data)
{
  const char *file = data;
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "core", "pages", NULL);
  g_autofree char *base = g_strndup (file, strstr (file, "--") - file);
  g_autofree char *original_path = g_strconcat (dir, "/", base, ".html", NULL);
  g_autofree char *variation_path = g_build_filename (dir, "variations", file, NULL);
  EySiteProfile *profile = g_str_has_prefix (file, "alt-") ? alt_profile : default_profile;
  const char *content_type = strstr (file, "--header-iso-8859-9") != NULL
                             ? "text/html; charset=ISO-8859-9" : NULL;
  g_autoptr(EySitePage) original = load (profile, original_path, NULL);
  g_autoptr(EySitePage) variation = load (profile, variation_path, content_type);

  g_assert_cmpint (ey_site_page_get_kind (original), !=, EY_SITE_PAGE_KIND_UNKNOWN);
  compare_pages (original, variation);
}

/* Every kind of variation and every page of the flow is in the corpus. */
static void
test_coverage (gconstpointer data)
{
  GPtrArray *files = (GPtrArray *) data;
  static const char * const kinds[] = {
    "upper", "mixed-case", "spaces", "ascii-fold", "header-iso-8859-9",
    "meta-windows-1254", "wrapped", "extra-forms", "noise",
  };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);
      g_autoptr(EySitePage) page = NULL;
      g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "core", "pages", "variations", NULL);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      const char *ct = strstr (file, "--header-iso-8859-9") ? "text/html; charset=ISO-8859-9" : NULL;

      page = load (g_str_has_prefix (file, "alt-") ? alt_profile : default_profile, path, ct);
      g_hash_table_add (seen, g_strdup_printf ("%s/%s", g_str_has_prefix (file, "alt-") ? "alt" : "default",
                                               ey_site_page_kind_to_string (ey_site_page_get_kind (page))));
      g_hash_table_add (seen, g_strdup (strstr (file, "--") + 2));
    }
  for (guint k = EY_SITE_PAGE_KIND_UNKNOWN + 1; k <= EY_SITE_PAGE_KIND_LAST; k++)
    {
      g_autofree char *d = g_strdup_printf ("default/%s", ey_site_page_kind_to_string (k));
      g_autofree char *a = g_strdup_printf ("alt/%s", ey_site_page_kind_to_string (k));

      g_assert_true (g_hash_table_contains (seen, d));
      g_assert_true (g_hash_table_contains (seen, a));
    }
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *name = g_strconcat (kinds[i], ".html", NULL);

      g_assert_true (g_hash_table_contains (seen, name));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = NULL;
  const char *name;
  int ret;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  default_profile = ey_site_profile_new_default (&error);
  g_assert_no_error (error);
  alt_profile = ey_site_profile_new_from_resource (EY_SITE_PROFILE_ALT_RESOURCE,
                                                   &error);
  g_assert_no_error (error);

  path = g_test_build_filename (G_TEST_DIST, "core", "pages", "variations", NULL);
  dir = g_dir_open (path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".html") && strstr (name, "--") != NULL)
      g_ptr_array_add (files, g_strdup (name));
  g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);

  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);
      g_autofree char *test = g_strdup_printf ("/variations/%s", file);

      test[strlen (test) - 5] = '\0';
      g_test_add_data_func (test, file, test_variation);
    }
  g_test_add_data_func ("/variations/coverage", files, test_coverage);

  ret = g_test_run ();
  g_clear_object (&default_profile);
  g_clear_object (&alt_profile);
  return ret;
}
