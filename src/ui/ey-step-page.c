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
  /* The error banner at the top of every page, above the page's scrolled view, so in view
   * whatever the scroll position; announced as an alert.  Pages' own error labels stay
   * hidden. */
  GtkRevealer *banner;
  GtkWidget   *banner_box;
  GtkLabel    *banner_label;
  GtkWidget   *error_focus;
  gulong       scroll_source;
  /* After an error changed: the page keeps the focused field in view while
   * its layout settles (a field's message appears, tries left are read), until the
   * focus moves. */
  GtkWidget   *follow_focus;
  GdkFrameClock *scroll_clock;
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
  /* The banner says it now; the page's own label below the fields would say it twice,
   * out of view. */
  priv->error_label = label;
  if (label)
    gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
}

void
ey_step_page_set_error_focus (EyStepPage *self,
                              GtkWidget  *widget)
{
  EyStepPagePrivate *priv = ey_step_page_get_instance_private (self);

  g_return_if_fail (EY_IS_STEP_PAGE (self));
  priv->error_focus = widget;
}

GtkWidget *
ey_step_page_get_error_banner (EyStepPage *self)
{
  EyStepPagePrivate *priv = ey_step_page_get_instance_private (self);

  g_return_val_if_fail (EY_IS_STEP_PAGE (self), NULL);
  return GTK_WIDGET (priv->banner);
}

/* Bring the part of the page that holds the focus into view: a field's own error
 * (shown beside it, not in the banner) is then seen too.  The part is the top-level
 * section of the page's content around the focus, when it fits. */
static void
scroll_to_focus (EyStepPage *self)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *section;
  GtkWidget *content;
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double height;

  if (scrolled == NULL || focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return;
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  height = gtk_adjustment_get_page_size (adjustment);

  /* The largest part around the focus that still fits, up to the page's section: the
   * field with its own message below it. */
  section = focus;
  for (GtkWidget *w = focus; w && w != GTK_WIDGET (self); w = gtk_widget_get_parent (w))
    {
      GtkWidget *parent = gtk_widget_get_parent (w);

      if (!gtk_widget_compute_bounds (w, content, &bounds) || bounds.size.height > height)
        break;
      section = w;
      if (parent && gtk_widget_get_parent (parent) == adw_bin_get_child (ADW_BIN (self)))
        break;
    }
  /* The viewport's coordinates are those of what is visible now. */
  if (gtk_widget_compute_bounds (section, content, &bounds))
    {
      double top = gtk_adjustment_get_value (adjustment) + bounds.origin.y;

      gtk_adjustment_clamp_page (adjustment, top, top + MIN (bounds.size.height, height));
    }
}

static void
scroll_after_paint_cb (GdkFrameClock *clock,
                       EyStepPage    *self)
{
  EyStepPagePrivate *priv = ey_step_page_get_instance_private (self);

  g_clear_signal_handler (&priv->scroll_source, clock);
  g_clear_object (&priv->scroll_clock);
  scroll_to_focus (self);
}

