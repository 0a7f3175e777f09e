/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Internal API of EySession, shared by ey-session.c (the engine) and the
 * files of its actions (ey-session-*.c). */

#include "ey-form.h"
#include "ey-site-page.h"
#include "ey-recovery.h"
#include "ey-session.h"
#include "ey-site-client.h"
#include "ey-site-profile.h"

G_BEGIN_DECLS


/* ------------------------------------------------------------------------ */
/* The transition table                                                     */

/* Events are the pages the site shows (EySitePageKind values) plus a few that
 * are not a page of their own. */
enum
{
  EV_NO_ORDERS = EY_SITE_PAGE_KIND_LAST + 1,  /* the order page, without orders */
  EV_SESSION_EXPIRED,                    /* the sign-in page, "session expired" */
  EV_SIGNATURE_ACCEPTED,                 /* the upload call said "accepted" */
  EV_BEGIN,                              /* the user started */
  EV_RESTART,                            /* the user starts over (sign in again) */
  EV_FATAL,                              /* refused redirect, untrusted TLS */
  EV_BACK_TO_SIGN_IN,                    /* the user leaves "forgot my password" */
  EV_EONAYLI_PRESSED,                    /* E-Onaylı Başvuru pressed: being submitted */
};

typedef struct
{
  EySessionStep from;
  int           event;
  EySessionStep to;
} Transition;

#define ANY_STEP ((EySessionStep) -1)


struct _EySession
{
  GObject          parent_instance;

  EySiteClient    *client;
  EySiteProfile   *profile;
  EySitePage          *page;          /* the last page the site showed */
  EySitePage          *unrecognised_page; /* the last page no recogniser matched */
  gboolean         page_stale;    /* a request failed since: re-read first */
  char            *reread_href;   /* after a POST whose outcome is unknown: where to look */

  EySessionStep    step;
  EySessionPath    path;
  gboolean         busy;
  GError          *error;
  char            *site_message;
  GBytes          *captcha;
  GPtrArray       *orders;
  GPtrArray       *form;
  GHashTable      *user_values;   /* role nick → what the user typed */
  char            *masked_phone;
  char            *verification_code;
  char            *identity;
  char            *applicant_name;
  char            *institution;
  char            *order_id;
  gint64           sms_deadline;
  gint64           code_deadline;
  EySessionMethod  methods;
  GBytes          *pdf;

  EyRecovery      *recovery;
  char            *recovery_path;  /* one explicit file (tests, --recovery-file) */
  char            *recovery_dir;   /* else: one file per person in this directory */
  GCancellable    *op_cancellable;
};


enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_STEP,
  PROP_PATH,
  PROP_BUSY,
  PROP_ERROR,
  PROP_SITE_MESSAGE,
  PROP_CAPTCHA,
  PROP_ORDERS,
  PROP_FORM,
  PROP_MASKED_PHONE,
  PROP_VERIFICATION_CODE,
  PROP_IDENTITY,
  PROP_APPLICANT_NAME,
  PROP_INSTITUTION,
  PROP_ORDER_ID,
  PROP_SMS_DEADLINE,
  PROP_CODE_DEADLINE,
  PROP_METHODS,
  PROP_PDF,
  N_PROPS
};

enum
{
  STEP_CHANGED,
  NEEDS_SIGNATURE,
  SUBMITTED,
  N_SIGNALS
};


extern GParamSpec *_ey_session_properties[N_PROPS];
extern guint _ey_session_signals[N_SIGNALS];

/* Operations                                                               */

typedef struct _Op Op;
typedef void (*OpThen) (GTask *task, EySitePage *page);

struct _Op
{
  GCancellable *cancellable;     /* ours: cancelled by the caller's or ey_session_cancel */
  GCancellable *caller;
  gulong        caller_handler;
  EySessionStep started_at;
  OpThen        then;            /* what to do with the next accepted page */
  OpThen        action;          /* the action itself, run on a fresh page */
  gboolean      ignore_expired;  /* loading sign-in: "expired" is old news */
  EyButtonRole  button;          /* of the last submission built */
  char         *captcha_url;     /* the picture being fetched (asked again once) */
  gpointer      state;           /* the action's own small struct */
  GDestroyNotify state_free;
};

/* The user actions; the action table in ey-session.c says at which steps
 * each one is allowed. */
typedef enum
{
  ACTION_LOAD_SIGN_IN,
  ACTION_LOAD_FORGOT,
  ACTION_SIGN_IN,
  ACTION_FORGOT_PASSWORD,
  ACTION_CHOOSE_ORDER,
  ACTION_SUBMIT_FORM,
  ACTION_BACK_TO_FORM,
  ACTION_SEND_SMS,
  ACTION_SUBMIT_SMS_CODE,
  ACTION_REQUEST_SMS_CODE,
  ACTION_CHOOSE_EONAY,
  ACTION_ACCEPT_CONSENT,
  ACTION_FETCH_SIGN_DATA,
  ACTION_RENEW_CODE,
  ACTION_SUBMIT_SIGNATURE,
  ACTION_CHOOSE_METHOD,
  ACTION_FETCH_PDF,
  ACTION_REFRESH,
  N_ACTIONS
} EySessionAction;

