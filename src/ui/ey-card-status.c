/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-card-status"

#include "config.h"

#include <glib/gi18n.h>

#include "ey-application.h"
#include "ey-card-status.h"
#include "ey-certificate.h"
#include "ey-token.h"
#include "ey-card-type.h"
#include "ey-ui-format.h"
#include "ey-ui-closures.h"

/* The strip above every page: reader, card, certificate, renewal window, or what is
 * missing and how to fix it.  It listens to the card monitor and the certificate
 * listing, so plugging a reader or a card in shows at once. */
struct _EyCardStatus
{
  GtkWidget       parent_instance;

  GtkImage       *icon;
  GtkLabel       *title;
  GtkLabel       *subtitle;
  GtkSpinner     *spinner;

  EyApplication  *application;   /* weak */
  char           *sent_order;    /* the application was made (order number), or NULL */
  GSignalGroup   *monitor_signals;
  GSignalGroup   *app_signals;
};

G_DEFINE_FINAL_TYPE (EyCardStatus, ey_card_status, GTK_TYPE_WIDGET)

static void
ey_card_status_show (EyCardStatus *self,
                     const char   *icon,
                     const char   *style,
                     const char   *title,
                     const char   *subtitle)
{
  static const char *styles[] = { "success", "warning", "error" };

  gtk_image_set_from_icon_name (self->icon, icon);
  gtk_label_set_text (self->title, title);
  gtk_label_set_text (self->subtitle, subtitle ? subtitle : "");
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self), styles[i]);
  if (style)
    gtk_widget_add_css_class (GTK_WIDGET (self), style);

  /* The status role makes screen readers announce the change: the name is the state,
   * the description what to do about it. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title ? title : "", -1);
  if (subtitle && *subtitle)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static gboolean
card_driver_installed (EyCardReader *reader)
{
  g_autofree char *module = ey_card_type_find_module (ey_card_reader_get_card_type (reader));

  return module != NULL;
}

static void
ey_card_status_update (EyCardStatus *self)
{
  EyCardMonitor *monitor;
  EyCardMonitorState state = EY_CARD_MONITOR_STATE_STOPPED;
  GPtrArray *certificates;
  EyCertificate *cert = NULL;
  EyCardReader *reader = NULL;
  const char *card_name = NULL;

  if (self->application == NULL)
    return;

  monitor = ey_application_get_card_monitor (self->application);
  certificates = ey_application_get_certificates (self->application);
  if (certificates)
    cert = ey_certificate_pick_signing (certificates, NULL, NULL);
  if (cert == NULL && certificates && certificates->len > 0)
    cert = g_ptr_array_index (certificates, 0);
  if (monitor)
    {
      state = ey_card_monitor_get_state (monitor);
      reader = ey_card_monitor_find_signing_card (monitor);
      if (reader)
        card_name = ey_card_reader_get_card_type_name (reader);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->spinner),
                          ey_application_get_certificates_busy (self->application));
  gtk_spinner_set_spinning (self->spinner,
                            ey_application_get_certificates_busy (self->application));

  /* A certificate on a token is what matters, whatever PC/SC says (the demo token and
   * some USB tokens have no PC/SC reader of their own). */
  if (cert)
    {
      g_autofree char *title = NULL;
      g_autofree char *subtitle = ey_ui_describe_certificate (cert);
      EyToken *token = ey_certificate_get_token (cert);
      const char *device = card_name ? card_name : token ? ey_token_get_label (token) : NULL;

      if (device)
        /* Translators: "<holder name> — <card type or token label>" */
        title = g_strdup_printf (_("%s — %s"), ey_certificate_get_holder_name (cert), device);
      else
        title = g_strdup (ey_certificate_get_holder_name (cert));
      if (self->sent_order)
        {
          g_free (subtitle);
          subtitle = g_strdup_printf (_("Renewal application sent (order %s). The new certificate "
                                        "starts when this one ends."), self->sent_order);
          ey_card_status_show (self, "emblem-ok-symbolic", "success", title, subtitle);
          return;
        }
      ey_card_status_show (self, "emblem-ok-symbolic",
                           ey_certificate_is_renewal_window_open (cert, NULL) ? "success" : "warning",
                           title, subtitle);
      return;
    }

  switch (state)
    {
    case EY_CARD_MONITOR_STATE_SERVICE_NOT_RUNNING:
      {
        /* The same command as the doctor's finding, so the two never disagree. */
        g_autofree char *hint = g_strdup_printf (_("Start it, and enable it for every boot: %s"),
                                                 ey_card_status_pcscd_command ());

        ey_card_status_show (self, "dialog-warning-symbolic", "error",
                             ey_card_monitor_state_get_description (state), hint);
      }
      return;
    case EY_CARD_MONITOR_STATE_NO_READER:
      ey_card_status_show (self, "media-removable-symbolic", "warning",
                           _("No card reader"),
                           _("Plug in your card reader (or USB token)."));
      return;
    case EY_CARD_MONITOR_STATE_READY:
      if (reader && !ey_application_get_certificates_busy (self->application) &&
          ey_card_reader_get_card_type (reader) && !card_driver_installed (reader))
        {
          /* A known card whose driver is missing: that is the fix, not "insert your card"
           * nor the wet signature. */
          EyCardType *type = ey_card_reader_get_card_type (reader);
          g_autofree char *title = g_strdup_printf (_("The driver of the %s card is not installed"),
                                                    ey_card_type_get_name (type));

          ey_card_status_show (self, "dialog-warning-symbolic", "error", title,
                               ey_card_type_is_fallback (type)
                               ? _("Install it with: sudo apt install opensc-pkcs11")
                               : _("Install the card's driver from its vendor (for AKİS cards: "
                                   "the Linux driver on kamusm.bilgem.tubitak.gov.tr), then "
                                   "take the card out and put it back in."));
        }
      else if (reader)
        ey_card_status_show (self, "media-removable-symbolic", "warning", card_name,
                             ey_application_get_certificates_busy (self->application)
                             ? _("Reading the certificates on the card…")
                             : _("No signing certificate could be read from this card. Is "
                                 "its driver (PKCS#11 module) installed?"));
      else
        ey_card_status_show (self, "media-removable-symbolic", "warning",
                             _("Reader without a card"),
                             _("Insert your e-signature card into the reader."));
      return;
    case EY_CARD_MONITOR_STATE_STOPPED:
    case EY_CARD_MONITOR_STATE_STARTING:
    default:
      ey_card_status_show (self, "media-removable-symbolic", NULL,
                           _("Looking for card readers…"), NULL);
      return;
    }
}

