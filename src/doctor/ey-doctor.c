/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-doctor"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <gmodule.h>
#include <p11-kit/p11-kit.h>

#include <glib/gi18n.h>

#include "ey-card-db.h"
#include "ey-site-profile.h"
#include "ey-card-snapshot.h"
#include "ey-doctor-private.h"
#include "ey-token-error.h"
#include "ey-token-manager.h"

/* Days before expiry from which the doctor urges the user to renew now: after
 * expiry the e-signed path is closed and only the wet-signed one is left. */
#define URGENT_DAYS 30

struct _EyDoctor
{
  GObject    parent_instance;

  char      *paths[EY_DOCTOR_N_PATHS];
  GDateTime *now;
};

G_DEFINE_FINAL_TYPE (EyDoctor, ey_doctor, G_TYPE_OBJECT)

static const char *default_paths[EY_DOCTOR_N_PATHS] = {
  [EY_DOCTOR_PATH_PCSCD] = "/usr/sbin/pcscd",
  [EY_DOCTOR_PATH_CCID_DRIVER] = "/usr/lib/pcsc/drivers/ifd-ccid.bundle",
  [EY_DOCTOR_PATH_CA_BUNDLE] = "/etc/ssl/certs/ca-certificates.crt",
};

/* A copy of the settings for the worker thread, and what one check tells the next. */
typedef struct
{
  char               *paths[EY_DOCTOR_N_PATHS];
  GDateTime          *now;
  GListStore         *findings;

  EyCardMonitorState  pcsc_state;
  GPtrArray          *readers;       /* EyCardReader; NULL when pcscd would not tell */
  GError             *pcsc_error;
  gboolean            have_ccid;
  EyCardType         *card_type;     /* transfer none: held by one of @readers */
  char               *module_path;   /* the card's PKCS#11 module, if installed */
} RunData;

static void
run_data_free (RunData *data)
{
  for (guint i = 0; i < EY_DOCTOR_N_PATHS; i++)
    g_free (data->paths[i]);
  g_clear_pointer (&data->now, g_date_time_unref);
  g_clear_object (&data->findings);
  g_clear_pointer (&data->readers, g_ptr_array_unref);
  g_clear_error (&data->pcsc_error);
  g_free (data->module_path);
  g_free (data);
}

static void
add (RunData        *data,
     const char     *id,
     EyDoctorStatus  status,
     const char     *summary,
     const char     *detail,
     const char     *fix)
{
  g_autoptr(EyDoctorFinding) finding = ey_doctor_finding_new (id, status, summary, detail, fix);

  g_debug ("%s: %s: %s", id, ey_doctor_status_to_string (status), summary);
  g_list_store_append (data->findings, finding);
}

static void
check_pcscd_installed (RunData *data)
{
  if (g_file_test (data->paths[EY_DOCTOR_PATH_PCSCD], G_FILE_TEST_IS_EXECUTABLE))
    add (data, EY_DOCTOR_CHECK_PCSCD_INSTALLED, EY_DOCTOR_STATUS_OK,
         _("The smart card service (pcscd) is installed."), NULL, NULL);
  else
    add (data, EY_DOCTOR_CHECK_PCSCD_INSTALLED, EY_DOCTOR_STATUS_FAIL,
         _("The smart card service (pcscd) is not installed."),
         _("Without it no card reader can be used. Install it with the command below."),
         "sudo apt install pcscd");
}

static gboolean
have_pcsc (RunData *data)
{
  return data->pcsc_state != EY_CARD_MONITOR_STATE_SERVICE_NOT_RUNNING;
}

static void
check_pcscd_running (RunData *data)
{
  /* One look serves this check and the reader and card checks.  On Debian pcscd is
   * socket-activated, so this is exactly what the card monitor will see.  A zero
   * timeout only reads the current state; it never waits for a card. */
  data->pcsc_state = EY_CARD_MONITOR_STATE_READY;
  data->readers = ey_card_snapshot_read (NULL, 0, &data->pcsc_state, &data->pcsc_error);

  if (have_pcsc (data))
    add (data, EY_DOCTOR_CHECK_PCSCD_RUNNING, EY_DOCTOR_STATUS_OK,
         _("The smart card service is running."), NULL, NULL);
  else
    add (data, EY_DOCTOR_CHECK_PCSCD_RUNNING, EY_DOCTOR_STATUS_FAIL,
         _("The smart card service is not running."),
         _("Start it, and enable it for every boot, with the command below."),
         g_file_test (data->paths[EY_DOCTOR_PATH_PCSCD], G_FILE_TEST_IS_EXECUTABLE)
           ? "sudo systemctl enable --now pcscd.socket && sudo systemctl restart pcscd.service"
           : "sudo apt install pcscd && sudo systemctl enable --now pcscd.socket");
}

