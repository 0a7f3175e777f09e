/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ey-core-types.h"
#include "ey-core-enums.h"
#include "ey-site-client.h"

G_BEGIN_DECLS

/**
 * EySessionStep:
 *
 * Where the renewal is. Each value is one screen of the UI; the session's
 * transition table (ey-session.c) says which site page or event leads
 * from one to the next.
 */
typedef enum
{
  EY_SESSION_STEP_START,         /* nothing yet */
  EY_SESSION_STEP_MAIL,          /* waiting for the pasted KamuSM mail / credentials */
  EY_SESSION_STEP_SIGN_IN,       /* page 1: CAPTCHA shown, identity + password asked */
  EY_SESSION_STEP_FORGOT,        /* page 2: "I don't know my access password" */
  EY_SESSION_STEP_ORDERS,        /* page 3: choose the order */
  EY_SESSION_STEP_NO_ORDER,      /* page 3 without orders: ask the institution */
  EY_SESSION_STEP_FORM,          /* page 4 */
  EY_SESSION_STEP_SMS_SEND,      /* page 5: masked phone, send the SMS */
  EY_SESSION_STEP_SMS_CODE,      /* page 6: enter the SMS code before sms-deadline */
  EY_SESSION_STEP_EONAY_CHOICE,  /* page 7 */
  EY_SESSION_STEP_CONSENT,       /* page 8 */
  EY_SESSION_STEP_SIGNING,       /* page 9 (E-Onay) or 10b (e-signed): sign before code-deadline */
  EY_SESSION_STEP_METHOD,        /* page 10: E-Onaylı, E-İmzalı or wet */
  EY_SESSION_STEP_SUBMITTING,    /* signature accepted, application being sent */
  EY_SESSION_STEP_DONE,          /* page 11: the site confirmed the application */
  EY_SESSION_STEP_WET,           /* page 10c: the PDF to print and sign */
  EY_SESSION_STEP_FAILED,        /* unrecoverable: start over (see EySession:error) */
} EySessionStep;

typedef enum
{
  EY_SESSION_PATH_NONE,
  EY_SESSION_PATH_EONAY,         /* E-Onay signed, then E-Onaylı Başvuru */
  EY_SESSION_PATH_ESIGNED,       /* E-İmzalı Başvuru (form signed) */
  EY_SESSION_PATH_WET,           /* Islak İmzalı Başvuru (PDF) */
} EySessionPath;

typedef enum
{
  EY_SESSION_METHOD_EONAY = 1 << 0,
  EY_SESSION_METHOD_ESIGNED = 1 << 1,
  EY_SESSION_METHOD_WET   = 1 << 2,
} EySessionMethod;

/* EY_TYPE_SESSION_STEP, EY_TYPE_SESSION_PATH, EY_TYPE_SESSION_METHOD: generated
 * (ey-core-enums.h, gnome.mkenums_simple); the nicks are the names lower-cased. */

const char *ey_session_step_to_string (EySessionStep step);   /* "sms-code" */

/**
 * EySessionOrder: one row of the order table (page 3).
 */
typedef struct
{
  char     *id;           /* the site's order number */
  char     *date;         /* as the site shows it */
  char     *institution;
  char     *label;        /* "Yenileme Başvurusu" / "Yeni Başvuru" */
  gboolean  renewal;
} EySessionOrder;

GType           ey_session_order_get_type (void) G_GNUC_CONST;
EySessionOrder *ey_session_order_copy     (const EySessionOrder *order);
void            ey_session_order_free     (EySessionOrder       *order);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EySessionOrder, ey_session_order_free)

/**
 * EySessionField: one field of the application form (page 4), by role
 * (the profile's name for it: "phone", "email", "address", …).
 */
typedef struct
{
  char      *role;
  char      *label;        /* the site's label, if it has one */
  char      *value;
  char      *error;        /* the site's per-field message, or NULL */
  gboolean   read_only;
  gboolean   required;
  gboolean   secret;       /* the security word: not echoed in logs */
  GStrv      option_values; /* selects: NULL otherwise */
  GStrv      option_labels;
} EySessionField;

GType           ey_session_field_get_type (void) G_GNUC_CONST;
EySessionField *ey_session_field_copy     (const EySessionField *field);
void            ey_session_field_free     (EySessionField       *field);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EySessionField, ey_session_field_free)

#define EY_TYPE_SESSION (ey_session_get_type ())
G_DECLARE_FINAL_TYPE (EySession, ey_session, EY, SESSION, GObject)

