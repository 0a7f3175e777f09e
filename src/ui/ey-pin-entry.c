/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-pin-entry"

#include "config.h"

#include <glib/gi18n.h>

#include "ey-pin-entry.h"
#include "ey-ui-secret.h"
#include "ey-ui-closures.h"

/* The PIN lives in a GtkPasswordEntryBuffer (non-pageable memory, wiped when freed) and is
 * never echoed; only digits go in, since card PINs are digits. */
struct _EyPinEntry
{
  GtkWidget  parent_instance;

  GtkEntry  *entry;
  GtkLabel  *tries_label;
  GtkLabel  *error_label;
  GtkLabel  *pinpad_label;

  int        tries_left;
  gboolean   pinpad;
};

G_DEFINE_FINAL_TYPE (EyPinEntry, ey_pin_entry, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TRIES_LEFT,
  PROP_PINPAD,
  PROP_HAS_PIN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_insert_text_cb (GtkEditable *editable,
                   const char  *text,
                   int          length,
                   int         *position,
                   gpointer     user_data)
{
  if (length < 0)
    length = strlen (text);
  for (int i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      {
        /* Refuse the whole insertion: a PIN with a letter in it is a typing slip. */
        g_signal_stop_emission_by_name (editable, "insert-text");
        gtk_widget_error_bell (GTK_WIDGET (user_data));
        return;
      }
}

static void
on_changed_cb (EyPinEntry *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_PIN]);
}

static gboolean
tries_known_cb (EyPinEntry *self,
                int         tries_left)
{
  return tries_left >= 0;
}

static void
ey_pin_entry_update_tries (EyPinEntry *self)
{
  g_autofree char *text = NULL;

  if (self->tries_left < 0)
    return;
  if (self->tries_left == 1)
    text = g_strdup (_("Last try: one more wrong PIN locks the card. If unsure, stop and "
                       "unlock the PIN with your security word first."));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d try left before the card locks.",
                                         "%d tries left before the card locks.",
                                         self->tries_left), self->tries_left);
  gtk_label_set_text (self->tries_label, text);
  if (self->tries_left == 1)
    gtk_widget_add_css_class (GTK_WIDGET (self->tries_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->tries_label), "warning");
}

GtkWidget *
ey_pin_entry_new (void)
{
  return g_object_new (EY_TYPE_PIN_ENTRY, NULL);
}

const char *
ey_pin_entry_get_pin (EyPinEntry *self)
{
  g_return_val_if_fail (EY_IS_PIN_ENTRY (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

void
ey_pin_entry_clear (EyPinEntry *self)
{
  g_return_if_fail (EY_IS_PIN_ENTRY (self));

  ey_ui_secret_wipe (GTK_WIDGET (self->entry));
}

void
ey_pin_entry_set_tries_left (EyPinEntry *self,
                             int         tries_left)
{
  g_return_if_fail (EY_IS_PIN_ENTRY (self));

  if (self->tries_left == tries_left)
    return;
  self->tries_left = tries_left;
  ey_pin_entry_update_tries (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRIES_LEFT]);
}

int
ey_pin_entry_get_tries_left (EyPinEntry *self)
{
  g_return_val_if_fail (EY_IS_PIN_ENTRY (self), -1);

  return self->tries_left;
}

void
ey_pin_entry_set_pinpad (EyPinEntry *self,
                         gboolean    pinpad)
{
  g_return_if_fail (EY_IS_PIN_ENTRY (self));

  pinpad = !!pinpad;
  if (self->pinpad == pinpad)
    return;
  self->pinpad = pinpad;
  /* A PIN-pad reader takes the PIN on its own keys: the template hides the entry. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PINPAD]);
}

gboolean
ey_pin_entry_get_pinpad (EyPinEntry *self)
{
  g_return_val_if_fail (EY_IS_PIN_ENTRY (self), FALSE);

  return self->pinpad;
}

void
ey_pin_entry_set_error (EyPinEntry *self,
                        const char *message)
{
  g_return_if_fail (EY_IS_PIN_ENTRY (self));

  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message)
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
}

GtkEntry *
ey_pin_entry_get_entry (EyPinEntry *self)
{
  g_return_val_if_fail (EY_IS_PIN_ENTRY (self), NULL);

  return self->entry;
}

static gboolean
ey_pin_entry_grab_focus (GtkWidget *widget)
{
  EyPinEntry *self = EY_PIN_ENTRY (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
ey_pin_entry_dispose (GObject *object)
{
  EyPinEntry *self = EY_PIN_ENTRY (object);

  if (self->entry)
    ey_pin_entry_clear (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), EY_TYPE_PIN_ENTRY);
  /* Children the template does not name are ours to unparent too. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self)));)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (ey_pin_entry_parent_class)->dispose (object);
}

static void
ey_pin_entry_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  EyPinEntry *self = EY_PIN_ENTRY (object);

  switch (prop_id)
    {
    case PROP_TRIES_LEFT:
      g_value_set_int (value, self->tries_left);
      break;
    case PROP_PINPAD:
      g_value_set_boolean (value, self->pinpad);
      break;
    case PROP_HAS_PIN:
      g_value_set_boolean (value, gtk_entry_get_text_length (self->entry) >= 4);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ey_pin_entry_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  EyPinEntry *self = EY_PIN_ENTRY (object);

  switch (prop_id)
    {
    case PROP_TRIES_LEFT:
      ey_pin_entry_set_tries_left (self, g_value_get_int (value));
      break;
    case PROP_PINPAD:
      ey_pin_entry_set_pinpad (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ey_pin_entry_class_init (EyPinEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ey_pin_entry_dispose;
  object_class->get_property = ey_pin_entry_get_property;
  object_class->set_property = ey_pin_entry_set_property;
  widget_class->grab_focus = ey_pin_entry_grab_focus;

  properties[PROP_TRIES_LEFT] =
    g_param_spec_int ("tries-left", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PINPAD] =
    g_param_spec_boolean ("pinpad", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_PIN] =
    g_param_spec_boolean ("has-pin", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eimzayenile/EimzaYenile/ey-pin-entry.ui");
  gtk_widget_class_bind_template_child (widget_class, EyPinEntry, entry);
  gtk_widget_class_bind_template_child (widget_class, EyPinEntry, tries_label);
  gtk_widget_class_bind_template_child (widget_class, EyPinEntry, error_label);
  gtk_widget_class_bind_template_child (widget_class, EyPinEntry, pinpad_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  ey_ui_closures_bind (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, tries_known_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
ey_pin_entry_init (EyPinEntry *self)
{
  g_autoptr(GtkEntryBuffer) buffer = gtk_password_entry_buffer_new ();

  self->tries_left = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 6);
  gtk_entry_set_buffer (self->entry, buffer);
  g_signal_connect (gtk_editable_get_delegate (GTK_EDITABLE (self->entry)), "insert-text",
                    G_CALLBACK (on_insert_text_cb), self);
}