static void
check_ccid_driver (RunData *data)
{
  data->have_ccid = g_file_test (data->paths[EY_DOCTOR_PATH_CCID_DRIVER], G_FILE_TEST_IS_DIR);

  if (data->have_ccid)
    add (data, EY_DOCTOR_CHECK_CCID_DRIVER, EY_DOCTOR_STATUS_OK,
         _("The driver for USB card readers (CCID) is installed."), NULL, NULL);
  else
    add (data, EY_DOCTOR_CHECK_CCID_DRIVER, EY_DOCTOR_STATUS_FAIL,
         _("The driver for USB card readers (CCID) is not installed."),
         _("Almost every USB card reader needs it."),
         "sudo apt install libccid && sudo systemctl restart pcscd.service");
}

static void
check_reader (RunData *data)
{
  if (!have_pcsc (data))
    {
      add (data, EY_DOCTOR_CHECK_READER, EY_DOCTOR_STATUS_FAIL,
           _("Card readers cannot be listed while the smart card service is not running."),
           NULL, NULL);
      return;
    }

  if (data->readers != NULL && data->readers->len > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; i < data->readers->len; i++)
        g_string_append_printf (list, "%s%s", i > 0 ? ", " : "",
                                ey_card_reader_get_name (g_ptr_array_index (data->readers, i)));
      add (data, EY_DOCTOR_CHECK_READER, EY_DOCTOR_STATUS_OK,
           _("A card reader is connected."), list->str, NULL);
      return;
    }

  if (data->pcsc_error != NULL)
    g_debug ("%s", ey_token_error_get_detail (data->pcsc_error));
  add (data, EY_DOCTOR_CHECK_READER, EY_DOCTOR_STATUS_FAIL,
       _("No card reader was found."),
       _("Plug in the card reader. If it is plugged in, restart the smart card "
         "service with the command below."),
       data->have_ccid ? "sudo systemctl restart pcscd.service"
                       : "sudo apt install libccid && sudo systemctl restart pcscd.service");
}

static void
check_card (RunData *data)
{
  gboolean mute = FALSE;

  if (data->readers == NULL && data->pcsc_error != NULL)
    {
      add (data, EY_DOCTOR_CHECK_CARD, EY_DOCTOR_STATUS_FAIL,
           _("The card readers could not be asked for a card."),
           _("Restart the smart card service with the command below."),
           "sudo systemctl restart pcscd.service");
      return;
    }
  if (data->readers == NULL || data->readers->len == 0)
    {
      add (data, EY_DOCTOR_CHECK_CARD, EY_DOCTOR_STATUS_WARN,
           _("No card can be seen without a card reader."), NULL, NULL);
      return;
    }

  for (guint i = 0; i < data->readers->len; i++)
    {
      EyCardReader *reader = g_ptr_array_index (data->readers, i);
      g_autofree char *summary = NULL;
      g_autofree char *detail = NULL;
      EyCardType *type;

      if (ey_card_reader_get_mute (reader))
        mute = TRUE;
      /* No type: no card, or a mute one (an unknown ATR gets OpenSC's). */
      type = ey_card_reader_get_card_type (reader);
      if (type == NULL)
        continue;
      data->card_type = type;

      detail = g_strdup_printf (_("Reader: %s; ATR: %s"), ey_card_reader_get_name (reader),
                                ey_card_reader_get_atr (reader));
      if (ey_card_type_is_fallback (type))
        add (data, EY_DOCTOR_CHECK_CARD, EY_DOCTOR_STATUS_WARN,
             _("The card in the reader is of an unknown type; the generic OpenSC driver "
               "will be tried."),
             detail, NULL);
      else if (!ey_card_type_is_nes_signing (type))
        {
          summary = g_strdup_printf (_("The card in the reader (%s) is not an e-signature card."),
                                     ey_card_type_get_name (type));
          add (data, EY_DOCTOR_CHECK_CARD, EY_DOCTOR_STATUS_WARN, summary, detail, NULL);
        }
      else
        {
          summary = g_strdup_printf (_("Card recognised: %s."), ey_card_type_get_name (type));
          add (data, EY_DOCTOR_CHECK_CARD, EY_DOCTOR_STATUS_OK, summary, detail, NULL);
        }
      return;
    }

  if (mute)
    add (data, EY_DOCTOR_CHECK_CARD, EY_DOCTOR_STATUS_FAIL,
         _("The card in the reader does not answer."),
         _("Take the card out and insert it again, chip first and facing up."), NULL);
  else
    add (data, EY_DOCTOR_CHECK_CARD, EY_DOCTOR_STATUS_WARN,
         _("No card is inserted."),
         _("Insert your e-signature card to check its driver and certificate."), NULL);
}

