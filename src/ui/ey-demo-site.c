/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-demo-site"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "ey-demo-site-private.h"
#include "ey-demo-token.h"

/* Generous: the simulator makes a fresh TLS key before it listens. */
#define READY_TIMEOUT_S 30
/* After TERM, the child gets this long to clean up before KILL. */
#define STOP_TIMEOUT_MS 5000

struct _EyDemoSite
{
  GObject          parent_instance;

  char            *folder;
  char            *ready_file;
  char            *sms_file;
  char            *mail_file;

  GSubprocess     *process;
  gboolean         exited;
  gboolean         stopping;
  GFileMonitor    *monitor;
  GTask           *start_task;     /* while it starts */
  guint            timeout_id;

  char            *base_url;
  GTlsCertificate *certificate;
};

G_DEFINE_FINAL_TYPE (EyDemoSite, ey_demo_site, G_TYPE_OBJECT)
G_DEFINE_QUARK (ey-demo-site-error-quark, ey_demo_site_error)

static EyDemoSiteLauncher test_launcher;
static gpointer           test_launcher_data;

void
_ey_demo_site_set_launcher (EyDemoSiteLauncher launcher,
                            gpointer           user_data)
{
  test_launcher = launcher;
  test_launcher_data = user_data;
}

GPid
_ey_demo_site_get_pid (EyDemoSite *self)
{
  const char *id;

  g_return_val_if_fail (EY_IS_DEMO_SITE (self), 0);
  if (self->process == NULL || self->exited)
    return 0;
  id = g_subprocess_get_identifier (self->process);
  return id ? (GPid) g_ascii_strtoll (id, NULL, 10) : 0;
}

EyDemoSite *
ey_demo_site_new (const char *folder)
{
  EyDemoSite *self;

  g_return_val_if_fail (folder != NULL, NULL);

  self = g_object_new (EY_TYPE_DEMO_SITE, NULL);
  self->folder = g_strdup (folder);
  self->ready_file = g_build_filename (folder, "ready", NULL);
  self->sms_file = g_build_filename (folder, "sms.jsonl", NULL);
  self->mail_file = g_build_filename (folder, "mail-" EY_DEMO_IDENTITY ".txt", NULL);
  return self;
}

/* Runs in the child between fork and exec: async-signal-safe calls only.  The child gets
 * TERM when this (main) thread ends, however the application ends; if the application
 * is already gone, it does not start at all. */
static void
child_setup (gpointer user_data)
{
  pid_t parent = (pid_t) GPOINTER_TO_INT (user_data);

  (void) prctl (PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
  if (getppid () != parent)
    _exit (1);
}

/* "URL FINGERPRINT", then the certificate's PEM (kamusm-sim --ready-file). */
static gboolean
parse_ready (const char       *text,
             char            **base_url,
             GTlsCertificate **certificate,
             GError          **error)
{
  const char *newline = strchr (text, '\n');
  g_autofree char *first = newline ? g_strndup (text, (gsize) (newline - text)) : NULL;
  g_auto(GStrv) fields = first ? g_strsplit (first, " ", 2) : NULL;
  g_autoptr(GTlsCertificate) cert = NULL;
  g_autoptr(GByteArray) der = NULL;
  g_autofree char *digest = NULL;
  g_autoptr(GString) wanted = NULL;

  if (fields == NULL || fields[0] == NULL || fields[1] == NULL ||
      !g_str_has_prefix (fields[0], "https://127.0.0.1:"))
    goto bad;
  cert = g_tls_certificate_new_from_pem (newline + 1, -1, NULL);
  if (cert == NULL)
    goto bad;
  /* The fingerprint must be that of the certificate beside it. */
  g_object_get (cert, "certificate", &der, NULL);
  digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
  wanted = g_string_new (NULL);
  for (const char *p = fields[1] + (g_str_has_prefix (fields[1], "sha256:") ? 7 : 0); *p; p++)
    if (*p != ':')
      g_string_append_c (wanted, g_ascii_tolower (*p));
  if (strcmp (wanted->str, digest) != 0)
    goto bad;

  *base_url = g_strdup (fields[0]);
  *certificate = g_steal_pointer (&cert);
  return TRUE;

bad:
  g_set_error_literal (error, EY_DEMO_SITE_ERROR, EY_DEMO_SITE_ERROR_FAILED,
                       _("The demo site started but did not say where it listens. Start the "
                         "demo again."));
  return FALSE;
}

static void
ey_demo_site_finish_start (EyDemoSite *self,
                           GError     *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->start_task);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->monitor)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  if (task == NULL)
    {
      g_clear_error (&error);
      return;
    }
  if (error)
    {
      /* A child that is not ready never serves the demo: it goes. */
      if (self->process && !self->exited)
        g_subprocess_force_exit (self->process);
      g_task_return_error (task, error);
    }
  else
    g_task_return_boolean (task, TRUE);
}