/* After the next layout (the error shown beside a field changes the heights). */
static void
queue_scroll (EyStepPage *self)
{
  EyStepPagePrivate *priv = ey_step_page_get_instance_private (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GdkFrameClock *clock;

  priv->follow_focus = root ? gtk_root_get_focus (root) : NULL;

  if (priv->scroll_source != 0 || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock == NULL)
    return;
  priv->scroll_clock = g_object_ref (clock);
  priv->scroll_source = g_signal_connect (clock, "after-paint",
                                          G_CALLBACK (scroll_after_paint_cb), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
ey_step_page_reveal_banner (EyStepPage *self)
{
  EyStepPagePrivate *priv = ey_step_page_get_instance_private (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_label_set_text (priv->banner_label, priv->error_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (priv->banner_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, priv->error_text,
                                  -1);
  /* Shown anew, so that screen readers announce the alert again for a new message. */
  gtk_revealer_set_reveal_child (priv->banner, FALSE);
  gtk_revealer_set_reveal_child (priv->banner, TRUE);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  /* What must be corrected gets the focus.  Without such a field (no network: Enter on
   * Continue tries again) the focus stays where the person left it. */
  if (priv->error_focus && gtk_widget_get_visible (priv->error_focus) &&
      gtk_widget_get_sensitive (priv->error_focus))
    gtk_widget_grab_focus (priv->error_focus);
  else if (root && gtk_root_get_focus (root) == NULL)
    gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
  queue_scroll (self);
}

void
ey_step_page_show_message (EyStepPage     *self,
                      const char *message)
{
  EyStepPagePrivate *priv = ey_step_page_get_instance_private (self);

  g_return_if_fail (EY_IS_STEP_PAGE (self));
  set_str (&priv->error_text, message ? message : "");
  if (priv->error_label)
    {
      gtk_label_set_text (priv->error_label, priv->error_text);
      gtk_widget_set_visible (GTK_WIDGET (priv->error_label), FALSE);
    }
  if (message && *message)
    ey_step_page_reveal_banner (self);
  else
    {
      gtk_revealer_set_reveal_child (priv->banner, FALSE);
      queue_scroll (self);
    }
  priv->error_focus = NULL;
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

static gboolean
is_empty_field (GtkWidget *widget)
{
  if (!gtk_widget_is_visible (widget) || !gtk_widget_is_sensitive (widget) ||
      !gtk_widget_get_focusable (widget))
    return FALSE;
  if (GTK_IS_TEXT (widget))
    return gtk_editable_get_editable (GTK_EDITABLE (widget)) &&
           *gtk_editable_get_text (GTK_EDITABLE (widget)) == '\0';
  if (GTK_IS_TEXT_VIEW (widget))
    return gtk_text_view_get_editable (GTK_TEXT_VIEW (widget)) &&
           gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget))) == 0;
  /* A consent not given yet is what the page waits for (ey_step_page_enter_accepts()). */
  if (GTK_IS_CHECK_BUTTON (widget) && gtk_widget_has_css_class (widget, "consent-check"))
    return !gtk_check_button_get_active (GTK_CHECK_BUTTON (widget));
  return FALSE;
}

static GtkWidget *
find_empty_field (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_visible (child) || !gtk_widget_get_child_visible (child))
        continue;
      if (is_empty_field (child))
        return child;
      if ((found = find_empty_field (child)))
        return found;
    }
  return NULL;
}

/**
 * ey_step_page_focus_first:
 *
 * Moves the focus to the first thing to type: the first empty field of the page
 * (prefilled ones are skipped, so typing never overwrites them).
 *
 * Returns: whether the page had such a field
 */
gboolean
ey_step_page_focus_first (EyStepPage *self)
{
  GtkWidget *field;

  g_return_val_if_fail (EY_IS_STEP_PAGE (self), FALSE);
  field = find_empty_field (GTK_WIDGET (self));
  if (field == NULL)
    return FALSE;
  return gtk_widget_grab_focus (field);
}

/* The focus to the window's Continue button (its default widget), when it can act. */
void
ey_step_page_focus_continue (EyStepPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *button = GTK_IS_WINDOW (root) ? gtk_window_get_default_widget (GTK_WINDOW (root)) : NULL;

  if (button && gtk_widget_get_visible (button) && ey_step_page_get_can_continue (self))
    gtk_widget_grab_focus (button);
}

/**
 * ey_step_page_enter_continues:
 * @widget: a check or radio button of the page
 *
 * Enter on @widget does the page's main action (the window's default) instead of
 * toggling it: Space ticks, Enter goes on, and Space then Enter never ticks and unticks.
 */
void
ey_step_page_enter_continues (GtkWidget *widget)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  const guint keys[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter };

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i], 0),
                                                            gtk_named_action_new ("default.activate")));
  gtk_widget_add_controller (widget, controller);
}

static gboolean
accept_and_continue_cb (GtkWidget *widget,
                        GVariant  *args,
                        gpointer   user_data)
{
  gtk_check_button_set_active (GTK_CHECK_BUTTON (widget), TRUE);
  return gtk_widget_activate_action (widget, "default.activate", NULL);
}

/**
 * ey_step_page_enter_accepts:
 * @check: the page's "I accept" check button
 *
 * Enter on @check ticks it (never unticks) and does the page's main action: consent and
 * Continue in one key, as the box's label says.  Space still only toggles.  The box gets
 * the focus first while it is not ticked.
 */
void
ey_step_page_enter_accepts (GtkWidget *check)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  const guint keys[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter };

  g_return_if_fail (GTK_IS_CHECK_BUTTON (check));
  gtk_widget_add_css_class (check, "consent-check");
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i], 0),
                                                            gtk_callback_action_new (accept_and_continue_cb,
                                                                                     NULL, NULL)));
  gtk_widget_add_controller (check, controller);
}

