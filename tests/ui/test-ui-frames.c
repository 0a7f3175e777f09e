/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-frames"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "ui-driver.h"
#include "ey-site-roles.h"
#include "ey-window-private.h"

/*
 * How the window changes pages without stalling its main loop (issue 13; the figures are
 * ey-ui-page-benchmark's):
 *   - the window names and fills in the next page while it is still the stack's hidden
 *     child, and shows it a frame later, so GTK styles the new rows in a frame of their
 *     own; a page named after another one waits for a frame of its own; a window not on
 *     screen switches at once;
 *   - the order page opens the only order after a frame drawn with it on screen;
 *   - under GTK's cairo renderer on X11, frames reuse one shared-memory pool instead of
 *     faulting a new one in.
 */

#define AYSE_ID   "12345678950"
#define AYSE_PASS "Ab3kT9qz"

/* One window for the whole program: SoftHSM keeps the first demo token it saw per
 * process.  The tests run in order along one renewal: sign-in, then on to the form. */
static UiDriver *shared;

typedef struct
{
  UiDriver      *driver;
  GtkStack      *stack;
  GdkFrameClock *clock;
  GPtrArray     *named;    /* page names as the window named them */
  GPtrArray     *shown;    /* and as the stack showed them */
  GArray        *named_frames, *shown_frames;   /* the clock's frame counter then */
  gboolean       form_hidden_when_named;
  gboolean       form_rows_when_shown;
  gint64         order_opened_frame;   /* when the order page set the session to work */
  gboolean       order_on_screen_when_opened;
} Watch;

static GtkStack *
window_stack (UiDriver *driver)
{
  return GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (driver->window), EY_TYPE_WINDOW,
                                                   "stack"));
}

static void
on_page_name_cb (EyWindow *window,
                 GParamSpec *pspec,
                 Watch    *watch)
{
  const char *name = ey_window_get_visible_page_name (window);
  gint64 frame = gdk_frame_clock_get_frame_counter (watch->clock);

  g_ptr_array_add (watch->named, g_strdup (name));
  g_array_append_val (watch->named_frames, frame);
  if (g_strcmp0 (name, "form") == 0)
    watch->form_hidden_when_named = g_strcmp0 (gtk_stack_get_visible_child_name (watch->stack),
                                               "form") != 0;
}

static void
on_visible_child_cb (GtkStack   *stack,
                     GParamSpec *pspec,
                     Watch      *watch)
{
  const char *name = gtk_stack_get_visible_child_name (stack);
  gint64 frame = gdk_frame_clock_get_frame_counter (watch->clock);

  g_ptr_array_add (watch->shown, g_strdup (name));
  g_array_append_val (watch->shown_frames, frame);
  if (g_strcmp0 (name, "form") == 0)
    watch->form_rows_when_shown =
      ui_find_named (GTK_WIDGET (ui_page (watch->driver, "form")),
                     ey_field_role_to_string (EY_FIELD_ROLE_PHONE)) != NULL;
}

static void
on_busy_cb (EySession  *session,
            GParamSpec *pspec,
            Watch      *watch)
{
  if (!ey_session_get_busy (session) ||
      g_strcmp0 (ey_window_get_visible_page_name (watch->driver->window), "order") != 0 ||
      watch->order_opened_frame != 0)
    return;
  watch->order_opened_frame = gdk_frame_clock_get_frame_counter (watch->clock);
  watch->order_on_screen_when_opened = gtk_widget_get_mapped (GTK_WIDGET (ui_page (watch->driver, "order")));
}

static Watch *
watch_new (UiDriver *driver)
{
  Watch *watch = g_new0 (Watch, 1);

  watch->driver = driver;
  watch->stack = window_stack (driver);
  watch->clock = gtk_widget_get_frame_clock (GTK_WIDGET (driver->window));
  watch->named = g_ptr_array_new_with_free_func (g_free);
  watch->shown = g_ptr_array_new_with_free_func (g_free);
  watch->named_frames = g_array_new (FALSE, FALSE, sizeof (gint64));
  watch->shown_frames = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (driver->window, "notify::page-name", G_CALLBACK (on_page_name_cb), watch);
  g_signal_connect (watch->stack, "notify::visible-child", G_CALLBACK (on_visible_child_cb), watch);
  return watch;
}

static void
watch_free (Watch *watch)
{
  g_signal_handlers_disconnect_by_data (watch->driver->window, watch);
  g_signal_handlers_disconnect_by_data (watch->stack, watch);
  g_ptr_array_unref (watch->named);
  g_ptr_array_unref (watch->shown);
  g_array_unref (watch->named_frames);
  g_array_unref (watch->shown_frames);
  g_free (watch);
}