static gboolean
module_loads (const char  *path,
              char       **error_text)
{
  GModule *module;
  gpointer symbol = NULL;
  gboolean ok;

  /* Local binding keeps the vendor's symbols out of our namespace; lazy binding
   * because we only look, never call. */
  module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      *error_text = g_strdup (g_module_error ());
      return FALSE;
    }

  ok = g_module_symbol (module, "C_GetFunctionList", &symbol) && symbol != NULL;
  if (!ok)
    *error_text = g_strdup (g_module_error ());
  g_module_close (module);

  return ok;
}

static void
check_pkcs11_module (RunData *data)
{
  g_autofree char *error_text = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *detail = NULL;
  const char * const *modules;

  if (data->card_type == NULL)
    {
      add (data, EY_DOCTOR_CHECK_PKCS11_MODULE, EY_DOCTOR_STATUS_WARN,
           _("The card driver (PKCS#11 module) can be checked once a card is inserted."),
           NULL, NULL);
      return;
    }

  data->module_path = ey_card_type_find_module (data->card_type);
  modules = ey_card_type_get_modules (data->card_type, EY_CARD_OS_CURRENT);

  if (data->module_path == NULL)
    {
      g_auto(GStrv) candidates = ey_card_type_dup_module_paths (data->card_type);
      g_autofree char *looked = g_strjoinv (", ", candidates);

      summary = g_strdup_printf (_("The driver of the %s card (%s) is not installed."),
                                 ey_card_type_get_name (data->card_type),
                                 modules[0] != NULL ? modules[0] : "?");
      detail = g_strdup_printf (_("Install the card's driver from its vendor (for AKİS cards: "
                                  "the Linux driver on kamusm.bilgem.tubitak.gov.tr). "
                                  "Looked in: %s"), looked);
      add (data, EY_DOCTOR_CHECK_PKCS11_MODULE, EY_DOCTOR_STATUS_FAIL, summary, detail,
           ey_card_type_is_fallback (data->card_type) ? "sudo apt install opensc-pkcs11" : NULL);
      return;
    }

  if (!module_loads (data->module_path, &error_text))
    {
      g_autofree char *fix = NULL;

      g_debug ("loading %s: %s", data->module_path, error_text);
      summary = g_strdup_printf (_("The card driver %s cannot be loaded."), data->module_path);
      /* Vendor modules most often miss a library (an old libssl, libpcsclite.so
       * without .1): ldd names it. */
      fix = g_strdup_printf ("ldd %s | grep 'not found'", data->module_path);
      add (data, EY_DOCTOR_CHECK_PKCS11_MODULE, EY_DOCTOR_STATUS_FAIL, summary,
           _("The file is there but is not a working PKCS#11 module. The command below "
             "lists the libraries it cannot find; reinstall the driver from its vendor."),
           fix);
      g_clear_pointer (&data->module_path, g_free);
      return;
    }

  summary = g_strdup_printf (_("The card driver is installed and loads: %s."), data->module_path);
  add (data, EY_DOCTOR_CHECK_PKCS11_MODULE, EY_DOCTOR_STATUS_OK, summary, NULL, NULL);
}

static gboolean
same_file (const char *a,
           const char *b)
{
  g_autofree char *real_a = NULL;
  g_autofree char *real_b = NULL;

  if (g_strcmp0 (a, b) == 0)
    return TRUE;

  real_a = realpath (a, NULL);
  real_b = realpath (b, NULL);
  return real_a != NULL && real_b != NULL && strcmp (real_a, real_b) == 0;
}

