/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-cli-renew"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ey-cli.h"
#include "ey-cli-renew.h"
#include "ey-site-report.h"
#include "ey-text.h"
#include "ey-core-error.h"
#include "ey-email.h"
#include "ey-form.h"
#include "ey-identity.h"
#include "ey-recovery.h"
#include "ey-session.h"
#include "ey-site-client.h"
#include "ey-site-profile.h"

#define CONTINUE (-1)

/* Synchronous forms of the session's actions: the terminal waits anyway */
#define SYNC(name, call, finish, type, ...) \
  static type \
  name (Renew *r, GError **error) \
  { \
    g_autoptr(GAsyncResult) res = NULL; \
    call (r->session, ##__VA_ARGS__, NULL, ey_cli_store_result_cb, &res); \
    return finish (r->session, ey_cli_wait (&res), error); \
  }

SYNC (load_sign_in, ey_session_load_sign_in_async, ey_session_load_sign_in_finish, gboolean)
SYNC (refresh, ey_session_refresh_async, ey_session_refresh_finish, gboolean)
SYNC (send_sms, ey_session_send_sms_async, ey_session_send_sms_finish, gboolean)
SYNC (back_to_form, ey_session_back_to_form_async, ey_session_back_to_form_finish, gboolean)
SYNC (request_sms_code, ey_session_request_sms_code_async, ey_session_request_sms_code_finish, gboolean)
SYNC (submit_form, ey_session_submit_form_async, ey_session_submit_form_finish, gboolean)
SYNC (accept_consent, ey_session_accept_consent_async, ey_session_accept_consent_finish, gboolean)
SYNC (renew_code, ey_session_renew_code_async, ey_session_renew_code_finish, gboolean)
SYNC (fetch_sign_data, ey_session_fetch_sign_data_async, ey_session_fetch_sign_data_finish, GBytes *)
SYNC (fetch_pdf, ey_session_fetch_pdf_async, ey_session_fetch_pdf_finish, GBytes *)
SYNC (sign_in, ey_session_sign_in_async, ey_session_sign_in_finish, gboolean,
      r->captcha_text, r->identity, r->password)
SYNC (choose_order, ey_session_choose_order_async, ey_session_choose_order_finish, gboolean,
      r->choice)
SYNC (submit_sms_code, ey_session_submit_sms_code_async, ey_session_submit_sms_code_finish,
      gboolean, r->sms_code)
SYNC (choose_eonay, ey_session_choose_eonay_async, ey_session_choose_eonay_finish, gboolean,
      !r->wet)
SYNC (submit_signature, ey_session_submit_signature_async, ey_session_submit_signature_finish,
      gboolean, r->cms)
SYNC (choose_method, ey_session_choose_method_async, ey_session_choose_method_finish, gboolean,
      r->method)

static void
say (const char *text)
{
  g_print ("%s\n", text);
}

/* Said at the start and again before anything is signed or sent. */
static void
say_not_kamusm (Renew *r)
{
  g_autofree char *notice = ey_site_profile_get_notice (r->profile);

  if (notice != NULL)
    g_print ("\n*** %s ***\n", notice);
}

/* The site showed a page the profile does not know: a report for IT. */
static void
offer_site_report (Renew        *r,
                   const GError *error)
{
  g_autofree char *report = ey_site_report_build_for_session (r->session, error->message);
  g_autoptr(GError) save_error = NULL;
  g_autofree char *path = NULL;

  if (report == NULL)
    return;
  if (r->report_dir == NULL)
    {
      say (_("The site seems to have changed. Run again with --report-dir DIR to save a report for your IT department (it holds no personal data)."));
      return;
    }
  if (ey_site_report_save (report, r->report_dir, &path, &save_error))
    g_print (_("A report for your IT department is in %s (it holds no personal data).\n"), path);
  else
    g_print ("%s %s\n", _("The report for IT could not be saved:"), save_error->message);
}

/* Prints the error and what the site said; decides whether to go on. */
static int
report (Renew  *r,
        GError *error)
{
  const char *site = ey_session_get_site_message (r->session);

  g_print ("\n%s %s\n", _("Error:"), error->message);
  if (g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_UNEXPECTED_PAGE))
    offer_site_report (r, error);
  if (site && *site && error->domain == EY_CORE_ERROR &&
      error->code != EY_CORE_ERROR_UNEXPECTED_PAGE)
    g_print ("%s %s\n", _("The site says:"), site);

  if (g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_CANCELLED))
    return EY_CLI_EXIT_CANCELLED;
  if (ey_session_get_step (r->session) == EY_SESSION_STEP_FAILED)
    return EY_CLI_EXIT_SITE;

  switch (error->domain == EY_CORE_ERROR ? error->code : EY_CORE_ERROR_FAILED)
    {
    case EY_CORE_ERROR_NETWORK_UNREACHABLE:
    case EY_CORE_ERROR_TIMEOUT:
    case EY_CORE_ERROR_TLS_FAILED:
    case EY_CORE_ERROR_HTTP_SERVER:
    case EY_CORE_ERROR_UNEXPECTED_PAGE:
    case EY_CORE_ERROR_FOLLOW_UP_FAILED:
    case EY_CORE_ERROR_ANSWER_TOO_LARGE:
    case EY_CORE_ERROR_ANSWER_TOO_SLOW:
    case EY_CORE_ERROR_TLS_TOO_OLD:
    case EY_CORE_ERROR_FAILED:
      {
        int again = ey_cli_ask_yes_no (_("Try again?"), TRUE);

        if (again < 0)
          return EY_CLI_EXIT_CANCELLED;
        if (!again)
          return EY_CLI_EXIT_SITE;
        /* Where is the site now? Whatever it took is not sent (or typed) again */
        if (ey_session_error_needs_refresh (error) &&
            ey_session_get_step (r->session) != EY_SESSION_STEP_MAIL)
          {
            g_autoptr(GError) refresh_error = NULL;

            if (!refresh (r, &refresh_error))
              g_debug ("refresh: %s", refresh_error->message);
          }
        return CONTINUE;
      }
    case EY_CORE_ERROR_NOT_SIGN_TEXT:
      /* Asking again would get the same: stop, nothing was signed */
      return EY_CLI_EXIT_NOT_SUBMITTED;
    default:
      return CONTINUE;
    }
}

