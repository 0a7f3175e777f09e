/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-certificate-row"

#include "config.h"

#include <glib/gi18n.h>

#include "ey-certificate-row.h"
#include "ey-ui-format.h"

struct _EyCertificateRow
{
  AdwActionRow    parent_instance;

  EyCertificate  *certificate;
  GtkCheckButton *check;
  gboolean        usable;
};

G_DEFINE_FINAL_TYPE (EyCertificateRow, ey_certificate_row, ADW_TYPE_ACTION_ROW)

GtkWidget *
ey_certificate_row_new (EyCertificate    *certificate,
                        const char       *identity,
                        EyCertificateRow *group)
{
  EyCertificateRow *self;
  g_autofree char *until = NULL;
  g_autofree char *refusal = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (EY_IS_CERTIFICATE (certificate), NULL);

  self = g_object_new (EY_TYPE_CERTIFICATE_ROW, NULL);
  self->certificate = g_object_ref (certificate);
  until = ey_ui_format_date (ey_certificate_get_not_after (certificate));
  refusal = ey_ui_certificate_refusal (certificate, identity);
  self->usable = refusal == NULL;

  if (refusal)
    subtitle = g_strdup_printf ("%s\n%s", ey_certificate_get_issuer_name (certificate), refusal);
  else
    /* Translators: "<issuer>\nValid until <date>" */
    subtitle = g_strdup_printf (_("%s\nValid until %s"),
                                ey_certificate_get_issuer_name (certificate), until);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 ey_certificate_get_holder_name (certificate));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self), 0);
  if (group)
    gtk_check_button_set_group (self->check, group->check);
  gtk_widget_set_sensitive (GTK_WIDGET (self->check), self->usable);
  if (!self->usable)
    gtk_widget_add_css_class (GTK_WIDGET (self), "refused");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  ey_certificate_get_holder_name (certificate), -1);
  return GTK_WIDGET (self);
}

EyCertificate *
ey_certificate_row_get_certificate (EyCertificateRow *self)
{
  g_return_val_if_fail (EY_IS_CERTIFICATE_ROW (self), NULL);
  return self->certificate;
}

gboolean
ey_certificate_row_get_usable (EyCertificateRow *self)
{
  g_return_val_if_fail (EY_IS_CERTIFICATE_ROW (self), FALSE);
  return self->usable;
}

gboolean
ey_certificate_row_get_selected (EyCertificateRow *self)
{
  g_return_val_if_fail (EY_IS_CERTIFICATE_ROW (self), FALSE);
  return gtk_check_button_get_active (self->check);
}

void
ey_certificate_row_set_selected (EyCertificateRow *self,
                                 gboolean          selected)
{
  g_return_if_fail (EY_IS_CERTIFICATE_ROW (self));
  gtk_check_button_set_active (self->check, selected);
}

GtkCheckButton *
ey_certificate_row_get_check (EyCertificateRow *self)
{
  g_return_val_if_fail (EY_IS_CERTIFICATE_ROW (self), NULL);
  return self->check;
}

static void
ey_certificate_row_finalize (GObject *object)
{
  EyCertificateRow *self = EY_CERTIFICATE_ROW (object);

  g_clear_object (&self->certificate);
  G_OBJECT_CLASS (ey_certificate_row_parent_class)->finalize (object);
}

static void
ey_certificate_row_class_init (EyCertificateRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ey_certificate_row_finalize;
}

static void
ey_certificate_row_init (EyCertificateRow *self)
{
  self->check = GTK_CHECK_BUTTON (gtk_check_button_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->check), GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (self), GTK_WIDGET (self->check));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), GTK_WIDGET (self->check));
}
