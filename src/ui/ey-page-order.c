/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-page-order"

#include "config.h"

#include <glib/gi18n.h>

#include "ey-page-order.h"
#include "ey-frame-wait.h"
#include "ey-window-private.h"
#include "ey-ui-closures.h"

struct _EyPageOrder
{
  EyStepPage  parent_instance;

  GtkLabel   *heading;
  GtkLabel   *intro;
  GtkListBox *order_list;
  GtkWidget  *no_order_box;
  GtkLabel   *error_label;

  GPtrArray  *checks;   /* GtkCheckButton, with "order-id" data */
  gboolean    auto_chosen;
  gboolean    busy_watched;
  EyFrameWait    painted;   /* waiting for the page's first frame */
  gboolean    has_orders;
};

G_DEFINE_FINAL_TYPE (EyPageOrder, ey_page_order, EY_TYPE_STEP_PAGE)

enum {
  PROP_0,
  PROP_HAS_ORDERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
ey_page_order_has_orders (EyPageOrder *self)
{
  EySession *session = ey_step_page_get_session (EY_STEP_PAGE (self));

  return session && ey_session_get_step (session) != EY_SESSION_STEP_NO_ORDER &&
         ey_session_get_orders (session) && ey_session_get_orders (session)->len > 0;
}

static void ey_page_order_next (EyStepPage *page);
static void ey_page_order_auto_choose (EyPageOrder *self);
static void ey_page_order_next_after_paint (EyPageOrder *self);

static void
ey_page_order_sync (EyStepPage *page)
{
  EyPageOrder *self = EY_PAGE_ORDER (page);
  EySession *session = ey_step_page_get_session (page);
  GPtrArray *orders = session ? ey_session_get_orders (session) : NULL;
  GtkCheckButton *group = NULL;
  GtkCheckButton *preselect = NULL;
  GtkWidget *child;
  gboolean has_orders = ey_page_order_has_orders (self);

  ey_step_page_set_error_label (page, self->error_label);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->order_list))))
    gtk_list_box_remove (self->order_list, child);
  g_ptr_array_set_size (self->checks, 0);

  for (guint i = 0; has_orders && i < orders->len; i++)
    {
      EySessionOrder *order = g_ptr_array_index (orders, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", order->institution ? order->institution : "",
                                                   order->date ? order->date : "");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     order->renewal ? _("Renewal") : _("New application"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      if (group)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      else
        group = GTK_CHECK_BUTTON (check);
      g_object_set_data_full (G_OBJECT (check), "order-id", g_strdup (order->id), g_free);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), -1);
      ey_step_page_enter_continues (check);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (self->order_list, row);
      g_ptr_array_add (self->checks, check);
      if (order->renewal && preselect == NULL)
        preselect = GTK_CHECK_BUTTON (check);
    }
  if (preselect == NULL && self->checks->len > 0)
    preselect = g_ptr_array_index (self->checks, 0);
  if (preselect)
    gtk_check_button_set_active (preselect, TRUE);

  if (self->has_orders != has_orders)
    {
      self->has_orders = has_orders;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_ORDERS]);
    }
  ey_step_page_set_can_continue (page, TRUE);
  ey_step_page_set_continue_label (page, has_orders ? _("_Open the Form") : _("_Start Again"));

  ey_page_order_auto_choose (self);
}

/* One open order is the only sensible answer: it is opened at once, and the page says
 * which one while the form loads.  Once the sign-in that led here is over. */
static void
ey_page_order_auto_choose (EyPageOrder *self)
{
  EyStepPage *page = EY_STEP_PAGE (self);
  EySession *session = ey_step_page_get_session (page);
  GPtrArray *orders = session ? ey_session_get_orders (session) : NULL;

  if (session && !self->busy_watched)
    {
      self->busy_watched = TRUE;
      g_signal_connect_object (session, "notify::busy", G_CALLBACK (ey_page_order_auto_choose),
                               self, G_CONNECT_SWAPPED);
    }
  if (ey_window_get_visible_page (ey_step_page_get_window (page)) != page)
    return;
  if (ey_page_order_has_orders (self) && orders->len == 1 && !ey_session_get_busy (session) &&
      !self->auto_chosen)
    {
      EySessionOrder *order = g_ptr_array_index (orders, 0);
      g_autofree char *text =
        g_strdup_printf (_("Your only open order is opened: %s, %s."),
                         order->renewal ? _("Renewal") : _("New application"),
                         order->institution ? order->institution : "");

      self->auto_chosen = TRUE;
      gtk_label_set_text (self->intro, text);
      ey_page_order_next_after_paint (self);
    }
}

