/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The login reminder end to end: `eimza-yenile --check-renewal` on a private D-Bus
 * session, with this test as the desktop's notification server, and `eimza-yenile-cli
 * cards` remembering a SoftHSM card's certificate (and recognising the renewal's new
 * card), both on a keyfile settings backend in a temporary folder. */
#define G_LOG_DOMAIN "test-reminder"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include "ey-test-common.h"

static const char *gui_exe;
static const char *cli_exe;
static const char *make_token;
static const char *pki_dir;

#define GROUP "io/github/eimzayenile/EimzaYenile"

static const char introspection_xml[] =
  "<node>"
  " <interface name='org.freedesktop.Notifications'>"
  "  <method name='Notify'>"
  "   <arg type='s' direction='in'/> <arg type='u' direction='in'/>"
  "   <arg type='s' direction='in'/> <arg type='s' direction='in'/>"
  "   <arg type='s' direction='in'/> <arg type='as' direction='in'/>"
  "   <arg type='a{sv}' direction='in'/> <arg type='i' direction='in'/>"
  "   <arg type='u' direction='out'/>"
  "  </method>"
  "  <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "  <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "  <method name='GetServerInformation'>"
  "   <arg type='s' direction='out'/> <arg type='s' direction='out'/>"
  "   <arg type='s' direction='out'/> <arg type='s' direction='out'/>"
  "  </method>"
  "  <signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  " </interface>"
  "</node>";

typedef struct
{
  GTestDBus       *bus;
  GDBusConnection *connection;
  guint            owner_id;
  guint            object_id;
  gboolean         named;
  char            *dir;
  char            *keyfile;
  char            *opened;       /* made by the stand-in program entry */
  GPtrArray       *summaries;
  GPtrArray       *bodies;
  GPtrArray       *actions;      /* GStrv per notification */
} Fixture;

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *path,
                const char            *interface,
                const char            *method,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  Fixture *f = user_data;

  if (g_str_equal (method, "Notify"))
    {
      const char *summary, *body;
      g_autofree const char **actions = NULL;

      g_variant_get (parameters, "(&su&s&s&s^a&s@a{sv}i)", NULL, NULL, NULL, &summary, &body,
                     &actions, NULL, NULL);
      g_ptr_array_add (f->summaries, g_strdup (summary));
      g_ptr_array_add (f->bodies, g_strdup (body));
      g_ptr_array_add (f->actions, g_strdupv ((char **) actions));
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", f->summaries->len));
    }
  else if (g_str_equal (method, "GetCapabilities"))
    {
      const char *caps[] = { "actions", "body", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else if (g_str_equal (method, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation,
                                           g_variant_new ("(ssss)", "test", "ey", "1", "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable vtable = { method_call_cb, NULL, NULL, { 0 } };

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  ((Fixture *) user_data)->named = TRUE;
}

/* Spins the main context until @done says so; fails the test, never hangs it. */
static void
spin_until (gboolean (*done) (gpointer), gpointer data)
{
  g_assert_true (ey_test_spin_until (done, data, 30000));
}

static gboolean
is_named (gpointer data)
{
  return ((Fixture *) data)->named;
}

static void
write_state (Fixture    *f,
             gint64      not_after,
             int         stage_sent,
             gboolean    enabled)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *end = g_strdup_printf ("int64 %" G_GINT64_FORMAT, not_after);
  g_autofree char *stage = g_strdup_printf ("%d", stage_sent);
  g_autofree char *folder = g_path_get_dirname (f->keyfile);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_key_file_set_string (kf, GROUP, "reminder-holder", "'AYŞE YILMAZ'");
  g_key_file_set_string (kf, GROUP, "reminder-not-after", end);
  g_key_file_set_string (kf, GROUP, "reminder-stage-sent", stage);
  g_key_file_set_string (kf, GROUP, "reminder-enabled", enabled ? "true" : "false");
  g_key_file_save_to_file (kf, f->keyfile, &error);
  g_assert_no_error (error);
}

static char *
read_key (Fixture    *f,
          const char *key)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();

  if (!g_key_file_load_from_file (kf, f->keyfile, G_KEY_FILE_NONE, NULL))
    return NULL;
  return g_key_file_get_string (kf, GROUP, key, NULL);
}

static GSubprocessLauncher *
launcher_for (Fixture    *f,
              const char *now)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);

  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", f->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  if (now)
    g_subprocess_launcher_setenv (launcher, "EY_REMINDER_NOW", now, TRUE);
  g_subprocess_launcher_setenv (launcher, "EY_REMINDER_LINGER_SECONDS", "60", TRUE);
  /* "Renew Now" opens the program's menu entry: here one that leaves a mark. */
  {
    g_autofree char *data_dirs = g_build_filename (f->dir, "share", NULL);

    g_subprocess_launcher_setenv (launcher, "XDG_DATA_DIRS", data_dirs, TRUE);
    g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_dirs, TRUE);
  }
  return launcher;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusNodeInfo) info = NULL;

  f->dir = g_dir_make_tmp ("ey-reminder-XXXXXX", &error);
  g_assert_no_error (error);
  f->keyfile = g_build_filename (f->dir, "glib-2.0", "settings", "keyfile", NULL);
  f->summaries = g_ptr_array_new_with_free_func (g_free);
  f->bodies = g_ptr_array_new_with_free_func (g_free);
  f->actions = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  {
    g_autofree char *apps = g_build_filename (f->dir, "share", "applications", NULL);
    g_autofree char *entry = g_build_filename (apps, "io.github.eimzayenile.EimzaYenile.desktop",
                                               NULL);
    g_autofree char *text = NULL;

    f->opened = g_build_filename (f->dir, "opened", NULL);
    text = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Test\n"
                            "Exec=touch %s\n", f->opened);
    g_assert_cmpint (g_mkdir_with_parents (apps, 0700), ==, 0);
    g_assert_true (g_file_set_contents (entry, text, -1, NULL));
  }
  f->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (f->bus);
  f->connection = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (f->bus),
                                                          G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                          G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                          NULL, NULL, &error);
  g_assert_no_error (error);
  info = g_dbus_node_info_new_for_xml (introspection_xml, &error);
  g_assert_no_error (error);
  f->object_id = g_dbus_connection_register_object (f->connection,
                                                    "/org/freedesktop/Notifications",
                                                    info->interfaces[0], &vtable, f, NULL,
                                                    &error);
  g_assert_no_error (error);
  f->owner_id = g_bus_own_name_on_connection (f->connection, "org.freedesktop.Notifications",
                                              G_BUS_NAME_OWNER_FLAGS_NONE, name_acquired_cb,
                                              NULL, f, NULL);
  spin_until (is_named, f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_bus_unown_name (f->owner_id);
  g_dbus_connection_unregister_object (f->connection, f->object_id);
  g_dbus_connection_close_sync (f->connection, NULL, NULL);
  g_clear_object (&f->connection);
  g_test_dbus_down (f->bus);
  g_clear_object (&f->bus);
  ey_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->keyfile);
  g_free (f->opened);
  g_ptr_array_unref (f->summaries);
  g_ptr_array_unref (f->bodies);
  g_ptr_array_unref (f->actions);
}

typedef struct
{
  GSubprocess *process;
  gboolean     exited;
} Child;

static void
child_wait_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Child *child = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  child->exited = TRUE;
}

static gboolean
child_exited (gpointer data)
{
  return ((Child *) data)->exited;
}

static gboolean
is_opened (gpointer data)
{
  return g_file_test (((Fixture *) data)->opened, G_FILE_TEST_EXISTS);
}

static gboolean
has_notification (gpointer data)
{
  return ((Fixture *) data)->summaries->len > 0;
}

/* Runs the check at @now and waits for it to end by itself. */
static int
run_check (Fixture    *f,
           const char *now)
{
  g_autoptr(GSubprocessLauncher) launcher = launcher_for (f, now);
  g_autoptr(GError) error = NULL;
  Child child = { NULL, FALSE };

  child.process = g_subprocess_launcher_spawn (launcher, &error, gui_exe, "--check-renewal", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (child.process, NULL, child_wait_cb, &child);
  spin_until (child_exited, &child);
  {
    int status = g_subprocess_get_exit_status (child.process);

    g_object_unref (child.process);
    return status;
  }
}

static gint64
unix_of (const char *iso)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_iso8601 (iso, NULL);

  return g_date_time_to_unix (t);
}

static void
test_nothing_due (Fixture       *f,
                  gconstpointer  data)
{
  /* Nothing remembered, then a certificate far from its end, then one that ended:
   * each run ends by itself at once and shows nothing. */
  g_assert_cmpint (run_check (f, "2027-01-01T00:00:00Z"), ==, 0);
  write_state (f, unix_of ("2027-06-15T12:00:00Z"), 0, TRUE);
  g_assert_cmpint (run_check (f, "2027-01-01T00:00:00Z"), ==, 0);
  g_assert_cmpint (run_check (f, "2027-07-01T00:00:00Z"), ==, 0);
  /* Due, but turned off. */
  write_state (f, unix_of ("2027-06-15T12:00:00Z"), 0, FALSE);
  g_assert_cmpint (run_check (f, "2027-06-10T00:00:00Z"), ==, 0);
  g_assert_cmpuint (f->summaries->len, ==, 0);
}

/* Starts the check at @now and waits for its one notification. */
static void
start_check_notified (Fixture    *f,
                      const char *now,
                      Child      *child)
{
  g_autoptr(GSubprocessLauncher) launcher = launcher_for (f, now);
  g_autoptr(GError) error = NULL;

  g_ptr_array_set_size (f->summaries, 0);
  g_ptr_array_set_size (f->bodies, 0);
  g_ptr_array_set_size (f->actions, 0);
  child->process = g_subprocess_launcher_spawn (launcher, &error, gui_exe, "--check-renewal", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (child->process, NULL, child_wait_cb, child);
  spin_until (has_notification, f);
  g_assert_cmpuint (f->summaries->len, ==, 1);
}

/* The person clicks @action in notification @id: the server tells the sender, which
 * acts and ends. */
static void
click_and_wait_exit (Fixture    *f,
                     Child      *child,
                     guint       id,
                     const char *action)
{
  g_autoptr(GError) error = NULL;

  g_dbus_connection_emit_signal (f->connection, NULL, "/org/freedesktop/Notifications",
                                 "org.freedesktop.Notifications", "ActionInvoked",
                                 g_variant_new ("(us)", id, action), &error);
  g_assert_no_error (error);
  spin_until (child_exited, child);
  g_assert_true (g_subprocess_get_successful (child->process));
  g_object_unref (child->process);
}

/* Sends the notification due at @now, checks it, then clicks @action in it. */
static void
notify_and_click (Fixture    *f,
                  const char *now,
                  const char *title,
                  const char *action)
{
  Child child = { NULL, FALSE };
  char **actions;
  guint id;

  start_check_notified (f, now, &child);
  g_assert_cmpstr (g_ptr_array_index (f->summaries, 0), ==, title);
  g_assert_nonnull (strstr (g_ptr_array_index (f->bodies, 0), "AYŞE YILMAZ"));
  g_assert_nonnull (strstr (g_ptr_array_index (f->bodies, 0), "15.06.2027"));
  actions = g_ptr_array_index (f->actions, 0);
  g_assert_true (g_strv_contains ((const char * const *) actions, "app.reminders-off"));
  g_assert_true (g_strv_contains ((const char * const *) actions, "app.open"));
  g_assert_true (g_strv_contains ((const char * const *) actions, "Turn Off Reminders"));
  id = f->summaries->len;
  click_and_wait_exit (f, &child, id, action);
}

/* The officer's summary notification at @now: one, naming @names exactly. */
static void
notify_colleagues (Fixture    *f,
                   const char *now,
                   const char *title,
                   const char *names)
{
  Child child = { NULL, FALSE };

  start_check_notified (f, now, &child);
  g_assert_cmpstr (g_ptr_array_index (f->summaries, 0), ==, title);
  g_assert_cmpstr (g_ptr_array_index (f->bodies, 0), ==, names);
  click_and_wait_exit (f, &child, f->summaries->len, "default");
}

static void
test_stages_and_turn_off (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *sent = NULL;
  g_autofree char *enabled = NULL;

  write_state (f, unix_of ("2027-06-15T12:00:00Z"), 0, TRUE);

  /* The window opens: one notification; a second login the next day sends nothing. */
  {
    /* "Renew Now" launches the menu entry, which runs on its own after the reminder
     * has ended: wait for its mark, woken by the folder's monitor. */
    g_autoptr(GFile) folder = g_file_new_for_path (f->dir);
    g_autoptr(GFileMonitor) monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_NONE,
                                                                NULL, NULL);

    g_assert_nonnull (monitor);
    notify_and_click (f, "2027-03-20T08:00:00Z", "Your e-signature can be renewed now",
                      "default");
    spin_until (is_opened, f);
  }
  sent = read_key (f, "reminder-stage-sent");
  g_assert_cmpstr (sent, ==, "1");
  g_ptr_array_set_size (f->summaries, 0);
  g_assert_cmpint (run_check (f, "2027-03-21T08:00:00Z"), ==, 0);
  g_assert_cmpuint (f->summaries->len, ==, 0);

  notify_and_click (f, "2027-05-20T08:00:00Z", "One month left to renew your e-signature",
                    "default");
  /* A week before: "Turn Off Reminders" in the notification turns them off. */
  notify_and_click (f, "2027-06-09T08:00:00Z", "Your e-signature ends in a week",
                    "app.reminders-off");
  enabled = read_key (f, "reminder-enabled");
  g_assert_cmpstr (enabled, ==, "false");
  g_clear_pointer (&sent, g_free);
  sent = read_key (f, "reminder-stage-sent");
  g_assert_cmpstr (sent, ==, "3");
}

static void
run_cli (Fixture     *f,
         const char  *first,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = launcher_for (f, NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  va_list ap;

  g_ptr_array_add (args, (gpointer) cli_exe);
  va_start (ap, first);
  for (const char *a = first; a; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  g_subprocess_launcher_set_flags (launcher, G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);
}

static void
test_officer_summary (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (f->dir, "colleagues.csv", NULL);
  g_autofree char *folder = g_path_get_dirname (f->keyfile);
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (csv,
                                      "kimlik_no;ad_soyad;sertifika_bitis\n"
                                      "12345678950;AYŞE YILMAZ;2027-05-01\n"
                                      "45678912316;ALİ ÇELİK;2028-01-01\n",
                                      -1, NULL));
  run_cli (f, "roster", "import", csv, NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_key_file_set_string (kf, GROUP, "officer-mode", "true");
  g_key_file_save_to_file (kf, f->keyfile, &error);
  g_assert_no_error (error);

  /* Ayşe's window opened on 1 February; Ali's opens on 1 October. */
  notify_colleagues (f, "2027-03-01T09:00:00Z", "The renewal window opened for 1 colleague",
                     "AYŞE YILMAZ");
  g_ptr_array_set_size (f->summaries, 0);
  g_assert_cmpint (run_check (f, "2027-03-02T09:00:00Z"), ==, 0);
  g_assert_cmpint (run_check (f, "2027-09-30T09:00:00Z"), ==, 0);
  g_assert_cmpuint (f->summaries->len, ==, 0);
  notify_colleagues (f, "2027-10-05T09:00:00Z", "The renewal window opened for 1 colleague",
                     "ALİ ÇELİK");
}

static char *
run_cli_cards (Fixture    *f,
               const char *softhsm_conf)
{
  g_autoptr(GSubprocessLauncher) launcher = launcher_for (f, NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_subprocess_launcher_set_flags (launcher, G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "SOFTHSM2_CONF", softhsm_conf, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, cli_exe, "cards", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  return out;
}

static void
make_softhsm_token (const char *dir,
                    const char *label,
                    const char *leaf)
{
  g_autofree char *p8 = g_strdup_printf ("%s/%s.p8", pki_dir, leaf);
  g_autofree char *pem = g_strdup_printf ("%s/%s.pem", pki_dir, leaf);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, make_token, dir,
                              label, "123456", p8, pem, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);
}

static void
test_cli_remembers (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *tokens = g_build_filename (f->dir, "softhsm", NULL);
  g_autofree char *conf = g_build_filename (tokens, "softhsm2.conf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *holder = NULL;
  g_autofree char *end = NULL;
  g_autofree char *end_again = NULL;
  g_autofree char *all = NULL;

  make_softhsm_token (tokens, "OLD", "ayse-rsa");
  out = run_cli_cards (f, conf);
  g_assert_null (strstr (out, "new card"));

  holder = read_key (f, "reminder-holder");
  end = read_key (f, "reminder-not-after");
  g_assert_cmpstr (holder, ==, "'AYŞE YILMAZ'");
  g_assert_nonnull (end);
  g_assert_cmpint (g_ascii_strtoll (end, NULL, 10), >, g_get_real_time () / G_USEC_PER_SEC);
  /* The settings are a plain file: the identity number must never be in it. */
  g_assert_true (g_file_get_contents (f->keyfile, &all, NULL, NULL));
  g_assert_null (strstr (all, "12345678950"));

  /* The renewal's new card beside the old one: announced, and the old one stays the
   * one the reminders are about until it ends. */
  make_softhsm_token (tokens, "NEW", "ayse-new");
  g_clear_pointer (&out, g_free);
  out = run_cli_cards (f, conf);
  g_assert_nonnull (strstr (out, "Your new card has arrived; its certificate starts on"));
  g_assert_nonnull (strstr (out, "onlineislemler.kamusm.gov.tr"));
  end_again = read_key (f, "reminder-not-after");
  g_assert_cmpstr (end_again, ==, end);
  g_clear_pointer (&all, g_free);
  g_assert_true (g_file_get_contents (f->keyfile, &all, NULL, NULL));
  g_assert_null (strstr (all, "12345678950"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (argc < 5)
    {
      g_printerr ("usage: %s GUI CLI MAKE-TOKEN PKI-DIR\n", argv[0]);
      return 2;
    }
  gui_exe = argv[1];
  cli_exe = argv[2];
  make_token = argv[3];
  pki_dir = argv[4];

  g_test_add ("/reminder/nothing-due", Fixture, NULL, fixture_setup, test_nothing_due,
              fixture_teardown);
  g_test_add ("/reminder/stages-and-turn-off", Fixture, NULL, fixture_setup,
              test_stages_and_turn_off, fixture_teardown);
  g_test_add ("/reminder/officer-summary", Fixture, NULL, fixture_setup, test_officer_summary,
              fixture_teardown);
  g_test_add ("/reminder/cli-remembers", Fixture, NULL, fixture_setup, test_cli_remembers,
              fixture_teardown);
  return g_test_run ();
}