static void
ey_demo_site_check_ready (EyDemoSite *self)
{
  g_autofree char *text = NULL;
  GError *error = NULL;

  if (self->start_task == NULL || !g_file_get_contents (self->ready_file, &text, NULL, NULL))
    return;
  if (parse_ready (text, &self->base_url, &self->certificate, &error))
    g_debug ("Demo site ready at %s", self->base_url);
  ey_demo_site_finish_start (self, error);
}

static void
on_folder_changed_cb (GFileMonitor      *monitor,
                      GFile             *file,
                      GFile             *other,
                      GFileMonitorEvent  event,
                      gpointer           user_data)
{
  ey_demo_site_check_ready (EY_DEMO_SITE (user_data));
}

static gboolean
on_ready_timeout_cb (gpointer user_data)
{
  EyDemoSite *self = user_data;

  self->timeout_id = 0;
  ey_demo_site_finish_start (self,
                             g_error_new (EY_DEMO_SITE_ERROR, EY_DEMO_SITE_ERROR_TIMEOUT,
                                          g_dngettext (GETTEXT_PACKAGE,
                                                       "The demo site did not start within %u "
                                                       "second. Start the demo again.",
                                                       "The demo site did not start within %u "
                                                       "seconds. Start the demo again.",
                                                       READY_TIMEOUT_S),
                                          READY_TIMEOUT_S));
  return G_SOURCE_REMOVE;
}

/* The last line the child wrote on stderr, or its exit status. */
static char *
describe_exit (GSubprocess *process,
               GBytes      *err)
{
  g_autofree char *text = err && g_bytes_get_size (err) > 0
                          ? g_utf8_make_valid (g_bytes_get_data (err, NULL),
                                               (gssize) g_bytes_get_size (err))
                          : NULL;
  g_auto(GStrv) lines = NULL;

  if (text)
    {
      lines = g_strsplit (g_strstrip (text), "\n", -1);
      if (lines[0] && *lines[0])
        return g_strdup (lines[g_strv_length (lines) - 1]);
    }
  if (g_subprocess_get_if_signaled (process))
    return g_strdup_printf ("signal %d", g_subprocess_get_term_sig (process));
  return g_strdup_printf ("exit status %d", g_subprocess_get_exit_status (process));
}

static void
on_exited_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(EyDemoSite) self = user_data;
  g_autoptr(GBytes) err = NULL;
  g_autofree char *detail = NULL;

  /* Reading stderr to the end is what waits for the child: it ends with it. */
  g_subprocess_communicate_finish (G_SUBPROCESS (object), result, NULL, &err, NULL);
  self->exited = TRUE;
  detail = describe_exit (G_SUBPROCESS (object), err);
  if (self->start_task)
    ey_demo_site_finish_start (self,
                               g_error_new (EY_DEMO_SITE_ERROR, EY_DEMO_SITE_ERROR_FAILED,
                                            /* Translators: %s is what the simulator said */
                                            _("The demo site stopped before it was ready (%s). "
                                              "Start the demo again."),
                                            detail));
  else if (!self->stopping)
    g_message ("The demo site ended: %s", detail);
}