static void
check_p11kit (RunData *data)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;
  g_autofree char *detail = NULL;
  CK_FUNCTION_LIST **modules;
  gboolean registered = FALSE;

  /* Loading without initializing: only the configuration and the dlopen. */
  modules = p11_kit_modules_load (NULL, 0);
  for (guint i = 0; modules != NULL && modules[i] != NULL; i++)
    {
      g_autofree char *filename = p11_kit_module_get_filename (modules[i]);
      g_autofree char *name = p11_kit_module_get_name (modules[i]);

      g_strv_builder_add (names, name != NULL ? name : "?");
      if (data->module_path != NULL && filename != NULL
          && same_file (filename, data->module_path))
        registered = TRUE;
    }
  if (modules != NULL)
    p11_kit_modules_release (modules);

  list = g_strv_builder_end (names);
  detail = g_strv_length (list) > 0 ? g_strjoinv (", ", list) : NULL;

  if (data->module_path == NULL)
    add (data, EY_DOCTOR_CHECK_P11KIT,
         list[0] != NULL ? EY_DOCTOR_STATUS_OK : EY_DOCTOR_STATUS_WARN,
         list[0] != NULL ? _("PKCS#11 modules are registered with p11-kit.")
                         : _("No PKCS#11 module is registered with p11-kit."),
         detail, NULL);
  else if (registered)
    add (data, EY_DOCTOR_CHECK_P11KIT, EY_DOCTOR_STATUS_OK,
         _("The card driver is registered with p11-kit."), detail, NULL);
  else
    {
      g_autofree char *base = g_path_get_basename (data->module_path);
      g_autofree char *stem = g_strdup (base);
      g_autofree char *fix = NULL;
      char *dot;

      if (g_str_has_prefix (stem, "lib"))
        memmove (stem, stem + 3, strlen (stem + 3) + 1);
      if ((dot = strchr (stem, '.')) != NULL)
        *dot = '\0';
      fix = g_strdup_printf ("echo 'module: %s' | sudo tee /etc/pkcs11/modules/%s.module",
                             data->module_path, stem);
      add (data, EY_DOCTOR_CHECK_P11KIT, EY_DOCTOR_STATUS_WARN,
           _("The card driver is not registered with p11-kit, so other programs (browsers, "
             "document signers) will not see the card."),
           detail, fix);
    }
}

/* Among certificates that no longer pass ey_certificate_pick_signing() (expired, say),
 * the one that lasted longest; NES (nonRepudiation) ones first.  Only ones with their
 * key on the token: p11-kit's trust module lists CA certificates as tokens too. */
static EyCertificate *
pick_any_signing (GPtrArray *certificates)
{
  EyCertificate *best = NULL;

  for (guint i = 0; i < certificates->len; i++)
    {
      EyCertificate *cert = g_ptr_array_index (certificates, i);
      EyKeyUsage usage = ey_certificate_get_key_usage (cert);
      gboolean nes = (usage & EY_KEY_USAGE_NON_REPUDIATION) != 0;

      if (!(usage & (EY_KEY_USAGE_DIGITAL_SIGNATURE | EY_KEY_USAGE_NON_REPUDIATION))
          || !ey_certificate_can_sign (cert))
        continue;
      if (best == NULL
          || nes > !!(ey_certificate_get_key_usage (best) & EY_KEY_USAGE_NON_REPUDIATION)
          || g_date_time_compare (ey_certificate_get_not_after (cert),
                                  ey_certificate_get_not_after (best)) > 0)
        best = cert;
    }

  return best;
}

