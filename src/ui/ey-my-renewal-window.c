/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-my-renewal-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ey-my-renewal-window.h"

/* KamuSM ships by courier "in about 10 working days". */
#define SHIPPING_WORKING_DAYS 10

struct _EyMyRenewalWindow
{
  AdwWindow     parent_instance;

  GtkStack     *stack;
  AdwActionRow *date_row;
  AdwActionRow *method_row;
  AdwActionRow *order_row;
  AdwActionRow *institution_row;
  AdwActionRow *shipping_row;
  AdwActionRow *start_row;
  AdwActionRow *pin_row;
};

G_DEFINE_FINAL_TYPE (EyMyRenewalWindow, ey_my_renewal_window, ADW_TYPE_WINDOW)

static const char *
describe_path (const char *path)
{
  if (g_strcmp0 (path, "eonay") == 0)
    return _("E-Onay (E-Onaylı Başvuru): nothing more to send");
  if (g_strcmp0 (path, "esigned") == 0)
    return _("Signed with your card (E-İmzalı Başvuru): nothing more to send");
  if (g_strcmp0 (path, "wet") == 0)
    return _("Wet signature (Islak İmzalı Başvuru): the printed, signed form must still reach "
             "KamuSM through your institution’s e-signature officer");
  return path;
}

static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  adw_action_row_set_subtitle (row, text && *text ? text : _("Not known"));
}

static void
fill (EyMyRenewalWindow *self,
      EyReminder        *reminder)
{
  g_autoptr(EyReminderApplication) application = ey_reminder_get_application (reminder);
  g_autoptr(GDateTime) not_after = NULL;
  g_autoptr(GDateTime) arrives = NULL;
  g_autofree char *date = NULL;
  g_autofree char *arrive_date = NULL;
  g_autofree char *shipping = NULL;
  g_autofree char *start = NULL;

  if (application == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "application");

  date = ey_reminder_format_date (application->time);
  set_subtitle (self->date_row, date);
  set_subtitle (self->method_row, describe_path (application->path));
  set_subtitle (self->order_row, application->order);
  set_subtitle (self->institution_row, application->institution);

  arrives = ey_reminder_add_working_days (application->time, SHIPPING_WORKING_DAYS);
  arrive_date = ey_reminder_format_date (arrives);
  shipping = g_strdup_printf (_("Made and sent by courier to the address on the form, usually "
                                "within about 10 working days: around %s. The tracking number "
                                "comes by SMS and e-mail."), arrive_date);
  set_subtitle (self->shipping_row, shipping);

  not_after = ey_reminder_dup_not_after (reminder);
  if (not_after)
    {
      g_autofree char *end = ey_reminder_format_date (not_after);

      start = g_strdup_printf (_("When your current certificate ends, on %s. Until then keep "
                                 "using your current card."), end);
    }
  else
    start = g_strdup (_("When your current certificate ends. Until then keep using your "
                        "current card."));
  set_subtitle (self->start_row, start);
  set_subtitle (self->pin_row, ey_reminder_describe_new_pin ());
}

static void
ey_my_renewal_window_class_init (EyMyRenewalWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eimzayenile/EimzaYenile/ey-my-renewal-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EyMyRenewalWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, EyMyRenewalWindow, date_row);
  gtk_widget_class_bind_template_child (widget_class, EyMyRenewalWindow, method_row);
  gtk_widget_class_bind_template_child (widget_class, EyMyRenewalWindow, order_row);
  gtk_widget_class_bind_template_child (widget_class, EyMyRenewalWindow, institution_row);
  gtk_widget_class_bind_template_child (widget_class, EyMyRenewalWindow, shipping_row);
  gtk_widget_class_bind_template_child (widget_class, EyMyRenewalWindow, start_row);
  gtk_widget_class_bind_template_child (widget_class, EyMyRenewalWindow, pin_row);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ey_my_renewal_window_init (EyMyRenewalWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

EyMyRenewalWindow *
ey_my_renewal_window_new (GtkWindow  *parent,
                          EyReminder *reminder)
{
  EyMyRenewalWindow *self;

  g_return_val_if_fail (EY_IS_REMINDER (reminder), NULL);

  self = g_object_new (EY_TYPE_MY_RENEWAL_WINDOW, "transient-for", parent, NULL);
  fill (self, reminder);
  return self;
}