#define TRY(r, call) \
  G_STMT_START { \
    g_autoptr(GError) error_ = NULL; \
    if (!(call)) \
      return report ((r), error_); \
  } G_STMT_END

/* --- sign-in ------------------------------------------------------------- */

static int
step_mail (Renew *r)
{
  g_autoptr(GError) error = NULL;

  if (!load_sign_in (r, &error))
    return report (r, error);
  return CONTINUE;
}

static gboolean
ask_identity (Renew *r)
{
  for (;;)
    {
      g_autofree char *typed = ey_cli_prompt (_("Identity number (T.C. Kimlik No or passport)"),
                                              r->identity);
      g_autoptr(GError) error = NULL;
      char *normal;

      if (typed == NULL)
        return FALSE;
      normal = ey_identity_normalize (typed, NULL, &error);
      if (normal)
        {
          g_free (r->identity);
          r->identity = normal;
          return TRUE;
        }
      g_print ("%s\n", error->message);
    }
}

static int
step_sign_in (Renew *r)
{
  g_autofree char *png = g_build_filename (r->tmpdir, "captcha.png", NULL);
  g_autoptr(GError) error = NULL;
  GBytes *captcha = ey_session_get_captcha (r->session);

  /* No picture (it failed to load): a new sign-in page brings a new one */
  if (captcha == NULL)
    {
      if (!load_sign_in (r, &error))
        return report (r, error);
      return CONTINUE;
    }
  if (!g_file_set_contents_full (png, g_bytes_get_data (captcha, NULL), g_bytes_get_size (captcha),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_printerr ("%s\n", error ? error->message : _("The site sent no picture."));
      return EY_CLI_EXIT_SITE;
    }

  if (r->identity == NULL && !ask_identity (r))
    return EY_CLI_EXIT_CANCELLED;
  if (r->password == NULL)
    {
      r->password = ey_cli_prompt_secret (_("Access password (from the KamuSM mail)"));
      if (r->password == NULL)
        return EY_CLI_EXIT_CANCELLED;
    }

  g_print (_("The security picture is saved as %s\n"), png);
  g_free (r->captcha_text);
  r->captcha_text = ey_cli_prompt (_("Text in the picture (Enter alone: a new picture)"), NULL);
  if (r->captcha_text == NULL)
    return EY_CLI_EXIT_CANCELLED;
  if (*r->captcha_text == '\0')
    {
      if (!load_sign_in (r, &error))
        return report (r, error);
      return CONTINUE;
    }

  g_print ("%s\n", _("Signing in…"));
  if (!sign_in (r, &error))
    {
      int rc;

      if (g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_NO_ORDER))
        return CONTINUE;   /* the no-order step says it */
      rc = report (r, error);
      if (g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_CREDENTIALS_WRONG))
        {
          g_clear_pointer (&r->password, ey_cli_secret_free);
          if (!ask_identity (r))
            return EY_CLI_EXIT_CANCELLED;
        }
      return rc;
    }
  /* The password is not needed again unless the session expires */
  return CONTINUE;
}

