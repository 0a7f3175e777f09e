/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-session"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ey-core-error-private.h"
#include "ey-form-private.h"
#include "ey-site-page-private.h"
#include "ey-recovery.h"
#include "ey-session-private.h"
#include "ey-site-client-private.h"
#include "ey-site-profile-private.h"
#include "ey-site-roles-private.h"

/* The session engine: the object, the transition table (which page or
 * event leads from one step to the next), the action table (which action
 * is allowed at which step) and the operation machinery every action runs
 * on. The actions themselves live in ey-session-<group>.c. */

/* ------------------------------------------------------------------------ */
/* Enums and boxed types                                                    */

const char *
ey_session_step_to_string (EySessionStep step)
{
  static GEnumClass *klass;
  GEnumValue *value;

  /* The class is kept for the life of the process: a static type's class never goes. */
  if (g_once_init_enter (&klass))
    g_once_init_leave (&klass, g_type_class_ref (EY_TYPE_SESSION_STEP));
  value = g_enum_get_value (klass, step);
  return value != NULL ? value->value_nick : "?";
}

EySessionOrder *
ey_session_order_copy (const EySessionOrder *order)
{
  EySessionOrder *copy = g_new0 (EySessionOrder, 1);

  copy->id = g_strdup (order->id);
  copy->date = g_strdup (order->date);
  copy->institution = g_strdup (order->institution);
  copy->label = g_strdup (order->label);
  copy->renewal = order->renewal;
  return copy;
}

void
ey_session_order_free (EySessionOrder *order)
{
  if (order == NULL)
    return;
  g_free (order->id);
  g_free (order->date);
  g_free (order->institution);
  g_free (order->label);
  g_free (order);
}

G_DEFINE_BOXED_TYPE (EySessionOrder, ey_session_order, ey_session_order_copy, ey_session_order_free)

EySessionField *
ey_session_field_copy (const EySessionField *field)
{
  EySessionField *copy = g_new0 (EySessionField, 1);

  copy->role = g_strdup (field->role);
  copy->label = g_strdup (field->label);
  copy->value = g_strdup (field->value);
  copy->error = g_strdup (field->error);
  copy->read_only = field->read_only;
  copy->required = field->required;
  copy->secret = field->secret;
  copy->option_values = g_strdupv (field->option_values);
  copy->option_labels = g_strdupv (field->option_labels);
  return copy;
}

void
ey_session_field_free (EySessionField *field)
{
  if (field == NULL)
    return;
  g_free (field->role);
  g_free (field->label);
  if (field->value)
    explicit_bzero (field->value, strlen (field->value));
  g_free (field->value);
  g_free (field->error);
  g_strfreev (field->option_values);
  g_strfreev (field->option_labels);
  g_free (field);
}

G_DEFINE_BOXED_TYPE (EySessionField, ey_session_field, ey_session_field_copy, ey_session_field_free)

/* state × event → next state. A page not listed for a step is an
 * unexpected page: an error that names what was expected. */
static const Transition transitions[] = {
  { EY_SESSION_STEP_START,        EV_BEGIN,                      EY_SESSION_STEP_MAIL },
  { EY_SESSION_STEP_MAIL,         EY_SITE_PAGE_KIND_LOGIN,            EY_SESSION_STEP_SIGN_IN },

  { EY_SESSION_STEP_SIGN_IN,      EY_SITE_PAGE_KIND_LOGIN,            EY_SESSION_STEP_SIGN_IN },
  { EY_SESSION_STEP_SIGN_IN,      EY_SITE_PAGE_KIND_FORGOT,           EY_SESSION_STEP_FORGOT },
  { EY_SESSION_STEP_SIGN_IN,      EY_SITE_PAGE_KIND_ORDERS,           EY_SESSION_STEP_ORDERS },
  { EY_SESSION_STEP_SIGN_IN,      EV_NO_ORDERS,                  EY_SESSION_STEP_NO_ORDER },
  { EY_SESSION_STEP_SIGN_IN,      EY_SITE_PAGE_KIND_FORM,             EY_SESSION_STEP_FORM },

  { EY_SESSION_STEP_FORGOT,       EY_SITE_PAGE_KIND_FORGOT,           EY_SESSION_STEP_FORGOT },
  { EY_SESSION_STEP_FORGOT,       EY_SITE_PAGE_KIND_LOGIN,            EY_SESSION_STEP_SIGN_IN },

  { EY_SESSION_STEP_ORDERS,       EY_SITE_PAGE_KIND_ORDERS,           EY_SESSION_STEP_ORDERS },
  { EY_SESSION_STEP_ORDERS,       EY_SITE_PAGE_KIND_FORM,             EY_SESSION_STEP_FORM },
  /* recovery: a site that remembers an accepted E-Onay, or the application that arrived */
  { EY_SESSION_STEP_ORDERS,       EY_SITE_PAGE_KIND_METHOD,           EY_SESSION_STEP_METHOD },
  { EY_SESSION_STEP_ORDERS,       EY_SITE_PAGE_KIND_RESULT,           EY_SESSION_STEP_DONE },
  { EY_SESSION_STEP_ORDERS,       EY_SITE_PAGE_KIND_WET,              EY_SESSION_STEP_WET },
  { EY_SESSION_STEP_NO_ORDER,     EV_NO_ORDERS,                  EY_SESSION_STEP_NO_ORDER },
  { EY_SESSION_STEP_NO_ORDER,     EY_SITE_PAGE_KIND_ORDERS,           EY_SESSION_STEP_ORDERS },

  { EY_SESSION_STEP_FORM,         EY_SITE_PAGE_KIND_FORM,             EY_SESSION_STEP_FORM },
  { EY_SESSION_STEP_FORM,         EY_SITE_PAGE_KIND_SMS_SEND,         EY_SESSION_STEP_SMS_SEND },

  { EY_SESSION_STEP_SMS_SEND,     EY_SITE_PAGE_KIND_SMS_SEND,         EY_SESSION_STEP_SMS_SEND },
  { EY_SESSION_STEP_SMS_SEND,     EY_SITE_PAGE_KIND_SMS_CODE,         EY_SESSION_STEP_SMS_CODE },
  { EY_SESSION_STEP_SMS_SEND,     EY_SITE_PAGE_KIND_FORM,             EY_SESSION_STEP_FORM },

  { EY_SESSION_STEP_SMS_CODE,     EY_SITE_PAGE_KIND_SMS_CODE,         EY_SESSION_STEP_SMS_CODE },
  { EY_SESSION_STEP_SMS_CODE,     EY_SITE_PAGE_KIND_EONAY_CHOICE,     EY_SESSION_STEP_EONAY_CHOICE },

  { EY_SESSION_STEP_EONAY_CHOICE, EY_SITE_PAGE_KIND_EONAY_CHOICE,     EY_SESSION_STEP_EONAY_CHOICE },
  { EY_SESSION_STEP_EONAY_CHOICE, EY_SITE_PAGE_KIND_CONSENT,          EY_SESSION_STEP_CONSENT },
  { EY_SESSION_STEP_EONAY_CHOICE, EY_SITE_PAGE_KIND_METHOD,           EY_SESSION_STEP_METHOD },

  { EY_SESSION_STEP_CONSENT,      EY_SITE_PAGE_KIND_CONSENT,          EY_SESSION_STEP_CONSENT },
  { EY_SESSION_STEP_CONSENT,      EY_SITE_PAGE_KIND_EONAY_SIGN,       EY_SESSION_STEP_SIGNING },

  { EY_SESSION_STEP_SIGNING,      EY_SITE_PAGE_KIND_EONAY_SIGN,       EY_SESSION_STEP_SIGNING },
  { EY_SESSION_STEP_SIGNING,      EY_SITE_PAGE_KIND_EIMZALI_SIGN,     EY_SESSION_STEP_SIGNING },
  { EY_SESSION_STEP_SIGNING,      EV_SIGNATURE_ACCEPTED,         EY_SESSION_STEP_SUBMITTING },
  /* signing refused for good (certificate not valid): on to the method page */
  { EY_SESSION_STEP_SIGNING,      EY_SITE_PAGE_KIND_METHOD,           EY_SESSION_STEP_METHOD },

  { EY_SESSION_STEP_METHOD,       EY_SITE_PAGE_KIND_METHOD,           EY_SESSION_STEP_METHOD },
  { EY_SESSION_STEP_METHOD,       EY_SITE_PAGE_KIND_RESULT,           EY_SESSION_STEP_DONE },
  { EY_SESSION_STEP_METHOD,       EY_SITE_PAGE_KIND_EIMZALI_SIGN,     EY_SESSION_STEP_SIGNING },
  { EY_SESSION_STEP_METHOD,       EY_SITE_PAGE_KIND_WET,              EY_SESSION_STEP_WET },

  { EY_SESSION_STEP_SUBMITTING,   EY_SITE_PAGE_KIND_METHOD,           EY_SESSION_STEP_SUBMITTING },
  { EY_SESSION_STEP_SUBMITTING,   EY_SITE_PAGE_KIND_EIMZALI_SIGN,     EY_SESSION_STEP_SUBMITTING },
  { EY_SESSION_STEP_SUBMITTING,   EY_SITE_PAGE_KIND_RESULT,           EY_SESSION_STEP_DONE },

  { EY_SESSION_STEP_WET,          EY_SITE_PAGE_KIND_WET,              EY_SESSION_STEP_WET },
  { EY_SESSION_STEP_DONE,         EY_SITE_PAGE_KIND_RESULT,           EY_SESSION_STEP_DONE },

  { EY_SESSION_STEP_FORGOT,       EV_BACK_TO_SIGN_IN,            EY_SESSION_STEP_SIGN_IN },
  { EY_SESSION_STEP_METHOD,       EV_EONAYLI_PRESSED,            EY_SESSION_STEP_SUBMITTING },

  { ANY_STEP,                     EV_SESSION_EXPIRED,            EY_SESSION_STEP_SIGN_IN },
  { ANY_STEP,                     EV_RESTART,                    EY_SESSION_STEP_MAIL },
  { ANY_STEP,                     EV_FATAL,                      EY_SESSION_STEP_FAILED },
};