gboolean    _ey_session_action_allowed   (EySessionAction action, EySessionStep step);
const char *_ey_session_action_name      (EySessionAction action);


#define STEP(s) (1u << EY_SESSION_STEP_##s)

void        _ey_session_set_string       (EySession *self, char **slot, const char *value, int prop);
void        _ey_session_set_int64        (EySession *self, gint64 *slot, gint64 value, int prop);
void        _ey_session_set_bytes        (EySession *self, GBytes **slot, GBytes *value, int prop);
/* The only way the step changes: @event through the transition table.
 * FALSE (step unchanged) when the table has no such transition. */
gboolean    _ey_session_fire             (EySession *self, int event);
void        _ey_session_set_path         (EySession *self, EySessionPath path);
void        _ey_session_set_busy         (EySession *self, gboolean busy);
void        _ey_session_set_error        (EySession *self, const GError *error);
gboolean    _ey_session_lookup_transition (EySessionStep from, int event, EySessionStep *to);
char       *_ey_session_describe_expected (EySessionStep from);
char       *_ey_session_describe_expected_but (EySessionStep from, int except);
/* Writes the note that the signature was accepted (see ey-recovery.h) */
void        _ey_session_save_recovery    (EySession *self, const char *path_nick);
/* The site confirmed (or showed it lost): the note goes */
void        _ey_session_clear_recovery   (EySession *self);
/* Takes the note of the person signed in, if there is one */
void        _ey_session_load_recovery    (EySession *self);

Op         *_ey_session_op_of            (GTask *task);
GTask      *_ey_session_op_new           (EySession *self, gpointer source_tag,
                                          GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
gboolean    _ey_session_op_start         (EySession *self, GTask *task, EySessionAction action,
                                          OpThen run);
/* The action's own state, freed with the task */
void        _ey_session_op_set_state     (GTask *task, gpointer state, GDestroyNotify state_free);
gpointer    _ey_session_op_state         (GTask *task);
/* Wipes and frees a secret string (password, SMS code) */
void        _ey_session_wipe_free        (gpointer text);
gboolean    _ey_session_op_finish        (EySession *self, GAsyncResult *result, gpointer tag,
                                          GError **error);
void        _ey_session_op_succeed       (GTask *task);
void        _ey_session_op_fail          (GTask *task, GError *error);
void        _ey_session_op_get           (GTask *task, const char *href, OpThen then);
void        _ey_session_op_get_action    (GTask *task, EySiteAction action, OpThen then);
void        _ey_session_op_post          (GTask *task, EyFormData *data, OpThen then);
void        _ey_session_handle_page      (GTask *task, EySitePage *page, GError *post_error);
GError     *_ey_session_take_marker_error (GTask *task);
/* Fails the action with the page's marker error if it has one: TRUE, and the caller returns. */
gboolean    _ey_session_fail_on_marker   (GTask *task);
gboolean    _ey_session_has_marker_error (GTask *task);
void        _ey_session_set_marker_error (GTask *task, GError *error);
void        _ey_session_drop_marker_error (GTask *task);
gboolean    _ey_session_is_fatal         (const GError *error);
gboolean    _ey_session_is_transport     (const GError *error);
EyFormData *_ey_session_submission       (GTask *task, EyButtonRole button);
gboolean    _ey_session_fill             (GTask *task, EyFormData *data, EyFieldRole role,
                                          const char *value);
void        _ey_session_do_press         (GTask *task, EyButtonRole button);

/* Continuations (OpThen) shared between the action files */
void        _ey_session_then_done        (GTask *task, EySitePage *page);
void        _ey_session_then_captcha     (GTask *task, EySitePage *page);
void        _ey_session_then_submitted   (GTask *task, EySitePage *page);
void        _ey_session_then_submit_eonayli (GTask *task, EySitePage *page);
void        _ey_session_then_resume      (GTask *task, EySitePage *page);
void        _ey_session_then_method_chosen (GTask *task, EySitePage *page);
void        _ey_session_then_not_a_reply (GTask *task, EySitePage *page);
gboolean    _ey_session_raw_reply_is_page (GTask *task, GBytes *bytes, const char *content_type);
EyFormData *_ey_session_sign_request     (GTask *task, EySiteAction action);
const char *_ey_session_purpose          (EySession *self);
void        _ey_session_continue_after_accept (GTask *task);
void        _ey_session_then_after_accept (GTask *task, EySitePage *page);

/* SIGN_IN → FORGOT: the "I don't know my access password" page (new CAPTCHA). */
void     ey_session_load_forgot_async        (EySession *self, GCancellable *cancellable,
                                              GAsyncReadyCallback callback, gpointer user_data);

gboolean ey_session_load_forgot_finish       (EySession *self, GAsyncResult *result, GError **error);

G_END_DECLS