static int
step_no_order (Renew *r)
{
  const char *site = ey_session_get_site_message (r->session);

  g_print ("\n%s\n", ey_core_error_message (EY_CORE_ERROR_NO_ORDER));
  if (site)
    g_print ("%s %s\n", _("The site says:"), site);
  return EY_CLI_EXIT_NOT_SUBMITTED;
}

static int
step_forgot (Renew *r)
{
  return step_mail (r);
}

/* --- order and form ------------------------------------------------------ */

static int
step_orders (Renew *r)
{
  GPtrArray *orders = ey_session_get_orders (r->session);
  g_autoptr(GError) error = NULL;
  guint pick = 0;

  g_print ("\n%s\n", _("Open orders:"));
  for (guint i = 0; i < orders->len; i++)
    {
      EySessionOrder *o = g_ptr_array_index (orders, i);
      g_print ("  %u) %s — %s — %s\n", i + 1, o->date ? o->date : "",
               o->institution ? o->institution : "", o->label ? o->label : "");
    }
  if (orders->len > 1)
    for (;;)
      {
        g_autofree char *answer = ey_cli_prompt (_("Which order?"), "1");
        guint64 n;

        if (answer == NULL)
          return EY_CLI_EXIT_CANCELLED;
        if (g_ascii_string_to_unsigned (answer, 10, 1, orders->len, &n, NULL))
          {
            pick = (guint) n - 1;
            break;
          }
      }
  g_free (r->choice);
  r->choice = g_strdup (((EySessionOrder *) g_ptr_array_index (orders, pick))->id);
  if (!choose_order (r, &error))
    return report (r, error);
  return CONTINUE;
}

static const struct
{
  const char *role;
  const char *label;
} role_labels[] = {
  { "first_name", N_("First name") },
  { "last_name", N_("Last name") },
  { "identity", N_("Identity number") },
  { "birth_date", N_("Date of birth") },
  { "institution", N_("Institution") },
  { "job_title", N_("Title") },
  { "phone", N_("Mobile phone") },
  { "email", N_("E-mail") },
  { "address", N_("Delivery address") },
  { "city", N_("Province") },
  { "district", N_("District") },
  { "postcode", N_("Postcode") },
  { "security_word", N_("Security word") },
  { "security_word_again", N_("Security word again") },
};

static const char *
field_label (const EySessionField *f)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_labels); i++)
    if (g_strcmp0 (role_labels[i].role, f->role) == 0)
      return _(role_labels[i].label);
  return f->label ? f->label : f->role;
}

/* A select is shown by the label of its option ("IĞDIR"), not its value ("76"). */
static const char *
shown_value (const EySessionField *f)
{
  return ey_form_option_label ((const char * const *) f->option_values,
                               (const char * const *) f->option_labels, f->value);
}

static gboolean
ask_field (Renew                *r,
           const EySessionField *f)
{
  g_autofree char *value = NULL;

  if (f->option_values && f->option_values[0])
    {
      for (guint j = 0; f->option_values[j]; j++)
        if (*f->option_values[j])
          g_print ("    %s\n", f->option_labels[j]);
    }
  if (f->secret)
    {
      char *word = ey_cli_prompt_secret (field_label (f));

      if (word == NULL)
        return FALSE;
      if (*word)
        ey_session_set_form_value (r->session, f->role, word);
      ey_cli_secret_free (word);
      return TRUE;
    }
  value = ey_cli_prompt (field_label (f), shown_value (f));
  if (value == NULL)
    return FALSE;
  /* A select takes a label or a value: map the label the user typed */
  if (f->option_values)
    for (guint j = 0; f->option_labels[j]; j++)
      if (ey_text_equal_loose (f->option_labels[j], value))
        {
          g_free (value);
          value = g_strdup (f->option_values[j]);
          break;
        }
  ey_session_set_form_value (r->session, f->role, value);
  return TRUE;
}