/* The subclass's template has set the page's content by now: put the banner above it. */
static void
ey_step_page_constructed (GObject *object)
{
  EyStepPage *self = EY_STEP_PAGE (object);
  EyStepPagePrivate *priv = ey_step_page_get_instance_private (self);
  GtkWidget *content;
  GtkWidget *box;
  GtkWidget *icon;
  GtkWidget *scrolled;
  GtkWidget *clamp;
  GtkWidget *banner_clamp;

  G_OBJECT_CLASS (ey_step_page_parent_class)->constructed (object);

  priv->banner_box = g_object_new (GTK_TYPE_BOX,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT,
                                   "orientation", GTK_ORIENTATION_HORIZONTAL,
                                   "spacing", 12,
                                   NULL);
  gtk_widget_add_css_class (priv->banner_box, "error-banner");
  icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Error"), -1);
  gtk_box_append (GTK_BOX (priv->banner_box), icon);
  priv->banner_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (priv->banner_label, TRUE);
  gtk_label_set_wrap_mode (priv->banner_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (priv->banner_label, 0);
  gtk_label_set_selectable (priv->banner_label, FALSE);
  gtk_widget_set_hexpand (GTK_WIDGET (priv->banner_label), TRUE);
  gtk_box_append (GTK_BOX (priv->banner_box), GTK_WIDGET (priv->banner_label));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (priv->banner_box),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, priv->banner_label, NULL,
                                  -1);

  priv->banner = GTK_REVEALER (gtk_revealer_new ());
  gtk_widget_set_name (GTK_WIDGET (priv->banner), "error_banner");
  gtk_revealer_set_transition_type (priv->banner, GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_revealer_set_child (priv->banner, priv->banner_box);

  /* The banner stays above the page's own scrolled view: moving the focus to a field far
   * down (the PIN below the text to sign at 360 px) scrolls the view, never the banner
   * out of it. */
  scrolled = g_object_new (GTK_TYPE_SCROLLED_WINDOW,
                           "hscrollbar-policy", GTK_POLICY_NEVER,
                           "vexpand", TRUE,
                           NULL);
  clamp = g_object_new (ADW_TYPE_CLAMP,
                        "maximum-size", 680,
                        "tightening-threshold", 480,
                        "margin-start", 12,
                        "margin-end", 12,
                        "margin-top", 18,
                        "margin-bottom", 18,
                        NULL);
  content = adw_bin_get_child (ADW_BIN (self));
  if (content)
    {
      g_object_ref (content);
      adw_bin_set_child (ADW_BIN (self), NULL);
      adw_clamp_set_child (ADW_CLAMP (clamp), content);
      g_object_unref (content);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);

  banner_clamp = g_object_new (ADW_TYPE_CLAMP,
                               "maximum-size", 680,
                               "tightening-threshold", 480,
                               "margin-start", 12,
                               "margin-end", 12,
                               "child", priv->banner,
                               NULL);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), banner_clamp);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_bin_set_child (ADW_BIN (self), box);
}

static void
ey_step_page_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  EyStepPage *self = EY_STEP_PAGE (widget);
  EyStepPagePrivate *priv = ey_step_page_get_instance_private (self);
  GtkRoot *root = gtk_widget_get_root (widget);

  GTK_WIDGET_CLASS (ey_step_page_parent_class)->size_allocate (widget, width, height, baseline);
  if (priv->follow_focus == NULL)
    return;
  if (root == NULL || gtk_root_get_focus (root) != priv->follow_focus)
    {
      priv->follow_focus = NULL;
      return;
    }
  if (priv->scroll_source == 0)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

      if (clock)
        {
          priv->scroll_clock = g_object_ref (clock);
          priv->scroll_source = g_signal_connect (clock, "after-paint",
                                                  G_CALLBACK (scroll_after_paint_cb), self);
        }
    }
}

static void
ey_step_page_dispose (GObject *object)
{
  EyStepPage *self = EY_STEP_PAGE (object);
  EyStepPagePrivate *priv = ey_step_page_get_instance_private (self);

  /* The window's surface may have gone first, taking its clock's handlers along. */
  if (priv->scroll_source && g_signal_handler_is_connected (priv->scroll_clock, priv->scroll_source))
    g_signal_handler_disconnect (priv->scroll_clock, priv->scroll_source);
  priv->scroll_source = 0;
  g_clear_object (&priv->scroll_clock);
  G_OBJECT_CLASS (ey_step_page_parent_class)->dispose (object);
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

  object_class->constructed = ey_step_page_constructed;
  object_class->dispose = ey_step_page_dispose;
  GTK_WIDGET_CLASS (klass)->size_allocate = ey_step_page_size_allocate;
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
