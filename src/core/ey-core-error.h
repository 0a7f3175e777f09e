/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * EY_CORE_ERROR:
 *
 * The error domain of the core layer (site client, session, recovery).
 * Every error's message is a translated sentence that tells the user what
 * to do next; what the site itself said is kept on the session
 * (#EySession:site-message) and, for form errors, per field.
 */
#define EY_CORE_ERROR (ey_core_error_quark ())

typedef enum
{
  EY_CORE_ERROR_FAILED,

  /* Sign-in (page 1, 2) */
  EY_CORE_ERROR_CAPTCHA_WRONG,
  EY_CORE_ERROR_CREDENTIALS_WRONG,
  EY_CORE_ERROR_NO_ORDER,

  /* Form (page 4): the per-field messages are on the session's form */
  EY_CORE_ERROR_FORM_INVALID,

  /* SMS (page 5, 6) */
  EY_CORE_ERROR_SMS_CODE_WRONG,
  EY_CORE_ERROR_SMS_CODE_EXPIRED,

  /* E-Onay choice and consent (page 7, 8) */
  EY_CORE_ERROR_CHOICE_REQUIRED,
  EY_CORE_ERROR_CONSENT_REQUIRED,

  /* Signing (page 9, 10b) */
  EY_CORE_ERROR_VERIFICATION_CODE_EXPIRED,
  EY_CORE_ERROR_SIGNATURE_CODE_UNKNOWN,      /* KOD_HATALI */
  EY_CORE_ERROR_SIGNATURE_CODE_EXPIRED,      /* KOD_SURESI_DOLDU */
  EY_CORE_ERROR_SIGNATURE_INVALID,           /* IMZA_GECERSIZ */
  EY_CORE_ERROR_CERTIFICATE_NOT_VALID,       /* SERTIFIKA_GECERSIZ */
  EY_CORE_ERROR_CERTIFICATE_UNTRUSTED,       /* SERTIFIKA_GUVENILMEZ */
  EY_CORE_ERROR_CERTIFICATE_WRONG_PERSON,    /* KIMLIK_UYUSMUYOR */
  EY_CORE_ERROR_SIGNATURE_ATTRIBUTE_MISSING, /* IMZA_OZNITELIK_EKSIK */
  EY_CORE_ERROR_SIGNATURE_REFUSED,           /* any other refusal */

  /* The site */
  EY_CORE_ERROR_SESSION_EXPIRED,
  EY_CORE_ERROR_FORM_RESUBMITTED,
  EY_CORE_ERROR_UNEXPECTED_PAGE,
  EY_CORE_ERROR_HTTP_SERVER,
  EY_CORE_ERROR_FOREIGN_REDIRECT,
  EY_CORE_ERROR_INSECURE_URL,

  /* The network */
  EY_CORE_ERROR_NETWORK_UNREACHABLE,
  EY_CORE_ERROR_TIMEOUT,
  EY_CORE_ERROR_TLS_FAILED,
  EY_CORE_ERROR_TLS_UNTRUSTED,

  /* The program */
  EY_CORE_ERROR_CANCELLED,
  EY_CORE_ERROR_WRONG_STEP,
  EY_CORE_ERROR_RECOVERY,
  /* Resuming: the site no longer holds the signed application (shows the form). */
  EY_CORE_ERROR_APPLICATION_LOST,
  /* The site asked to sign something that is not the expected text (ey-sign-data.c) */
  EY_CORE_ERROR_NOT_SIGN_TEXT,

  /* The site connection (issue 9, 10) */
  /* The site accepted a POST (it redirected) but the next page did not load:
   * re-read the state with a GET, never send the POST again. */
  EY_CORE_ERROR_FOLLOW_UP_FAILED,
  EY_CORE_ERROR_ANSWER_TOO_LARGE,
  EY_CORE_ERROR_ANSWER_TOO_SLOW,
  EY_CORE_ERROR_TLS_TOO_OLD,
} EyCoreError;

GQuark       ey_core_error_quark             (void);

/* The translated "what to do next" sentence for @code. */
const char  *ey_core_error_message           (EyCoreError  code);

G_END_DECLS
