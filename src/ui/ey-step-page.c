/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-step-page"

#include "config.h"

#include <glib/gi18n.h>

#include "ey-step-page.h"
#include "ey-window-private.h"

typedef struct
{
  char     *title;
  char     *continue_label;
  GtkLabel *error_label;
  char     *error_text;
  gboolean  can_continue;
  gboolean  can_go_back;
} EyStepPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (EyStepPage, ey_step_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_CAN_CONTINUE,
  PROP_CONTINUE_LABEL,
  PROP_CAN_GO_BACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* g_set_str() is GLib 2.76; the build targets 2.74. */
static gboolean
set_str (char       **dest,
         const char  *value)
{
  if (g_strcmp0 (*dest, value) == 0)
    return FALSE;
  g_free (*dest);
  *dest = g_strdup (value);
  return TRUE;
}

const char *
ey_step_page_get_title (EyStepPage *self)
{
  EyStepPagePrivate *priv = ey_step_page_get_instance_private (self);

  g_return_val_if_fail (EY_IS_STEP_PAGE (self), NULL);
  return priv->title;
}

void
ey_step_page_set_title (EyStepPage     *self,
                   const char *title)
{
  EyStepPagePrivate *priv = ey_step_page_get_instance_private (self);

  g_return_if_fail (EY_IS_STEP_PAGE (self));
  if (set_str (&priv->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

gboolean
ey_step_page_get_can_continue (EyStepPage *self)
{
  EyStepPagePrivate *priv = ey_step_page_get_instance_private (self);

  g_return_val_if_fail (EY_IS_STEP_PAGE (self), FALSE);
  return priv->can_continue;
}

void
ey_step_page_set_can_continue (EyStepPage   *self,
                          gboolean  can_continue)
{
  EyStepPagePrivate *priv = ey_step_page_get_instance_private (self);

  g_return_if_fail (EY_IS_STEP_PAGE (self));
  can_continue = !!can_continue;
  if (priv->can_continue == can_continue)
    return;
  priv->can_continue = can_continue;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_CONTINUE]);
}

const char *
ey_step_page_get_continue_label (EyStepPage *self)
{
  EyStepPagePrivate *priv = ey_step_page_get_instance_private (self);

  g_return_val_if_fail (EY_IS_STEP_PAGE (self), NULL);
  return priv->continue_label;
}

void
ey_step_page_set_continue_label (EyStepPage     *self,
                            const char *label)
{
  EyStepPagePrivate *priv = ey_step_page_get_instance_private (self);

  g_return_if_fail (EY_IS_STEP_PAGE (self));
  if (set_str (&priv->continue_label, label))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTINUE_LABEL]);
}

gboolean
ey_step_page_get_can_go_back (EyStepPage *self)
{
  EyStepPagePrivate *priv = ey_step_page_get_instance_private (self);

  g_return_val_if_fail (EY_IS_STEP_PAGE (self), FALSE);
  return priv->can_go_back;
}

void
ey_step_page_set_can_go_back (EyStepPage   *self,
                         gboolean  can_go_back)
{
  EyStepPagePrivate *priv = ey_step_page_get_instance_private (self);

  g_return_if_fail (EY_IS_STEP_PAGE (self));
  can_go_back = !!can_go_back;
  if (priv->can_go_back == can_go_back)
    return;
  priv->can_go_back = can_go_back;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
}

EyWindow *
ey_step_page_get_window (EyStepPage *self)
{
  GtkWidget *root;

  g_return_val_if_fail (EY_IS_STEP_PAGE (self), NULL);
  root = gtk_widget_get_ancestor (GTK_WIDGET (self), EY_TYPE_WINDOW);
  return root ? EY_WINDOW (root) : NULL;
}

EySession *
ey_step_page_get_session (EyStepPage *self)
{
  EyWindow *window = ey_step_page_get_window (self);

  return window ? ey_window_get_session (window) : NULL;
}

GCancellable *
ey_step_page_get_cancellable (EyStepPage *self)
{
  EyWindow *window = ey_step_page_get_window (self);

  return window ? _ey_window_get_cancellable (window) : NULL;
}

void
ey_step_page_sync (EyStepPage *self)
{
  g_return_if_fail (EY_IS_STEP_PAGE (self));
  if (EY_STEP_PAGE_GET_CLASS (self)->sync)
    EY_STEP_PAGE_GET_CLASS (self)->sync (self);
}