gboolean
_ey_session_lookup_transition (EySessionStep  from,
                               int            event,
                               EySessionStep *to)
{
  for (guint i = 0; i < G_N_ELEMENTS (transitions); i++)
    if ((transitions[i].from == from || transitions[i].from == ANY_STEP) &&
        transitions[i].event == event)
      {
        *to = transitions[i].to;
        return TRUE;
      }
  return FALSE;
}

/* "Sign-in or Order choice", for the unexpected-page message */
char *
_ey_session_describe_expected (EySessionStep from)
{
  return _ey_session_describe_expected_but (from, -1);
}

/* The pages that may follow @from, but @except: the sign-in page again without
 * a refusal we know must not name itself as expected. */
char *
_ey_session_describe_expected_but (EySessionStep from,
                                   int           except)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (transitions); i++)
    {
      int ev = transitions[i].event;

      if (transitions[i].from != from || ev > EY_SITE_PAGE_KIND_LAST || ev == except)
        continue;
      if (strstr (s->str, ey_site_page_kind_get_label (ev)))
        continue;
      if (s->len > 0)
        g_string_append (s, _(" or "));
      g_string_append (s, ey_site_page_kind_get_label (ev));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* ------------------------------------------------------------------------ */
/* The action table                                                         */

/* action → the steps at which the user may take it. Anything else is
 * EY_CORE_ERROR_WRONG_STEP, checked before a single byte is sent. */
static const struct
{
  EySessionAction action;
  const char     *name;
  guint           steps;     /* bit mask of EySessionStep */
} actions[] = {
  /* signing in again is starting over: allowed anywhere */
  { ACTION_LOAD_SIGN_IN,      "load-sign-in",      ~0u },
  { ACTION_LOAD_FORGOT,       "load-forgot",       STEP (SIGN_IN) | STEP (FORGOT) },
  { ACTION_SIGN_IN,           "sign-in",           STEP (SIGN_IN) },
  { ACTION_FORGOT_PASSWORD,   "forgot-password",   STEP (FORGOT) },
  { ACTION_CHOOSE_ORDER,      "choose-order",      STEP (ORDERS) },
  { ACTION_SUBMIT_FORM,       "submit-form",       STEP (FORM) },
  { ACTION_BACK_TO_FORM,      "back-to-form",      STEP (SMS_SEND) },
  { ACTION_SEND_SMS,          "send-sms",          STEP (SMS_SEND) },
  { ACTION_SUBMIT_SMS_CODE,   "submit-sms-code",   STEP (SMS_CODE) },
  { ACTION_REQUEST_SMS_CODE,  "request-sms-code",  STEP (SMS_CODE) },
  { ACTION_CHOOSE_EONAY,      "choose-eonay",      STEP (EONAY_CHOICE) },
  { ACTION_ACCEPT_CONSENT,    "accept-consent",    STEP (CONSENT) },
  { ACTION_FETCH_SIGN_DATA,   "fetch-sign-data",   STEP (SIGNING) },
  { ACTION_RENEW_CODE,        "renew-code",        STEP (SIGNING) },
  { ACTION_SUBMIT_SIGNATURE,  "submit-signature",  STEP (SIGNING) },
  /* SIGNING: signing refused for good; SUBMITTING: the automatic E-Onaylı
   * press failed and the user retries it */
  { ACTION_CHOOSE_METHOD,     "choose-method",     STEP (METHOD) | STEP (SIGNING) | STEP (SUBMITTING) },
  { ACTION_FETCH_PDF,         "fetch-pdf",         STEP (WET) },
  /* "Try again" after a failure: look where the site is; sends nothing */
  { ACTION_REFRESH,           "refresh",
    ~(STEP (START) | STEP (MAIL) | STEP (DONE) | STEP (FAILED)) },
};

G_STATIC_ASSERT (G_N_ELEMENTS (actions) == N_ACTIONS);

gboolean
_ey_session_action_allowed (EySessionAction action,
                            EySessionStep   step)
{
  g_assert (action < N_ACTIONS && actions[action].action == action);
  return (actions[action].steps & (1u << step)) != 0;
}

const char *
_ey_session_action_name (EySessionAction action)
{
  g_assert (action < N_ACTIONS && actions[action].action == action);
  return actions[action].name;
}

/* ------------------------------------------------------------------------ */
/* Where to look after a POST whose outcome is unknown                      */

/* page POSTed from → the page the site shows once it took the POST. The
 * site answers a page asked out of order with a redirect to the page it is
 * at (docs/kamusm-sim.md, "Navigation rules"), so GETting the *next* page
 * tells whether the POST was taken: that page (taken, go on; nothing is sent
 * again) or the page we were on (not taken; sending it again is safe). The
 * page we were on would not tell: the form page, for one, can be opened again
 * after it was saved, and GETting the sign-in page signs out. */
static const struct
{
  EySitePageKind   from;
  EySiteAction probe;
} reread_after_post[] = {
  { EY_SITE_PAGE_KIND_LOGIN,        EY_SITE_ACTION_ORDERS },
  { EY_SITE_PAGE_KIND_FORM,         EY_SITE_ACTION_SMS_SEND },
  { EY_SITE_PAGE_KIND_SMS_SEND,     EY_SITE_ACTION_SMS_CODE },
  { EY_SITE_PAGE_KIND_SMS_CODE,     EY_SITE_ACTION_EONAY_CHOICE },
  { EY_SITE_PAGE_KIND_EONAY_CHOICE, EY_SITE_ACTION_CONSENT },
  { EY_SITE_PAGE_KIND_CONSENT,      EY_SITE_ACTION_EONAY_SIGN },
  { EY_SITE_PAGE_KIND_METHOD,       EY_SITE_ACTION_RESULT },
};

static char *
reread_href_for (EySession *self,
                 EySitePage    *page,
                 EyButtonRole button)
{
  EySitePageKind kind = ey_site_page_get_kind (page);

  /* A new SMS code or verification code: the page itself shows whether it came */
  if (button == EY_BUTTON_ROLE_RESEND || button == EY_BUTTON_ROLE_RENEW_CODE)
    return g_strdup (ey_site_page_get_url (page));
  for (guint i = 0; i < G_N_ELEMENTS (reread_after_post); i++)
    if (reread_after_post[i].from == kind)
      {
        const char *path = ey_site_profile_get_action_path (self->profile,
                                                            reread_after_post[i].probe);
        if (path != NULL)
          return g_strdup (path);
      }
  return g_strdup (ey_site_page_get_url (page));
}

/* Which site page marker means which error, checked on every page. */
static const struct
{
  EySitePageMarker marker;
  EyCoreError  code;
} marker_errors[] = {
  { EY_SITE_PAGE_MARKER_SESSION_EXPIRED,   EY_CORE_ERROR_SESSION_EXPIRED },
  { EY_SITE_PAGE_MARKER_CAPTCHA_WRONG,     EY_CORE_ERROR_CAPTCHA_WRONG },
  { EY_SITE_PAGE_MARKER_CREDENTIALS_WRONG, EY_CORE_ERROR_CREDENTIALS_WRONG },
  { EY_SITE_PAGE_MARKER_NO_ORDER,          EY_CORE_ERROR_NO_ORDER },
  { EY_SITE_PAGE_MARKER_FORM_RESUBMITTED,  EY_CORE_ERROR_FORM_RESUBMITTED },
  { EY_SITE_PAGE_MARKER_SMS_WRONG,         EY_CORE_ERROR_SMS_CODE_WRONG },
  { EY_SITE_PAGE_MARKER_SMS_EXPIRED,       EY_CORE_ERROR_SMS_CODE_EXPIRED },
  { EY_SITE_PAGE_MARKER_CHOICE_REQUIRED,   EY_CORE_ERROR_CHOICE_REQUIRED },
  { EY_SITE_PAGE_MARKER_CONSENT_REQUIRED,  EY_CORE_ERROR_CONSENT_REQUIRED },
  { EY_SITE_PAGE_MARKER_CODE_EXPIRED,      EY_CORE_ERROR_VERIFICATION_CODE_EXPIRED },
};

/* The fields of the application form, in the order the site shows them */
static const EyFieldRole form_roles[] = {
  EY_FIELD_ROLE_FIRST_NAME, EY_FIELD_ROLE_LAST_NAME, EY_FIELD_ROLE_IDENTITY,
  EY_FIELD_ROLE_BIRTH_DATE, EY_FIELD_ROLE_INSTITUTION, EY_FIELD_ROLE_JOB_TITLE,
  EY_FIELD_ROLE_PHONE, EY_FIELD_ROLE_EMAIL, EY_FIELD_ROLE_ADDRESS, EY_FIELD_ROLE_CITY,
  EY_FIELD_ROLE_DISTRICT, EY_FIELD_ROLE_POSTCODE, EY_FIELD_ROLE_SECURITY_WORD,
  EY_FIELD_ROLE_SECURITY_WORD_AGAIN,
};

/* ------------------------------------------------------------------------ */
/* The object                                                               */

G_DEFINE_FINAL_TYPE (EySession, ey_session, G_TYPE_OBJECT)

GParamSpec *_ey_session_properties[N_PROPS];
guint _ey_session_signals[N_SIGNALS];

void
_ey_session_set_string (EySession   *self,
                        char       **slot,
                        const char  *value,
                        int          prop)
{
  if (g_strcmp0 (*slot, value) == 0)
    return;
  g_free (*slot);
  *slot = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), _ey_session_properties[prop]);
}

