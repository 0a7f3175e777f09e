/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-cli-cards"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <winscard.h>
#include <pcsclite.h>

#include <glib/gi18n.h>

#include "ey-cli.h"
#include "ey-card-monitor.h"
/* For EyCardReader objects outside the monitor; see snapshot_readers (). */
#include "ey-card-reader-private.h"
#include "ey-token-manager.h"

/*
 * eimza-yenile-cli cards [--json]: readers and cards (PC/SC), tokens and their
 * certificates (PKCS#11).  The JSON schema is documented in docs/cli.md; bump
 * SCHEMA_VERSION when a member changes meaning or goes away (adding one does not).
 */
#define SCHEMA_VERSION 1

/* How long pcscd may take to tell the readers' states (it answers at once unless a
 * card is being powered up). */
#define STATUS_TIMEOUT_MS 5000

/* One reader as it was when we looked. */
typedef struct
{
  char       *name;
  gboolean    has_card;
  gboolean    mute;
  char       *atr;
  EyCardType *card_type;
  char       *status;
  char       *hint;
  char       *module_path;   /* the card type's installed PKCS#11 module, or NULL */
} ReaderInfo;

static void
reader_info_free (ReaderInfo *info)
{
  g_free (info->name);
  g_free (info->atr);
  g_clear_object (&info->card_type);
  g_free (info->status);
  g_free (info->hint);
  g_free (info->module_path);
  g_free (info);
}

typedef struct
{
  EyCardMonitorState  state;
  GPtrArray          *readers;   /* ReaderInfo */
  GPtrArray          *tokens;    /* EyToken, NULL when listing failed */
  GError             *tokens_error;
  GDateTime          *now;
} Report;

static void
report_free (Report *report)
{
  g_clear_pointer (&report->readers, g_ptr_array_unref);
  g_clear_pointer (&report->tokens, g_ptr_array_unref);
  g_clear_error (&report->tokens_error);
  g_clear_pointer (&report->now, g_date_time_unref);
  g_free (report);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Report, report_free)

/* ---- gathering ------------------------------------------------------------------ */

/*
 * One look at PC/SC, not the card monitor: the monitor is made to watch, and nothing it
 * emits says "every reader's first state is in" (an empty reader emits nothing), so a
 * one-shot listing would have to guess when it is complete.  SCardGetStatusChange ()
 * with every reader UNAWARE returns exactly when pcscd has told all states.  The
 * readers are then EyCardReader objects, so status and hint read as in the application.
 */
typedef struct
{
  char     *name;
  GBytes   *atr;    /* NULL: no card, or a mute one */
  gboolean  mute;
} PcscReader;

static void
pcsc_reader_free (PcscReader *reader)
{
  g_free (reader->name);
  g_clear_pointer (&reader->atr, g_bytes_unref);
  g_free (reader);
}

typedef struct
{
  EyCardMonitorState  state;
  GPtrArray          *readers;   /* PcscReader */
} PcscSnapshot;

static void
pcsc_snapshot_free (PcscSnapshot *snap)
{
  g_ptr_array_unref (snap->readers);
  g_free (snap);
}

static gboolean
is_service_error (LONG rv)
{
  return rv == SCARD_E_NO_SERVICE || rv == SCARD_E_SERVICE_STOPPED ||
         rv == SCARD_F_COMM_ERROR || rv == SCARD_E_INVALID_HANDLE;
}