static int
step_form (Renew *r)
{
  GPtrArray *form = ey_session_get_form (r->session);
  g_autoptr(GError) error = NULL;
  gboolean change_all = FALSE;

  g_print ("\n%s\n", _("Application form:"));
  for (guint i = 0; i < form->len; i++)
    {
      const EySessionField *f = g_ptr_array_index (form, i);

      g_print ("  %-22s %s%s\n", field_label (f), f->secret ? (*f->value ? "******" : "") : shown_value (f),
               f->read_only ? _(" (fixed)") : "");
      if (f->error)
        g_print ("  %-22s ! %s\n", "", f->error);
    }
  if (!r->form_asked)
    {
      int answer = ey_cli_ask_yes_no (_("Change any of these?"), FALSE);

      if (answer < 0)
        return EY_CLI_EXIT_CANCELLED;
      change_all = answer;
    }

  /* Ask what is missing or wrong (everything if the user wants) */
  for (guint i = 0; i < form->len; i++)
    {
      const EySessionField *f = g_ptr_array_index (form, i);

      if (f->read_only)
        continue;
      if (change_all || f->error || (f->value[0] == '\0' && (f->required || f->secret)))
        {
          if (g_strcmp0 (f->role, "security_word") == 0 && !r->form_asked)
            g_print ("%s\n", _("The security word is asked when your new card arrives, to learn its PIN: remember it."));
          if (!ask_field (r, f))
            return EY_CLI_EXIT_CANCELLED;
          /* ask_field may have replaced the array's values but not the array */
        }
    }
  r->form_asked = TRUE;
  say_not_kamusm (r);
  g_print ("%s\n", _("Sending the form…"));
  if (!submit_form (r, &error))
    return report (r, error);
  return CONTINUE;
}

/* --- SMS ------------------------------------------------------------------ */

static int
step_sms_send (Renew *r)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *question = g_strdup_printf (_("Send the SMS code to %s? (No: back to the form)"),
                                               ey_session_get_masked_phone (r->session));
  int answer = ey_cli_ask_yes_no (question, TRUE);

  if (answer < 0)
    return EY_CLI_EXIT_CANCELLED;
  if (!answer)
    {
      r->form_asked = FALSE;
      if (!back_to_form (r, &error))
        return report (r, error);
      return CONTINUE;
    }
  if (!send_sms (r, &error))
    return report (r, error);
  return CONTINUE;
}

static int
step_sms_code (Renew *r)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *question = NULL;
  int left = ey_session_seconds_left (ey_session_get_sms_deadline (r->session));

  if (left == 0)
    {
      say (_("The SMS code has expired; asking for a new one."));
      if (!request_sms_code (r, &error))
        return report (r, error);
      return CONTINUE;
    }
  question = g_strdup_printf (_("SMS code (%d:%02d left; Enter alone: a new code)"),
                              left / 60, left % 60);
  g_clear_pointer (&r->sms_code, ey_cli_secret_free);
  r->sms_code = ey_cli_prompt_secret (question);
  if (r->sms_code == NULL)
    return EY_CLI_EXIT_CANCELLED;
  if (*r->sms_code == '\0')
    {
      if (!request_sms_code (r, &error))
        return report (r, error);
      return CONTINUE;
    }
  if (!submit_sms_code (r, &error))
    {
      int rc = report (r, error);

      g_clear_pointer (&r->sms_code, ey_cli_secret_free);
      if (g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_SMS_CODE_EXPIRED))
        {
          g_clear_error (&error);
          say (_("Asking for a new code…"));
          if (!request_sms_code (r, &error))
            return report (r, error);
        }
      return rc;
    }
  g_clear_pointer (&r->sms_code, ey_cli_secret_free);
  return CONTINUE;
}

/* --- E-Onay, signing, method ----------------------------------------------- */

static int
step_eonay_choice (Renew *r)
{
  g_autoptr(GError) error = NULL;

  say (r->wet ? _("Choosing the wet-signature path (no E-Onay).")
              : _("Choosing E-Onay: you will sign with your current e-signature."));
  if (!choose_eonay (r, &error))
    return report (r, error);
  return CONTINUE;
}