void
_ey_session_set_int64 (EySession *self,
                       gint64    *slot,
                       gint64     value,
                       int        prop)
{
  if (*slot == value)
    return;
  *slot = value;
  g_object_notify_by_pspec (G_OBJECT (self), _ey_session_properties[prop]);
}

void
_ey_session_set_bytes (EySession  *self,
                       GBytes    **slot,
                       GBytes     *value,
                       int         prop)
{
  if (*slot == value || (*slot && value && g_bytes_equal (*slot, value)))
    return;
  g_clear_pointer (slot, g_bytes_unref);
  *slot = value ? g_bytes_ref (value) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), _ey_session_properties[prop]);
}

/* The application is made: the security word typed into the form has served
 * (going back to the form is over), so no copy of it stays. */
static void
forget_secrets (EySession *self)
{
  for (guint i = 0; i < self->form->len; i++)
    {
      EySessionField *field = g_ptr_array_index (self->form, i);

      if (!field->secret)
        continue;
      g_hash_table_remove (self->user_values, field->role);
      if (field->value)
        explicit_bzero (field->value, strlen (field->value));
    }
  g_hash_table_remove (self->user_values, ey_site_role_to_string (EY_TYPE_FIELD_ROLE, EY_FIELD_ROLE_SECURITY_WORD));
  g_hash_table_remove (self->user_values, ey_site_role_to_string (EY_TYPE_FIELD_ROLE, EY_FIELD_ROLE_SECURITY_WORD_AGAIN));
}

static void
set_step (EySession     *self,
          EySessionStep  step)
{
  EySessionStep old = self->step;

  if (old == step)
    return;
  g_debug ("step %s → %s", ey_session_step_to_string (old), ey_session_step_to_string (step));
  self->step = step;
  if (step == EY_SESSION_STEP_DONE)
    forget_secrets (self);
  /* Countdowns belong to their step */
  if (step != EY_SESSION_STEP_SMS_CODE)
    _ey_session_set_int64 (self, &self->sms_deadline, 0, PROP_SMS_DEADLINE);
  if (step != EY_SESSION_STEP_SIGNING)
    _ey_session_set_int64 (self, &self->code_deadline, 0, PROP_CODE_DEADLINE);
  g_object_notify_by_pspec (G_OBJECT (self), _ey_session_properties[PROP_STEP]);
  g_signal_emit (self, _ey_session_signals[STEP_CHANGED], 0, old, step);
}

gboolean
_ey_session_fire (EySession *self,
                  int        event)
{
  EySessionStep to;

  if (!_ey_session_lookup_transition (self->step, event, &to))
    return FALSE;
  set_step (self, to);
  return TRUE;
}

void
_ey_session_set_path (EySession     *self,
                      EySessionPath  path)
{
  if (self->path == path)
    return;
  self->path = path;
  g_object_notify_by_pspec (G_OBJECT (self), _ey_session_properties[PROP_PATH]);
}

void
_ey_session_set_busy (EySession *self,
                      gboolean   busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), _ey_session_properties[PROP_BUSY]);
}

void
_ey_session_set_error (EySession    *self,
                       const GError *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  if (error)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), _ey_session_properties[PROP_ERROR]);
}

static void
ey_session_dispose (GObject *object)
{
  EySession *self = (EySession *) object;

  if (self->op_cancellable)
    g_cancellable_cancel (self->op_cancellable);
  g_clear_object (&self->op_cancellable);
  g_clear_object (&self->page);
  g_clear_object (&self->unrecognised_page);
  g_clear_pointer (&self->reread_href, g_free);
  g_clear_object (&self->client);
  g_clear_object (&self->profile);

  G_OBJECT_CLASS (ey_session_parent_class)->dispose (object);
}

static void
ey_session_finalize (GObject *object)
{
  EySession *self = (EySession *) object;

  g_clear_error (&self->error);
  g_free (self->site_message);
  g_clear_pointer (&self->captcha, g_bytes_unref);
  g_clear_pointer (&self->orders, g_ptr_array_unref);
  g_clear_pointer (&self->form, g_ptr_array_unref);
  g_clear_pointer (&self->user_values, g_hash_table_unref);
  g_free (self->masked_phone);
  g_free (self->verification_code);
  g_free (self->identity);
  g_free (self->applicant_name);
  g_free (self->institution);
  g_free (self->order_id);
  g_clear_pointer (&self->pdf, g_bytes_unref);
  g_clear_pointer (&self->recovery, ey_recovery_unref);
  g_free (self->recovery_path);
  g_free (self->recovery_dir);

  G_OBJECT_CLASS (ey_session_parent_class)->finalize (object);
}