static void
pcsc_snapshot_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  PcscSnapshot *snap = task_data;
  SCARDCONTEXT context;
  LPSTR names = NULL;
  DWORD names_len = SCARD_AUTOALLOCATE;
  g_autofree SCARD_READERSTATE *states = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  LONG rv;

  rv = SCardEstablishContext (SCARD_SCOPE_SYSTEM, NULL, NULL, &context);
  if (rv != SCARD_S_SUCCESS)
    {
      g_debug ("SCardEstablishContext: %s (0x%lx)", pcsc_stringify_error (rv), (gulong) rv);
      snap->state = EY_CARD_MONITOR_STATE_SERVICE_NOT_RUNNING;
      g_task_return_boolean (task, TRUE);
      return;
    }

  rv = SCardListReaders (context, NULL, (LPSTR) &names, &names_len);
  if (rv != SCARD_S_SUCCESS)
    {
      g_debug ("SCardListReaders: %s (0x%lx)", pcsc_stringify_error (rv), (gulong) rv);
      snap->state = is_service_error (rv) ? EY_CARD_MONITOR_STATE_SERVICE_NOT_RUNNING
                                          : EY_CARD_MONITOR_STATE_NO_READER;
      SCardReleaseContext (context);
      g_task_return_boolean (task, TRUE);
      return;
    }

  for (const char *p = names; *p != '\0'; p += strlen (p) + 1)
    g_ptr_array_add (list, (gpointer) p);
  states = g_new0 (SCARD_READERSTATE, MAX (list->len, 1));
  for (guint i = 0; i < list->len; i++)
    {
      states[i].szReader = g_ptr_array_index (list, i);
      states[i].dwCurrentState = SCARD_STATE_UNAWARE;
    }

  rv = list->len > 0 ? SCardGetStatusChange (context, STATUS_TIMEOUT_MS, states, list->len)
                     : SCARD_S_SUCCESS;
  if (rv != SCARD_S_SUCCESS)
    g_debug ("SCardGetStatusChange: %s (0x%lx)", pcsc_stringify_error (rv), (gulong) rv);
  if (is_service_error (rv))
    snap->state = EY_CARD_MONITOR_STATE_SERVICE_NOT_RUNNING;
  else
    snap->state = list->len > 0 ? EY_CARD_MONITOR_STATE_READY : EY_CARD_MONITOR_STATE_NO_READER;

  for (guint i = 0; snap->state == EY_CARD_MONITOR_STATE_READY && i < list->len; i++)
    {
      PcscReader *reader = g_new0 (PcscReader, 1);
      /* After a timeout the states are not known: shown as empty readers. */
      DWORD ev = rv == SCARD_S_SUCCESS ? states[i].dwEventState : 0;
      gboolean gone = (ev & (SCARD_STATE_UNKNOWN | SCARD_STATE_UNAVAILABLE |
                             SCARD_STATE_IGNORE)) != 0;
      gboolean present = !gone && (ev & SCARD_STATE_PRESENT) != 0;

      reader->name = g_strdup (states[i].szReader);
      reader->mute = present && (ev & SCARD_STATE_MUTE) != 0;
      if (present && !reader->mute && states[i].cbAtr > 0)
        reader->atr = g_bytes_new (states[i].rgbAtr, MIN (states[i].cbAtr,
                                                          sizeof states[i].rgbAtr));
      g_ptr_array_add (snap->readers, reader);
    }

  SCardFreeMemory (context, names);
  SCardReleaseContext (context);
  g_task_return_boolean (task, TRUE);
}

static GPtrArray *
snapshot_readers (EyCardMonitorState *state)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GPtrArray *readers = g_ptr_array_new_with_free_func ((GDestroyNotify) reader_info_free);
  EyCardDb *db = ey_card_db_get_default ();
  PcscSnapshot *snap = g_new0 (PcscSnapshot, 1);

  snap->readers = g_ptr_array_new_with_free_func ((GDestroyNotify) pcsc_reader_free);
  /* PC/SC calls block: in a worker thread, like everything that talks to a card. */
  task = g_task_new (NULL, NULL, ey_cli_store_result_cb, &result);
  g_task_set_source_tag (task, snapshot_readers);
  g_task_set_task_data (task, snap, (GDestroyNotify) pcsc_snapshot_free);
  g_task_run_in_thread (task, pcsc_snapshot_thread);
  g_task_propagate_boolean (G_TASK (ey_cli_wait (&result)), NULL);

  *state = snap->state;
  for (guint i = 0; i < snap->readers->len; i++)
    {
      PcscReader *pr = g_ptr_array_index (snap->readers, i);
      g_autoptr(EyCardReader) reader = _ey_card_reader_new (pr->name);
      EyCardType *type = pr->atr != NULL ? ey_card_db_lookup (db, pr->atr) : NULL;
      ReaderInfo *info = g_new0 (ReaderInfo, 1);

      _ey_card_reader_set_card (reader, pr->atr, type, pr->mute);
      info->name = g_strdup (pr->name);
      info->has_card = ey_card_reader_get_has_card (reader);
      info->mute = ey_card_reader_get_mute (reader);
      info->atr = g_strdup (ey_card_reader_get_atr (reader));
      info->card_type = type ? g_object_ref (type) : NULL;
      info->status = g_strdup (ey_card_reader_get_status (reader));
      info->hint = g_strdup (ey_card_reader_get_hint (reader));
      info->module_path = type ? ey_card_type_find_module (type) : NULL;
      g_ptr_array_add (readers, info);
    }

  return readers;
}

