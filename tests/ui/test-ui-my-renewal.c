/* SPDX-License-Identifier: GPL-3.0-or-later */
/* "My Renewal": the last application and what comes after it, in the real window. */
#define G_LOG_DOMAIN "test-ui-my-renewal"

#include "config.h"

#include <string.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "ey-application.h"
#include "ey-my-renewal-window.h"
#include "ey-reminder.h"

void ey_ui_register_resource (void);

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  if (ADW_IS_ACTION_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_row (c, title);

      if (found)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_stack (GtkWidget *root)
{
  if (GTK_IS_STACK (root))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_stack (c);

      if (found)
        return found;
    }
  return NULL;
}

static const char *
subtitle_of (GtkWidget  *window,
             const char *title)
{
  GtkWidget *row = find_row (window, title);

  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static EyReminder *
memory_reminder (void)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings =
    g_settings_new_with_backend ("io.github.eimzayenile.EimzaYenile", backend);

  return ey_reminder_new (settings);
}

static void
test_empty (void)
{
  g_autoptr(EyReminder) reminder = memory_reminder ();
  EyMyRenewalWindow *window = ey_my_renewal_window_new (NULL, reminder);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_null (ey_reminder_get_application (reminder));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (find_stack (GTK_WIDGET (window)))),
                   ==, "empty");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_application (void)
{
  g_autoptr(EyReminder) reminder = memory_reminder ();
  g_autoptr(EyReminderApplication) made = g_new0 (EyReminderApplication, 1);
  g_autoptr(EyReminderApplication) back = NULL;
  g_autoptr(GDateTime) end = g_date_time_new_from_iso8601 ("2027-06-15T12:00:00Z", NULL);
  g_autoptr(GDateTime) seen = g_date_time_new_from_iso8601 ("2027-04-01T08:00:00Z", NULL);
  EyMyRenewalWindow *window;

  /* Friday 2 April 2027: ten working days later is Friday 16 April. */
  made->time = g_date_time_new_from_iso8601 ("2027-04-02T10:00:00Z", NULL);
  made->path = g_strdup ("eonay");
  made->order = g_strdup ("Yenileme Başvurusu — 01.03.2027");
  made->institution = g_strdup ("Ankara <Üniversitesi> & Hastanesi");
  ey_reminder_record_application (reminder, made);
  ey_reminder_certificate_seen (reminder, "AYŞE YILMAZ", end, seen);
  back = ey_reminder_get_application (reminder);
  g_assert_nonnull (back);
  g_assert_cmpstr (back->path, ==, "eonay");
  g_assert_cmpint (g_date_time_to_unix (back->time), ==, g_date_time_to_unix (made->time));

  window = ey_my_renewal_window_new (NULL, reminder);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (find_stack (GTK_WIDGET (window)))),
                   ==, "application");
  g_assert_cmpstr (subtitle_of (GTK_WIDGET (window), "Made on"), ==, "02.04.2027");
  g_assert_nonnull (strstr (subtitle_of (GTK_WIDGET (window), "Method"), "E-Onay"));
  g_assert_cmpstr (subtitle_of (GTK_WIDGET (window), "Order"), ==, made->order);
  /* Text from the site stays text: no markup is read from it. */
  g_assert_cmpstr (subtitle_of (GTK_WIDGET (window), "Institution"), ==, made->institution);
  g_assert_nonnull (strstr (subtitle_of (GTK_WIDGET (window), "The new card"), "16.04.2027"));
  g_assert_nonnull (strstr (subtitle_of (GTK_WIDGET (window), "When it can be used"),
                            "15.06.2027"));
  g_assert_nonnull (strstr (subtitle_of (GTK_WIDGET (window), "The new card’s PIN"),
                            "onlineislemler.kamusm.gov.tr"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_working_days (void)
{
  g_autoptr(GDateTime) saturday = g_date_time_new_from_iso8601 ("2027-04-03T10:00:00Z", NULL);
  g_autoptr(GDateTime) later = ey_reminder_add_working_days (saturday, 1);

  g_assert_cmpint (g_date_time_get_day_of_month (later), ==, 5);   /* Monday */
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  ey_application_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  ey_ui_register_resource ();
  g_test_add_func ("/my-renewal/empty", test_empty);
  g_test_add_func ("/my-renewal/application", test_application);
  g_test_add_func ("/my-renewal/working-days", test_working_days);
  return g_test_run ();
}