static void
painted_cb (EyPageOrder *self)
{
  EyStepPage *page = EY_STEP_PAGE (self);
  EySession *session = ey_step_page_get_session (page);
  EyWindow *window = ey_step_page_get_window (page);

  if (window == NULL || ey_window_get_visible_page (window) != page)
    {
      ey_frame_wait_stop (&self->painted);
      return;
    }
  /* The window puts a page on screen one frame after filling it in: only a frame drawn
   * with this page on screen counts. */
  if (gtk_widget_get_mapped (GTK_WIDGET (window)) &&
      (!gtk_widget_get_mapped (GTK_WIDGET (self)) || !ey_frame_wait_is_over (&self->painted)))
    {
      ey_frame_wait_again (&self->painted);
      return;
    }
  ey_frame_wait_stop (&self->painted);
  if (session && !ey_session_get_busy (session))
    ey_page_order_next (page);
}

/* The order is opened once this page has been drawn, not in the same main-loop turn
 * that showed it: over a fast connection the form came back before the page's first
 * frame, and the two page changes landed in one stall (23 ms against 14 ms each, in
 * ui-page-change); the person also gets to see which order was opened.  Without a frame
 * clock (a window not shown yet) it goes on at once. */
static void
ey_page_order_next_after_paint (EyPageOrder *self)
{
  EyWindow *window = ey_step_page_get_window (EY_STEP_PAGE (self));
  GdkFrameClock *clock = window ? gtk_widget_get_frame_clock (GTK_WIDGET (window)) : NULL;

  ey_frame_wait_stop (&self->painted);
  if (clock == NULL)
    {
      ey_page_order_next (EY_STEP_PAGE (self));
      return;
    }
  ey_frame_wait_start (&self->painted, clock, G_CALLBACK (painted_cb), self);
}

static void
choose_order_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(EyPageOrder) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ey_session_choose_order_finish (EY_SESSION (object), result, &error))
    ey_step_page_show_error (EY_STEP_PAGE (self), error);
}

static void
ey_page_order_next (EyStepPage *page)
{
  EyPageOrder *self = EY_PAGE_ORDER (page);
  EySession *session = ey_step_page_get_session (page);

  if (!ey_page_order_has_orders (self))
    {
      ey_window_restart (ey_step_page_get_window (page));
      return;
    }
  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);

      if (gtk_check_button_get_active (check))
        {
          ey_step_page_clear_error (page);
          ey_session_choose_order_async (session, g_object_get_data (G_OBJECT (check), "order-id"),
                                         ey_step_page_get_cancellable (page),
                                         choose_order_cb, g_object_ref (self));
          return;
        }
    }
  ey_step_page_show_message (page, _("Choose one of the orders."));
}

static void
ey_page_order_dispose (GObject *object)
{
  EyPageOrder *self = EY_PAGE_ORDER (object);

  ey_frame_wait_stop (&self->painted);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), EY_TYPE_PAGE_ORDER);
  G_OBJECT_CLASS (ey_page_order_parent_class)->dispose (object);
}

static void
ey_page_order_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  EyPageOrder *self = EY_PAGE_ORDER (object);

  switch (prop_id)
    {
    case PROP_HAS_ORDERS:
      g_value_set_boolean (value, self->has_orders);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ey_page_order_class_init (EyPageOrderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  EyStepPageClass *page_class = EY_STEP_PAGE_CLASS (klass);

  object_class->dispose = ey_page_order_dispose;
  object_class->get_property = ey_page_order_get_property;
  page_class->sync = ey_page_order_sync;
  page_class->next = ey_page_order_next;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eimzayenile/EimzaYenile/ey-page-order.ui");
  gtk_widget_class_bind_template_child (widget_class, EyPageOrder, heading);
  gtk_widget_class_bind_template_child (widget_class, EyPageOrder, intro);
  gtk_widget_class_bind_template_child (widget_class, EyPageOrder, order_list);
  gtk_widget_class_bind_template_child (widget_class, EyPageOrder, no_order_box);
  gtk_widget_class_bind_template_child (widget_class, EyPageOrder, error_label);
  ey_ui_closures_bind (widget_class);

  /* The site lists at least one order (else: "no open order" and Start Again). */
  properties[PROP_HAS_ORDERS] =
    g_param_spec_boolean ("has-orders", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ey_page_order_init (EyPageOrder *self)
{
  self->checks = g_ptr_array_new ();
  self->has_orders = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}