void
ey_step_page_next (EyStepPage *self)
{
  g_return_if_fail (EY_IS_STEP_PAGE (self));
  if (ey_step_page_get_can_continue (self) && EY_STEP_PAGE_GET_CLASS (self)->next)
    EY_STEP_PAGE_GET_CLASS (self)->next (self);
}

void
ey_step_page_back (EyStepPage *self)
{
  g_return_if_fail (EY_IS_STEP_PAGE (self));
  if (ey_step_page_get_can_go_back (self) && EY_STEP_PAGE_GET_CLASS (self)->back)
    EY_STEP_PAGE_GET_CLASS (self)->back (self);
}

void
ey_step_page_set_error_label (EyStepPage   *self,
                         GtkLabel *label)
{
  EyStepPagePrivate *priv = ey_step_page_get_instance_private (self);

  g_return_if_fail (EY_IS_STEP_PAGE (self));
  priv->error_label = label;
}

void
ey_step_page_show_message (EyStepPage     *self,
                      const char *message)
{
  EyStepPagePrivate *priv = ey_step_page_get_instance_private (self);
  EyWindow *window;

  g_return_if_fail (EY_IS_STEP_PAGE (self));
  set_str (&priv->error_text, message ? message : "");
  if (priv->error_label)
    {
      gtk_label_set_text (priv->error_label, priv->error_text);
      gtk_widget_set_visible (GTK_WIDGET (priv->error_label), message && *message);
      return;
    }
  window = ey_step_page_get_window (self);
  if (window && message && *message)
    ey_window_add_toast (window, message);
}

void
ey_step_page_show_error (EyStepPage       *self,
                    const GError *error)
{
  g_return_if_fail (EY_IS_STEP_PAGE (self));

  if (error == NULL)
    {
      ey_step_page_clear_error (self);
      return;
    }
  /* A cancelled action is the user's own doing (window closed, new renewal). */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_CANCELLED))
    return;
  ey_step_page_show_message (self, error->message);
}

void
ey_step_page_clear_error (EyStepPage *self)
{
  ey_step_page_show_message (self, NULL);
}

const char *
ey_step_page_get_error_text (EyStepPage *self)
{
  EyStepPagePrivate *priv = ey_step_page_get_instance_private (self);

  g_return_val_if_fail (EY_IS_STEP_PAGE (self), NULL);
  return priv->error_text ? priv->error_text : "";
}

static void
ey_step_page_finalize (GObject *object)
{
  EyStepPage *self = EY_STEP_PAGE (object);
  EyStepPagePrivate *priv = ey_step_page_get_instance_private (self);

  g_free (priv->title);
  g_free (priv->continue_label);
  g_free (priv->error_text);
  G_OBJECT_CLASS (ey_step_page_parent_class)->finalize (object);
}

static void
ey_step_page_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  EyStepPage *self = EY_STEP_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, ey_step_page_get_title (self));
      break;
    case PROP_CAN_CONTINUE:
      g_value_set_boolean (value, ey_step_page_get_can_continue (self));
      break;
    case PROP_CONTINUE_LABEL:
      g_value_set_string (value, ey_step_page_get_continue_label (self));
      break;
    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, ey_step_page_get_can_go_back (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ey_step_page_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  EyStepPage *self = EY_STEP_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      ey_step_page_set_title (self, g_value_get_string (value));
      break;
    case PROP_CAN_CONTINUE:
      ey_step_page_set_can_continue (self, g_value_get_boolean (value));
      break;
    case PROP_CONTINUE_LABEL:
      ey_step_page_set_continue_label (self, g_value_get_string (value));
      break;
    case PROP_CAN_GO_BACK:
      ey_step_page_set_can_go_back (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ey_step_page_class_init (EyStepPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ey_step_page_finalize;
  object_class->get_property = ey_step_page_get_property;
  object_class->set_property = ey_step_page_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_CONTINUE] =
    g_param_spec_boolean ("can-continue", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTINUE_LABEL] =
    g_param_spec_string ("continue-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_GO_BACK] =
    g_param_spec_boolean ("can-go-back", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ey_step_page_init (EyStepPage *self)
{
  EyStepPagePrivate *priv = ey_step_page_get_instance_private (self);

  priv->continue_label = g_strdup (_("_Continue"));
}