static int
step_consent (Renew *r)
{
  g_autoptr(GError) error = NULL;
  int answer;

  say (_("With E-Onay, your future applications need no signed paper form. KamuSM may update the form and the commitment; you accept their text as of today."));
  answer = ey_cli_ask_yes_no (_("Do you accept the E-Onay text?"), FALSE);
  if (answer < 0)
    return EY_CLI_EXIT_CANCELLED;
  if (!answer)
    {
      say (_("Without accepting, the E-Onay path cannot go on. Start again with --wet for the wet-signature path."));
      return EY_CLI_EXIT_NOT_SUBMITTED;
    }
  if (!accept_consent (r, &error))
    return report (r, error);
  return CONTINUE;
}

static int
step_signing (Renew *r)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  int left = ey_session_seconds_left (ey_session_get_code_deadline (r->session));

  if (left == 0)
    {
      say (_("The verification code has expired; asking for a new one."));
      if (!renew_code (r, &error))
        return report (r, error);
      return CONTINUE;
    }
  g_print (_("\nVerification code %s (%d:%02d left).\n"),
           ey_session_get_verification_code (r->session), left / 60, left % 60);

  data = fetch_sign_data (r, &error);
  if (data == NULL)
    return report (r, error);
  say_not_kamusm (r);

  g_clear_pointer (&r->cms, g_bytes_unref);
  r->cms = ey_cli_renew_sign (r, data, &error);
  if (r->cms == NULL)
    {
      int again;

      g_print ("%s %s\n", _("Signing failed:"), error->message);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return EY_CLI_EXIT_CANCELLED;
      again = ey_cli_ask_yes_no (_("Try signing again?"), TRUE);
      if (again < 0)
        return EY_CLI_EXIT_CANCELLED;
      return again ? CONTINUE : EY_CLI_EXIT_NOT_SUBMITTED;
    }

  say (_("Sending the signature…"));
  if (!submit_signature (r, &error))
    {
      int rc = report (r, error);
      int again;

      if (rc != CONTINUE || error->domain != EY_CORE_ERROR)
        return rc;
      switch (error->code)
        {
        case EY_CORE_ERROR_SIGNATURE_CODE_EXPIRED:
        case EY_CORE_ERROR_SIGNATURE_CODE_UNKNOWN:
        case EY_CORE_ERROR_VERIFICATION_CODE_EXPIRED:
          g_clear_error (&error);
          if (!renew_code (r, &error))
            return report (r, error);
          return CONTINUE;
        case EY_CORE_ERROR_CERTIFICATE_NOT_VALID:
          say (_("Going on with the wet-signature path."));
          r->wet = TRUE;
          r->method = EY_SESSION_METHOD_WET;
          g_clear_error (&error);
          if (!choose_method (r, &error))
            return report (r, error);
          return CONTINUE;
        default:
          if (ey_session_get_step (r->session) != EY_SESSION_STEP_SIGNING)
            return CONTINUE;
          again = ey_cli_ask_yes_no (_("Try signing again?"), TRUE);
          if (again < 0)
            return EY_CLI_EXIT_CANCELLED;
          return again ? CONTINUE : EY_CLI_EXIT_NOT_SUBMITTED;
        }
    }
  return CONTINUE;
}

static int
step_method (Renew *r)
{
  g_autoptr(GError) error = NULL;
  EySessionMethod offered = ey_session_get_methods (r->session);

  if (r->wet || offered == EY_SESSION_METHOD_WET)
    r->method = EY_SESSION_METHOD_WET;
  else if (offered & EY_SESSION_METHOD_EONAY)
    r->method = EY_SESSION_METHOD_EONAY;
  else if (offered & EY_SESSION_METHOD_ESIGNED)
    r->method = EY_SESSION_METHOD_ESIGNED;
  else
    r->method = EY_SESSION_METHOD_WET;
  say (r->method == EY_SESSION_METHOD_WET ? _("Choosing the wet-signature application.")
       : r->method == EY_SESSION_METHOD_EONAY ? _("Sending the E-Onaylı application…")
       : _("Choosing the e-signed application."));
  if (!choose_method (r, &error))
    return report (r, error);
  return CONTINUE;
}

static int
step_submitting (Renew *r)
{
  g_autoptr(GError) error = NULL;

  /* The signature was accepted but the application not yet confirmed */
  say_not_kamusm (r);
  say (_("Your signature was accepted; sending the application…"));
  r->method = EY_SESSION_METHOD_EONAY;
  if (ey_session_get_path (r->session) != EY_SESSION_PATH_EONAY)
    {
      say (_("Check on the KamuSM site that your application arrived."));
      return EY_CLI_EXIT_SITE;
    }
  if (!choose_method (r, &error))
    return report (r, error);
  return CONTINUE;
}