void
ey_demo_site_start_async (EyDemoSite          *self,
                          const char          *trust_ca_file,
                          const char          *state_file,
                          const char          *captcha,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mail_spec = NULL;
  g_autoptr(GPtrArray) specs = g_ptr_array_new_with_free_func (g_free);
  const EyDemoColleague *colleagues;
  guint n_colleagues = 0;
  EyDemoSiteConfig config = {
    .trust_ca_file = trust_ca_file,
    .state_file = state_file,
    .captcha = captcha,
    .sms_file = self->sms_file,
    .mail_identity = EY_DEMO_IDENTITY,
    .mail_file = self->mail_file,
  };
  const char *program;

  g_return_if_fail (EY_IS_DEMO_SITE (self));
  g_return_if_fail (state_file != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ey_demo_site_start_async);

  if (self->process || self->base_url)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY, "The demo site runs already");
      return;
    }
  if (g_mkdir_with_parents (self->folder, 0700) != 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (errno),
                               _("The demo site could not be started: %s"), g_strerror (errno));
      return;
    }
  g_unlink (self->ready_file);

  if (test_launcher)
    {
      if (!test_launcher (&config, &self->base_url, &self->certificate, test_launcher_data, &error))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_boolean (task, TRUE);
      return;
    }

  program = g_getenv ("EY_KAMUSM_SIM");
  if (program == NULL || *program == '\0')
    program = KAMUSM_SIM_PATH;
  if (!g_file_test (program, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_task_return_new_error (task, EY_DEMO_SITE_ERROR, EY_DEMO_SITE_ERROR_MISSING,
                               _("The demo site is not installed. Install the package "
                                 "“eimza-yenile-demo”, then start the demo again (%s is "
                                 "missing)."),
                               program);
      return;
    }

  /* Watched before the child starts, so its ready file cannot slip by. */
  folder = g_file_new_for_path (self->folder);
  self->monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_NONE, NULL, &error);
  if (self->monitor == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_signal_connect (self->monitor, "changed", G_CALLBACK (on_folder_changed_cb), self);

  mail_spec = g_strconcat (config.mail_identity, ":", config.mail_file, NULL);
  argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (char *) program);
  g_ptr_array_add (argv, (char *) "--address=127.0.0.1");
  g_ptr_array_add (argv, (char *) "--port=0");
  g_ptr_array_add (argv, (char *) "--ready-file");
  g_ptr_array_add (argv, self->ready_file);
  g_ptr_array_add (argv, (char *) "--sms-file");
  g_ptr_array_add (argv, self->sms_file);
  g_ptr_array_add (argv, (char *) "--state-file");
  g_ptr_array_add (argv, (char *) state_file);
  g_ptr_array_add (argv, (char *) "--access-mail");
  g_ptr_array_add (argv, mail_spec);
  /* The officer's demo colleagues get their mails too. */
  colleagues = ey_demo_colleagues (&n_colleagues);
  for (guint i = 0; i < n_colleagues; i++)
    {
      g_autofree char *name = g_strdup_printf ("mail-%s.txt", colleagues[i].identity);
      g_autofree char *file = g_build_filename (self->folder, name, NULL);
      char *spec = g_strconcat (colleagues[i].identity, ":", file, NULL);

      g_ptr_array_add (specs, spec);
      g_ptr_array_add (argv, (char *) "--access-mail");
      g_ptr_array_add (argv, spec);
    }
  /* Its documents say they are the demo's. */
  g_ptr_array_add (argv, (char *) "--demo");
  if (trust_ca_file)
    {
      g_ptr_array_add (argv, (char *) "--trust-ca");
      g_ptr_array_add (argv, (char *) trust_ca_file);
    }
  if (captcha && *captcha)
    {
      g_ptr_array_add (argv, (char *) "--captcha");
      g_ptr_array_add (argv, (char *) captcha);
    }
  g_ptr_array_add (argv, NULL);

  /* Its stdout repeats the SMS (read from the SMS file instead); stderr says why it
   * failed. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, GINT_TO_POINTER (getpid ()), NULL);
  self->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                                &error);
  if (self->process == NULL)
    {
      g_clear_object (&self->monitor);
      g_task_return_new_error (task, EY_DEMO_SITE_ERROR, EY_DEMO_SITE_ERROR_FAILED,
                               _("The demo site could not be started: %s"), error->message);
      return;
    }
  g_subprocess_communicate_async (self->process, NULL, NULL, on_exited_cb, g_object_ref (self));
  self->timeout_id = g_timeout_add_seconds (READY_TIMEOUT_S, on_ready_timeout_cb, self);
  self->start_task = g_steal_pointer (&task);
  ey_demo_site_check_ready (self);
}

gboolean
ey_demo_site_start_finish (EyDemoSite    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
wait_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *(gboolean *) user_data = TRUE;
}

static gboolean
stop_timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
ey_demo_site_stop (EyDemoSite *self)
{
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GSource) timeout = NULL;
  gboolean done = FALSE, timed_out = FALSE, killed = FALSE;

  g_return_if_fail (EY_IS_DEMO_SITE (self));

  self->stopping = TRUE;
  if (self->start_task)
    ey_demo_site_finish_start (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                          "The demo site was stopped"));
  if (self->process == NULL || self->exited)
    return;

  /* A private context: nothing else of the application runs while it waits. */
  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  g_subprocess_send_signal (self->process, SIGTERM);
  g_subprocess_wait_async (self->process, NULL, wait_done_cb, &done);
  timeout = g_timeout_source_new (STOP_TIMEOUT_MS);
  g_source_set_callback (timeout, stop_timeout_cb, &timed_out, NULL);
  g_source_attach (timeout, context);
  while (!done)
    {
      if (timed_out && !killed)
        {
          g_subprocess_force_exit (self->process);
          killed = TRUE;
        }
      g_main_context_iteration (context, TRUE);
    }
  g_source_destroy (timeout);
  g_main_context_pop_thread_default (context);
  self->exited = TRUE;
}

