/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-ui-benchmark"

#include "config.h"

#include <glib/gstdio.h>

#include <stdio.h>
#include <string.h>

#include "ey-application.h"
#include "ey-window.h"
#include "ey-site-client.h"

/* Time to first frame and peak memory of the demo run (simulator + demo token + window),
 * with the GSK renderer named. */

static gint64 start_us;
static gboolean done;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  GtkWidget *window = user_data;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  g_autofree char *status = NULL;
  const char *hwm = NULL;

  if (done)
    return;
  done = TRUE;
  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
  if (status)
    hwm = strstr (status, "VmHWM:");
  printf ("first frame: %.1f ms\n", (g_get_monotonic_time () - start_us) / 1000.0);
  printf ("renderer: %s\n", renderer ? G_OBJECT_TYPE_NAME (renderer) : "none");
  if (hwm)
    printf ("peak memory: %.*s\n", (int) strcspn (hwm + 6, "\n"), hwm + 6);
  fflush (stdout);
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
}

static void
on_realize_cb (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), window);
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window)
{
  g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(EyApplication) app = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("eimza-bench-XXXXXX", NULL);
  char *args[] = { argv[0], NULL };
  int status;

  ey_site_client_init_tls_policy ();
  start_us = g_get_monotonic_time ();
  if (tmp)
    g_setenv ("XDG_STATE_HOME", tmp, TRUE);
  g_setenv ("EY_NO_CARD_MONITOR", "1", TRUE);
  ey_application_init_i18n ();
  app = ey_application_new (TRUE);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), NULL);
  status = g_application_run (G_APPLICATION (app), 1, args);
  if (tmp)
    g_rmdir (tmp);
  return done ? status : 1;
}