static Report *
gather (void)
{
  g_autoptr(Report) report = g_new0 (Report, 1);
  g_autoptr(EyTokenManager) manager = ey_token_manager_new ();
  g_autoptr(GAsyncResult) result = NULL;

  report->readers = snapshot_readers (&report->state);

  /* Besides the modules p11-kit knows, try the vendor module of each inserted card
   * (e.g. AKİS's libakisp11.so, which is usually not registered). */
  for (guint i = 0; i < report->readers->len; i++)
    {
      ReaderInfo *info = g_ptr_array_index (report->readers, i);

      if (info->card_type != NULL)
        ey_token_manager_add_card_type (manager, info->card_type);
    }

  /* PKCS#11 calls may block: the manager runs them in a worker thread. */
  ey_token_manager_list_tokens_async (manager, NULL, ey_cli_store_result_cb, &result);
  report->tokens = ey_token_manager_list_tokens_finish (manager, ey_cli_wait (&result),
                                                        &report->tokens_error);
  report->now = g_date_time_new_now_utc ();
  return g_steal_pointer (&report);
}

/* ---- shared wording -------------------------------------------------------------- */

static const char *
enum_nick (GType type,
           int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value (klass, value);

  return v ? v->value_nick : "unknown";
}

static const char *
certificate_status (EyCertificate *cert,
                    GDateTime     *now)
{
  if (ey_certificate_is_valid_at (cert, now))
    return "valid";
  if (g_date_time_compare (now, ey_certificate_get_not_before (cert)) < 0)
    return "not-yet-valid";
  return "expired";
}

/* ---- JSON ------------------------------------------------------------------------ */

static void
add_string_or_null (JsonBuilder *b,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (b, member);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_boolean (JsonBuilder *b,
             const char  *member,
             gboolean     value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_boolean_value (b, value);
}

static void
add_time (JsonBuilder *b,
          const char  *member,
          GDateTime   *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);
  g_autofree char *text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");

  add_string_or_null (b, member, text);
}

static void
build_reader (JsonBuilder *b,
              ReaderInfo  *info)
{
  json_builder_begin_object (b);
  add_string_or_null (b, "name", info->name);
  add_boolean (b, "card_present", info->has_card);
  add_boolean (b, "card_mute", info->mute);
  add_string_or_null (b, "atr", info->atr);
  add_string_or_null (b, "card_type", info->card_type ? ey_card_type_get_id (info->card_type)
                                                      : NULL);
  add_string_or_null (b, "card_type_name",
                      info->card_type ? ey_card_type_get_name (info->card_type) : NULL);
  add_boolean (b, "nes_signing_card",
               info->card_type != NULL && ey_card_type_is_nes_signing (info->card_type));
  json_builder_set_member_name (b, "pkcs11_modules");
  json_builder_begin_array (b);
  if (info->card_type != NULL)
    {
      const char * const *modules = ey_card_type_get_modules (info->card_type,
                                                              EY_CARD_OS_CURRENT);

      for (guint i = 0; modules[i] != NULL; i++)
        json_builder_add_string_value (b, modules[i]);
    }
  json_builder_end_array (b);
  add_string_or_null (b, "pkcs11_module_path", info->module_path);
  add_string_or_null (b, "status", info->status);
  add_string_or_null (b, "hint", info->hint);
  json_builder_end_object (b);
}