static void
check_certificate (RunData *data)
{
  EyTokenManager *manager = ey_token_manager_get_default ();
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GPtrArray) certificates = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *detail = NULL;
  EyCertificate *best;
  EyToken *token;
  int days;

  /* The card's own module even when p11-kit does not know it: that is what the
   * renewal itself will use. */
  if (data->module_path != NULL)
    ey_token_manager_add_module (manager, data->module_path);

  tokens = ey_token_manager_list_tokens (manager, NULL, &error);
  if (tokens == NULL)
    g_debug ("listing tokens: %s", error->message);
  certificates = tokens != NULL ? ey_token_manager_collect_certificates (tokens)
                                : g_ptr_array_new ();

  best = ey_certificate_pick_signing (certificates, NULL, data->now);
  if (best == NULL)
    best = pick_any_signing (certificates);

  if (best == NULL)
    {
      add (data, EY_DOCTOR_CHECK_CERTIFICATE, EY_DOCTOR_STATUS_WARN,
           _("No signing certificate was found on any card."),
           data->card_type == NULL ? _("Insert your e-signature card.")
                                   : _("Without a valid certificate the application is made "
                                       "with a wet-signed undertaking instead."),
           NULL);
      return;
    }

  date = g_date_time_format (ey_certificate_get_not_after (best), "%x");
  days = ey_certificate_get_expires_in_days (best, data->now);
  token = ey_certificate_get_token (best);
  detail = g_strdup_printf ("%s%s%s", ey_certificate_get_holder_name (best),
                            token ? " — " : "", token ? ey_token_get_label (token) : "");

  if (g_date_time_compare (ey_certificate_get_not_after (best), data->now) <= 0)
    {
      summary = g_strdup_printf (_("The certificate expired on %s; apply with a wet-signed "
                                   "undertaking instead of an e-signature."), date);
      add (data, EY_DOCTOR_CHECK_CERTIFICATE, EY_DOCTOR_STATUS_WARN, summary, detail, NULL);
    }
  else if (days < URGENT_DAYS)
    {
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "The certificate expires on %s, in %d day: "
                                              "renew it now.",
                                              "The certificate expires on %s, in %d days: "
                                              "renew it now.",
                                              days),
                                 date, days);
      add (data, EY_DOCTOR_CHECK_CERTIFICATE, EY_DOCTOR_STATUS_WARN, summary, detail, NULL);
    }
  /* The same window the card status and `cards` show: the last three months. */
  else if (ey_certificate_is_renewal_window_open (best, data->now))
    {
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "The certificate is valid until %s (%d day "
                                              "left): it can be renewed now.",
                                              "The certificate is valid until %s (%d days "
                                              "left): it can be renewed now.",
                                              days),
                                 date, days);
      add (data, EY_DOCTOR_CHECK_CERTIFICATE, EY_DOCTOR_STATUS_OK, summary, detail, NULL);
    }
  else
    {
      summary = g_strdup_printf (_("The certificate is valid until %s; no renewal is due yet."),
                                 date);
      add (data, EY_DOCTOR_CHECK_CERTIFICATE, EY_DOCTOR_STATUS_OK, summary, detail, NULL);
    }
}

static void
check_tls (RunData *data)
{
  const char *bundle = data->paths[EY_DOCTOR_PATH_CA_BUNDLE];
  GTlsBackend *backend;
  GStatBuf st;

  if (g_stat (bundle, &st) == 0 && S_ISREG (st.st_mode) && st.st_size > 0)
    add (data, EY_DOCTOR_CHECK_TLS_TRUST, EY_DOCTOR_STATUS_OK,
         _("The list of trusted certificate authorities is present."), bundle, NULL);
  else
    add (data, EY_DOCTOR_CHECK_TLS_TRUST, EY_DOCTOR_STATUS_FAIL,
         _("The list of trusted certificate authorities is missing, so no secure "
           "connection to KamuSM can be checked."),
         bundle, "sudo apt install ca-certificates && sudo update-ca-certificates");

  /* GIO finds TLS through a loadable module (glib-networking); without it every
   * https:// request fails with "TLS support is not available". */
  backend = g_tls_backend_get_default ();
  if (g_tls_backend_supports_tls (backend))
    add (data, EY_DOCTOR_CHECK_TLS_BACKEND, EY_DOCTOR_STATUS_OK,
         _("Secure connections (TLS) are available."), G_OBJECT_TYPE_NAME (backend), NULL);
  else
    add (data, EY_DOCTOR_CHECK_TLS_BACKEND, EY_DOCTOR_STATUS_FAIL,
         _("Secure connections (TLS) are not available."),
         _("GLib's TLS module (glib-networking) is missing."),
         "sudo apt install glib-networking");
}

/* Which description of the site is in use: the built-in one, or one IT put
 * in the configuration folders (or --site-profile / EY_SITE_PROFILE), which
 * is announced like any site that is not KamuSM's. */