/* Where @name comes in @names, or -1. */
static int
find_name (GPtrArray  *names,
           const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_strcmp0 (names->pdata[i], name) == 0)
      return (int) i;
  return -1;
}

static gboolean
focus_in_page (UiDriver   *driver,
               const char *name)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (driver->window));

  return focus && gtk_widget_is_ancestor (focus, GTK_WIDGET (ui_page (driver, name)));
}

static void
test_filled_then_shown (void)
{
  UiDriver *driver = shared;
  Watch *watch = watch_new (driver);
  int named, shown, order_shown;

  g_assert_true (ui_wait_page (driver, "sign-in"));
  g_signal_connect (ey_window_get_session (driver->window), "notify::busy", G_CALLBACK (on_busy_cb),
                    watch);
  g_assert_true (ui_sign_in (driver, AYSE_ID, UI_DRIVER_CAPTCHA));
  /* Ayşe has one open order: it opens by itself */
  g_assert_true (ui_wait_page (driver, "form"));

  /* Named while hidden, filled in, then shown at a later frame */
  named = find_name (watch->named, "form");
  shown = find_name (watch->shown, "form");
  g_assert_cmpint (named, >=, 0);
  g_assert_cmpint (shown, >=, 0);
  g_assert_true (watch->form_hidden_when_named);
  g_assert_true (watch->form_rows_when_shown);
  g_assert_cmpint (g_array_index (watch->shown_frames, gint64, shown), >,
                   g_array_index (watch->named_frames, gint64, named));
  /* Every page named on the way was shown, in the same order */
  g_assert_cmpuint (watch->shown->len, ==, watch->named->len);
  for (guint i = 0; i < watch->named->len; i++)
    g_assert_cmpstr (watch->shown->pdata[i], ==, watch->named->pdata[i]);

  /* The only order was opened after a frame drawn with the order page on screen */
  order_shown = find_name (watch->shown, "order");
  g_assert_cmpint (order_shown, >=, 0);
  g_assert_true (watch->order_on_screen_when_opened);
  g_assert_cmpint (watch->order_opened_frame, >,
                   g_array_index (watch->shown_frames, gint64, order_shown));
  g_signal_handlers_disconnect_by_data (ey_window_get_session (driver->window), watch);

  /* The focus went to the page once it was shown */
  g_assert_true (focus_in_page (driver, "form"));

  watch_free (watch);
}

static gboolean
stack_shows (gpointer data)
{
  Watch *watch = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (watch->stack),
                    ey_window_get_visible_page_name (watch->driver->window)) == 0;
}

static gint64 frames_until;

static gboolean
frame_reached (gpointer data)
{
  Watch *watch = data;

  if (gdk_frame_clock_get_frame_counter (watch->clock) >= frames_until)
    return TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (watch->driver->window));
  return FALSE;
}

static void
test_latest_page (void)
{
  UiDriver *driver = shared;
  Watch *watch;

  g_assert_true (ui_walk_to_sign_in (driver, "AYŞE YILMAZ", AYSE_PASS));
  watch = watch_new (driver);

  /* A page named and taken back before its frame never shows */
  _ey_window_show_page (driver->window, "forgot");
  g_assert_cmpstr (ey_window_get_visible_page_name (driver->window), ==, "forgot");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (watch->stack), ==, "sign-in");
  _ey_window_show_page (driver->window, NULL);
  frames_until = gdk_frame_clock_get_frame_counter (watch->clock) + 2;
  gtk_widget_queue_draw (GTK_WIDGET (driver->window));
  g_assert_true (ui_spin_until (frame_reached, watch, 5000));
  g_assert_cmpint (find_name (watch->shown, "forgot"), ==, -1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (watch->stack), ==, "sign-in");

  /* Named one after another: the last one shows, after a frame of its own */
  _ey_window_show_page (driver->window, "forgot");
  g_assert_true (ui_spin_until (stack_shows, watch, 5000));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (watch->stack), ==, "forgot");

  /* A window not on screen switches at once */
  gtk_widget_set_visible (GTK_WIDGET (driver->window), FALSE);
  _ey_window_show_page (driver->window, NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (watch->stack), ==, "sign-in");
  gtk_widget_set_visible (GTK_WIDGET (driver->window), TRUE);

  watch_free (watch);
}