static void
ey_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  EySession *self = EY_SESSION (object);

  switch (prop_id)
    {
    case PROP_CLIENT: g_value_set_object (value, self->client); break;
    case PROP_STEP: g_value_set_enum (value, self->step); break;
    case PROP_PATH: g_value_set_enum (value, self->path); break;
    case PROP_BUSY: g_value_set_boolean (value, self->busy); break;
    case PROP_ERROR: g_value_set_boxed (value, self->error); break;
    case PROP_SITE_MESSAGE: g_value_set_string (value, self->site_message); break;
    case PROP_CAPTCHA: g_value_set_boxed (value, self->captcha); break;
    case PROP_ORDERS: g_value_set_boxed (value, self->orders); break;
    case PROP_FORM: g_value_set_boxed (value, self->form); break;
    case PROP_MASKED_PHONE: g_value_set_string (value, self->masked_phone); break;
    case PROP_VERIFICATION_CODE: g_value_set_string (value, self->verification_code); break;
    case PROP_IDENTITY: g_value_set_string (value, self->identity); break;
    case PROP_APPLICANT_NAME: g_value_set_string (value, self->applicant_name); break;
    case PROP_INSTITUTION: g_value_set_string (value, self->institution); break;
    case PROP_ORDER_ID: g_value_set_string (value, self->order_id); break;
    case PROP_SMS_DEADLINE: g_value_set_int64 (value, self->sms_deadline); break;
    case PROP_CODE_DEADLINE: g_value_set_int64 (value, self->code_deadline); break;
    case PROP_METHODS: g_value_set_flags (value, self->methods); break;
    case PROP_PDF: g_value_set_boxed (value, self->pdf); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ey_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  EySession *self = EY_SESSION (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      if (self->client)
        self->profile = g_object_ref (ey_site_client_get_profile (self->client));
      break;
    case PROP_IDENTITY:
      ey_session_set_identity (self, g_value_get_string (value));
      break;
    case PROP_APPLICANT_NAME:
      ey_session_set_applicant_name (self, g_value_get_string (value));
      break;
    case PROP_INSTITUTION:
      ey_session_set_institution (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ey_session_class_init (EySessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = ey_session_dispose;
  object_class->finalize = ey_session_finalize;
  object_class->get_property = ey_session_get_property;
  object_class->set_property = ey_session_set_property;

  _ey_session_properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, EY_TYPE_SITE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  _ey_session_properties[PROP_STEP] =
    g_param_spec_enum ("step", NULL, NULL, EY_TYPE_SESSION_STEP, EY_SESSION_STEP_START, ro);
  _ey_session_properties[PROP_PATH] =
    g_param_spec_enum ("path", NULL, NULL, EY_TYPE_SESSION_PATH, EY_SESSION_PATH_NONE, ro);
  _ey_session_properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  _ey_session_properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  _ey_session_properties[PROP_SITE_MESSAGE] = g_param_spec_string ("site-message", NULL, NULL, NULL, ro);
  _ey_session_properties[PROP_CAPTCHA] = g_param_spec_boxed ("captcha", NULL, NULL, G_TYPE_BYTES, ro);
  _ey_session_properties[PROP_ORDERS] = g_param_spec_boxed ("orders", NULL, NULL, G_TYPE_PTR_ARRAY, ro);
  _ey_session_properties[PROP_FORM] = g_param_spec_boxed ("form", NULL, NULL, G_TYPE_PTR_ARRAY, ro);
  _ey_session_properties[PROP_MASKED_PHONE] = g_param_spec_string ("masked-phone", NULL, NULL, NULL, ro);
  _ey_session_properties[PROP_VERIFICATION_CODE] =
    g_param_spec_string ("verification-code", NULL, NULL, NULL, ro);
  _ey_session_properties[PROP_IDENTITY] = g_param_spec_string ("identity", NULL, NULL, NULL, rw);
  _ey_session_properties[PROP_APPLICANT_NAME] = g_param_spec_string ("applicant-name", NULL, NULL, NULL, rw);
  _ey_session_properties[PROP_INSTITUTION] = g_param_spec_string ("institution", NULL, NULL, NULL, rw);
  _ey_session_properties[PROP_ORDER_ID] = g_param_spec_string ("order-id", NULL, NULL, NULL, ro);
  _ey_session_properties[PROP_SMS_DEADLINE] =
    g_param_spec_int64 ("sms-deadline", NULL, NULL, 0, G_MAXINT64, 0, ro);
  _ey_session_properties[PROP_CODE_DEADLINE] =
    g_param_spec_int64 ("code-deadline", NULL, NULL, 0, G_MAXINT64, 0, ro);
  _ey_session_properties[PROP_METHODS] =
    g_param_spec_flags ("methods", NULL, NULL, EY_TYPE_SESSION_METHOD, 0, ro);
  _ey_session_properties[PROP_PDF] = g_param_spec_boxed ("pdf", NULL, NULL, G_TYPE_BYTES, ro);
  g_object_class_install_properties (object_class, N_PROPS, _ey_session_properties);

  _ey_session_signals[STEP_CHANGED] =
    g_signal_new ("step-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2,
                  EY_TYPE_SESSION_STEP, EY_TYPE_SESSION_STEP);
  _ey_session_signals[NEEDS_SIGNATURE] =
    g_signal_new ("needs-signature", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_BYTES, G_TYPE_STRING);
  _ey_session_signals[SUBMITTED] =
    g_signal_new ("submitted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, EY_TYPE_SESSION_PATH);
}

/* What the user typed includes the security word: wiped, not just freed */
void
_ey_session_wipe_free (gpointer data)
{
  char *text = data;

  if (text)
    explicit_bzero (text, strlen (text));
  g_free (text);
}

static void
ey_session_init (EySession *self)
{
  self->orders = g_ptr_array_new_with_free_func ((GDestroyNotify) ey_session_order_free);
  self->form = g_ptr_array_new_with_free_func ((GDestroyNotify) ey_session_field_free);
  self->user_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, _ey_session_wipe_free);
}

EySession *
ey_session_new (EySiteClient *client)
{
  g_return_val_if_fail (EY_IS_SITE_CLIENT (client), NULL);
  return g_object_new (EY_TYPE_SESSION, "client", client, NULL);
}

/* ------------------------------------------------------------------------ */
/* Getters and setters                                                      */

EySiteClient *ey_session_get_client (EySession *self) { return self->client; }
EySessionStep ey_session_get_step (EySession *self) { return self->step; }
EySessionPath ey_session_get_path (EySession *self) { return self->path; }
gboolean ey_session_get_busy (EySession *self) { return self->busy; }
const GError *ey_session_get_error (EySession *self) { return self->error; }
const char *ey_session_get_site_message (EySession *self) { return self->site_message; }
GBytes *ey_session_get_captcha (EySession *self) { return self->captcha; }
GPtrArray *ey_session_get_orders (EySession *self) { return self->orders; }
GPtrArray *ey_session_get_form (EySession *self) { return self->form; }
const char *ey_session_get_masked_phone (EySession *self) { return self->masked_phone; }
const char *ey_session_get_verification_code (EySession *self) { return self->verification_code; }
const char *ey_session_get_identity (EySession *self) { return self->identity; }
const char *ey_session_get_applicant_name (EySession *self) { return self->applicant_name; }
const char *ey_session_get_institution (EySession *self) { return self->institution; }
const char *ey_session_get_order_id (EySession *self) { return self->order_id; }
gint64 ey_session_get_sms_deadline (EySession *self) { return self->sms_deadline; }
gint64 ey_session_get_code_deadline (EySession *self) { return self->code_deadline; }
EySessionMethod ey_session_get_methods (EySession *self) { return self->methods; }
GBytes *ey_session_get_pdf (EySession *self) { return self->pdf; }
EyRecovery *ey_session_get_recovery (EySession *self) { return self->recovery; }

int
ey_session_seconds_left (gint64 deadline)
{
  gint64 left;

  if (deadline <= 0)
    return 0;
  left = deadline - g_get_monotonic_time ();
  if (left <= 0)
    return 0;
  return (int) ((left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

void
ey_session_begin (EySession *self)
{

  g_return_if_fail (EY_IS_SESSION (self));
  _ey_session_fire (self, EV_BEGIN);
}

void
ey_session_set_identity (EySession  *self,
                         const char *identity)
{
  g_return_if_fail (EY_IS_SESSION (self));
  _ey_session_set_string (self, &self->identity, identity, PROP_IDENTITY);
}

void
ey_session_set_applicant_name (EySession  *self,
                               const char *name)
{
  g_return_if_fail (EY_IS_SESSION (self));
  _ey_session_set_string (self, &self->applicant_name, name, PROP_APPLICANT_NAME);
}

void
ey_session_set_institution (EySession  *self,
                            const char *institution)
{
  g_return_if_fail (EY_IS_SESSION (self));
  _ey_session_set_string (self, &self->institution, institution, PROP_INSTITUTION);
}

static EySessionField *
find_field (EySession  *self,
            const char *role)
{
  for (guint i = 0; i < self->form->len; i++)
    {
      EySessionField *field = g_ptr_array_index (self->form, i);

      if (g_strcmp0 (field->role, role) == 0)
        return field;
    }
  return NULL;
}

gboolean
ey_session_set_form_value (EySession  *self,
                           const char *role,
                           const char *value)
{
  EySessionField *field;
  int dummy;

  g_return_val_if_fail (EY_IS_SESSION (self), FALSE);
  g_return_val_if_fail (role != NULL, FALSE);

  if (!ey_site_role_from_string (EY_TYPE_FIELD_ROLE, role, &dummy))
    return FALSE;
  field = find_field (self, role);
  if (field && field->read_only)
    return FALSE;
  g_hash_table_replace (self->user_values, g_strdup (role), g_strdup (value ? value : ""));
  if (field && g_strcmp0 (field->value, value) != 0)
    {
      _ey_session_wipe_free (field->value);
      field->value = g_strdup (value ? value : "");
      g_object_notify_by_pspec (G_OBJECT (self), _ey_session_properties[PROP_FORM]);
    }
  return TRUE;
}

const char *
ey_session_get_form_value (EySession  *self,
                           const char *role)
{
  EySessionField *field;

  g_return_val_if_fail (EY_IS_SESSION (self), NULL);

  field = find_field (self, role);
  if (field)
    return field->value;
  return g_hash_table_lookup (self->user_values, role);
}

void
ey_session_set_recovery (EySession  *self,
                         EyRecovery *recovery)
{
  g_return_if_fail (EY_IS_SESSION (self));

  if (recovery)
    ey_recovery_ref (recovery);
  g_clear_pointer (&self->recovery, ey_recovery_unref);
  self->recovery = recovery;
}

void
ey_session_set_recovery_path (EySession  *self,
                              const char *path)
{
  g_return_if_fail (EY_IS_SESSION (self));
  g_free (self->recovery_path);
  g_free (self->recovery_dir);
  self->recovery_path = g_strdup (path);
}

void
ey_session_set_recovery_dir (EySession  *self,
                             const char *dir)
{
  g_return_if_fail (EY_IS_SESSION (self));
  g_free (self->recovery_dir);
  self->recovery_dir = g_strdup (dir);
}

static char *
recovery_file (EySession  *self,
               GError    **error)
{
  g_autofree char *dir = NULL;

  if (self->recovery_path)
    return g_strdup (self->recovery_path);
  dir = self->recovery_dir ? g_strdup (self->recovery_dir) : ey_recovery_default_dir ("real");
  return ey_recovery_path_for (dir, self->identity ? self->identity : "", error);
}

void
_ey_session_save_recovery (EySession  *self,
                           const char *path_nick)
{
  g_autoptr(EyRecovery) note = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file = NULL;

  note = ey_recovery_new (self->identity ? self->identity : "", self->applicant_name,
                          self->order_id, path_nick);
  file = recovery_file (self, &error);
  if (file == NULL || !ey_recovery_save (note, file, &error))
    g_warning ("could not write the recovery record: %s", error->message);
  ey_session_set_recovery (self, note);
}

void
_ey_session_load_recovery (EySession *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EyRecovery) note = NULL;
  g_autofree char *file = NULL;

  /* one explicit file: the caller chose which note counts */
  if (self->identity == NULL || self->recovery_path != NULL)
    return;
  file = recovery_file (self, &error);
  if (file)
    note = ey_recovery_load (file, &error);
  if (error)
    g_debug ("no recovery note: %s", error->message);
  if (note && ey_recovery_matches (note, self->identity))
    {
      ey_session_set_recovery (self, note);
      return;
    }
  /* A note moved from an older version has no keyed name (see
   * ey_recovery_migrate_legacy): look for it among the others */
  if (file)
    {
      g_autofree char *dir = g_path_get_dirname (file);
      g_autoptr(GPtrArray) notes = ey_recovery_list (dir);

      for (guint i = 0; i < notes->len; i++)
        if (ey_recovery_matches (g_ptr_array_index (notes, i), self->identity))
          {
            ey_session_set_recovery (self, g_ptr_array_index (notes, i));
            return;
          }
    }
}

void
_ey_session_clear_recovery (EySession *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = NULL;

  if (self->recovery && ey_recovery_get_file (self->recovery))
    file = g_strdup (ey_recovery_get_file (self->recovery));
  else
    file = recovery_file (self, NULL);
  if (file && !ey_recovery_clear (file, &error))
    g_warning ("could not remove the recovery record: %s", error->message);
  ey_session_set_recovery (self, NULL);
}

/* ------------------------------------------------------------------------ */
/* Reading a page into the session                                          */

static void
read_orders (EySession *self,
             EySitePage    *page)
{
  GPtrArray *rows = ey_site_page_get_orders (page);

  g_ptr_array_set_size (self->orders, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      const EyOrder *row = g_ptr_array_index (rows, i);
      EySessionOrder *order;

      if (row->url == NULL)
        continue;
      order = g_new0 (EySessionOrder, 1);
      /* The link itself names the order; no field name needed here */
      order->id = g_strdup (row->url);
      order->date = g_strdup (row->date);
      order->institution = g_strdup (row->institution);
      order->label = g_strdup (row->link_text);
      order->renewal = row->kind == EY_ORDER_KIND_RENEWAL;
      g_ptr_array_add (self->orders, order);
    }
  g_object_notify_by_pspec (G_OBJECT (self), _ey_session_properties[PROP_ORDERS]);
}

static void
read_form (EySession *self,
           EySitePage    *page)
{
  g_ptr_array_set_size (self->form, 0);
  for (guint i = 0; i < G_N_ELEMENTS (form_roles); i++)
    {
      const EyFormControl *control = ey_site_page_lookup_field (page, form_roles[i]);
      const char *nick = ey_field_role_to_string (form_roles[i]);
      const char *typed = g_hash_table_lookup (self->user_values, nick);
      EySessionField *field;

      if (control == NULL)
        continue;
      field = g_new0 (EySessionField, 1);
      field->role = g_strdup (nick);
      field->label = g_strdup (control->label);
      field->read_only = control->readonly || control->disabled;
      field->required = control->required;
      field->secret = form_roles[i] == EY_FIELD_ROLE_SECURITY_WORD ||
                      form_roles[i] == EY_FIELD_ROLE_SECURITY_WORD_AGAIN;
      /* What the user typed wins over what the site prefilled */
      field->value = g_strdup (typed && !field->read_only ? typed
                               : control->value ? control->value : "");
      field->error = g_strdup (ey_site_page_get_field_error (page, form_roles[i]));
      if (control->options)
        {
          g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
          g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();

          for (guint j = 0; j < control->options->len; j++)
            {
              const EyFormOption *opt = g_ptr_array_index (control->options, j);

              g_strv_builder_add (values, opt->value);
              g_strv_builder_add (labels, opt->label ? opt->label : opt->value);
            }
          field->option_values = g_strv_builder_end (values);
          field->option_labels = g_strv_builder_end (labels);
        }
      g_ptr_array_add (self->form, field);
    }
  g_object_notify_by_pspec (G_OBJECT (self), _ey_session_properties[PROP_FORM]);

  /* The site's read-only identity fields name the applicant */
  if (self->applicant_name == NULL)
    {
      const char *first = ey_site_page_get_field_value (page, EY_FIELD_ROLE_FIRST_NAME);
      const char *last = ey_site_page_get_field_value (page, EY_FIELD_ROLE_LAST_NAME);

      if (first && last)
        {
          g_autofree char *name = g_strdup_printf ("%s %s", first, last);
          ey_session_set_applicant_name (self, name);
        }
    }
}

static gint64
deadline_from_page (EySession  *self,
                    EySitePage     *page,
                    EySitePageKind  kind)
{
  int seconds = ey_site_page_get_timer_seconds (page);

  if (seconds < 0)
    seconds = (int) ey_site_profile_get_default_timer (self->profile, kind);
  return g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
}

/* Takes what the page says into the session's properties. */
static void
take_page_values (EySession *self,
           EySitePage    *page)
{
  EySitePageKind kind = ey_site_page_get_kind (page);
  const char *message = ey_site_page_get_message (page);
  const char *success = ey_site_page_get_success_text (page);
  g_autofree char *both = NULL;

  /* The result page's confirmation is what counts; a notice beside it ("received
   * before") goes in front of it rather than instead of it. */
  if (kind == EY_SITE_PAGE_KIND_RESULT && success != NULL && message != NULL &&
      g_strcmp0 (message, success) != 0)
    message = both = g_strdup_printf ("%s %s", message, success);
  else if (message == NULL || kind == EY_SITE_PAGE_KIND_RESULT)
    message = success ? success : message;
  _ey_session_set_string (self, &self->site_message, message, PROP_SITE_MESSAGE);

  switch (kind)
    {
    case EY_SITE_PAGE_KIND_ORDERS:
      read_orders (self, page);
      break;
    case EY_SITE_PAGE_KIND_FORM:
      read_form (self, page);
      break;
    case EY_SITE_PAGE_KIND_SMS_SEND:
      _ey_session_set_string (self, &self->masked_phone, ey_site_page_get_masked_phone (page), PROP_MASKED_PHONE);
      break;
    case EY_SITE_PAGE_KIND_SMS_CODE:
      _ey_session_set_int64 (self, &self->sms_deadline, deadline_from_page (self, page, kind),
                 PROP_SMS_DEADLINE);
      break;
    case EY_SITE_PAGE_KIND_EONAY_SIGN:
    case EY_SITE_PAGE_KIND_EIMZALI_SIGN:
      if (ey_site_page_get_verification_code (page) != NULL)
        {
          _ey_session_set_string (self, &self->verification_code, ey_site_page_get_verification_code (page),
                      PROP_VERIFICATION_CODE);
          _ey_session_set_int64 (self, &self->code_deadline, deadline_from_page (self, page, kind),
                     PROP_CODE_DEADLINE);
        }
      break;
    case EY_SITE_PAGE_KIND_METHOD:
      {
        EySessionMethod methods = 0;

        if (ey_site_page_has_button (page, EY_BUTTON_ROLE_METHOD_EONAYLI))
          methods |= EY_SESSION_METHOD_EONAY;
        if (ey_site_page_has_button (page, EY_BUTTON_ROLE_METHOD_EIMZALI))
          methods |= EY_SESSION_METHOD_ESIGNED;
        if (ey_site_page_has_button (page, EY_BUTTON_ROLE_METHOD_ISLAK))
          methods |= EY_SESSION_METHOD_WET;
        if (methods != self->methods)
          {
            self->methods = methods;
            g_object_notify_by_pspec (G_OBJECT (self), _ey_session_properties[PROP_METHODS]);
          }
      }
      break;
    case EY_SITE_PAGE_KIND_UNKNOWN:
    case EY_SITE_PAGE_KIND_LOGIN:
    case EY_SITE_PAGE_KIND_FORGOT:
    case EY_SITE_PAGE_KIND_EONAY_CHOICE:
    case EY_SITE_PAGE_KIND_CONSENT:
    case EY_SITE_PAGE_KIND_WET:
    case EY_SITE_PAGE_KIND_RESULT:
    default:
      break;
    }
}

/* ------------------------------------------------------------------------ */
/* ------------------------------------------------------------------------ */
/* Operations                                                               */

void
_ey_session_op_set_state (GTask          *task,
                          gpointer        state,
                          GDestroyNotify  state_free)
{
  Op *op = _ey_session_op_of (task);

  g_assert (op->state == NULL);
  op->state = state;
  op->state_free = state_free;
}

gpointer
_ey_session_op_state (GTask *task)
{
  return _ey_session_op_of (task)->state;
}


static void
op_free (Op *op)
{
  if (op->caller_handler)
    g_cancellable_disconnect (op->caller, op->caller_handler);
  g_clear_object (&op->caller);
  g_clear_object (&op->cancellable);
  if (op->state_free)
    g_clear_pointer (&op->state, op->state_free);
  g_free (op->captcha_url);
  g_free (op);
}

static void
forward_cancel (GCancellable *caller,
                GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

Op *
_ey_session_op_of (GTask *task)
{
  return g_task_get_task_data (task);
}

void
_ey_session_op_succeed (GTask *task)
{
  EySession *self = g_task_get_source_object (task);

  _ey_session_set_error (self, NULL);
  _ey_session_set_busy (self, FALSE);
  g_task_return_boolean (task, TRUE);
}

gboolean
_ey_session_is_fatal (const GError *error)
{
  return g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_FOREIGN_REDIRECT) ||
         g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_TLS_UNTRUSTED) ||
         g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_INSECURE_URL);
}

gboolean
_ey_session_is_transport (const GError *error)
{
  static const EyCoreError codes[] = {
    EY_CORE_ERROR_NETWORK_UNREACHABLE, EY_CORE_ERROR_TIMEOUT, EY_CORE_ERROR_TLS_FAILED,
    EY_CORE_ERROR_HTTP_SERVER, EY_CORE_ERROR_UNEXPECTED_PAGE, EY_CORE_ERROR_CANCELLED,
    EY_CORE_ERROR_FAILED,
    /* The site took the POST but the page after it did not load: re-read, never resend */
    EY_CORE_ERROR_FOLLOW_UP_FAILED,
    EY_CORE_ERROR_ANSWER_TOO_SLOW, EY_CORE_ERROR_ANSWER_TOO_LARGE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (g_error_matches (error, EY_CORE_ERROR, codes[i]))
      return TRUE;
  return FALSE;
}

void
_ey_session_op_fail (GTask  *task,
                     GError *error)
{
  EySession *self = g_task_get_source_object (task);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (_ey_session_op_of (task)->cancellable))
    {
      g_clear_error (&error);
      error = ey_core_error_new (EY_CORE_ERROR_CANCELLED);
    }
  if (error->domain != EY_CORE_ERROR)
    error = ey_core_error_from_transport (error);

  g_debug ("action failed at %s: %s", ey_session_step_to_string (self->step),
           ey_core_error_nick (error->code));
  /* After a failed request the site may be elsewhere: look before acting */
  if (_ey_session_is_transport (error))
    self->page_stale = TRUE;
  if (_ey_session_is_fatal (error))
    _ey_session_fire (self, EV_FATAL);
  _ey_session_set_error (self, error);
  _ey_session_set_busy (self, FALSE);
  g_task_return_error (task, error);
}

static void page_cb (GObject *object, GAsyncResult *result, gpointer user_data);
static void post_cb (GObject *object, GAsyncResult *result, gpointer user_data);

/* GET @href, then handle the page and go on with @then. */
void
_ey_session_op_get (GTask      *task,
                    const char *href,
                    OpThen      then)
{
  EySession *self = g_task_get_source_object (task);

  _ey_session_op_of (task)->then = then;
  ey_site_client_get_page_async (self->client, href, _ey_session_op_of (task)->cancellable,
                                 page_cb, g_object_ref (task));
}

void
_ey_session_op_get_action (GTask        *task,
                           EySiteAction  action,
                           OpThen        then)
{
  EySession *self = g_task_get_source_object (task);
  const char *path = ey_site_profile_get_action_path (self->profile, action);

  if (path == NULL)
    {
      _ey_session_op_fail (task, ey_core_error_new (EY_CORE_ERROR_FAILED));
      return;
    }
  _ey_session_op_get (task, path, then);
}

/* POST a _ey_session_submission of the current page; never resent (see the client). */
void
_ey_session_op_post (GTask      *task,
                     EyFormData *data,
                     OpThen      then)
{
  EySession *self = g_task_get_source_object (task);

  _ey_session_op_of (task)->then = then;
  /* Until a page after this POST is read, its outcome is unknown: any
   * re-read (now by the client, or before the next action) looks there */
  g_free (self->reread_href);
  self->reread_href = reread_href_for (self, self->page, _ey_session_op_of (task)->button);
  ey_site_client_post_form_async (self->client, data, self->reread_href,
                                  _ey_session_op_of (task)->cancellable, post_cb, g_object_ref (task));
}

/* A new page came: check it against the table and the markers, read it,
 * and go on. @post_error: the POST before it failed (the page is a re-read). */
void
_ey_session_handle_page (GTask  *task,
                         EySitePage *page,
                         GError *post_error)
{
  EySession *self = g_task_get_source_object (task);
  g_autoptr(GError) owned_post_error = post_error;
  EySitePageKind kind = ey_site_page_get_kind (page);
  EySitePageKind before = self->page ? ey_site_page_get_kind (self->page) : EY_SITE_PAGE_KIND_UNKNOWN;
  int event = kind;
  EySessionStep to;
  GError *marker_error = NULL;

  if (kind == EY_SITE_PAGE_KIND_UNKNOWN)
    {
      g_autofree char *expected = _ey_session_describe_expected (self->step);

      /* Kept for "Save a report for IT" (ey-site-report.h). */
      g_set_object (&self->unrecognised_page, page);
      _ey_session_op_fail (task, ey_site_page_new_mismatch_error (page, expected, NULL));
      return;
    }

  g_clear_object (&self->unrecognised_page);

  if (kind == EY_SITE_PAGE_KIND_LOGIN && ey_site_page_has_marker (page, EY_SITE_PAGE_MARKER_SESSION_EXPIRED))
    event = EV_SESSION_EXPIRED;
  else if (kind == EY_SITE_PAGE_KIND_ORDERS && ey_site_page_get_orders (page)->len == 0)
    event = EV_NO_ORDERS;

  if (!_ey_session_lookup_transition (self->step, event, &to))
    {
      g_autofree char *expected = _ey_session_describe_expected (self->step);
      g_autofree char *got = ey_site_page_describe (page);

      _ey_session_op_fail (task, ey_core_error_new_unexpected (expected, got));
      return;
    }

  g_set_object (&self->page, page);
  self->page_stale = FALSE;
  g_clear_pointer (&self->reread_href, g_free);   /* the site's state is known again */
  take_page_values (self, page);
  set_step (self, to);

  /* The POST failed and the site is still where it was: it did not take it */
  if (owned_post_error != NULL && kind == before)
    {
      _ey_session_op_fail (task, g_steal_pointer (&owned_post_error));
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (marker_errors); i++)
    if (ey_site_page_has_marker (page, marker_errors[i].marker))
      {
        marker_error = ey_core_error_new (marker_errors[i].code);
        break;
      }
  if (marker_error == NULL && kind == EY_SITE_PAGE_KIND_FORM &&
      g_hash_table_size (ey_site_page_get_field_errors (page)) > 0)
    marker_error = ey_core_error_new (EY_CORE_ERROR_FORM_INVALID);

  if (marker_error && _ey_session_op_of (task)->ignore_expired &&
      g_error_matches (marker_error, EY_CORE_ERROR, EY_CORE_ERROR_SESSION_EXPIRED))
    g_clear_error (&marker_error);
  if (marker_error)
    g_object_set_data_full (G_OBJECT (task), "marker-error", marker_error,
                            (GDestroyNotify) g_error_free);

  /* Whatever the action, a session that expired needs a new sign-in, and
   * the sign-in step needs its CAPTCHA picture */
  if (event == EV_SESSION_EXPIRED && !_ey_session_op_of (task)->ignore_expired)
    {
      _ey_session_then_captcha (task, page);
      return;
    }
  _ey_session_op_of (task)->then (task, page);
}

GError *
_ey_session_take_marker_error (GTask *task)
{
  return g_object_steal_data (G_OBJECT (task), "marker-error");
}

/* The step a then_* callback came to says nothing when the page also said
 * "refused" (wrong code, expired session …): that answer fails the action. */
gboolean
_ey_session_fail_on_marker (GTask *task)
{
  GError *error = _ey_session_take_marker_error (task);

  if (error == NULL)
    return FALSE;
  _ey_session_op_fail (task, error);
  return TRUE;
}

gboolean
_ey_session_has_marker_error (GTask *task)
{
  return g_object_get_data (G_OBJECT (task), "marker-error") != NULL;
}

/* Takes @error */
void
_ey_session_set_marker_error (GTask  *task,
                              GError *error)
{
  g_object_set_data_full (G_OBJECT (task), "marker-error", error,
                          (GDestroyNotify) g_error_free);
}

void
_ey_session_drop_marker_error (GTask *task)
{
  /* the destroy notify frees it */
  g_object_set_data (G_OBJECT (task), "marker-error", NULL);
}

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(EySitePage) page = NULL;
  GError *error = NULL;

  page = ey_site_client_get_page_finish (EY_SITE_CLIENT (object), result, &error);
  if (page == NULL)
    {
      _ey_session_op_fail (task, error);
      return;
    }
  _ey_session_handle_page (task, page, NULL);
}

static void
post_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(EySitePage) page = NULL;
  GError *post_error = NULL;
  GError *error = NULL;

  page = ey_site_client_post_form_finish (EY_SITE_CLIENT (object), result, &post_error, &error);
  if (page == NULL)
    {
      g_clear_error (&post_error);
      _ey_session_op_fail (task, error);
      return;
    }
  _ey_session_handle_page (task, page, post_error);
}

/* Continuations used by most actions: finish, reporting any page error. */
void
_ey_session_then_done (GTask  *task,
                       EySitePage *page)
{
  if (!_ey_session_fail_on_marker (task))
    _ey_session_op_succeed (task);
}

static void
captcha_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EySession *self = g_task_get_source_object (task);
  g_autoptr(GBytes) png = NULL;
  GError *error = NULL;

  png = ey_site_client_get_bytes_finish (EY_SITE_CLIENT (object), result, NULL, &error);
  if (png == NULL)
    {
      Op *op = _ey_session_op_of (task);

      /* The picture is a GET like any other: asked again once. The old
       * picture is no good (the page came with a new one), so it goes. */
      if (op->captcha_url != NULL && !g_cancellable_is_cancelled (op->cancellable) &&
          !_ey_session_is_fatal (error))
        {
          g_autofree char *url = g_steal_pointer (&op->captcha_url);

          g_debug ("CAPTCHA picture failed (%s); asking again", error->message);
          g_clear_error (&error);
          ey_site_client_get_bytes_async (self->client, url, op->cancellable,
                                          captcha_cb, g_object_ref (task));
          return;
        }
      _ey_session_set_bytes (self, &self->captcha, NULL, PROP_CAPTCHA);
      g_clear_error (&error);
      /* The page error (wrong CAPTCHA …) says more than the picture's */
      error = _ey_session_take_marker_error (task);
      _ey_session_op_fail (task, error ? error : ey_core_error_new (EY_CORE_ERROR_HTTP_SERVER));
      return;
    }
  _ey_session_set_bytes (self, &self->captcha, png, PROP_CAPTCHA);
  _ey_session_then_done (task, NULL);
}

