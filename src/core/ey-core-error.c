/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-core-error"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "ey-core-error-private.h"
#include "ey-site-roles.h"

G_DEFINE_QUARK (ey-core-error-quark, ey_core_error)

typedef struct
{
  EyCoreError  code;
  const char  *nick;
  const char  *message;
} ErrorInfo;

/* One row per code, in enum order (checked in ey_core_error_message). */
static const ErrorInfo error_table[] = {
  { EY_CORE_ERROR_FAILED, "failed",
    N_("Something went wrong. Please try again; if it keeps happening, start over.") },
  { EY_CORE_ERROR_CAPTCHA_WRONG, "captcha-wrong",
    N_("The text from the picture was not right. Type the text of the new picture.") },
  { EY_CORE_ERROR_CREDENTIALS_WRONG, "credentials-wrong",
    N_("The identity number or the access password is wrong. Check both against the KamuSM mail and try again.") },
  { EY_CORE_ERROR_NO_ORDER, "no-order",
    N_("There is no open certificate order in your name. Ask your institution’s e-signature officer to open one.") },
  { EY_CORE_ERROR_FORM_INVALID, "form-invalid",
    N_("Some fields of the form are not valid. Correct the marked fields and send the form again.") },
  { EY_CORE_ERROR_SMS_CODE_WRONG, "sms-code-wrong",
    N_("The SMS code is wrong. Type the code from the latest SMS again.") },
  { EY_CORE_ERROR_SMS_CODE_EXPIRED, "sms-code-expired",
    N_("The SMS code has expired. Ask for a new code and type it in before the time runs out.") },
  { EY_CORE_ERROR_CHOICE_REQUIRED, "choice-required",
    N_("Choose whether you want to give E-Onay, then continue.") },
  { EY_CORE_ERROR_CONSENT_REQUIRED, "consent-required",
    N_("You have to accept the text to continue.") },
  { EY_CORE_ERROR_VERIFICATION_CODE_EXPIRED, "verification-code-expired",
    N_("The verification code has expired. Ask for a new code and sign again.") },
  { EY_CORE_ERROR_SIGNATURE_CODE_UNKNOWN, "signature-code-unknown",
    N_("The site does not know this verification code. Ask for a new code and sign again.") },
  { EY_CORE_ERROR_SIGNATURE_CODE_EXPIRED, "signature-code-expired",
    N_("The verification code expired before the signature arrived. Ask for a new code and sign again.") },
  { EY_CORE_ERROR_SIGNATURE_INVALID, "signature-invalid",
    N_("The site could not verify the signature. Sign again; if it fails again, check the card with the Doctor.") },
  { EY_CORE_ERROR_CERTIFICATE_NOT_VALID, "certificate-not-valid",
    N_("The certificate you signed with is not valid now (it has expired or is not yet valid). Choose the wet-signature path.") },
  { EY_CORE_ERROR_CERTIFICATE_UNTRUSTED, "certificate-untrusted",
    N_("The certificate you signed with was not issued by KamuSM. Sign with your qualified e-signature certificate.") },
  { EY_CORE_ERROR_CERTIFICATE_WRONG_PERSON, "certificate-wrong-person",
    N_("The certificate belongs to someone else. Insert your own card and sign again.") },
  { EY_CORE_ERROR_SIGNATURE_ATTRIBUTE_MISSING, "signature-attribute-missing",
    N_("The signature lacks a required attribute. Sign again; if it fails again, report this problem.") },
  { EY_CORE_ERROR_SIGNATURE_REFUSED, "signature-refused",
    N_("The site refused the signature. Sign again, or choose the wet-signature path.") },
  { EY_CORE_ERROR_SESSION_EXPIRED, "session-expired",
    N_("The session on the KamuSM site has expired. Sign in again; what you typed is kept.") },
  { EY_CORE_ERROR_FORM_RESUBMITTED, "form-resubmitted",
    N_("The site had already received this form. Check the current page and continue from there.") },
  { EY_CORE_ERROR_UNEXPECTED_PAGE, "unexpected-page",
    N_("The KamuSM site showed a page this program does not expect; the site may have changed. Try again later or use the site in a browser.") },
  { EY_CORE_ERROR_HTTP_SERVER, "http-server",
    N_("The KamuSM site has a problem right now. Wait a few minutes and try again.") },
  { EY_CORE_ERROR_FOREIGN_REDIRECT, "foreign-redirect",
    N_("The site tried to send you to another address, which was refused. Check your network; do not enter your password elsewhere.") },
  { EY_CORE_ERROR_INSECURE_URL, "insecure-url",
    N_("The address does not use a secure connection (https) and was refused.") },
  { EY_CORE_ERROR_NETWORK_UNREACHABLE, "network-unreachable",
    N_("The KamuSM site cannot be reached. Check your internet connection and try again.") },
  { EY_CORE_ERROR_TIMEOUT, "timeout",
    N_("The KamuSM site did not answer in time. Try again.") },
  { EY_CORE_ERROR_TLS_FAILED, "tls-failed",
    N_("A secure connection to the KamuSM site could not be made. Try again later.") },
  { EY_CORE_ERROR_TLS_UNTRUSTED, "tls-untrusted",
    N_("The site’s certificate is not trusted, so the connection was stopped. Your network may be intercepting it: use another network.") },
  { EY_CORE_ERROR_CANCELLED, "cancelled",
    N_("Cancelled.") },
  { EY_CORE_ERROR_WRONG_STEP, "wrong-step",
    N_("This cannot be done at this step of the renewal.") },
  { EY_CORE_ERROR_RECOVERY, "recovery",
    N_("The note about an unfinished application could not be read or written. Check the disk space and permissions of your home folder.") },
  { EY_CORE_ERROR_APPLICATION_LOST, "application-lost",
    N_("KamuSM no longer has the application you signed last time, so it did not arrive. Your answers are kept: check the form and go on; you will sign again.") },
  { EY_CORE_ERROR_NOT_SIGN_TEXT, "not-sign-text",
    N_("The site asked to sign something that is not the E-Onay text. Nothing was signed.") },
  { EY_CORE_ERROR_FOLLOW_UP_FAILED, "follow-up-failed",
    N_("The site accepted what you sent, but the next page did not load. Nothing needs to be sent again: try again to load the page.") },
  { EY_CORE_ERROR_ANSWER_TOO_LARGE, "answer-too-large",
    N_("The site sent an answer far larger than its pages are, so it was not read. Try again later or use the site in a browser.") },
  { EY_CORE_ERROR_ANSWER_TOO_SLOW, "answer-too-slow",
    N_("The site’s answer did not arrive in time (it came too slowly). Try again later.") },
  { EY_CORE_ERROR_TLS_TOO_OLD, "tls-too-old",
    N_("The site offered only an old, insecure version of TLS (older than 1.2), so the connection was stopped.") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (error_table) == EY_CORE_ERROR_TLS_TOO_OLD + 1);

static const ErrorInfo *
lookup (EyCoreError code)
{
  if ((guint) code >= G_N_ELEMENTS (error_table))
    code = EY_CORE_ERROR_FAILED;
  g_assert (error_table[code].code == code);
  return &error_table[code];
}

const char *
ey_core_error_message (EyCoreError code)
{
  return _(lookup (code)->message);
}

const char *
ey_core_error_nick (EyCoreError code)
{
  return lookup (code)->nick;
}

GError *
ey_core_error_new (EyCoreError code)
{
  return g_error_new_literal (EY_CORE_ERROR, code, ey_core_error_message (code));
}

GError *
ey_core_error_new_unexpected (const char *expected,
                              const char *got)
{
  /* Never "expected X; showed X": the page came but did not do. */
  if (expected != NULL && got != NULL && strstr (expected, got) != NULL)
    /* TRANSLATORS: the first %s is a sentence; then a page name */
    return g_error_new (EY_CORE_ERROR, EY_CORE_ERROR_UNEXPECTED_PAGE,
                        _("%s (The site showed the page %s, but not as this program knows it.)"),
                        ey_core_error_message (EY_CORE_ERROR_UNEXPECTED_PAGE), got);
  /* TRANSLATORS: the first %s is a sentence; then two page names */
  return g_error_new (EY_CORE_ERROR, EY_CORE_ERROR_UNEXPECTED_PAGE,
                      _("%s (Expected: %s; the site showed: %s.)"),
                      ey_core_error_message (EY_CORE_ERROR_UNEXPECTED_PAGE),
                      expected ? expected : "?", got ? got : "?");
}

EyCoreError
ey_core_error_from_sign_outcome (int outcome)
{
  static const struct { EySignOutcome outcome; EyCoreError code; } map[] = {
    { EY_SIGN_OUTCOME_CODE_UNKNOWN, EY_CORE_ERROR_SIGNATURE_CODE_UNKNOWN },
    { EY_SIGN_OUTCOME_CODE_EXPIRED, EY_CORE_ERROR_SIGNATURE_CODE_EXPIRED },
    { EY_SIGN_OUTCOME_SIGNATURE_INVALID, EY_CORE_ERROR_SIGNATURE_INVALID },
    { EY_SIGN_OUTCOME_CERTIFICATE_NOT_VALID, EY_CORE_ERROR_CERTIFICATE_NOT_VALID },
    { EY_SIGN_OUTCOME_CERTIFICATE_UNTRUSTED, EY_CORE_ERROR_CERTIFICATE_UNTRUSTED },
    { EY_SIGN_OUTCOME_IDENTITY_MISMATCH, EY_CORE_ERROR_CERTIFICATE_WRONG_PERSON },
    { EY_SIGN_OUTCOME_ATTRIBUTE_MISSING, EY_CORE_ERROR_SIGNATURE_ATTRIBUTE_MISSING },
  };

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if ((int) map[i].outcome == outcome)
      return map[i].code;
  return EY_CORE_ERROR_SIGNATURE_REFUSED;
}

GError *
ey_core_error_from_transport (GError *error)
{
  g_autoptr(GError) owned = error;
  EyCoreError code = EY_CORE_ERROR_NETWORK_UNREACHABLE;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == EY_CORE_ERROR)
    return g_steal_pointer (&owned);

  /* The library's own text stays in the debug log only */
  g_debug ("transport error: %s (%s %d)", error->message,
           g_quark_to_string (error->domain), error->code);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    code = EY_CORE_ERROR_CANCELLED;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    code = EY_CORE_ERROR_TIMEOUT;
  else if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    code = EY_CORE_ERROR_TLS_UNTRUSTED;
  else if (error->domain == G_TLS_ERROR)
    code = EY_CORE_ERROR_TLS_FAILED;
  else if (error->domain == SOUP_SESSION_ERROR)
    code = EY_CORE_ERROR_HTTP_SERVER;

  return ey_core_error_new (code);
}

