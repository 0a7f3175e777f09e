/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-form"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ey-form.h"
#include "ey-text.h"
#include "ey-form-private.h"
#include "ey-site-profile.h"
#include "ey-site-profile-private.h"
#include "ey-site-roles-private.h"

struct _EyForm
{
  GObject    parent_instance;

  char      *action_url;
  char      *method;
  char      *charset;
  GPtrArray *controls;   /* EyFormControl */
};

G_DEFINE_TYPE (EyForm, ey_form, G_TYPE_OBJECT)

G_DEFINE_QUARK (ey-form-error-quark, ey_form_error)

void
_ey_wipe_free (char *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

void
_ey_form_option_free (EyFormOption *option)
{
  if (option == NULL)
    return;
  g_free (option->value);
  g_free (option->label);
  g_free (option);
}

void
_ey_form_control_free (EyFormControl *control)
{
  if (control == NULL)
    return;
  g_free (control->name);
  /* A page may prefill a field with something private (a security word). */
  _ey_wipe_free (control->value);
  g_free (control->label);
  g_free (control->id);
  g_clear_pointer (&control->options, g_ptr_array_unref);
  g_free (control);
}

static void
ey_form_finalize (GObject *object)
{
  EyForm *self = (EyForm *)object;

  g_free (self->action_url);
  g_free (self->method);
  g_free (self->charset);
  g_clear_pointer (&self->controls, g_ptr_array_unref);

  G_OBJECT_CLASS (ey_form_parent_class)->finalize (object);
}

static void
ey_form_class_init (EyFormClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ey_form_finalize;
}

static void
ey_form_init (EyForm *self)
{
}

EyForm *
_ey_form_new (const char *action_url,
              const char *method,
              const char *charset,
              GPtrArray  *controls)
{
  EyForm *self = g_object_new (EY_TYPE_FORM, NULL);

  self->action_url = g_strdup (action_url);
  self->method = g_strdup (method != NULL ? method : "POST");
  self->charset = g_strdup (charset != NULL ? charset : "UTF-8");
  self->controls = controls;
  return self;
}

const char *
ey_form_get_action_url (EyForm *self)
{
  g_return_val_if_fail (EY_IS_FORM (self), NULL);
  return self->action_url;
}

const char *
ey_form_get_method (EyForm *self)
{
  g_return_val_if_fail (EY_IS_FORM (self), NULL);
  return self->method;
}

const char *
ey_form_get_charset (EyForm *self)
{
  g_return_val_if_fail (EY_IS_FORM (self), NULL);
  return self->charset;
}

guint
ey_form_get_n_controls (EyForm *self)
{
  g_return_val_if_fail (EY_IS_FORM (self), 0);
  return self->controls->len;
}

const EyFormControl *
ey_form_get_control (EyForm *self,
                     guint   index)
{
  g_return_val_if_fail (EY_IS_FORM (self), NULL);
  g_return_val_if_fail (index < self->controls->len, NULL);
  return g_ptr_array_index (self->controls, index);
}

const EyFormControl *
ey_form_lookup (EyForm     *self,
                const char *name)
{
  g_return_val_if_fail (EY_IS_FORM (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->controls->len; i++)
    {
      const EyFormControl *c = g_ptr_array_index (self->controls, i);

      if (strcmp (c->name, name) == 0)
        return c;
    }
  return NULL;
}

const EyFormControl *
ey_form_lookup_value (EyForm     *self,
                      const char *name,
                      const char *value)
{
  g_return_val_if_fail (EY_IS_FORM (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  for (guint i = 0; i < self->controls->len; i++)
    {
      const EyFormControl *c = g_ptr_array_index (self->controls, i);

      if (strcmp (c->name, name) == 0 && c->value != NULL && strcmp (c->value, value) == 0)
        return c;
    }
  return NULL;
}

/* ------------------------------------------------------------------ */
/* EyFormData                                                           */

struct _EyFormData
{
  gatomicrefcount  ref_count;
  char            *url;
  char            *method;
  char            *charset;
  GPtrArray       *names;
  GPtrArray       *values;     /* wiped on removal */
  EySiteProfile   *profile;
  EySitePageKind       kind;
  EySiteAction     action;
  gboolean         has_roles;
  EyForm          *form;
};

G_DEFINE_BOXED_TYPE (EyFormData, ey_form_data, ey_form_data_ref, ey_form_data_unref)

EyFormData *
ey_form_data_new (const char *url,
                  const char *charset)
{
  EyFormData *self;

  g_return_val_if_fail (url != NULL, NULL);

  self = g_new0 (EyFormData, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->url = g_strdup (url);
  self->method = g_strdup ("POST");
  self->charset = g_strdup (charset != NULL ? charset : "UTF-8");
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->values = g_ptr_array_new_with_free_func ((GDestroyNotify)_ey_wipe_free);
  return self;
}

EyFormData *
ey_form_data_new_from_form (EyForm     *form,
                            const char *button_name,
                            const char *button_value)
{
  EyFormData *self;

  g_return_val_if_fail (EY_IS_FORM (form), NULL);

  self = ey_form_data_new (form->action_url, form->charset);
  g_free (self->method);
  self->method = g_strdup (form->method);
  self->form = g_object_ref (form);

  /* The "successful controls" of HTML, in document order. */
  for (guint i = 0; i < form->controls->len; i++)
    {
      const EyFormControl *c = g_ptr_array_index (form->controls, i);

      if (c->disabled)
        continue;
      switch (c->type)
        {
        case EY_FORM_CONTROL_HIDDEN:
        case EY_FORM_CONTROL_TEXT:
        case EY_FORM_CONTROL_PASSWORD:
        case EY_FORM_CONTROL_TEXTAREA:
          ey_form_data_add (self, c->name, c->value);
          break;

        case EY_FORM_CONTROL_SELECT:
          {
            gboolean any = FALSE;

            for (guint j = 0; c->options != NULL && j < c->options->len; j++)
              {
                const EyFormOption *o = g_ptr_array_index (c->options, j);

                if (o->selected)
                  {
                    ey_form_data_add (self, c->name, o->value);
                    any = TRUE;
                  }
              }
            if (!any && c->options != NULL && c->options->len > 0)
              ey_form_data_add (self, c->name, c->value);
          }
          break;

        case EY_FORM_CONTROL_RADIO:
        case EY_FORM_CONTROL_CHECKBOX:
          if (c->checked)
            ey_form_data_add (self, c->name, c->value);
          break;

        case EY_FORM_CONTROL_SUBMIT:
          if (button_name != NULL && strcmp (c->name, button_name) == 0 &&
              (button_value == NULL || strcmp (c->value, button_value) == 0))
            {
              ey_form_data_add (self, c->name, c->value);
              button_name = NULL;   /* only the first matching button */
            }
          break;

        case EY_FORM_CONTROL_OTHER:
        default:
          break;
        }
    }
  return self;
}

EyFormData *
ey_form_data_ref (EyFormData *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ey_form_data_unref (EyFormData *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->url);
  g_free (self->method);
  g_free (self->charset);
  g_ptr_array_unref (self->names);
  g_ptr_array_unref (self->values);
  g_clear_object (&self->profile);
  g_clear_object (&self->form);
  g_free (self);
}

void
ey_form_data_set_roles (EyFormData    *self,
                        EySiteProfile *profile,
                        EySitePageKind     kind,
                        EySiteAction   action)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (EY_IS_SITE_PROFILE (profile));

  g_set_object (&self->profile, profile);
  self->kind = kind;
  self->action = action;
  self->has_roles = TRUE;
}

const char *
ey_form_data_get_url (EyFormData *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->url;
}

const char *
ey_form_data_get_method (EyFormData *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->method;
}

const char *
ey_form_data_get_charset (EyFormData *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->charset;
}

const char *
ey_form_data_get_content_type (EyFormData *self)
{
  return "application/x-www-form-urlencoded";
}

void
ey_form_data_add (EyFormData *self,
                  const char *name,
                  const char *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);

  g_ptr_array_add (self->names, g_strdup (name));
  g_ptr_array_add (self->values, g_strdup (value != NULL ? value : ""));
}

void
ey_form_data_set (EyFormData *self,
                  const char *name,
                  const char *value)
{
  gboolean found = FALSE;

  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);

  for (guint i = 0; i < self->names->len;)
    {
      if (strcmp (g_ptr_array_index (self->names, i), name) == 0)
        {
          if (!found && value != NULL)
            {
              _ey_wipe_free (g_ptr_array_index (self->values, i));
              self->values->pdata[i] = g_strdup (value);
              found = TRUE;
              i++;
              continue;
            }
          g_ptr_array_remove_index (self->names, i);
          g_ptr_array_remove_index (self->values, i);
          continue;
        }
      i++;
    }
  if (!found && value != NULL)
    ey_form_data_add (self, name, value);
}

const char *
ey_form_data_get (EyFormData *self,
                  const char *name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->names->len; i++)
    if (strcmp (g_ptr_array_index (self->names, i), name) == 0)
      return g_ptr_array_index (self->values, i);
  return NULL;
}

guint
ey_form_data_get_n_pairs (EyFormData *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->names->len;
}

void
ey_form_data_get_pair (EyFormData  *self,
                       guint        index,
                       const char **name,
                       const char **value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->names->len);

  if (name != NULL)
    *name = g_ptr_array_index (self->names, index);
  if (value != NULL)
    *value = g_ptr_array_index (self->values, index);
}

