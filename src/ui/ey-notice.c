/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-notice"

#include "config.h"

#include "ey-notice.h"

struct _EyNotice
{
  GtkWidget       parent_instance;

  GtkRevealer    *revealer;
  GtkLabel       *label;
  GtkButton      *button;

  guint           timeout;
  EyNoticeFunc    on_button;
  gpointer        data;
  GDestroyNotify  destroy;
};

G_DEFINE_FINAL_TYPE (EyNotice, ey_notice, GTK_TYPE_WIDGET)

static void
ey_notice_drop_action (EyNotice *self)
{
  GDestroyNotify destroy = self->destroy;
  gpointer data = self->data;

  self->on_button = NULL;
  self->data = NULL;
  self->destroy = NULL;
  if (destroy)
    destroy (data);
}

static gboolean
timeout_cb (gpointer user_data)
{
  EyNotice *self = user_data;

  self->timeout = 0;
  ey_notice_dismiss (self);
  return G_SOURCE_REMOVE;
}

void
ey_notice_dismiss (EyNotice *self)
{
  g_return_if_fail (EY_IS_NOTICE (self));

  g_clear_handle_id (&self->timeout, g_source_remove);
  ey_notice_drop_action (self);
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
}

static void
on_button_clicked_cb (EyNotice *self)
{
  EyNoticeFunc on_button = self->on_button;
  gpointer data = self->data;
  GDestroyNotify destroy = g_steal_pointer (&self->destroy);

  /* Once: the notice goes (keeping the data), then the action runs with it */
  ey_notice_dismiss (self);
  if (on_button)
    on_button (data);
  if (destroy)
    destroy (data);
}

static void
on_child_revealed_cb (EyNotice *self)
{
  /* Hidden: the text no longer counts as shown */
  if (!gtk_revealer_get_child_revealed (self->revealer) &&
      !gtk_revealer_get_reveal_child (self->revealer))
    gtk_label_set_text (self->label, "");
}

void
ey_notice_show (EyNotice       *self,
                const char     *text,
                guint           timeout_s,
                const char     *button_label,
                EyNoticeFunc    on_button,
                gpointer        data,
                GDestroyNotify  destroy)
{
  g_return_if_fail (EY_IS_NOTICE (self));
  g_return_if_fail (text != NULL);

  g_clear_handle_id (&self->timeout, g_source_remove);
  ey_notice_drop_action (self);
  self->on_button = on_button;
  self->data = data;
  self->destroy = destroy;
  /* Plain text: messages may carry the site's or the mail's words */
  gtk_label_set_text (self->label, text);
  gtk_button_set_label (self->button, button_label ? button_label : "");
  gtk_widget_set_visible (GTK_WIDGET (self->button), button_label != NULL);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
  if (timeout_s > 0)
    self->timeout = g_timeout_add_seconds (timeout_s, timeout_cb, self);
}

const char *
ey_notice_get_text (EyNotice *self)
{
  g_return_val_if_fail (EY_IS_NOTICE (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->revealer))
    return NULL;
  return gtk_label_get_text (self->label);
}

GtkWidget *
ey_notice_new (void)
{
  return g_object_new (EY_TYPE_NOTICE, NULL);
}

static void
ey_notice_dispose (GObject *object)
{
  EyNotice *self = EY_NOTICE (object);

  g_clear_handle_id (&self->timeout, g_source_remove);
  ey_notice_drop_action (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), EY_TYPE_NOTICE);
  G_OBJECT_CLASS (ey_notice_parent_class)->dispose (object);
}

static void
ey_notice_class_init (EyNoticeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ey_notice_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eimzayenile/EimzaYenile/ey-notice.ui");
  gtk_widget_class_bind_template_child (widget_class, EyNotice, revealer);
  gtk_widget_class_bind_template_child (widget_class, EyNotice, label);
  gtk_widget_class_bind_template_child (widget_class, EyNotice, button);
  gtk_widget_class_bind_template_callback (widget_class, on_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_child_revealed_cb);
  gtk_widget_class_bind_template_callback (widget_class, ey_notice_dismiss);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
ey_notice_init (EyNotice *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