/* A sign-in or forgot page: fetch its CAPTCHA picture, then finish. */
void
_ey_session_then_captcha (GTask  *task,
                          EySitePage *page)
{
  EySession *self = g_task_get_source_object (task);
  g_autofree char *url = NULL;

  if (ey_site_page_get_kind (page) != EY_SITE_PAGE_KIND_LOGIN &&
      ey_site_page_get_kind (page) != EY_SITE_PAGE_KIND_FORGOT)
    {
      _ey_session_then_done (task, page);
      return;
    }
  url = ey_site_page_get_captcha_url (page);
  if (url == NULL)
    {
      const char *path = ey_site_profile_get_action_path (self->profile, EY_SITE_ACTION_CAPTCHA);
      url = g_strdup (path);
    }
  if (url == NULL)
    {
      _ey_session_then_done (task, page);
      return;
    }
  g_free (_ey_session_op_of (task)->captcha_url);
  _ey_session_op_of (task)->captcha_url = g_strdup (url);
  ey_site_client_get_bytes_async (self->client, url, _ey_session_op_of (task)->cancellable,
                                  captcha_cb, g_object_ref (task));
}

/* Starts an action: checks the step, marks busy, re-reads a stale page. */
GTask *
_ey_session_op_new (EySession           *self,
                    gpointer             source_tag,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Op *op = g_new0 (Op, 1);

  g_task_set_source_tag (task, source_tag);
  /* Cancellation is reported as EY_CORE_ERROR_CANCELLED, like every error */
  g_task_set_check_cancellable (task, FALSE);
  op->cancellable = g_cancellable_new ();
  op->started_at = self->step;
  if (cancellable)
    {
      op->caller = g_object_ref (cancellable);
      op->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (forward_cancel),
                                                  g_object_ref (op->cancellable),
                                                  g_object_unref);
    }
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  return task;
}