/**
 * EySession:
 *
 * The renewal state machine. The UI binds to its properties:
 *  - "step" (#EySessionStep), "path" (#EySessionPath), "busy" (gboolean)
 *  - "error" (GError, the last failure; NULL after a success)
 *  - "site-message" (string: what the site last said, error or notice)
 *  - "captcha" (GBytes, PNG)
 *  - "orders" (GPtrArray of #EySessionOrder)
 *  - "form" (GPtrArray of #EySessionField; per-field errors inside)
 *  - "masked-phone", "verification-code", "identity", "applicant-name",
 *    "institution" (strings)
 *  - "sms-deadline", "code-deadline" (gint64, g_get_monotonic_time() µs;
 *    0 when there is none)
 *  - "methods" (#EySessionMethod flags the method page offers)
 *  - "pdf" (GBytes, the wet-signature form, after fetch_pdf)
 * Signals:
 *  - "step-changed" (EySessionStep old, EySessionStep new)
 *  - "needs-signature" (GBytes *data, const char *purpose: "eonay"|"form")
 *  - "submitted" (EySessionPath): the site confirmed the application
 *
 * One _async/_finish pair per user action; each fails with
 * EY_CORE_ERROR_WRONG_STEP when the session is not at a step that allows
 * it, and with EY_CORE_ERROR_CANCELLED when cancelled. On a retryable
 * error (wrong CAPTCHA, wrong SMS code, form errors …) the step stays
 * where it was and everything the user typed is kept.
 */

EySession      *ey_session_new                    (EySiteClient   *client);
EySiteClient   *ey_session_get_client             (EySession      *self);

EySessionStep   ey_session_get_step               (EySession      *self);
EySessionPath   ey_session_get_path               (EySession      *self);
gboolean        ey_session_get_busy               (EySession      *self);
const GError   *ey_session_get_error              (EySession      *self);
const char     *ey_session_get_site_message       (EySession      *self);
GBytes         *ey_session_get_captcha            (EySession      *self);
GPtrArray      *ey_session_get_orders             (EySession      *self);
GPtrArray      *ey_session_get_form               (EySession      *self);
const char     *ey_session_get_masked_phone       (EySession      *self);
const char     *ey_session_get_verification_code  (EySession      *self);
const char     *ey_session_get_identity           (EySession      *self);
const char     *ey_session_get_applicant_name     (EySession      *self);
const char     *ey_session_get_institution        (EySession      *self);
const char     *ey_session_get_order_id           (EySession      *self);
gint64          ey_session_get_sms_deadline       (EySession      *self);
gint64          ey_session_get_code_deadline      (EySession      *self);
EySessionMethod ey_session_get_methods            (EySession      *self);
GBytes         *ey_session_get_pdf                (EySession      *self);
/* The last page the site showed that no recogniser of the profile matched
 * (for a report to IT, ey-site-report.h), or NULL. */
EySitePage         *ey_session_get_unrecognised_page  (EySession      *self);

/* Seconds left until @deadline (monotonic µs), rounded up, never negative. */
int             ey_session_seconds_left           (gint64          deadline);

/* START → MAIL. Identity and display name come from the mail or the user. */
void            ey_session_begin                  (EySession      *self);
void            ey_session_set_identity           (EySession      *self,
                                                   const char     *identity);
void            ey_session_set_applicant_name     (EySession      *self,
                                                   const char     *name);
void            ey_session_set_institution        (EySession      *self,
                                                   const char     *institution);

/* Form values the user edits (by role) before submit_form. */
gboolean        ey_session_set_form_value         (EySession      *self,
                                                   const char     *role,
                                                   const char     *value);
const char     *ey_session_get_form_value         (EySession      *self,
                                                   const char     *role);

/* Resume after a crash between "signature accepted" and "application
 * confirmed": sign-in (CAPTCHA and password asked again) then opens the
 * recorded order by itself. The site's result page → DONE (nothing sent
 * again); its method page → E-Onaylı pressed → DONE (E-İmzalı path: pressed,
 * → SIGNING to sign again); the wet page → WET; the form → sign-in fails with
 * EY_CORE_ERROR_APPLICATION_LOST at step FORM (go on from there). The record
 * is removed once the site confirmed, or when the site shows it lost. */
void            ey_session_set_recovery           (EySession      *self,
                                                   EyRecovery     *recovery);
EyRecovery     *ey_session_get_recovery           (EySession      *self);
/* Where the recovery record is written: one file per person in @dir
 * (default: ey_recovery_default_dir ("real")), or, with set_recovery_path,
 * exactly that file. */
void            ey_session_set_recovery_dir       (EySession      *self,
                                                   const char     *dir);
void            ey_session_set_recovery_path      (EySession      *self,
                                                   const char     *path);

/* Every action below: gboolean _finish (self, result, error). */

/* → SIGN_IN: load the sign-in page and a (new) CAPTCHA. From MAIL, SIGN_IN
 * or FORGOT it is a new picture; from any other step it starts over (new
 * site session, path reset; the form values typed so far are kept). */