gboolean
ey_core_error_is_retryable (const GError *error)
{
  if (error == NULL || error->domain != EY_CORE_ERROR)
    return FALSE;

  switch ((EyCoreError) error->code)
    {
    case EY_CORE_ERROR_CAPTCHA_WRONG:
    case EY_CORE_ERROR_CREDENTIALS_WRONG:
    case EY_CORE_ERROR_FORM_INVALID:
    case EY_CORE_ERROR_APPLICATION_LOST:
    case EY_CORE_ERROR_SMS_CODE_WRONG:
    case EY_CORE_ERROR_SMS_CODE_EXPIRED:
    case EY_CORE_ERROR_CHOICE_REQUIRED:
    case EY_CORE_ERROR_CONSENT_REQUIRED:
    case EY_CORE_ERROR_VERIFICATION_CODE_EXPIRED:
    case EY_CORE_ERROR_SIGNATURE_CODE_UNKNOWN:
    case EY_CORE_ERROR_SIGNATURE_CODE_EXPIRED:
    case EY_CORE_ERROR_SIGNATURE_INVALID:
    case EY_CORE_ERROR_CERTIFICATE_WRONG_PERSON:
    case EY_CORE_ERROR_SIGNATURE_ATTRIBUTE_MISSING:
    case EY_CORE_ERROR_SIGNATURE_REFUSED:
    case EY_CORE_ERROR_NETWORK_UNREACHABLE:
    case EY_CORE_ERROR_TIMEOUT:
    case EY_CORE_ERROR_HTTP_SERVER:
    case EY_CORE_ERROR_CANCELLED:
    case EY_CORE_ERROR_FORM_RESUBMITTED:
    case EY_CORE_ERROR_FOLLOW_UP_FAILED:
    case EY_CORE_ERROR_ANSWER_TOO_SLOW:
      return TRUE;
    case EY_CORE_ERROR_FAILED:
    case EY_CORE_ERROR_NO_ORDER:
    case EY_CORE_ERROR_CERTIFICATE_NOT_VALID:
    case EY_CORE_ERROR_CERTIFICATE_UNTRUSTED:
    case EY_CORE_ERROR_SESSION_EXPIRED:
    case EY_CORE_ERROR_UNEXPECTED_PAGE:
    case EY_CORE_ERROR_FOREIGN_REDIRECT:
    case EY_CORE_ERROR_INSECURE_URL:
    case EY_CORE_ERROR_TLS_FAILED:
    case EY_CORE_ERROR_TLS_UNTRUSTED:
    case EY_CORE_ERROR_WRONG_STEP:
    case EY_CORE_ERROR_RECOVERY:
    case EY_CORE_ERROR_NOT_SIGN_TEXT:
    case EY_CORE_ERROR_ANSWER_TOO_LARGE:
    case EY_CORE_ERROR_TLS_TOO_OLD:
    default:                    /* a code from a newer build, read back from a record */
      return FALSE;
    }
}