static const char *
role_name (EyFormData  *self,
           EyFieldRole  role)
{
  if (self->kind == EY_SITE_PAGE_KIND_UNKNOWN)
    return ey_site_profile_get_request_field_name (self->profile, self->action, role);
  return ey_site_profile_get_field_name (self->profile, self->kind, role);
}

gboolean
ey_form_data_set_field (EyFormData  *self,
                        EyFieldRole  role,
                        const char  *value,
                        GError     **error)
{
  const char *name;
  const EyFormControl *control = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->has_roles, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  name = role_name (self, role);
  if (name == NULL)
    {
      g_set_error (error, EY_FORM_ERROR, EY_FORM_ERROR_NO_ROLE,
                   _("The site profile names no field “%s” on this page."),
                   ey_field_role_to_string (role));
      return FALSE;
    }

  if (self->form != NULL)
    {
      control = ey_form_lookup (self->form, name);
      if (control == NULL)
        {
          g_set_error (error, EY_FORM_ERROR, EY_FORM_ERROR_NO_FIELD,
                       _("The site's form has no field “%s” (%s)."),
                       name, ey_field_role_to_string (role));
          return FALSE;
        }
      if (control->readonly || control->disabled)
        {
          g_set_error (error, EY_FORM_ERROR, EY_FORM_ERROR_READ_ONLY,
                       _("The field “%s” cannot be changed on the site's form."), name);
          return FALSE;
        }
      if (control->type == EY_FORM_CONTROL_SELECT)
        {
          const EyFormOption *by_label = NULL;

          for (guint i = 0; control->options != NULL && i < control->options->len; i++)
            {
              const EyFormOption *o = g_ptr_array_index (control->options, i);

              if (strcmp (o->value, value) == 0)
                {
                  ey_form_data_set (self, name, value);
                  return TRUE;
                }
              if (by_label == NULL && o->label != NULL && ey_text_equal_loose (o->label, value))
                by_label = o;
            }
          if (by_label == NULL)
            {
              g_set_error (error, EY_FORM_ERROR, EY_FORM_ERROR_NO_OPTION,
                           _("“%s” is not one of the choices of the field “%s”."), value, name);
              return FALSE;
            }
          ey_form_data_set (self, name, by_label->value);
          return TRUE;
        }
    }

  ey_form_data_set (self, name, value);
  return TRUE;
}