void     ey_session_load_sign_in_async       (EySession *self, GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
gboolean ey_session_load_sign_in_finish      (EySession *self, GAsyncResult *result, GError **error);

/* SIGN_IN → ORDERS | NO_ORDER | FORM (one order) …; @password is wiped from our copies. */
void     ey_session_sign_in_async            (EySession *self, const char *captcha_text,
                                              const char *identity, const char *password,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
gboolean ey_session_sign_in_finish           (EySession *self, GAsyncResult *result, GError **error);

/* FORGOT → SIGN_IN with site-message "mailed again" (password resent). */
void     ey_session_forgot_password_async    (EySession *self, const char *captcha_text,
                                              const char *identity,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
gboolean ey_session_forgot_password_finish   (EySession *self, GAsyncResult *result, GError **error);

/* ORDERS → FORM */
void     ey_session_choose_order_async       (EySession *self, const char *order_id,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
gboolean ey_session_choose_order_finish      (EySession *self, GAsyncResult *result, GError **error);

/* FORM → SMS_SEND (values from set_form_value) */
void     ey_session_submit_form_async        (EySession *self, GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
gboolean ey_session_submit_form_finish       (EySession *self, GAsyncResult *result, GError **error);

/* SMS_SEND → SMS_CODE (sets sms-deadline) */
void     ey_session_send_sms_async           (EySession *self, GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
gboolean ey_session_send_sms_finish          (EySession *self, GAsyncResult *result, GError **error);

/* SMS_SEND → FORM: the phone is wrong, back to the form. */
void     ey_session_back_to_form_async       (EySession *self, GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
gboolean ey_session_back_to_form_finish      (EySession *self, GAsyncResult *result, GError **error);

/* SMS_CODE → EONAY_CHOICE; @code is wiped from our copies. */
void     ey_session_submit_sms_code_async    (EySession *self, const char *code,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
gboolean ey_session_submit_sms_code_finish   (EySession *self, GAsyncResult *result, GError **error);

/* SMS_CODE → SMS_CODE with a new sms-deadline */
void     ey_session_request_sms_code_async   (EySession *self, GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
gboolean ey_session_request_sms_code_finish  (EySession *self, GAsyncResult *result, GError **error);

/* EONAY_CHOICE → CONSENT (yes, path E-Onay) | METHOD (no) */
void     ey_session_choose_eonay_async       (EySession *self, gboolean give_eonay,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
gboolean ey_session_choose_eonay_finish      (EySession *self, GAsyncResult *result, GError **error);

/* CONSENT → SIGNING (sets verification-code, code-deadline) */
void     ey_session_accept_consent_async     (EySession *self, GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
gboolean ey_session_accept_consent_finish    (EySession *self, GAsyncResult *result, GError **error);

/* SIGNING: the bytes to sign; also emitted as "needs-signature". */
void     ey_session_fetch_sign_data_async    (EySession *self, GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
GBytes  *ey_session_fetch_sign_data_finish   (EySession *self, GAsyncResult *result, GError **error);

/* SIGNING (verification code expired) → SIGNING with a new code and deadline */
void     ey_session_renew_code_async         (EySession *self, GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
gboolean ey_session_renew_code_finish        (EySession *self, GAsyncResult *result, GError **error);

/* SIGNING → SUBMITTING → DONE. @cms: DER CMS SignedData, content
 * encapsulated. E-Onay: once accepted, the session writes the recovery
 * record, presses E-Onaylı Başvuru itself and finishes only when the site
 * confirmed it. E-signed (10b): goes on to the result page. */
void     ey_session_submit_signature_async   (EySession *self, GBytes *cms,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
gboolean ey_session_submit_signature_finish  (EySession *self, GAsyncResult *result, GError **error);

/* METHOD → DONE (eonayli) | SIGNING (eimzali) | WET (islak) */
void     ey_session_choose_method_async      (EySession *self, EySessionMethod method,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
gboolean ey_session_choose_method_finish     (EySession *self, GAsyncResult *result, GError **error);

/* WET: download the PDF (this is the wet path's submission). */
void     ey_session_fetch_pdf_async          (EySession *self, GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
GBytes  *ey_session_fetch_pdf_finish         (EySession *self, GAsyncResult *result, GError **error);

/* "Try again" after a failure: reads where the site is (the page after the
 * last POST if its outcome is unknown, else the current page) and moves to
 * that step; sends nothing. The result page there finishes the renewal
 * (recovery note removed, "submitted" emitted). Not at START, MAIL, DONE, FAILED. */
void     ey_session_refresh_async            (EySession *self, GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);
gboolean ey_session_refresh_finish           (EySession *self, GAsyncResult *result, GError **error);
/* Whether "Try again" after @error should refresh first: the site's state
 * is unknown (network, time limit, server error, a page we do not know). */
gboolean ey_session_error_needs_refresh      (const GError *error);

/* Cancel whatever runs; the session stays usable. */
void            ey_session_cancel                 (EySession      *self);

G_END_DECLS
