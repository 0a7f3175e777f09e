/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-ui-page-benchmark"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ui-driver.h"
#include "ey-pin-entry.h"

/* The longest main-loop stall at each page change of a demo E-Onay renewal: the work
 * done between two polls of the main context, in the iteration that switches the page
 * and up to the second frame painted after it (the new page's first layout).  Work of
 * the in-process simulator in those iterations counts too: it is the same loop. */

#define AYSE_ID   "12345678950"
#define AYSE_PASS "Ab3kT9qz"

/* This thread's CPU time, µs: on a shared machine the wall-clock gap also holds the
 * time other processes had the CPU; both are reported. */
static gint64
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static GPollFunc real_poll;
static gint64    woke_cpu;
static gint64    longest_cpu;
static double    worst_cpu_ms;
static gint64    woke_at;        /* when the last poll returned */
static gboolean  tracking;
static gint64    longest;        /* of the page change being tracked, µs */
static guint     frames;
static char     *page_name;
static double    worst_ms;
static gint64    phase_at;
static gint64    longest_layout, longest_paint, switch_us, changed_at;

static gint
timed_poll (GPollFD *fds,
            guint    nfds,
            gint     timeout)
{
  gint64 now = g_get_monotonic_time ();
  gint ret;

  if (tracking && woke_at)
    {
      longest = MAX (longest, now - woke_at);
      longest_cpu = MAX (longest_cpu, cpu_now () - woke_cpu);
    }
  ret = real_poll (fds, nfds, timeout);
  woke_at = g_get_monotonic_time ();
  woke_cpu = cpu_now ();
  return ret;
}

static void
report (void)
{
  if (page_name == NULL)
    return;
  printf ("page change to %-8s longest main-loop gap: %6.1f ms wall, %6.1f ms CPU "
          "(CPU: switch %5.1f, layout %5.1f, paint %5.1f)\n",
          page_name, longest / 1000.0, longest_cpu / 1000.0, switch_us / 1000.0,
          longest_layout / 1000.0, longest_paint / 1000.0);
  worst_cpu_ms = MAX (worst_cpu_ms, longest_cpu / 1000.0);
  longest_layout = longest_paint = 0;
  fflush (stdout);
  worst_ms = MAX (worst_ms, longest / 1000.0);
  g_clear_pointer (&page_name, g_free);
}


static void
before_layout_cb (GdkFrameClock *clock)
{
  phase_at = cpu_now ();
}

static void
after_layout_cb (GdkFrameClock *clock)
{
  gint64 now = cpu_now ();

  if (tracking)
    longest_layout = MAX (longest_layout, now - phase_at);
  phase_at = now;
}

static void
after_paint_cb (GdkFrameClock *clock)
{
  if (tracking)
    longest_paint = MAX (longest_paint, cpu_now () - phase_at);
  if (!tracking)
    return;
  if (++frames >= 2)
    {
      tracking = FALSE;
      report ();
    }
}

static void
on_visible_child_cb (GtkStack *stack)
{
  /* The iteration that got here counts from its start. */
  report ();
  page_name = g_strdup (gtk_stack_get_visible_child_name (stack));
  tracking = TRUE;
  longest = g_get_monotonic_time () - woke_at;
  longest_cpu = cpu_now () - woke_cpu;
  frames = 0;
  changed_at = cpu_now ();
  switch_us = 0;
}

/* The window moves the focus at the end of its page switch. */
static void
on_focus_cb (void)
{
  if (tracking && changed_at)
    switch_us = cpu_now () - changed_at;
}

static void
watch (UiDriver *driver)
{
  GtkWidget *stack = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (driver->window),
                                                                  EY_TYPE_WINDOW, "stack");

  g_signal_connect (stack, "notify::visible-child", G_CALLBACK (on_visible_child_cb), NULL);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (driver->window)), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
  g_signal_connect_after (gtk_widget_get_frame_clock (GTK_WIDGET (driver->window)), "update",
                          G_CALLBACK (before_layout_cb), NULL);
  g_signal_connect_after (gtk_widget_get_frame_clock (GTK_WIDGET (driver->window)), "layout",
                          G_CALLBACK (after_layout_cb), NULL);
  g_signal_connect (driver->window, "notify::focus-widget", G_CALLBACK (on_focus_cb), NULL);
}

static gboolean
done_or_failed (gpointer data)
{
  UiDriver *driver = data;
  const char *page = ey_window_get_visible_page_name (driver->window);

  if (ey_session_get_busy (ey_window_get_session (driver->window)))
    return FALSE;
  return g_strcmp0 (page, "done") == 0 || *ui_error_text (driver);
}

int
main (int   argc,
      char *argv[])
{
  UiDriver *driver;
  g_autofree char *code = NULL;
  EyPinEntry *pin;

  ey_application_init_i18n ();
  gtk_init ();
  adw_init ();

  real_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, timed_poll);

  driver = ui_driver_new ();
  ui_driver_new_window (driver, 1000, 700);
  ui_wait_certificates (driver);
  ui_spin_for (500);
  watch (driver);

  ui_next (driver);
  ui_wait_page (driver, "mail");
  ui_paste_mail (driver, "AYŞE YILMAZ", AYSE_PASS);
  ui_next (driver);
  ui_wait_page (driver, "sign-in");
  ui_sign_in (driver, AYSE_ID, UI_DRIVER_CAPTCHA);
  ui_wait_page (driver, "form");
  ui_fill_form (driver);
  ui_next (driver);
  ui_wait_page (driver, "sms");
  ui_next (driver);
  ui_wait_idle (driver);
  code = ui_sms_code (driver, AYSE_ID);
  ui_set_text (driver, "sms", "code_row", code);
  ui_next (driver);
  ui_wait_page (driver, "eonay");
  ui_next (driver);
  ui_wait_page (driver, "consent");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (ui_child (driver, "consent", "accept_check")), TRUE);
  ui_next (driver);
  ui_wait_page (driver, "signing");
  pin = EY_PIN_ENTRY (ui_child (driver, "signing", "pin_entry"));
  gtk_editable_set_text (GTK_EDITABLE (ey_pin_entry_get_entry (pin)), "123456");
  ui_next (driver);
  ui_spin_until (done_or_failed, driver, 30000);
  ui_spin_for (300);
  report ();
  printf ("worst page change: %.1f ms wall, %.1f ms CPU (target 16 ms)\n", worst_ms, worst_cpu_ms);
  printf ("ended at page %s\n", ey_window_get_visible_page_name (driver->window));
  ui_driver_free (driver);
  return 0;
}