static void
build_certificate (JsonBuilder   *b,
                   EyCertificate *cert,
                   GDateTime     *now)
{
  EyKeyUsage usage = ey_certificate_get_key_usage (cert);
  g_autoptr(GFlagsClass) usage_class = g_type_class_ref (EY_TYPE_KEY_USAGE);

  json_builder_begin_object (b);
  add_string_or_null (b, "holder_name", ey_certificate_get_holder_name (cert));
  add_string_or_null (b, "identity_number", ey_certificate_get_identity_number (cert));
  add_string_or_null (b, "subject", ey_certificate_get_subject_dn (cert));
  add_string_or_null (b, "issuer_name", ey_certificate_get_issuer_name (cert));
  add_string_or_null (b, "issuer", ey_certificate_get_issuer_dn (cert));
  add_string_or_null (b, "serial", ey_certificate_get_serial (cert));
  add_string_or_null (b, "sha256_fingerprint", ey_certificate_get_fingerprint (cert));
  add_time (b, "not_before", ey_certificate_get_not_before (cert));
  add_time (b, "not_after", ey_certificate_get_not_after (cert));
  json_builder_set_member_name (b, "days_left");
  json_builder_add_int_value (b, ey_certificate_get_expires_in_days (cert, now));
  add_string_or_null (b, "validity", certificate_status (cert, now));
  json_builder_set_member_name (b, "key_usage");
  json_builder_begin_array (b);
  for (guint i = 0; i < usage_class->n_values; i++)
    if (usage & usage_class->values[i].value)
      json_builder_add_string_value (b, usage_class->values[i].value_nick);
  json_builder_end_array (b);
  add_boolean (b, "qualified", ey_certificate_is_qualified (cert));
  add_boolean (b, "has_private_key", ey_certificate_can_sign (cert));
  add_boolean (b, "nes_signing", ey_certificate_is_nes_signing (cert, now));
  add_boolean (b, "renewal_window_open", ey_certificate_is_renewal_window_open (cert, now));
  add_string_or_null (b, "url", ey_certificate_get_url (cert));
  json_builder_end_object (b);
}

static void
build_token (JsonBuilder *b,
             EyToken     *token,
             GDateTime   *now)
{
  EyPinFlags pin = ey_token_get_pin_flags (token);
  GPtrArray *certs = ey_token_get_certificates (token);

  json_builder_begin_object (b);
  add_string_or_null (b, "label", ey_token_get_label (token));
  add_string_or_null (b, "model", ey_token_get_model (token));
  add_string_or_null (b, "manufacturer", ey_token_get_manufacturer (token));
  add_string_or_null (b, "serial", ey_token_get_serial (token));
  add_string_or_null (b, "module", ey_token_get_module_name (token));
  add_string_or_null (b, "url", ey_token_get_url (token));
  json_builder_set_member_name (b, "pin");
  json_builder_begin_object (b);
  add_boolean (b, "count_low", (pin & EY_PIN_COUNT_LOW) != 0);
  add_boolean (b, "final_try", (pin & EY_PIN_FINAL_TRY) != 0);
  add_boolean (b, "locked", (pin & EY_PIN_LOCKED) != 0);
  add_boolean (b, "pin_pad", (pin & EY_PIN_PAD) != 0);
  add_boolean (b, "to_be_changed", (pin & EY_PIN_TO_BE_CHANGED) != 0);
  add_string_or_null (b, "message", ey_pin_flags_describe (pin));
  json_builder_end_object (b);
  json_builder_set_member_name (b, "certificates");
  json_builder_begin_array (b);
  for (guint i = 0; certs != NULL && i < certs->len; i++)
    build_certificate (b, g_ptr_array_index (certs, i), now);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
print_json (Report *report)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "schema_version");
  json_builder_add_int_value (b, SCHEMA_VERSION);
  add_time (b, "checked_at", report->now);

  json_builder_set_member_name (b, "card_service");
  json_builder_begin_object (b);
  add_string_or_null (b, "state", enum_nick (EY_TYPE_CARD_MONITOR_STATE, report->state));
  add_boolean (b, "running", report->state == EY_CARD_MONITOR_STATE_READY ||
                             report->state == EY_CARD_MONITOR_STATE_NO_READER);
  add_string_or_null (b, "message", ey_card_monitor_state_get_description (report->state));
  add_string_or_null (b, "hint", ey_card_monitor_state_get_hint (report->state));
  json_builder_end_object (b);

  json_builder_set_member_name (b, "readers");
  json_builder_begin_array (b);
  for (guint i = 0; i < report->readers->len; i++)
    build_reader (b, g_ptr_array_index (report->readers, i));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "tokens");
  json_builder_begin_array (b);
  for (guint i = 0; report->tokens != NULL && i < report->tokens->len; i++)
    build_token (b, g_ptr_array_index (report->tokens, i), report->now);
  json_builder_end_array (b);
  add_string_or_null (b, "tokens_error",
                      report->tokens_error ? report->tokens_error->message : NULL);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  /* JSON is UTF-8 by definition: write the bytes, not through the locale's charset. */
  fputs (text, stdout);
  fputc ('\n', stdout);
}