static int
step_done (Renew *r)
{
  const char *site = ey_session_get_site_message (r->session);

  g_print ("\n%s\n", _("Done: the KamuSM site confirmed your application."));
  if (site)
    g_print ("%s %s\n", _("The site says:"), site);
  say (_("KamuSM will produce your new card and send it to the address in the form."));
  return EY_CLI_EXIT_OK;
}

static int
step_wet (Renew *r)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = fetch_pdf (r, &error);

  if (pdf == NULL)
    return report (r, error);
  /* Names the applicant: readable by the user only, like the GUI's copy */
  if (!g_file_set_contents_full (r->pdf_out, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_printerr ("%s\n", error->message);
      return EY_CLI_EXIT_FAILED;
    }
  g_print (_("\nThe application form is saved as %s.\n"), r->pdf_out);
  say (_("Print it, sign it with a blue pen and hand it to your institution’s e-signature officer, who sends it on to KamuSM."));
  return EY_CLI_EXIT_OK;
}

/* Signed but not confirmed: the one thing the person must not miss */
static const char *
stranded_text (void)
{
  return _("Your signature was accepted, but the application has NOT reached KamuSM yet. "
           "To finish it, run “eimza-yenile-cli renew” again (or open e-İmza Yenile) and sign "
           "in with the same identity number: the application is then sent without signing again.");
}

static gboolean
is_stranded (Renew *r)
{
  EySessionStep step = ey_session_get_step (r->session);

  return step != EY_SESSION_STEP_DONE && step != EY_SESSION_STEP_WET &&
         (step == EY_SESSION_STEP_SUBMITTING || ey_session_get_recovery (r->session) != NULL);
}

/* Ctrl+C, SIGTERM, hang-up between the accepted signature and the
 * confirmation say it too */
static void
on_step_changed (EySession     *session,
                 EySessionStep  old,
                 EySessionStep  step,
                 Renew         *r)
{
  ey_cli_on_interrupt_say (is_stranded (r) ? stranded_text () : NULL);
}

static int
step_failed (Renew *r)
{
  return EY_CLI_EXIT_SITE;
}

/* What the terminal does at each step of the session */
static const struct
{
  EySessionStep step;
  int         (*handler) (Renew *r);
} step_handlers[] = {
  { EY_SESSION_STEP_MAIL,         step_mail },
  { EY_SESSION_STEP_SIGN_IN,      step_sign_in },
  { EY_SESSION_STEP_FORGOT,       step_forgot },
  { EY_SESSION_STEP_ORDERS,       step_orders },
  { EY_SESSION_STEP_NO_ORDER,     step_no_order },
  { EY_SESSION_STEP_FORM,         step_form },
  { EY_SESSION_STEP_SMS_SEND,     step_sms_send },
  { EY_SESSION_STEP_SMS_CODE,     step_sms_code },
  { EY_SESSION_STEP_EONAY_CHOICE, step_eonay_choice },
  { EY_SESSION_STEP_CONSENT,      step_consent },
  { EY_SESSION_STEP_SIGNING,      step_signing },
  { EY_SESSION_STEP_METHOD,       step_method },
  { EY_SESSION_STEP_SUBMITTING,   step_submitting },
  { EY_SESSION_STEP_DONE,         step_done },
  { EY_SESSION_STEP_WET,          step_wet },
  { EY_SESSION_STEP_FAILED,       step_failed },
};

static int
walk (Renew *r)
{
  for (;;)
    {
      EySessionStep step = ey_session_get_step (r->session);
      int rc = EY_CLI_EXIT_FAILED;
      gboolean found = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (step_handlers); i++)
        if (step_handlers[i].step == step)
          {
            rc = step_handlers[i].handler (r);
            found = TRUE;
            break;
          }
      if (!found)
        return EY_CLI_EXIT_FAILED;
      if (rc != CONTINUE)
        return rc;
    }
}

static void
renew_clear (Renew *r)
{
  g_clear_object (&r->session);
  g_clear_object (&r->client);
  g_clear_object (&r->profile);
  ey_cli_renew_signer_clear (r);
  if (r->tmpdir)
    {
      g_autofree char *png = g_build_filename (r->tmpdir, "captcha.png", NULL);
      g_unlink (png);
      g_rmdir (r->tmpdir);
    }
  g_free (r->tmpdir);
  g_free (r->identity);
  ey_cli_secret_free (r->password);
  ey_cli_secret_free (r->sms_code);
  g_free (r->captcha_text);
  g_free (r->choice);
  g_free (r->pdf_out);
  g_free (r->report_dir);
  g_clear_pointer (&r->cms, g_bytes_unref);
}

