/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-cli-sign"

#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "ey-cli.h"
#include "ey-cli-renew.h"
#include "ey-certificate.h"
#include "ey-pin.h"
#include "ey-signer.h"
#include "ey-token.h"
#include "ey-token-error.h"
#include "ey-token-manager.h"

/* Signing in `renew`: with the card, through the token layer (p11-kit). */

typedef struct
{
  GPtrArray     *certificates;   /* EyCertificate, from every token */
  EyCertificate *chosen;
} SignerState;

static SignerState *
state_of (Renew *r)
{
  if (r->signer_state == NULL)
    r->signer_state = g_new0 (SignerState, 1);
  return r->signer_state;
}

GOptionGroup *
ey_cli_renew_signer_options (Renew *r)
{
  GOptionGroup *group;
  GOptionEntry entries[] = {
    { "module", 0, 0, G_OPTION_ARG_STRING, &r->module,
      N_("Also use this PKCS#11 module for the card (a path or a name such as akisp11)"),
      N_("MODULE") },
    { NULL }
  };

  group = g_option_group_new ("signing", _("Signing with the card:"),
                              _("Show the signing options"), NULL, NULL);
  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  return group;
}

gboolean
ey_cli_renew_signer_check (Renew   *r,
                           GError **error)
{
  if (r->module)
    {
      g_autofree char *path = ey_token_manager_find_module_path (r->module);

      if (path == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("The PKCS#11 module “%s” is not installed."), r->module);
          return FALSE;
        }
      ey_token_manager_add_module (ey_token_manager_get_default (), path);
    }
  return TRUE;
}

static char *
describe_certificate (EyCertificate *cert)
{
  GDateTime *until = ey_certificate_get_not_after (cert);
  g_autofree char *date = until ? g_date_time_format (until, "%Y-%m-%d") : g_strdup ("?");
  EyToken *token = ey_certificate_get_token (cert);

  /* TRANSLATORS: holder — issuer — "valid until" date — card label */
  return g_strdup_printf (_("%s — %s — valid until %s — card “%s”"),
                          ey_certificate_get_holder_name (cert) ? ey_certificate_get_holder_name (cert) : "?",
                          ey_certificate_get_issuer_name (cert) ? ey_certificate_get_issuer_name (cert) : "?",
                          date, token ? ey_token_get_label (token) : "?");
}

static gboolean
load_certificates (Renew   *r,
                   GError **error)
{
  SignerState *st = state_of (r);
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  EyTokenManager *manager = ey_token_manager_get_default ();

  g_print ("%s\n", _("Looking for the card…"));
  ey_token_manager_list_tokens_async (manager, NULL, ey_cli_store_result_cb, &res);
  tokens = ey_token_manager_list_tokens_finish (manager, ey_cli_wait (&res), error);
  if (tokens == NULL)
    return FALSE;
  g_clear_pointer (&st->certificates, g_ptr_array_unref);
  st->certificates = ey_token_manager_collect_certificates (tokens);
  if (st->certificates->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("No certificate was found on any card. Insert your card (or plug in the token) and try again."));
      return FALSE;
    }
  return TRUE;
}

/* Lists the certificates and lets the user pick one (the applicant's
 * signing certificate is the default). */
static gboolean
choose_certificate (Renew   *r,
                    GError **error)
{
  SignerState *st = state_of (r);
  EyCertificate *best = ey_certificate_pick_signing (st->certificates, r->identity, NULL);
  guint def = 0;

  g_print ("\n%s\n", _("Certificates on your cards:"));
  for (guint i = 0; i < st->certificates->len; i++)
    {
      EyCertificate *cert = g_ptr_array_index (st->certificates, i);
      g_autofree char *text = describe_certificate (cert);

      if (cert == best)
        def = i;
      g_print ("  %u) %s%s\n", i + 1, text, cert == best ? _(" (recommended)") : "");
    }
  if (st->certificates->len == 1)
    {
      st->chosen = g_ptr_array_index (st->certificates, 0);
      return TRUE;
    }
  for (;;)
    {
      g_autofree char *d = g_strdup_printf ("%u", def + 1);
      g_autofree char *answer = ey_cli_prompt (_("Which certificate?"), d);
      guint64 n;

      if (answer == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled."));
          return FALSE;
        }
      if (g_ascii_string_to_unsigned (answer, 10, 1, st->certificates->len, &n, NULL))
        {
          st->chosen = g_ptr_array_index (st->certificates, n - 1);
          return TRUE;
        }
    }
}

/* What the card signs is what the person saw: the whole text, as text, then a
 * question whose default is no. */
