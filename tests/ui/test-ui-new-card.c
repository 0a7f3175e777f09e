/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The renewal's new card in the real program (not the demo): two SoftHSM tokens with an
 * old and a new NES certificate of the same person.  The old one is remembered for the
 * reminder (its end and holder, no identity number), and the new one is announced. */
#define G_LOG_DOMAIN "test-ui-new-card"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "ey-application.h"
#include "ey-site-client.h"
#include "ey-test-common.h"

static const char *make_token;
static const char *pki_dir;

static AdwMessageDialog *
find_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (w)), heading) == 0)
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *app,
             gpointer      user_data)
{
  EyApplication *self = EY_APPLICATION (app);
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (60, timeout_cb, &timed_out);
  GSettings *settings = ey_application_get_settings (self);
  AdwMessageDialog *dialog = NULL;
  g_autofree char *holder = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  /* Startup lists the tokens; the window comes with activate. */
  while (!timed_out && (dialog = find_dialog ("Your New Card Has Arrived")) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);

  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "Your new card has arrived; its certificate starts on"));
  g_assert_true (adw_message_dialog_get_body_use_markup (dialog) == FALSE);
  /* The two KamuSM sites open from the dialog */
  g_assert_true (adw_message_dialog_has_response (dialog, "online"));
  g_assert_true (adw_message_dialog_has_response (dialog, "nes"));

  /* The old certificate (it ends in 59 days) stays the one reminded about. */
  holder = g_settings_get_string (settings, "reminder-holder");
  g_assert_cmpstr (holder, ==, "AYŞE YILMAZ");
  {
    gint64 end = g_settings_get_int64 (settings, "reminder-not-after");
    gint64 now = g_get_real_time () / G_USEC_PER_SEC;

    g_assert_cmpint (end, >, now + 57 * 24 * 3600);
    g_assert_cmpint (end, <, now + 61 * 24 * 3600);
  }
  /* No setting holds the identity number. */
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i]; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      g_assert_null (strstr (text, "12345678950"));
    }

  /* A second listing (a card in or out) does not announce it again. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  ey_application_refresh_certificates (self);
  while (ey_application_get_certificates_busy (self))
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (find_dialog ("Your New Card Has Arrived"));

  g_application_quit (app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *conf = NULL;
  g_autoptr(EyApplication) app = NULL;
  char *args[] = { argv[0], NULL };
  int status;

  if (argc < 3)
    {
      g_printerr ("usage: %s MAKE-TOKEN PKI-DIR\n", argv[0]);
      return 2;
    }
  ey_site_client_init_tls_policy ();
  make_token = argv[1];
  pki_dir = argv[2];
  g_print ("1..1\n");

  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("EY_NO_CARD_MONITOR", "1", TRUE);
  dir = g_dir_make_tmp ("ey-new-card-XXXXXX", &error);
  g_assert_no_error (error);
  ey_test_make_token (make_token, dir, pki_dir, "OLD", "123456", "ayse-rsa", NULL);
  ey_test_make_token (make_token, dir, pki_dir, "NEW", "123456", "ayse-new", NULL);
  conf = g_build_filename (dir, "softhsm2.conf", NULL);
  g_setenv ("SOFTHSM2_CONF", conf, TRUE);

  ey_application_init_i18n ();
  app = ey_application_new (FALSE);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), NULL);
  status = g_application_run (G_APPLICATION (app), 1, args);
  g_print ("%s 1 - the new card is announced and the old one remembered\n",
           status == 0 ? "ok" : "not ok");
  ey_test_remove_tree (dir);
  return status;
}