void
ey_card_status_set_application (EyCardStatus  *self,
                                EyApplication *application)
{
  g_return_if_fail (EY_IS_CARD_STATUS (self));

  g_set_weak_pointer (&self->application, application);
  g_signal_group_set_target (self->app_signals, application);
  g_signal_group_set_target (self->monitor_signals,
                             application ? ey_application_get_card_monitor (application) : NULL);
  ey_card_status_update (self);
}

/* What the doctor suggests when pcscd does not run (ey-doctor.c, check_pcscd_running). */
const char *
ey_card_status_pcscd_command (void)
{
  return g_file_test ("/usr/sbin/pcscd", G_FILE_TEST_IS_EXECUTABLE)
         ? "sudo systemctl enable --now pcscd.socket && sudo systemctl restart pcscd.service"
         : "sudo apt install pcscd && sudo systemctl enable --now pcscd.socket";
}

/* The renewal application was made (the site's order number; NULL: not, or a new one):
 * the strip stops saying "renewal possible". */
void
ey_card_status_set_sent (EyCardStatus *self,
                         const char   *order)
{
  g_return_if_fail (EY_IS_CARD_STATUS (self));
  g_free (self->sent_order);
  self->sent_order = ey_ui_order_number (order);
  ey_card_status_update (self);
}

void
ey_card_status_refresh (EyCardStatus *self)
{
  g_return_if_fail (EY_IS_CARD_STATUS (self));
  ey_card_status_update (self);
}

const char *
ey_card_status_get_title (EyCardStatus *self)
{
  g_return_val_if_fail (EY_IS_CARD_STATUS (self), NULL);
  return gtk_label_get_text (self->title);
}

const char *
ey_card_status_get_subtitle (EyCardStatus *self)
{
  g_return_val_if_fail (EY_IS_CARD_STATUS (self), NULL);
  return gtk_label_get_text (self->subtitle);
}

GtkWidget *
ey_card_status_new (void)
{
  return g_object_new (EY_TYPE_CARD_STATUS, NULL);
}

static void
ey_card_status_dispose (GObject *object)
{
  EyCardStatus *self = EY_CARD_STATUS (object);

  if (self->monitor_signals)
    g_signal_group_set_target (self->monitor_signals, NULL);
  if (self->app_signals)
    g_signal_group_set_target (self->app_signals, NULL);
  g_clear_object (&self->monitor_signals);
  g_clear_object (&self->app_signals);
  g_clear_weak_pointer (&self->application);
  g_clear_pointer (&self->sent_order, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), EY_TYPE_CARD_STATUS);
  /* Children the template does not name are ours to unparent too. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self)));)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (ey_card_status_parent_class)->dispose (object);
}

static void
ey_card_status_class_init (EyCardStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ey_card_status_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eimzayenile/EimzaYenile/ey-card-status.ui");
  gtk_widget_class_bind_template_child (widget_class, EyCardStatus, icon);
  gtk_widget_class_bind_template_child (widget_class, EyCardStatus, title);
  gtk_widget_class_bind_template_child (widget_class, EyCardStatus, subtitle);
  gtk_widget_class_bind_template_child (widget_class, EyCardStatus, spinner);
  ey_ui_closures_bind (widget_class);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cardstatus");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
ey_card_status_init (EyCardStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 12);

  self->monitor_signals = g_signal_group_new (EY_TYPE_CARD_MONITOR);
  g_signal_group_connect_swapped (self->monitor_signals, "notify::state",
                                  G_CALLBACK (ey_card_status_update), self);
  g_signal_group_connect_swapped (self->monitor_signals, "card-inserted",
                                  G_CALLBACK (ey_card_status_update), self);
  g_signal_group_connect_swapped (self->monitor_signals, "card-removed",
                                  G_CALLBACK (ey_card_status_update), self);
  g_signal_group_connect_swapped (self->monitor_signals, "card-mute",
                                  G_CALLBACK (ey_card_status_update), self);
  g_signal_group_connect_swapped (self->monitor_signals, "reader-added",
                                  G_CALLBACK (ey_card_status_update), self);
  g_signal_group_connect_swapped (self->monitor_signals, "reader-removed",
                                  G_CALLBACK (ey_card_status_update), self);

  self->app_signals = g_signal_group_new (EY_TYPE_APPLICATION);
  g_signal_group_connect_swapped (self->app_signals, "certificates-changed",
                                  G_CALLBACK (ey_card_status_update), self);
  g_signal_group_connect_swapped (self->app_signals, "notify::certificates-busy",
                                  G_CALLBACK (ey_card_status_update), self);
}
