/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kamusm-sim"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <glib/gi18n.h>

#include "ey-sim-server.h"
#include "ey-sim-variation.h"

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* "IDENTITY:FILE": the demo shows the mail, since no real one arrives there. */
static gboolean
write_access_mail (EySimServer  *server,
                   const char   *spec,
                   GError      **error)
{
  const char *colon = strchr (spec, ':');
  g_autofree char *identity = colon ? g_strndup (spec, (gsize) (colon - spec)) : NULL;
  g_autofree char *mail = NULL;
  gboolean ok;

  if (identity == NULL || colon[1] == '\0')
    {
      g_set_error (error, EY_SIM_ERROR, EY_SIM_ERROR_INVALID,
                   _("--access-mail wants IDENTITY:FILE, not “%s”"), spec);
      return FALSE;
    }
  mail = ey_sim_server_get_access_mail (server, identity);
  if (mail == NULL)
    {
      g_set_error (error, EY_SIM_ERROR, EY_SIM_ERROR_PEOPLE,
                   _("Nobody with the identity number %s in the people file"), identity);
      return FALSE;
    }
  ok = g_file_set_contents_full (colon + 1, mail, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
  explicit_bzero (mail, strlen (mail));
  return ok;
}

/* One line "URL FINGERPRINT" (what scripts read), then the certificate's PEM for a
 * client that pins it.  Written whole or not at all (a rename), so a watcher never
 * reads half of it. */
static gboolean
write_ready_file (EySimServer  *server,
                  const char   *path,
                  GError      **error)
{
  const char *fingerprint = ey_sim_server_get_fingerprint (server);
  const char *pem = ey_sim_server_get_certificate_pem (server);
  g_autofree char *text = g_strdup_printf ("%s %s\n%s", ey_sim_server_get_base_url (server),
                                           fingerprint ? fingerprint : "-", pem ? pem : "");

  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(EySimServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) trust = NULL;
  g_auto(GStrv) faults = NULL;
  g_auto(GStrv) mails = NULL;
  g_autofree char *hostile_veri = NULL;
  g_autofree char *address = NULL, *cert = NULL, *key = NULL, *people = NULL;
  g_autofree char *captcha = NULL, *sms_file = NULL, *log_file = NULL, *charset = NULL;
  g_autofree char *variation = NULL;
  g_autofree char *state_file = NULL;
  g_autofree char *variant = NULL, *ready_file = NULL, *cert_path = NULL;
  int port = 0, sms_ttl = 0, code_ttl = 0, idle = 0;
  gboolean http = FALSE, control = FALSE, demo = FALSE;
  EySimOptions opts;
  GOptionEntry entries[] = {
    { "port", 0, 0, G_OPTION_ARG_INT, &port, N_("Port to listen on (0: any free port)"), "N" },
    { "address", 0, 0, G_OPTION_ARG_STRING, &address, N_("Address to listen on"), "ADDR" },
    { "http", 0, 0, G_OPTION_ARG_NONE, &http, N_("Serve plain HTTP instead of HTTPS"), NULL },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &cert, N_("TLS certificate (PEM)"), "FILE" },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &key, N_("TLS private key (PEM)"), "FILE" },
    { "people", 0, 0, G_OPTION_ARG_FILENAME, &people, N_("People and orders (key file)"), "FILE" },
    { "trust-ca", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &trust,
      N_("CA whose signing certificates are accepted (repeatable)"), "FILE" },
    { "sms-ttl", 0, 0, G_OPTION_ARG_INT, &sms_ttl, N_("SMS code validity in seconds"), "S" },
    { "code-ttl", 0, 0, G_OPTION_ARG_INT, &code_ttl, N_("Verification code validity in seconds"), "S" },
    { "session-idle", 0, 0, G_OPTION_ARG_INT, &idle, N_("Session idle timeout in seconds"), "S" },
    { "captcha", 0, 0, G_OPTION_ARG_STRING, &captcha, N_("Fixed CAPTCHA text"), "TEXT" },
    { "sms-file", 0, 0, G_OPTION_ARG_FILENAME, &sms_file, N_("Append simulated SMS here (JSON lines)"), "FILE" },
    { "state-file", 0, 0, G_OPTION_ARG_FILENAME, &state_file, N_("Keep the applications’ progress in this file across restarts"), "FILE" },
    { "log", 0, 0, G_OPTION_ARG_FILENAME, &log_file, N_("Append the state log here (JSON lines)"), "FILE" },
    { "charset", 0, 0, G_OPTION_ARG_STRING, &charset,
      N_("Page encoding: utf-8, iso-8859-9 or windows-1254"), "NAME" },
    { "variant", 0, 0, G_OPTION_ARG_STRING, &variant, N_("Site variant: default or alt"), "NAME" },
    { "variation", 0, 0, G_OPTION_ARG_STRING, &variation,
      N_("Rewrite every page harmlessly: upper, nbsp, ascii-fold, noise, wrap, extra-forms or all (comma-separated)"),
      "LIST" },
    { "control", 0, 0, G_OPTION_ARG_NONE, &control, N_("Enable the /_sim/ control endpoints"), NULL },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, N_("Run as the demo: the documents it gives out carry a DEMO mark"), NULL },
    { "fault", 0, 0, G_OPTION_ARG_STRING_ARRAY, &faults,
      N_("Inject a fault: kind[:page[:count]] (repeatable)"), "SPEC" },
    { "hostile-veri", 0, 0, G_OPTION_ARG_STRING, &hostile_veri,
      N_("Test a hostile site: eimza/veri.go answers pdf, other-name, other-id, other-code, error-json, huge or control"),
      "MODE" },
    { "ready-file", 0, 0, G_OPTION_ARG_FILENAME, &ready_file,
      N_("Write “URL FINGERPRINT” and the certificate (PEM) here once listening"), "FILE" },
    { "access-mail", 0, 0, G_OPTION_ARG_STRING_ARRAY, &mails,
      N_("Write the access mail KamuSM sends to IDENTITY into FILE before ready (repeatable)"),
      "IDENTITY:FILE" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("A stand-in for the KamuSM certificate renewal site, "
                                           "for tests and demonstrations."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      port < 0 || port > 65535 || sms_ttl < 0 || code_ttl < 0 || idle < 0)
    {
      g_printerr ("kamusm-sim: %s\n", error ? error->message : _("Invalid number"));
      return 2;
    }

  ey_sim_options_init (&opts);
  if (address)
    opts.address = address;
  opts.http = http;
  opts.tls_cert_file = cert;
  opts.tls_key_file = key;
  opts.people_file = people;
  opts.trust_ca_files = (const char * const *) trust;
  opts.sms_ttl = (guint) sms_ttl;
  opts.code_ttl = (guint) code_ttl;
  opts.session_idle = (guint) idle;
  opts.captcha_text = captcha;
  if (charset)
    opts.charset = charset;
  if (variant)
    opts.variant = variant;
  opts.control = control;
  opts.demo = demo;
  opts.log_file = log_file;
  opts.sms_file = sms_file;
  opts.state_file = state_file;
  opts.print_sms = TRUE;

  if (trust == NULL)
    g_printerr ("kamusm-sim: %s\n",
                _("No --trust-ca given: every uploaded signature will be refused as untrusted."));
  server = ey_sim_server_new (&opts);
  {
    guint flags = 0;

    if (!ey_sim_variation_parse (variation, &flags, &error))
      {
        g_printerr ("kamusm-sim: %s\n", error->message);
        return 2;
      }
    ey_sim_server_set_variations (server, flags);
  }
  for (guint i = 0; faults && faults[i]; i++)
    if (!ey_sim_server_add_fault_spec (server, faults[i], &error))
      {
        g_printerr ("kamusm-sim: %s\n", error->message);
        return 2;
      }
  if (hostile_veri && !ey_sim_server_set_hostile_veri (server, hostile_veri))
    {
      g_printerr ("kamusm-sim: --hostile-veri=%s?\n", hostile_veri);
      return 2;
    }
  if (!ey_sim_server_start (server, (guint) port, &error))
    {
      g_printerr ("kamusm-sim: %s\n", error->message);
      return 1;
    }

  for (guint i = 0; mails && mails[i]; i++)
    if (!write_access_mail (server, mails[i], &error))
      {
        g_printerr ("kamusm-sim: %s\n", error->message);
        return 2;
      }

  /* The ready file first: whoever waits for stdout may look for it at once. */
  if (ready_file && !write_ready_file (server, ready_file, &error))
    {
      g_printerr ("kamusm-sim: %s\n", error->message);
      g_clear_error (&error);
    }

  g_print ("URL %s\n", ey_sim_server_get_base_url (server));
  if (ey_sim_server_get_fingerprint (server))
    {
      g_autofree char *dir = g_dir_make_tmp ("kamusm-sim-XXXXXX", &error);

      g_print ("FINGERPRINT %s\n", ey_sim_server_get_fingerprint (server));
      if (dir)
        {
          cert_path = g_build_filename (dir, "cert.pem", NULL);
          if (g_file_set_contents (cert_path, ey_sim_server_get_certificate_pem (server), -1, NULL))
            g_print ("CERT %s\n", cert_path);
        }
      else
        g_clear_error (&error);
    }
  fflush (stdout);
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);

  ey_sim_server_stop (server);
  if (cert_path)
    {
      g_autofree char *dir = g_path_get_dirname (cert_path);

      g_unlink (cert_path);
      g_rmdir (dir);
    }
  return 0;
}