/* ---- text ------------------------------------------------------------------------ */

/* Field labels, translated once, so that the values line up in one column whatever
 * the language. */
enum
{
  L_CARD, L_ATR, L_DRIVER, L_MODEL, L_SERIAL, L_MODULE, L_PIN, L_CERTIFICATE,
  L_IDENTITY, L_ISSUER, L_NOT_BEFORE, L_NOT_AFTER, L_NES, L_RENEWAL, N_LABELS
};

static const char *labels[N_LABELS] = {
  N_("Card"), N_("ATR"), N_("Driver"), N_("Model"), N_("Serial number"), N_("Module"),
  N_("PIN"), N_("Certificate"), N_("Identity number"), N_("Issuer"), N_("Valid from"),
  N_("Valid until"), N_("NES signing"), N_("Renewal"),
};

#define FIELD_INDENT 4

static glong label_width;

static void
print_field (int         label,
             const char *value)
{
  const char *text = _(labels[label]);
  glong pad = label_width - g_utf8_strlen (text, -1) + 2;

  g_print ("%*s%s%*s%s\n", FIELD_INDENT, "", text, (int) pad, "", value ? value : "");
}

/* A second line of a field: only the value column. */
static void
print_more (const char *value)
{
  g_print ("%*s%s\n", (int) (FIELD_INDENT + label_width + 2), "", value);
}