static void
check_site_profile (RunData *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EySiteProfile) builtin = ey_site_profile_new_default (NULL);
  g_autoptr(EySiteProfile) profile = ey_site_profile_load (NULL, &error);
  g_auto(GStrv) notes = NULL;
  g_autoptr(EySiteProfile) update = NULL;
  g_autofree char *described = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *detail = NULL;

  if (profile == NULL)
    {
      add (data, EY_DOCTOR_CHECK_SITE_PROFILE, EY_DOCTOR_STATUS_FAIL,
           _("The description of the KamuSM site cannot be read."), error->message,
           NULL);
      return;
    }
  if (builtin != NULL)
    update = ey_site_profile_find_update (builtin, NULL, &notes);
  described = ey_site_profile_describe (profile);
  /* Translators: %s says which profile ("built-in KamuSM profile, version 2") */
  summary = g_strdup_printf (_("Site profile in use: %s."), described);
  notice = ey_site_profile_get_notice (profile);
  detail = notes != NULL && notes[0] != NULL ? g_strjoinv ("\n", notes) : NULL;
  if (notice != NULL)
    {
      g_autofree char *both = detail ? g_strconcat (notice, "\n", detail, NULL) : g_strdup (notice);

      add (data, EY_DOCTOR_CHECK_SITE_PROFILE, EY_DOCTOR_STATUS_WARN, summary, both, NULL);
    }
  else if (detail != NULL)
    add (data, EY_DOCTOR_CHECK_SITE_PROFILE, EY_DOCTOR_STATUS_WARN, summary, detail, NULL);
  else
    add (data, EY_DOCTOR_CHECK_SITE_PROFILE, EY_DOCTOR_STATUS_OK, summary,
         ey_site_profile_get_origin (profile), NULL);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *data = task_data;
  /* One table, run in order: later checks read what earlier ones found. */
  static void (* const checks[]) (RunData *) = {
    check_pcscd_installed,
    check_pcscd_running,
    check_ccid_driver,
    check_reader,
    check_card,
    check_pkcs11_module,
    check_p11kit,
    check_certificate,
    check_tls,
    check_site_profile,
  };

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      if (g_task_return_error_if_cancelled (task))
        return;
      checks[i] (data);
    }

  g_task_return_pointer (task, g_object_ref (data->findings), g_object_unref);
}

static void
ey_doctor_finalize (GObject *object)
{
  EyDoctor *self = EY_DOCTOR (object);

  for (guint i = 0; i < EY_DOCTOR_N_PATHS; i++)
    g_free (self->paths[i]);
  g_clear_pointer (&self->now, g_date_time_unref);

  G_OBJECT_CLASS (ey_doctor_parent_class)->finalize (object);
}

static void
ey_doctor_class_init (EyDoctorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ey_doctor_finalize;
}

static void
ey_doctor_init (EyDoctor *self)
{
}

EyDoctor *
ey_doctor_new (void)
{
  return g_object_new (EY_TYPE_DOCTOR, NULL);
}

void
ey_doctor_run_async (EyDoctor            *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (EY_IS_DOCTOR (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ey_doctor_run_async);

  data = g_new0 (RunData, 1);
  for (guint i = 0; i < EY_DOCTOR_N_PATHS; i++)
    data->paths[i] = g_strdup (self->paths[i] ? self->paths[i] : default_paths[i]);
  data->now = self->now ? g_date_time_ref (self->now) : g_date_time_new_now_utc ();
  data->findings = g_list_store_new (EY_TYPE_DOCTOR_FINDING);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);

  /* Loads the card DB on this thread: its first use must not race the worker. */
  ey_card_db_get_default ();

  g_task_run_in_thread (task, run_thread);
}

GListModel *
ey_doctor_run_finish (EyDoctor      *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (EY_IS_DOCTOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

EyDoctorStatus
ey_doctor_worst_status (GListModel *findings)
{
  EyDoctorStatus worst = EY_DOCTOR_STATUS_OK;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (findings), EY_DOCTOR_STATUS_FAIL);

  n = g_list_model_get_n_items (findings);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EyDoctorFinding) finding = g_list_model_get_item (findings, i);

      worst = MAX (worst, ey_doctor_finding_get_status (finding));
    }

  return worst;
}

void
_ey_doctor_set_path (EyDoctor     *self,
                     EyDoctorPath  which,
                     const char   *path)
{
  g_return_if_fail (EY_IS_DOCTOR (self));
  g_return_if_fail (which < EY_DOCTOR_N_PATHS);

  g_free (self->paths[which]);
  self->paths[which] = g_strdup (path);
}

void
_ey_doctor_set_now (EyDoctor  *self,
                    GDateTime *now)
{
  g_return_if_fail (EY_IS_DOCTOR (self));

  g_clear_pointer (&self->now, g_date_time_unref);
  if (now != NULL)
    self->now = g_date_time_ref (now);
}