gboolean
ey_form_data_choose (EyFormData   *self,
                     EyChoiceRole  role,
                     GError      **error)
{
  const char *name = NULL;
  const char *value = NULL;
  const EyFormControl *control = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->has_roles, FALSE);

  if (!ey_site_profile_get_choice (self->profile, self->kind, role, &name, &value))
    {
      g_set_error (error, EY_FORM_ERROR, EY_FORM_ERROR_NO_ROLE,
                   _("The site profile names no choice “%s” on this page."),
                   ey_site_role_to_string (EY_TYPE_CHOICE_ROLE, role));
      return FALSE;
    }
  if (self->form != NULL)
    {
      control = ey_form_lookup_value (self->form, name, value);
      if (control == NULL || control->disabled)
        {
          g_set_error (error, EY_FORM_ERROR, EY_FORM_ERROR_NO_FIELD,
                       _("The site's form has no choice %s=%s."), name, value);
          return FALSE;
        }
    }

  if (control != NULL && control->type == EY_FORM_CONTROL_CHECKBOX)
    {
      for (guint i = 0; i < self->names->len; i++)
        if (strcmp (g_ptr_array_index (self->names, i), name) == 0 &&
            strcmp (g_ptr_array_index (self->values, i), value) == 0)
          return TRUE;
      ey_form_data_add (self, name, value);
    }
  else
    ey_form_data_set (self, name, value);
  return TRUE;
}