int
ey_cli_renew (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EyRecovery) note = NULL;
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func ((GDestroyNotify) ey_recovery_unref);
  g_autofree char *site_url = NULL;
  g_autofree char *pin_cert = NULL;
  g_autofree char *ca = NULL;
  g_autofree char *profile_file = NULL;
  g_autofree char *mail_file = NULL;
  g_autofree char *recovery_file = NULL;
  Renew r = { 0 };
  int rc;
  GOptionEntry entries[] = {
    { "site-url", 0, 0, G_OPTION_ARG_STRING, &site_url,
      N_("Use this site instead of KamuSM (the simulator)"), N_("URL") },
    { "pin-cert", 0, 0, G_OPTION_ARG_FILENAME, &pin_cert,
      N_("Accept exactly this server certificate (PEM) and no other"), N_("FILE") },
    { "ca", 0, 0, G_OPTION_ARG_FILENAME, &ca,
      N_("Trust only this CA certificate (PEM) for the site"), N_("FILE") },
    { "site-profile", 0, 0, G_OPTION_ARG_FILENAME, &profile_file,
      N_("Describe the site with this profile file"), N_("FILE") },
    { "identity", 0, 0, G_OPTION_ARG_STRING, &r.identity,
      N_("Identity number (else asked)"), N_("ID") },
    { "mail", 0, 0, G_OPTION_ARG_FILENAME, &mail_file,
      N_("Read the name and the access password from this saved KamuSM mail"), N_("FILE") },
    { "wet", 0, 0, G_OPTION_ARG_NONE, &r.wet,
      N_("Take the wet-signature path (print and sign the form)"), NULL },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &r.pdf_out,
      N_("Where to save the wet-signature form (default: ./kamusm-basvuru-formu.pdf)"), N_("FILE") },
    { "report-dir", 0, 0, G_OPTION_ARG_FILENAME, &r.report_dir,
      N_("When the site shows a page this program does not know, save a report for IT (no personal data) in this folder"),
      N_("DIR") },
    { "recovery-file", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &recovery_file,
      N_("Where to keep the note about an unconfirmed application"), N_("FILE") },
    { NULL }
  };

  context = g_option_context_new (_("— renew the e-signature certificate at the KamuSM site"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_group (context, ey_cli_renew_signer_options (&r));
  g_option_context_set_description (context,
    _("Exit status: 0 the site confirmed the application (or the wet-signature form was saved); "
      "1 an unexpected failure; 2 wrong command line; 3 the mail or identity number is not valid; "
      "4 the site, network or secure connection failed; 5 the renewal cannot go on; "
      "130 stopped by the user. See docs/cli.md."));
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 1)
    {
      g_printerr ("%s\n", error ? error->message : _("This command takes no arguments."));
      renew_clear (&r);
      return EY_CLI_EXIT_USAGE;
    }
  /* A pinned certificate or a CA of one's own only make sense for another
   * site (the simulator): against KamuSM they would replace the system's
   * trust with a file anyone could hand the user. */
  if ((pin_cert || ca) && site_url == NULL)
    {
      g_printerr ("%s\n", _("--pin-cert and --ca can only be used together with --site-url."));
      renew_clear (&r);
      return EY_CLI_EXIT_USAGE;
    }
  if (!ey_cli_renew_signer_check (&r, &error))
    {
      g_printerr ("%s\n", error->message);
      renew_clear (&r);
      return EY_CLI_EXIT_USAGE;
    }
  if (r.pdf_out == NULL)
    r.pdf_out = g_strdup ("kamusm-basvuru-formu.pdf");

  r.profile = ey_site_profile_load (profile_file, &error);
  if (r.profile == NULL)
    {
      g_printerr ("%s\n", error->message);
      renew_clear (&r);
      return EY_CLI_EXIT_USAGE;
    }
  r.client = ey_site_client_new (r.profile);
  if ((site_url && !ey_site_client_set_base_url (r.client, site_url, &error)) ||
      (pin_cert && !ey_site_client_set_pinned_cert_file (r.client, pin_cert, &error)) ||
      (ca && !ey_site_client_set_ca_file (r.client, ca, &error)))
    {
      g_printerr ("%s\n", error->message);
      renew_clear (&r);
      return EY_CLI_EXIT_USAGE;
    }

  say_not_kamusm (&r);

  if (mail_file)
    {
      g_autofree char *text = NULL;
      gsize len = 0;
      g_autoptr(EyEmail) mail = NULL;

      if (!g_file_get_contents (mail_file, &text, &len, &error))
        {
          g_printerr ("%s\n", error->message);
          renew_clear (&r);
          return EY_CLI_EXIT_USAGE;
        }
      mail = ey_email_parse (text, len);
      explicit_bzero (text, len);
      for (const char * const *w = ey_email_get_warnings (mail); *w; w++)
        g_print ("%s %s\n", _("Warning:"), *w);
      if (!ey_email_is_usable (mail))
        {
          g_printerr ("%s\n", _("The mail cannot be used to renew."));
          renew_clear (&r);
          return EY_CLI_EXIT_INVALID;
        }
      r.password = g_strdup (ey_email_get_password (mail));
      if (ey_email_get_full_name (mail))
        g_print (_("Renewal for %s\n"), ey_email_get_full_name (mail));
    }

  r.session = ey_session_new (r.client);
  if (r.identity)
    {
      char *normal = ey_identity_normalize (r.identity, NULL, &error);

      if (normal == NULL)
        {
          g_printerr ("%s\n", error->message);
          renew_clear (&r);
          return EY_CLI_EXIT_INVALID;
        }
      g_free (r.identity);
      r.identity = normal;
    }

  /* Notes of applications signed but not confirmed: one file per person,
   * kept apart for a site that is not KamuSM (the simulator), so a test
   * run never shows up against the real site */
  if (recovery_file)
    {
      ey_session_set_recovery_path (r.session, recovery_file);
      note = ey_recovery_load (recovery_file, &error);
      if (note)
        g_ptr_array_add (notes, ey_recovery_ref (note));
    }
  else
    {
      g_autofree char *dir = ey_recovery_default_dir (site_url ? "demo" : "real");
      g_autoptr(GPtrArray) found = NULL;

      if (site_url == NULL && !ey_recovery_migrate_legacy (dir, &error))
        {
          g_debug ("old pending note not moved: %s", error->message);
          g_clear_error (&error);
        }
      found = ey_recovery_list (dir);

      ey_session_set_recovery_dir (r.session, dir);
      for (guint i = 0; i < found->len; i++)
        g_ptr_array_add (notes, ey_recovery_ref (g_ptr_array_index (found, i)));
    }
  if (error)
    {
      g_print ("%s\n", error->message);
      g_clear_error (&error);
    }
  for (guint i = 0; i < notes->len; i++)
    {
      EyRecovery *pending = g_ptr_array_index (notes, i);
      g_autofree char *when = g_date_time_format (ey_recovery_get_created (pending), "%Y-%m-%d %H:%M");

      g_print (_("The signature of %s was accepted on %s UTC but the application has NOT reached "
                 "KamuSM yet. After that person signs in, this program finishes it.\n"),
               *ey_recovery_get_display_name (pending) ? ey_recovery_get_display_name (pending) : "?",
               when);
      /* The one of the person named on the command line, or the only one;
       * after sign-in the session takes the note of whoever signed in */
      if (r.identity ? ey_recovery_matches (pending, r.identity) : notes->len == 1)
        ey_session_set_recovery (r.session, pending);
    }

  r.tmpdir = g_dir_make_tmp ("eimza-yenile-XXXXXX", &error);
  if (r.tmpdir == NULL)
    {
      g_printerr ("%s\n", error->message);
      renew_clear (&r);
      return EY_CLI_EXIT_FAILED;
    }

  {
    g_autofree char *png = g_build_filename (r.tmpdir, "captcha.png", NULL);
    ey_cli_on_interrupt_remove (r.tmpdir, png);
  }
  g_signal_connect (r.session, "step-changed", G_CALLBACK (on_step_changed), &r);
  ey_session_begin (r.session);
  rc = walk (&r);
  if (rc == EY_CLI_EXIT_CANCELLED)
    g_print ("\n%s\n", _("Stopped. Nothing more was sent to the site."));
  if (rc != EY_CLI_EXIT_OK && is_stranded (&r))
    g_print ("\n%s\n", stranded_text ());
  ey_cli_on_interrupt_say (NULL);
  renew_clear (&r);
  return rc;
}