const char *
ey_demo_site_get_base_url (EyDemoSite *self)
{
  g_return_val_if_fail (EY_IS_DEMO_SITE (self), NULL);
  return self->base_url;
}

GTlsCertificate *
ey_demo_site_get_certificate (EyDemoSite *self)
{
  g_return_val_if_fail (EY_IS_DEMO_SITE (self), NULL);
  return self->certificate;
}

char *
ey_demo_site_get_last_sms_code (EyDemoSite *self,
                                const char *identity)
{
  g_autofree char *text = NULL;
  gsize length = 0;
  g_auto(GStrv) lines = NULL;
  char *code = NULL;

  g_return_val_if_fail (EY_IS_DEMO_SITE (self), NULL);
  g_return_val_if_fail (identity != NULL, NULL);

  /* The simulated gateway: one {"identity":…,"code":…} a line, the newest last. */
  if (!g_file_get_contents (self->sms_file, &text, &length, NULL))
    return NULL;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *object;

      if (!*lines[i] || !json_parser_load_from_data (parser, lines[i], -1, NULL) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        continue;
      object = json_node_get_object (json_parser_get_root (parser));
      if (g_strcmp0 (json_object_get_string_member_with_default (object, "identity", ""),
                     identity) != 0)
        continue;
      g_free (code);
      code = g_strdup (json_object_get_string_member_with_default (object, "code", NULL));
    }
  for (guint i = 0; lines[i]; i++)
    explicit_bzero (lines[i], strlen (lines[i]));
  explicit_bzero (text, length);
  return code;
}

char *
ey_demo_site_get_access_mail (EyDemoSite *self,
                              const char *identity)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  char *text = NULL;

  g_return_val_if_fail (EY_IS_DEMO_SITE (self), NULL);
  g_return_val_if_fail (identity != NULL, NULL);

  /* mail-IDENTITY.txt beside the ready file; an identity is digits only. */
  if (*identity == '\0' || strspn (identity, "0123456789") != strlen (identity))
    return NULL;
  name = g_strdup_printf ("mail-%s.txt", identity);
  path = g_build_filename (self->folder, name, NULL);
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  return text;
}

static void
ey_demo_site_dispose (GObject *object)
{
  EyDemoSite *self = EY_DEMO_SITE (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->monitor)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  G_OBJECT_CLASS (ey_demo_site_parent_class)->dispose (object);
}

static void
ey_demo_site_finalize (GObject *object)
{
  EyDemoSite *self = EY_DEMO_SITE (object);

  g_clear_object (&self->process);
  g_clear_object (&self->certificate);
  g_free (self->base_url);
  g_free (self->folder);
  g_free (self->ready_file);
  g_free (self->sms_file);
  g_free (self->mail_file);
  G_OBJECT_CLASS (ey_demo_site_parent_class)->finalize (object);
}

static void
ey_demo_site_class_init (EyDemoSiteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ey_demo_site_dispose;
  object_class->finalize = ey_demo_site_finalize;
}

static void
ey_demo_site_init (EyDemoSite *self)
{
}