static char *
format_local (GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static void
print_reader (ReaderInfo *info)
{
  g_print ("  %s\n", info->name);
  print_field (L_CARD, info->status);
  /* Without a card the hint is only "insert your card": noise with several readers. */
  if (info->has_card && info->hint != NULL && *info->hint != '\0')
    print_more (info->hint);
  if (info->atr != NULL)
    print_field (L_ATR, info->atr);
  if (info->card_type != NULL && !ey_card_type_is_fallback (info->card_type))
    {
      if (info->module_path != NULL)
        print_field (L_DRIVER, info->module_path);
      else if (ey_card_type_get_modules (info->card_type, EY_CARD_OS_CURRENT)[0] != NULL)
        {
          const char * const *modules = ey_card_type_get_modules (info->card_type,
                                                                  EY_CARD_OS_CURRENT);
          g_autofree char *names = g_strjoinv (", ", (char **) modules);
          /* Translators: %s is a list of PKCS#11 module file names. */
          g_autofree char *text = g_strdup_printf (_("not installed (%s)"), names);

          print_field (L_DRIVER, text);
        }
    }
}

static void
print_certificate (EyCertificate *cert,
                   GDateTime     *now)
{
  const char *id = ey_certificate_get_identity_number (cert);
  const char *status = certificate_status (cert, now);
  int days = ey_certificate_get_expires_in_days (cert, now);
  g_autofree char *from = format_local (ey_certificate_get_not_before (cert));
  g_autofree char *until = format_local (ey_certificate_get_not_after (cert));
  g_autofree char *until_text = NULL;
  const char *nes;
  const char *renewal;

  if (strcmp (status, "expired") == 0)
    until_text = g_strdup_printf (ngettext ("%s (expired %d day ago)",
                                            "%s (expired %d days ago)", -days),
                                  until, -days);
  else if (strcmp (status, "not-yet-valid") == 0)
    until_text = g_strdup_printf (_("%s (not valid yet)"), until);
  else
    until_text = g_strdup_printf (ngettext ("%s (%d day left)", "%s (%d days left)", days),
                                  until, days);

  if (ey_certificate_is_nes_signing (cert, now))
    nes = ey_certificate_can_sign (cert)
        ? _("yes: a qualified signing certificate, its key is on the card")
        : _("a qualified signing certificate, but its key is not on this card");
  else if (strcmp (status, "valid") != 0 &&
           (ey_certificate_get_key_usage (cert) & EY_KEY_USAGE_NON_REPUDIATION) &&
           ey_certificate_is_qualified (cert))
    nes = _("no: the certificate is not valid now");
  else
    nes = _("no: not a qualified signing certificate");

  if (ey_certificate_is_renewal_window_open (cert, now))
    renewal = _("open: the certificate can be renewed now");
  else if (strcmp (status, "expired") == 0)
    renewal = _("too late: an expired certificate needs a new application");
  else
    renewal = _("not yet: renewal opens three months before the end");

  g_print ("\n");
  print_field (L_CERTIFICATE, ey_certificate_get_holder_name (cert));
  print_field (L_IDENTITY, id ? id : _("(none)"));
  print_field (L_ISSUER, ey_certificate_get_issuer_name (cert));
  print_field (L_NOT_BEFORE, from);
  print_field (L_NOT_AFTER, until_text);
  print_field (L_NES, nes);
  print_field (L_RENEWAL, renewal);
}

static void
print_token (EyToken   *token,
             GDateTime *now)
{
  EyPinFlags pin = ey_token_get_pin_flags (token);
  const char *pin_text = ey_pin_flags_describe (pin);
  GPtrArray *certs = ey_token_get_certificates (token);
  const char *label = ey_token_get_label (token);

  g_print ("  %s\n", label && *label ? label : _("(no label)"));
  print_field (L_MODEL, ey_token_get_model (token));
  print_field (L_SERIAL, ey_token_get_serial (token));
  print_field (L_MODULE, ey_token_get_module_name (token));
  print_field (L_PIN, pin_text ? pin_text : _("no wrong tries reported"));
  if (pin & EY_PIN_PAD)
    print_more (_("The reader has a PIN pad: type the PIN on the reader."));

  if (certs == NULL || certs->len == 0)
    print_field (L_CERTIFICATE, _("none on this token"));
  for (guint i = 0; certs != NULL && i < certs->len; i++)
    print_certificate (g_ptr_array_index (certs, i), now);
}

static void
print_text (Report *report)
{
  const char *hint = ey_card_monitor_state_get_hint (report->state);

  label_width = 0;
  for (guint i = 0; i < N_LABELS; i++)
    label_width = MAX (label_width, g_utf8_strlen (_(labels[i]), -1));

  g_print ("%s\n", _("Card readers"));
  if (report->readers->len == 0)
    {
      g_print ("  %s\n", ey_card_monitor_state_get_description (report->state));
      if (hint != NULL && *hint != '\0')
        g_print ("  %s\n", hint);
    }
  for (guint i = 0; i < report->readers->len; i++)
    print_reader (g_ptr_array_index (report->readers, i));

  g_print ("\n%s\n", _("Tokens"));
  if (report->tokens == NULL)
    g_print ("  %s\n", report->tokens_error ? report->tokens_error->message : "");
  else if (report->tokens->len == 0)
    g_print ("  %s\n", _("No token found. Insert your e-signature card; if it is inserted, "
                         "install the card’s PKCS#11 module."));
  for (guint i = 0; report->tokens != NULL && i < report->tokens->len; i++)
    {
      if (i > 0)
        g_print ("\n");
      print_token (g_ptr_array_index (report->tokens, i), report->now);
    }
}

/* ---- command ------------------------------------------------------------------------ */

int
ey_cli_cards (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Report) report = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Lists card readers, cards, tokens and their certificates: "
                                  "who they belong to, until when they are valid, whether they "
                                  "can sign and whether they can be renewed now. Exits with 1 "
                                  "when the card service (pcscd) is not running or no PKCS#11 "
                                  "module could be loaded; what could be read is still "
                                  "listed."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 1)
    {
      g_printerr ("%s\n", error ? error->message : _("This command takes no arguments."));
      return EY_CLI_EXIT_USAGE;
    }

  report = gather ();
  if (json)
    print_json (report);
  else
    print_text (report);

  if (report->state == EY_CARD_MONITOR_STATE_SERVICE_NOT_RUNNING || report->tokens == NULL)
    return EY_CLI_EXIT_FAILED;
  return EY_CLI_EXIT_OK;
}