static void
run_action (GTask  *task,
            EySitePage *page)
{
  GError *error = _ey_session_take_marker_error (task);
  EySession *self = g_task_get_source_object (task);

  /* A re-read that landed elsewhere: the site took what was sent before
   * (or lost the session). Nothing is sent again; the user sees the new
   * step. The result page is the confirmation itself. */
  if (self->step != _ey_session_op_of (task)->started_at)
    {
      if (ey_site_page_get_kind (page) == EY_SITE_PAGE_KIND_LOGIN)
        {
          if (error)
            _ey_session_set_marker_error (task, error);
          _ey_session_then_captcha (task, page);
          return;
        }
      if (error)
        {
          _ey_session_op_fail (task, error);
          return;
        }
      if (self->step == EY_SESSION_STEP_DONE)
        {
          _ey_session_then_submitted (task, page);
          return;
        }
      g_debug ("the site had taken the last request; now at %s",
               ey_session_step_to_string (self->step));
      _ey_session_op_succeed (task);
      return;
    }
  g_clear_error (&error);
  _ey_session_op_of (task)->action (task, self->page);
}

gboolean
_ey_session_op_start (EySession       *self,
                      GTask           *task,
                      EySessionAction  id,
                      OpThen           action)
{
  if (self->busy || !_ey_session_action_allowed (id, self->step))
    {
      g_debug ("%s refused at step %s%s", _ey_session_action_name (id),
               ey_session_step_to_string (self->step), self->busy ? " (busy)" : "");
      g_task_return_error (task, ey_core_error_new (EY_CORE_ERROR_WRONG_STEP));
      return FALSE;
    }

  _ey_session_set_busy (self, TRUE);
  g_clear_object (&self->op_cancellable);
  self->op_cancellable = g_object_ref (_ey_session_op_of (task)->cancellable);
  _ey_session_op_of (task)->action = action;

  if (self->page_stale && self->page != NULL)
    _ey_session_op_get (task, self->reread_href ? self->reread_href : ey_site_page_get_url (self->page),
                        run_action);
  else
    action (task, self->page);
  return TRUE;
}

