/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-cli-cards"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include <glib/gi18n.h>

#include "ey-cli.h"
#include "ey-card-monitor.h"
#include "ey-card-snapshot.h"
#include "ey-token-error.h"
#include "ey-token-manager.h"
#include "ey-reminder.h"

/*
 * eimza-yenile-cli cards [--json]: readers and cards (PC/SC), tokens and their
 * certificates (PKCS#11).  The JSON schema is documented in docs/cli.md; bump
 * SCHEMA_VERSION when a member changes meaning or goes away (adding one does not).
 */
#define SCHEMA_VERSION 1

/* How long pcscd may take to tell the readers' states: it answers at once unless a
 * card is being powered up, and a just-inserted or mute card should show as such. */
#define STATUS_TIMEOUT_MS 5000

/* One reader as it was when we looked. */
typedef struct
{
  EyCardReader *reader;
  char         *module_path;   /* the card type's installed PKCS#11 module, or NULL */
} ReaderInfo;

static void
reader_info_free (ReaderInfo *info)
{
  g_clear_object (&info->reader);
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

static GPtrArray *
snapshot_readers (EyCardMonitorState *state)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) readers = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *infos = g_ptr_array_new_with_free_func ((GDestroyNotify) reader_info_free);

  /* One look, not the card monitor: see ey-card-snapshot.h for why. */
  ey_card_snapshot_read_async (NULL, STATUS_TIMEOUT_MS, NULL, ey_cli_store_result_cb, &result);
  readers = ey_card_snapshot_read_finish (ey_cli_wait (&result), state, &error);
  if (readers == NULL)
    {
      /* pcscd runs but would not tell the states: list nothing rather than guess. */
      g_debug ("%s (%s)", error->message, ey_token_error_get_detail (error));
      *state = EY_CARD_MONITOR_STATE_READY;
      return infos;
    }

  for (guint i = 0; i < readers->len; i++)
    {
      EyCardReader *reader = g_ptr_array_index (readers, i);
      EyCardType *type = ey_card_reader_get_card_type (reader);
      ReaderInfo *info = g_new0 (ReaderInfo, 1);

      info->reader = g_object_ref (reader);
      info->module_path = type ? ey_card_type_find_module (type) : NULL;
      g_ptr_array_add (infos, info);
    }

  return infos;
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
      EyCardType *type = ey_card_reader_get_card_type (info->reader);

      if (type != NULL)
        ey_token_manager_add_card_type (manager, type);
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
  EyCardType *type = ey_card_reader_get_card_type (info->reader);

  json_builder_begin_object (b);
  add_string_or_null (b, "name", ey_card_reader_get_name (info->reader));
  add_boolean (b, "card_present", ey_card_reader_get_has_card (info->reader));
  add_boolean (b, "card_mute", ey_card_reader_get_mute (info->reader));
  add_string_or_null (b, "atr", ey_card_reader_get_atr (info->reader));
  add_string_or_null (b, "card_type", type ? ey_card_type_get_id (type) : NULL);
  add_string_or_null (b, "card_type_name", type ? ey_card_type_get_name (type) : NULL);
  add_boolean (b, "nes_signing_card",
               type != NULL && ey_card_type_is_nes_signing (type));
  json_builder_set_member_name (b, "pkcs11_modules");
  json_builder_begin_array (b);
  if (type != NULL)
    {
      const char * const *modules = ey_card_type_get_modules (type, EY_CARD_OS_CURRENT);

      for (guint i = 0; modules[i] != NULL; i++)
        json_builder_add_string_value (b, modules[i]);
    }
  json_builder_end_array (b);
  add_string_or_null (b, "pkcs11_module_path", info->module_path);
  add_string_or_null (b, "status", ey_card_reader_get_status (info->reader));
  add_string_or_null (b, "hint", ey_card_reader_get_hint (info->reader));
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

  ey_cli_print_json (b);
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
  EyCardType *type = ey_card_reader_get_card_type (info->reader);
  const char *hint = ey_card_reader_get_hint (info->reader);
  const char *atr = ey_card_reader_get_atr (info->reader);

  g_print ("  %s\n", ey_card_reader_get_name (info->reader));
  print_field (L_CARD, ey_card_reader_get_status (info->reader));
  /* Without a card the hint is only "insert your card": noise with several readers. */
  if (ey_card_reader_get_has_card (info->reader) && hint != NULL && *hint != '\0')
    print_more (hint);
  if (atr != NULL)
    print_field (L_ATR, atr);
  if (type != NULL && !ey_card_type_is_fallback (type))
    {
      if (info->module_path != NULL)
        print_field (L_DRIVER, info->module_path);
      else if (ey_card_type_get_modules (type, EY_CARD_OS_CURRENT)[0] != NULL)
        {
          const char * const *modules = ey_card_type_get_modules (type,
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

/* ---- reminder ----------------------------------------------------------------------- */

/* The card's own NES certificates feed the login reminder (its end date and holder
 * name only); a newer one of the same holder is the new card of a renewal. */
static void
remember_certificates (Report   *report,
                       gboolean  say)
{
  g_autoptr(EyReminder) reminder = ey_reminder_new_default ();
  g_autoptr(GPtrArray) certs = NULL;

  if (report->tokens == NULL || !ey_reminder_is_available (reminder))
    return;
  certs = ey_token_manager_collect_certificates (report->tokens);
  /* The one in use (it ends first) is remembered before a renewal's new card is met. */
  g_ptr_array_sort (certs, ey_certificate_compare_not_after);
  for (guint i = 0; i < certs->len; i++)
    {
      EyCertificate *cert = g_ptr_array_index (certs, i);
      EyReminderSeen seen;

      if (!ey_certificate_is_nes (cert))
        continue;
      seen = ey_reminder_certificate_seen (reminder, ey_certificate_get_holder_name (cert),
                                           ey_certificate_get_not_after (cert), report->now);
      if (seen == EY_REMINDER_SEEN_NEW_CARD && say)
        {
          g_autofree char *text =
            ey_reminder_describe_new_card (ey_certificate_get_not_before (cert));

          g_print ("\n%s\n%s\n", text, ey_reminder_describe_new_pin ());
        }
    }
}

/* ---- command ------------------------------------------------------------------------ */

int
ey_cli_cards (int    argc,
              char **argv)
{
  g_autoptr(Report) report = NULL;
  gboolean json = FALSE;

  if (!ey_cli_parse_json_only (&argc, &argv,
                               _("Lists card readers, cards, tokens and their certificates: "
                                 "who they belong to, until when they are valid, whether they "
                                 "can sign and whether they can be renewed now. Exits with 1 "
                                 "when the card service (pcscd) is not running or no PKCS#11 "
                                 "module could be loaded; what could be read is still "
                                 "listed."),
                               N_("Print the result as JSON"), &json))
    return EY_CLI_EXIT_USAGE;

  report = gather ();
  if (json)
    print_json (report);
  else
    print_text (report);
  remember_certificates (report, !json);

  if (report->state == EY_CARD_MONITOR_STATE_SERVICE_NOT_RUNNING || report->tokens == NULL)
    return EY_CLI_EXIT_FAILED;
  return EY_CLI_EXIT_OK;
}
