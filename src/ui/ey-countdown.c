/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-countdown"

#include "config.h"

#include <glib/gi18n.h>

#include "ey-countdown.h"

/* A deadline on the monotonic clock shown as minutes:seconds and a bar.  The deadline is
 * absolute, so a busy main loop or a suspended laptop cannot stretch the time shown. */
struct _EyCountdown
{
  GtkWidget    parent_instance;

  GtkLabel    *label;
  GtkLevelBar *bar;
  GtkLabel    *hint;

  char        *expired_text;
  gint64       deadline_us;
  int          total_seconds;
  int          seconds_left;
  int          announced;
  guint        tick_id;
};

G_DEFINE_FINAL_TYPE (EyCountdown, ey_countdown, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SECONDS_LEFT,
  PROP_EXPIRED,
  N_PROPS
};

enum {
  EXPIRED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Screen readers hear the time only when it crosses one of these, not every second. */
static const int thresholds[] = { 120, 60, 30, 10, 0 };

static void
ey_countdown_announce (EyCountdown *self,
                       int          left)
{
  g_autofree char *text = NULL;

  if (left > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d second left", "%d seconds left",
                                         left), left);
  else
    text = g_strdup (self->expired_text ? self->expired_text : _("Time is up"));

  /* GTK 4.8 has no announcements: the timer role's value text is what screen readers
   * read; newer GTK also speaks it at once. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, (double) left,
                                  -1);
#if GTK_CHECK_VERSION (4, 14, 0)
  gtk_accessible_announce (GTK_ACCESSIBLE (self), text,
                           left > 0 ? GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_MEDIUM
                                    : GTK_ACCESSIBLE_ANNOUNCEMENT_PRIORITY_HIGH);
#endif
}

static void
ey_countdown_update (EyCountdown *self)
{
  gint64 now = g_get_monotonic_time ();
  int left = 0;
  g_autofree char *text = NULL;

  if (self->deadline_us > now)
    left = (int) ((self->deadline_us - now + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);

  if (left > 0)
    text = g_strdup_printf ("%d:%02d", left / 60, left % 60);
  else
    text = g_strdup ("0:00");
  gtk_label_set_text (self->label, text);
  gtk_level_bar_set_value (self->bar, self->total_seconds > 0
                           ? MIN (1.0, (double) left / self->total_seconds) : 0.0);

  if (left <= 30)
    gtk_widget_add_css_class (GTK_WIDGET (self), "ending");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "ending");


  for (guint i = 0; i < G_N_ELEMENTS (thresholds); i++)
    if (left <= thresholds[i] && self->announced > thresholds[i])
      {
        self->announced = thresholds[i];
        ey_countdown_announce (self, left);
      }

  if (left != self->seconds_left)
    {
      gboolean was_expired = self->seconds_left == 0;

      self->seconds_left = left;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECONDS_LEFT]);
      if (left == 0 && !was_expired)
        {
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPIRED]);
          g_signal_emit (self, signals[EXPIRED], 0);
        }
    }
}

static gboolean
ey_countdown_tick_cb (gpointer user_data)
{
  EyCountdown *self = user_data;

  ey_countdown_update (self);
  if (self->seconds_left == 0)
    {
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/**
 * ey_countdown_start:
 * @deadline_us: the end, on the g_get_monotonic_time() clock
 * @total_seconds: the full length, for the bar
 */
void
ey_countdown_start (EyCountdown *self,
                    gint64       deadline_us,
                    int          total_seconds)
{
  gboolean was_expired;

  g_return_if_fail (EY_IS_COUNTDOWN (self));

  was_expired = self->seconds_left == 0;
  g_clear_handle_id (&self->tick_id, g_source_remove);
  self->deadline_us = deadline_us;
  self->total_seconds = MAX (total_seconds, 1);
  self->seconds_left = -1;
  self->announced = G_MAXINT;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, (double) self->total_seconds,
                                  -1);
  ey_countdown_update (self);
  /* A new deadline: what binds to "expired" (the hint, a page's new-code button) sees
   * the time running again. */
  if (was_expired && self->seconds_left != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPIRED]);
  /* Four ticks a second keep the display within a quarter second of the real deadline. */
  if (self->seconds_left > 0)
    self->tick_id = g_timeout_add (250, ey_countdown_tick_cb, self);
}

void
ey_countdown_stop (EyCountdown *self)
{
  g_return_if_fail (EY_IS_COUNTDOWN (self));

  g_clear_handle_id (&self->tick_id, g_source_remove);
}

int
ey_countdown_get_seconds_left (EyCountdown *self)
{
  g_return_val_if_fail (EY_IS_COUNTDOWN (self), 0);

  return MAX (self->seconds_left, 0);
}

gboolean
ey_countdown_get_expired (EyCountdown *self)
{
  g_return_val_if_fail (EY_IS_COUNTDOWN (self), FALSE);

  return self->seconds_left == 0;
}

void
ey_countdown_set_expired_text (EyCountdown *self,
                               const char  *text)
{
  g_return_if_fail (EY_IS_COUNTDOWN (self));

  g_free (self->expired_text);
  self->expired_text = g_strdup (text);
  gtk_label_set_text (self->hint, text ? text : _("Time is up"));
}

GtkWidget *
ey_countdown_new (void)
{
  return g_object_new (EY_TYPE_COUNTDOWN, NULL);
}

static void
ey_countdown_dispose (GObject *object)
{
  EyCountdown *self = EY_COUNTDOWN (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), EY_TYPE_COUNTDOWN);
  /* Children the template does not name are ours to unparent too. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self)));)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (ey_countdown_parent_class)->dispose (object);
}

static void
ey_countdown_finalize (GObject *object)
{
  EyCountdown *self = EY_COUNTDOWN (object);

  g_free (self->expired_text);
  G_OBJECT_CLASS (ey_countdown_parent_class)->finalize (object);
}

static void
ey_countdown_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  EyCountdown *self = EY_COUNTDOWN (object);

  switch (prop_id)
    {
    case PROP_SECONDS_LEFT:
      g_value_set_int (value, ey_countdown_get_seconds_left (self));
      break;
    case PROP_EXPIRED:
      g_value_set_boolean (value, ey_countdown_get_expired (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ey_countdown_class_init (EyCountdownClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ey_countdown_dispose;
  object_class->finalize = ey_countdown_finalize;
  object_class->get_property = ey_countdown_get_property;

  properties[PROP_SECONDS_LEFT] =
    g_param_spec_int ("seconds-left", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPIRED] =
    g_param_spec_boolean ("expired", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[EXPIRED] = g_signal_new ("expired", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eimzayenile/EimzaYenile/ey-countdown.ui");
  gtk_widget_class_bind_template_child (widget_class, EyCountdown, label);
  gtk_widget_class_bind_template_child (widget_class, EyCountdown, bar);
  gtk_widget_class_bind_template_child (widget_class, EyCountdown, hint);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "countdown");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TIMER);
}

static void
ey_countdown_init (EyCountdown *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  self->seconds_left = -1;
  self->announced = G_MAXINT;
}