#define STEP(s) (1u << EY_SESSION_STEP_##s)

gboolean
_ey_session_op_finish (EySession     *self,
                       GAsyncResult  *result,
                       gpointer       tag,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tag, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Builds a _ey_session_submission of the current page's form with @button. */
EyFormData *
_ey_session_submission (GTask        *task,
                        EyButtonRole  button)
{
  EySession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  EyFormData *data;

  _ey_session_op_of (task)->button = button;
  data = ey_site_page_new_submission (self->page, button, &error);
  if (data == NULL)
    {
      g_autofree char *expected = _ey_session_describe_expected (self->step);

      _ey_session_op_fail (task, ey_site_page_new_mismatch_error (self->page, expected, error));
    }
  return data;
}

gboolean
_ey_session_fill (GTask       *task,
                  EyFormData  *data,
                  EyFieldRole  role,
                  const char  *value)
{
  EySession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (ey_form_data_set_field (data, role, value ? value : "", &error))
    return TRUE;
  g_debug ("cannot set %s: %s", ey_field_role_to_string (role), error->message);
  _ey_session_op_fail (task, ey_core_error_new_unexpected (ey_site_page_kind_get_label (ey_site_page_get_kind (self->page)),
                                               _("a form without the expected field")));
  return FALSE;
}

/* --- load sign-in / forgot ---------------------------------------------- */

void
_ey_session_do_press (GTask        *task,
                      EyButtonRole  button)
{
  g_autoptr(EyFormData) data = _ey_session_submission (task, button);

  if (data != NULL)
    _ey_session_op_post (task, data, _ey_session_then_done);
}

/* --- refresh -------------------------------------------------------------- */

gboolean
ey_session_error_needs_refresh (const GError *error)
{
  return error != NULL && _ey_session_is_transport (error) &&
         !g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_CANCELLED);
}