/* The process's System V shared-memory mappings, as "start-end" lines. */
static char *
shm_mappings (void)
{
  g_autofree char *maps = NULL;
  g_auto(GStrv) lines = NULL;
  GString *found = g_string_new (NULL);

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  lines = g_strsplit (maps, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (strstr (lines[i], "/SYSV") != NULL)
      g_string_append_printf (found, "%.*s\n", (int) strcspn (lines[i], " "), lines[i]);
  return g_string_free (found, FALSE);
}

/* A figure of /proc/self/status, kB. */
static glong
status_kb (const char *key)
{
  g_autofree char *status = NULL;
  const char *at;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  at = strstr (status, key);
  g_assert_nonnull (at);
  return strtol (at + strlen (key), NULL, 10);
}

static glong
minor_faults (void)
{
  struct rusage usage;

  getrusage (RUSAGE_THREAD, &usage);
  return usage.ru_minflt;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   guint         *painted)
{
  (*painted)++;
}

static gboolean
painted_once (gpointer data)
{
  return *(guint *) data > 0;
}

static gboolean
window_grown (gpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (data)) > 1200;
}

/* Frames of the whole window under the cairo renderer: each is an image handed to the X
 * server through cairo-xlib's shared memory.  With the pool kept, they neither map new
 * segments nor fault their pages in, even when the window grows past every frame so far
 * (without it: a new pool, 1,244 page faults for 1260 x 990). */
static void
test_shm_pool (void)
{
  UiDriver *driver = shared;
  GskRenderer *renderer;
  GdkFrameClock *clock;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint painted = 0;
  gulong handler;
  glong faults, shmem;

  renderer = gtk_native_get_renderer (GTK_NATIVE (driver->window));
  if (g_strcmp0 (G_OBJECT_TYPE_NAME (gdk_display_get_default ()), "GdkX11Display") != 0 ||
      g_strcmp0 (G_OBJECT_TYPE_NAME (renderer), "GskCairoRenderer") != 0)
    {
      g_test_skip ("not the cairo renderer on X11");
      return;
    }
  before = shm_mappings ();
  g_assert_cmpstr (before, !=, "");

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (driver->window));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &painted);
  faults = minor_faults ();
  for (guint i = 0; i < 10; i++)
    {
      painted = 0;
      gtk_widget_queue_draw (GTK_WIDGET (driver->window));
      g_assert_true (ui_spin_until (painted_once, &painted, 5000));
      /* The server has taken the frame: cairo may give its block back now */
      gdk_display_sync (gdk_display_get_default ());
    }
  faults = minor_faults () - faults;
  after = shm_mappings ();
  g_test_message ("10 whole-window frames: %ld page faults; shared memory before:\n%safter:\n%s",
                  faults, before, after);
  g_assert_cmpstr (after, ==, before);
#if defined(__SANITIZE_ADDRESS__)
  /* ASan's quarantine hands out fresh heap pages all the time (20,955 faults here): the
   * count says nothing about the pool, the mappings above still do. */
#else
  g_assert_cmpint (faults, <, 300);
#endif

  /* Larger frames than any so far: the window grows to nearly the whole screen.  Their
   * first image is new heap memory (ey_ui_speed_keep_frame_buffers () keeps it); the
   * shared memory is the pool's own, touched already. */
  shmem = status_kb ("RssShmem:");
  gtk_window_set_default_size (GTK_WINDOW (driver->window), 1270, 1000);
  g_assert_true (ui_spin_until (window_grown, driver->window, 5000));
  for (guint i = 0; i < 5; i++)
    {
      painted = 0;
      gtk_widget_queue_draw (GTK_WIDGET (driver->window));
      g_assert_true (ui_spin_until (painted_once, &painted, 5000));
      gdk_display_sync (gdk_display_get_default ());
    }
  g_free (after);
  after = shm_mappings ();
  g_test_message ("5 frames of %d x %d: shared memory %ld kB resident before, %ld kB after, in:\n%s",
                  gtk_widget_get_width (GTK_WIDGET (driver->window)),
                  gtk_widget_get_height (GTK_WIDGET (driver->window)), shmem,
                  status_kb ("RssShmem:"), after);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (status_kb ("RssShmem:"), <=, shmem + 256);
  g_signal_handler_disconnect (clock, handler);
  gtk_window_set_default_size (GTK_WINDOW (driver->window), 1000, 700);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  ey_application_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui/frames/latest-page", test_latest_page);
  g_test_add_func ("/ui/frames/filled-then-shown", test_filled_then_shown);
  g_test_add_func ("/ui/frames/shm-pool", test_shm_pool);
  shared = ui_driver_new ();
  ui_driver_new_window (shared, 1000, 700);
  g_assert_true (ui_wait_certificates (shared));
  ret = g_test_run ();
  ui_driver_free (shared);
  return ret;
}
