/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ey-sim-session-private.h: cookie sessions of the simulated site (internal) */
#pragma once

#include <glib.h>

#include "ey-sim-types.h"

G_BEGIN_DECLS

/* Where the applicant is in the flow; the site sends out-of-order requests here. */
typedef enum
{
  EY_SIM_STEP_LOGIN,
  EY_SIM_STEP_ORDERS,
  EY_SIM_STEP_FORM,
  EY_SIM_STEP_SMS,
  EY_SIM_STEP_SMS_CODE,
  EY_SIM_STEP_EONAY,
  EY_SIM_STEP_CONSENT,
  EY_SIM_STEP_EONAY_SIGN,
  EY_SIM_STEP_METHOD,
  EY_SIM_STEP_EIMZALI,
  EY_SIM_STEP_ISLAK,
  EY_SIM_STEP_RESULT,
} EySimStep;

typedef struct
{
  char        *id;
  gint64       last_seen;       /* monotonic µs */
  EySimStep    step;
  EySimPerson *person;          /* NULL until signed in */
  char        *captcha;         /* current CAPTCHA answer (secret) */
  guint        captcha_serial;
  GHashTable  *tokens;          /* one-time form tokens */
  char        *flash_error;     /* shown once on the next page */
  char        *flash_notice;
  guint        order;
  GHashTable  *form;            /* EySimField (as pointer) → UTF-8 value */
  char        *sms_code;        /* secret */
  gint64       sms_deadline;
  char        *verify_code;
  gint64       verify_deadline;
  char        *purpose;         /* "eonay" | "form" */
  GBytes      *issued;          /* the bytes handed out for signing */
  gboolean     eonay_wanted;
  gboolean     eonay_signed;
  char        *method;          /* set when the application was submitted */
} EySimSession;

/* What the site keeps of one person's application for one order across sign-ins
 * (server memory only).  The real site stores an accepted E-Onay signature even when
 * E-Onaylı Başvuru was never pressed (the guide's "application never arrived"), so a
 * new sign-in that opens the same order continues from the method page. */
typedef struct
{
  char       *identity;
  guint       order;
  gboolean    form_saved;
  gboolean    sms_ok;
  gboolean    eonay_signed;
  char       *method_chosen;   /* log name of the last method pressed, or NULL */
  char       *submitted;       /* log name of the method the application arrived by */
  GHashTable *form;            /* EySimField (as pointer) → value, as last saved */
} EySimApplication;

typedef struct _EySimSessions EySimSessions;

EySimSessions *ey_sim_sessions_new          (void);
void           ey_sim_sessions_free         (EySimSessions *sessions);
EySimSession  *ey_sim_sessions_create       (EySimSessions *sessions);
EySimSession  *ey_sim_sessions_lookup       (EySimSessions *sessions,
                                             const char    *id);
void           ey_sim_sessions_remove       (EySimSessions *sessions,
                                             const char    *id);
/* Calls @func on every session (for expiring codes, finding an identity's session). */
void           ey_sim_sessions_foreach      (EySimSessions *sessions,
                                             GFunc          func,
                                             gpointer       user_data);

/* Drops sessions last seen before @cutoff (monotonic µs), calling @expired on each
 * first; abandoned sessions would otherwise pile up in a long demo. */
void           ey_sim_sessions_collect      (EySimSessions *sessions,
                                             gint64         cutoff,
                                             GFunc          expired,
                                             gpointer       user_data);

/* Forgets every application's progress, as if the orders had just been opened. */
void           ey_sim_sessions_forget_applications (EySimSessions *sessions);

/* The applications' progress (not the form values) in a key file: the demo
 * keeps its applications across restarts of the app. Load: missing file is
 * no error. */
gboolean       ey_sim_sessions_save_applications (EySimSessions *sessions,
                                                  const char    *file,
                                                  GError       **error);
gboolean       ey_sim_sessions_load_applications (EySimSessions *sessions,
                                                  const char    *file,
                                                  GError       **error);

/* The progress record of @identity's application for @order, made on first use. */
EySimApplication *ey_sim_sessions_application (EySimSessions *sessions,
                                               const char    *identity,
                                               guint          order);

char          *ey_sim_session_new_token     (EySimSession  *session);
gboolean       ey_sim_session_take_token    (EySimSession  *session,
                                             const char    *token);
/* Back to an anonymous session at the sign-in page. */
void           ey_sim_session_reset         (EySimSession  *session);
void           ey_sim_session_set_secret    (char         **slot,
                                             const char    *value);
char          *ey_sim_random_digits         (guint          n);

G_END_DECLS