static void
then_refreshed (GTask  *task,
                EySitePage *page)
{
  EySession *self = g_task_get_source_object (task);

  /* The result page is the confirmation, whatever we thought before */
  if (self->step == EY_SESSION_STEP_DONE && !_ey_session_has_marker_error (task))
    {
      _ey_session_then_submitted (task, page);
      return;
    }
  _ey_session_then_captcha (task, page);
}

static void
do_refresh (GTask  *task,
            EySitePage *page)
{
  EySession *self = g_task_get_source_object (task);

  if (page == NULL)
    {
      _ey_session_op_succeed (task);
      return;
    }
  _ey_session_op_get (task, self->reread_href ? self->reread_href : ey_site_page_get_url (page),
                      then_refreshed);
}

void
ey_session_refresh_async (EySession           *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));

  task = _ey_session_op_new (self, ey_session_refresh_async, cancellable, callback, user_data);
  self->page_stale = FALSE;   /* this is the re-read */
  _ey_session_op_start (self, task, ACTION_REFRESH, do_refresh);
}

gboolean
ey_session_refresh_finish (EySession     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return _ey_session_op_finish (self, result, ey_session_refresh_async, error);
}

void
ey_session_cancel (EySession *self)
{
  g_return_if_fail (EY_IS_SESSION (self));
  if (self->op_cancellable)
    g_cancellable_cancel (self->op_cancellable);
}

EySitePage *
ey_session_get_unrecognised_page (EySession *self)
{
  g_return_val_if_fail (EY_IS_SESSION (self), NULL);
  return self->unrecognised_page;
}
