/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-form"

#include "config.h"

#include <string.h>

#include "fuzz-site.h"
#include "ey-form-private.h"
#include "ey-site-page-private.h"

/* The form reader: the form found on a page (controls, options, labels), a
 * submission built from it with every field and choice filled, and its encoding in
 * the form's charset.  The first byte picks the profile (bit 0) and the charset the
 * page is read in (bits 1–2); the body follows.  The values typed into the fields
 * are in Turkish, with letters windows-1254 and ISO-8859-9 have and letters they
 * lack. */

static const char *content_types[] = {
  "text/html",
  "text/html; charset=UTF-8",
  "text/html; charset=ISO-8859-9",
  "text/html; charset=windows-1254",
};

static const char *values[] = {
  "12345678950",
  "Çağrı Şİmşek Ğüöıİ",
  "€ “quoted” & = + %",
  "",
};

/* @form: a submission made from the bare form (no roles): every control gets a value
 * by name.  Otherwise one from ey_site_page_new_submission: by role, as the session does. */
static void
fill_and_encode (EyFormData *submission,
                 EyForm     *form,
                 guint       salt)
{
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GBytes) encoded = NULL;

  if (form != NULL)
    {
      for (guint i = 0; i < ey_form_get_n_controls (form); i++)
        {
          const EyFormControl *control = ey_form_get_control (form, i);

          if (control->name != NULL && control->type != EY_FORM_CONTROL_SUBMIT)
            ey_form_data_set (submission, control->name,
                              values[(i + salt) % G_N_ELEMENTS (values)]);
        }
    }
  else
    {
      for (EyFieldRole role = 0; role <= EY_FIELD_ROLE_LAST; role++)
        (void)ey_form_data_set_field (submission, role,
                                      values[(role + salt) % G_N_ELEMENTS (values)], NULL);
      for (EyChoiceRole choice = 0; choice <= EY_CHOICE_ROLE_LAST; choice++)
        (void)ey_form_data_choose (submission, choice, NULL);
    }
  (void)ey_form_data_get_url (submission);
  (void)ey_form_data_get_method (submission);
  (void)ey_form_data_get_content_type (submission);
  for (guint i = 0; i < ey_form_data_get_n_pairs (submission); i++)
    {
      const char *name, *value;

      ey_form_data_get_pair (submission, i, &name, &value);
      (void)ey_form_data_get (submission, name);
    }
  pairs = ey_form_data_to_pairs (submission);
  encoded = ey_form_data_encode (submission, NULL);
}

static void
read_form (EySitePage *page,
           EyForm *form)
{
  guint n = ey_form_get_n_controls (form);

  (void)ey_form_get_action_url (form);
  (void)ey_form_get_method (form);
  (void)ey_form_get_charset (form);

  for (guint i = 0; i < n; i++)
    {
      const EyFormControl *control = ey_form_get_control (form, i);

      g_assert (control != NULL);
      if (control->name != NULL)
        {
          (void)ey_form_lookup (form, control->name);
          if (control->value != NULL)
            (void)ey_form_lookup_value (form, control->name, control->value);
        }
      for (guint j = 0; control->options != NULL && j < control->options->len; j++)
        {
          EyFormOption *option = g_ptr_array_index (control->options, j);

          g_assert (option != NULL);
        }
      if (control->type == EY_FORM_CONTROL_SUBMIT)
        {
          g_autoptr(EyFormData) submission =
            ey_form_data_new_from_form (form, control->name, control->value);

          if (submission != NULL)
            fill_and_encode (submission, form, i);
        }
    }

  for (EyButtonRole button = 0; button <= EY_BUTTON_ROLE_LAST; button++)
    {
      g_autoptr(EyFormData) submission = ey_site_page_new_submission (page, button, NULL);

      if (submission != NULL)
        fill_and_encode (submission, NULL, button);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(EySitePage) page = NULL;
  g_autofree char *url = NULL;
  EySiteProfile *profile;
  EyForm *form;

  fuzz_site_init ();
  if (size < 1)
    return 0;

  profile = fuzz_site_profiles[data[0] & 1];
  body = g_bytes_new (data + 1, size - 1);
  url = g_strconcat (ey_site_profile_get_base_url (profile), "form", NULL);
  page = ey_site_page_new (profile, body, content_types[(data[0] >> 1) & 3], url, NULL);
  if (page == NULL)
    return 0;

  form = ey_site_page_get_form (page);
  if (form != NULL)
    read_form (page, form);
  return 0;
}