static gboolean
show_and_confirm (GBytes  *data,
                  GError **error)
{
  gsize size;
  const char *bytes = g_bytes_get_data (data, &size);
  g_autofree char *text = ey_cli_strip_controls (bytes, size);
  int answer;

  g_print ("\n%s\n", _("What you are signing:"));
  g_print ("------------------------------------------------------------\n");
  g_print ("%s%s", text, g_str_has_suffix (text, "\n") ? "" : "\n");
  g_print ("------------------------------------------------------------\n");
  answer = ey_cli_ask_yes_no (_("Sign this text with your card?"), FALSE);
  if (answer <= 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("Cancelled. Nothing was signed."));
      return FALSE;
    }
  return TRUE;
}

GBytes *
ey_cli_renew_sign (Renew   *r,
                   GBytes  *data,
                   GError **error)
{
  SignerState *st = state_of (r);
  g_autoptr(EyPin) pin = NULL;
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) local = NULL;
  EySignFlags flags = EY_SIGN_FLAGS_NONE;
  EyPinFlags pin_flags;
  EyToken *token;
  GBytes *cms;

  if (st->certificates == NULL || st->chosen == NULL)
    {
      if (!load_certificates (r, error) || !choose_certificate (r, error))
        return NULL;
    }
  /* The holder before the PIN: a signature with someone else's card is refused
   * by the site anyway, after it cost a PIN try */
  if (r->identity == NULL || !ey_certificate_matches_identity (st->chosen, r->identity))
    {
      st->chosen = NULL;
      g_set_error_literal (error, EY_TOKEN_ERROR, EY_TOKEN_ERROR_FAILED,
                           _("This certificate belongs to someone else, not to the applicant. "
                             "Insert the applicant’s card and try again. Nothing was signed."));
      return NULL;
    }
  if (!show_and_confirm (data, error))
    return NULL;

  token = ey_certificate_get_token (st->chosen);
  pin_flags = token ? ey_token_get_pin_flags (token) : EY_PIN_FLAGS_NONE;

  if (pin_flags & EY_PIN_LOCKED)
    {
      g_set_error_literal (error, EY_TOKEN_ERROR, EY_TOKEN_ERROR_FAILED,
                           ey_pin_flags_describe (pin_flags));
      return NULL;
    }
  if (ey_pin_flags_describe (pin_flags))
    g_print ("%s\n", ey_pin_flags_describe (pin_flags));
  if (pin_flags & EY_PIN_FINAL_TRY)
    {
      int sure = ey_cli_ask_yes_no (_("This is the last try before the card locks. Enter the PIN anyway?"),
                                    FALSE);
      if (sure <= 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled."));
          return NULL;
        }
      flags |= EY_SIGN_CONFIRMED_FINAL_TRY;
    }

  if (token && ey_token_has_pin_pad (token))
    g_print ("%s\n", _("Enter the PIN on the reader’s keypad."));
  else
    {
      guint min_length = 0, max_length = 0;

      if (token)
        ey_token_get_pin_length_range (token, &min_length, &max_length);
      pin = ey_cli_prompt_pin_fd (STDIN_FILENO, _("PIN of the card"), min_length, max_length);
      if (pin == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled."));
          return NULL;
        }
    }

  g_print ("%s\n", _("Signing with the card…"));
  /* One try only: the signer never repeats a PIN; the user decides */
  ey_signer_sign_async (st->chosen, data, pin, flags, r->identity, NULL,
                        ey_cli_store_result_cb, &res);
  g_clear_pointer (&pin, ey_pin_unref);
  cms = ey_signer_sign_finish (st->chosen, ey_cli_wait (&res), &local);
  if (cms == NULL)
    {
      EyPinFlags after = ey_token_error_get_pin_flags (local);

      if (ey_token_error_is_token_removed (local))
        {
          /* list again next time */
          st->chosen = NULL;
          g_clear_pointer (&st->certificates, g_ptr_array_unref);
        }
      if (ey_token_error_is_pin_error (local) && ey_pin_flags_describe (after))
        g_prefix_error (&local, "%s ", ey_pin_flags_describe (after));
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return cms;
}

void
ey_cli_renew_signer_clear (Renew *r)
{
  SignerState *st = r->signer_state;

  if (st)
    {
      g_clear_pointer (&st->certificates, g_ptr_array_unref);
      g_free (st);
      r->signer_state = NULL;
    }
  g_clear_pointer (&r->module, g_free);
  g_clear_pointer (&r->certificate_choice, g_free);
}