GPtrArray *
ey_form_data_to_pairs (EyFormData *self)
{
  GPtrArray *pairs;

  g_return_val_if_fail (self != NULL, NULL);

  pairs = g_ptr_array_new_full (self->names->len * 2, (GDestroyNotify)_ey_wipe_free);
  for (guint i = 0; i < self->names->len; i++)
    {
      g_ptr_array_add (pairs, g_strdup (g_ptr_array_index (self->names, i)));
      g_ptr_array_add (pairs, g_strdup (g_ptr_array_index (self->values, i)));
    }
  return pairs;
}

static void
wipe_bytes (gpointer data)
{
  GString *s = data;

  explicit_bzero (s->str, s->allocated_len);
  g_string_free (s, TRUE);
}

static gboolean
append_encoded (GString     *out,
                const char  *text,
                const char  *charset,
                const char  *field,
                GError     **error)
{
  g_autofree char *converted = NULL;
  gsize len = strlen (text);
  const char *bytes = text;

  if (g_ascii_strcasecmp (charset, "UTF-8") != 0 && g_ascii_strcasecmp (charset, "UTF8") != 0)
    {
      converted = g_convert (text, -1, charset, "UTF-8", NULL, &len, NULL);
      if (converted == NULL)
        {
          g_set_error (error, EY_FORM_ERROR, EY_FORM_ERROR_ENCODING,
                       _("The field “%s” contains a character the site cannot take (%s)."),
                       field, charset);
          return FALSE;
        }
      bytes = converted;
    }

  for (gsize i = 0; i < len; i++)
    {
      guchar c = bytes[i];

      if (g_ascii_isalnum (c) || c == '-' || c == '.' || c == '_' || c == '*')
        g_string_append_c (out, c);
      else if (c == ' ')
        g_string_append_c (out, '+');
      else
        g_string_append_printf (out, "%%%02X", c);
    }
  if (converted != NULL)
    explicit_bzero (converted, len);
  return TRUE;
}

GBytes *
ey_form_encode_pairs (GPtrArray   *pairs,
                      const char  *charset,
                      GError     **error)
{
  GString *out;

  g_return_val_if_fail (pairs != NULL, NULL);
  g_return_val_if_fail (pairs->len % 2 == 0, NULL);

  if (charset == NULL)
    charset = "UTF-8";
  out = g_string_new (NULL);
  for (guint i = 0; i < pairs->len; i += 2)
    {
      const char *name = g_ptr_array_index (pairs, i);
      const char *value = g_ptr_array_index (pairs, i + 1);

      if (i > 0)
        g_string_append_c (out, '&');
      if (!append_encoded (out, name, charset, name, error) ||
          (g_string_append_c (out, '='), !append_encoded (out, value ? value : "", charset, name, error)))
        {
          wipe_bytes (out);
          return NULL;
        }
    }
  return g_bytes_new_with_free_func (out->str, out->len, wipe_bytes, out);
}

GBytes *
ey_form_data_encode (EyFormData *self,
                     GError    **error)
{
  g_autoptr(GPtrArray) pairs = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  pairs = ey_form_data_to_pairs (self);
  return ey_form_encode_pairs (pairs, self->charset, error);
}

const char *
ey_form_option_label (const char * const *values,
                      const char * const *labels,
                      const char         *value)
{
  for (guint i = 0; values != NULL && labels != NULL && values[i] != NULL && labels[i] != NULL; i++)
    if (value != NULL && strcmp (values[i], value) == 0)
      return labels[i];
  return value;
}
