/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-session"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ey-core-error.h"
#include "ey-form.h"
#include "ey-page.h"
#include "ey-recovery.h"
#include "ey-session.h"
#include "ey-site-client.h"
#include "ey-site-profile.h"

/* ------------------------------------------------------------------------ */
/* Enums and boxed types                                                    */

static const GEnumValue step_values[] = {
  { EY_SESSION_STEP_START, "EY_SESSION_STEP_START", "start" },
  { EY_SESSION_STEP_MAIL, "EY_SESSION_STEP_MAIL", "mail" },
  { EY_SESSION_STEP_SIGN_IN, "EY_SESSION_STEP_SIGN_IN", "sign-in" },
  { EY_SESSION_STEP_FORGOT, "EY_SESSION_STEP_FORGOT", "forgot" },
  { EY_SESSION_STEP_ORDERS, "EY_SESSION_STEP_ORDERS", "orders" },
  { EY_SESSION_STEP_NO_ORDER, "EY_SESSION_STEP_NO_ORDER", "no-order" },
  { EY_SESSION_STEP_FORM, "EY_SESSION_STEP_FORM", "form" },
  { EY_SESSION_STEP_SMS_SEND, "EY_SESSION_STEP_SMS_SEND", "sms-send" },
  { EY_SESSION_STEP_SMS_CODE, "EY_SESSION_STEP_SMS_CODE", "sms-code" },
  { EY_SESSION_STEP_EONAY_CHOICE, "EY_SESSION_STEP_EONAY_CHOICE", "eonay-choice" },
  { EY_SESSION_STEP_CONSENT, "EY_SESSION_STEP_CONSENT", "consent" },
  { EY_SESSION_STEP_SIGNING, "EY_SESSION_STEP_SIGNING", "signing" },
  { EY_SESSION_STEP_METHOD, "EY_SESSION_STEP_METHOD", "method" },
  { EY_SESSION_STEP_SUBMITTING, "EY_SESSION_STEP_SUBMITTING", "submitting" },
  { EY_SESSION_STEP_DONE, "EY_SESSION_STEP_DONE", "done" },
  { EY_SESSION_STEP_WET, "EY_SESSION_STEP_WET", "wet" },
  { EY_SESSION_STEP_FAILED, "EY_SESSION_STEP_FAILED", "failed" },
  { 0, NULL, NULL }
};

GType
ey_session_step_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("EySessionStep", step_values));
  return type;
}

GType
ey_session_path_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { EY_SESSION_PATH_NONE, "EY_SESSION_PATH_NONE", "none" },
    { EY_SESSION_PATH_EONAY, "EY_SESSION_PATH_EONAY", "eonay" },
    { EY_SESSION_PATH_ESIGNED, "EY_SESSION_PATH_ESIGNED", "esigned" },
    { EY_SESSION_PATH_WET, "EY_SESSION_PATH_WET", "wet" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("EySessionPath", values));
  return type;
}

GType
ey_session_method_get_type (void)
{
  static gsize type = 0;
  static const GFlagsValue values[] = {
    { EY_SESSION_METHOD_EONAYLI, "EY_SESSION_METHOD_EONAYLI", "eonayli" },
    { EY_SESSION_METHOD_EIMZALI, "EY_SESSION_METHOD_EIMZALI", "eimzali" },
    { EY_SESSION_METHOD_ISLAK, "EY_SESSION_METHOD_ISLAK", "islak" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_flags_register_static ("EySessionMethod", values));
  return type;
}

const char *
ey_session_step_to_string (EySessionStep step)
{
  if ((guint) step > EY_SESSION_STEP_FAILED)
    return "?";
  return step_values[step].value_nick;
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

/* ------------------------------------------------------------------------ */
/* The transition table                                                     */

/* Events are the pages the site shows (EyPageKind values) plus a few that
 * are not a page of their own. */
enum
{
  EV_NO_ORDERS = EY_PAGE_KIND_LAST + 1,  /* the order page, without orders */
  EV_SESSION_EXPIRED,                    /* the sign-in page, "session expired" */
  EV_SIGNATURE_ACCEPTED,                 /* the upload call said "accepted" */
  EV_BEGIN,                              /* the user started */
  EV_RESTART,                            /* the user starts over (sign in again) */
  EV_FATAL,                              /* refused redirect, untrusted TLS */
};

typedef struct
{
  EySessionStep from;
  int           event;
  EySessionStep to;
} Transition;

#define ANY_STEP ((EySessionStep) -1)

/* state × event → next state. A page not listed for a step is an
 * unexpected page: an error that names what was expected. */
static const Transition transitions[] = {
  { EY_SESSION_STEP_START,        EV_BEGIN,                      EY_SESSION_STEP_MAIL },
  { EY_SESSION_STEP_MAIL,         EY_PAGE_KIND_LOGIN,            EY_SESSION_STEP_SIGN_IN },

  { EY_SESSION_STEP_SIGN_IN,      EY_PAGE_KIND_LOGIN,            EY_SESSION_STEP_SIGN_IN },
  { EY_SESSION_STEP_SIGN_IN,      EY_PAGE_KIND_FORGOT,           EY_SESSION_STEP_FORGOT },
  { EY_SESSION_STEP_SIGN_IN,      EY_PAGE_KIND_ORDERS,           EY_SESSION_STEP_ORDERS },
  { EY_SESSION_STEP_SIGN_IN,      EV_NO_ORDERS,                  EY_SESSION_STEP_NO_ORDER },
  { EY_SESSION_STEP_SIGN_IN,      EY_PAGE_KIND_FORM,             EY_SESSION_STEP_FORM },

  { EY_SESSION_STEP_FORGOT,       EY_PAGE_KIND_FORGOT,           EY_SESSION_STEP_FORGOT },
  { EY_SESSION_STEP_FORGOT,       EY_PAGE_KIND_LOGIN,            EY_SESSION_STEP_SIGN_IN },

  { EY_SESSION_STEP_ORDERS,       EY_PAGE_KIND_ORDERS,           EY_SESSION_STEP_ORDERS },
  { EY_SESSION_STEP_ORDERS,       EY_PAGE_KIND_FORM,             EY_SESSION_STEP_FORM },
  /* recovery: a site that remembers an accepted E-Onay, or the application that arrived */
  { EY_SESSION_STEP_ORDERS,       EY_PAGE_KIND_METHOD,           EY_SESSION_STEP_METHOD },
  { EY_SESSION_STEP_ORDERS,       EY_PAGE_KIND_RESULT,           EY_SESSION_STEP_DONE },
  { EY_SESSION_STEP_ORDERS,       EY_PAGE_KIND_WET,              EY_SESSION_STEP_WET },
  { EY_SESSION_STEP_NO_ORDER,     EV_NO_ORDERS,                  EY_SESSION_STEP_NO_ORDER },
  { EY_SESSION_STEP_NO_ORDER,     EY_PAGE_KIND_ORDERS,           EY_SESSION_STEP_ORDERS },

  { EY_SESSION_STEP_FORM,         EY_PAGE_KIND_FORM,             EY_SESSION_STEP_FORM },
  { EY_SESSION_STEP_FORM,         EY_PAGE_KIND_SMS_SEND,         EY_SESSION_STEP_SMS_SEND },

  { EY_SESSION_STEP_SMS_SEND,     EY_PAGE_KIND_SMS_SEND,         EY_SESSION_STEP_SMS_SEND },
  { EY_SESSION_STEP_SMS_SEND,     EY_PAGE_KIND_SMS_CODE,         EY_SESSION_STEP_SMS_CODE },
  { EY_SESSION_STEP_SMS_SEND,     EY_PAGE_KIND_FORM,             EY_SESSION_STEP_FORM },

  { EY_SESSION_STEP_SMS_CODE,     EY_PAGE_KIND_SMS_CODE,         EY_SESSION_STEP_SMS_CODE },
  { EY_SESSION_STEP_SMS_CODE,     EY_PAGE_KIND_EONAY_CHOICE,     EY_SESSION_STEP_EONAY_CHOICE },

  { EY_SESSION_STEP_EONAY_CHOICE, EY_PAGE_KIND_EONAY_CHOICE,     EY_SESSION_STEP_EONAY_CHOICE },
  { EY_SESSION_STEP_EONAY_CHOICE, EY_PAGE_KIND_CONSENT,          EY_SESSION_STEP_CONSENT },
  { EY_SESSION_STEP_EONAY_CHOICE, EY_PAGE_KIND_METHOD,           EY_SESSION_STEP_METHOD },

  { EY_SESSION_STEP_CONSENT,      EY_PAGE_KIND_CONSENT,          EY_SESSION_STEP_CONSENT },
  { EY_SESSION_STEP_CONSENT,      EY_PAGE_KIND_EONAY_SIGN,       EY_SESSION_STEP_SIGNING },

  { EY_SESSION_STEP_SIGNING,      EY_PAGE_KIND_EONAY_SIGN,       EY_SESSION_STEP_SIGNING },
  { EY_SESSION_STEP_SIGNING,      EY_PAGE_KIND_EIMZALI_SIGN,     EY_SESSION_STEP_SIGNING },
  { EY_SESSION_STEP_SIGNING,      EV_SIGNATURE_ACCEPTED,         EY_SESSION_STEP_SUBMITTING },
  /* signing refused for good (certificate not valid): on to the method page */
  { EY_SESSION_STEP_SIGNING,      EY_PAGE_KIND_METHOD,           EY_SESSION_STEP_METHOD },

  { EY_SESSION_STEP_METHOD,       EY_PAGE_KIND_METHOD,           EY_SESSION_STEP_METHOD },
  { EY_SESSION_STEP_METHOD,       EY_PAGE_KIND_RESULT,           EY_SESSION_STEP_DONE },
  { EY_SESSION_STEP_METHOD,       EY_PAGE_KIND_EIMZALI_SIGN,     EY_SESSION_STEP_SIGNING },
  { EY_SESSION_STEP_METHOD,       EY_PAGE_KIND_WET,              EY_SESSION_STEP_WET },

  { EY_SESSION_STEP_SUBMITTING,   EY_PAGE_KIND_METHOD,           EY_SESSION_STEP_SUBMITTING },
  { EY_SESSION_STEP_SUBMITTING,   EY_PAGE_KIND_EIMZALI_SIGN,     EY_SESSION_STEP_SUBMITTING },
  { EY_SESSION_STEP_SUBMITTING,   EY_PAGE_KIND_RESULT,           EY_SESSION_STEP_DONE },

  { EY_SESSION_STEP_WET,          EY_PAGE_KIND_WET,              EY_SESSION_STEP_WET },
  { EY_SESSION_STEP_DONE,         EY_PAGE_KIND_RESULT,           EY_SESSION_STEP_DONE },

  { ANY_STEP,                     EV_SESSION_EXPIRED,            EY_SESSION_STEP_SIGN_IN },
  { ANY_STEP,                     EV_RESTART,                    EY_SESSION_STEP_MAIL },
  { ANY_STEP,                     EV_FATAL,                      EY_SESSION_STEP_FAILED },
};

static gboolean
lookup_transition (EySessionStep  from,
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
static char *
describe_expected (EySessionStep from)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (transitions); i++)
    {
      int ev = transitions[i].event;

      if (transitions[i].from != from || ev > EY_PAGE_KIND_LAST)
        continue;
      if (strstr (s->str, ey_page_kind_get_label (ev)))
        continue;
      if (s->len > 0)
        g_string_append (s, _(" or "));
      g_string_append (s, ey_page_kind_get_label (ev));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Which site page marker means which error, checked on every page. */
static const struct
{
  EyPageMarker marker;
  EyCoreError  code;
} marker_errors[] = {
  { EY_PAGE_MARKER_SESSION_EXPIRED,   EY_CORE_ERROR_SESSION_EXPIRED },
  { EY_PAGE_MARKER_CAPTCHA_WRONG,     EY_CORE_ERROR_CAPTCHA_WRONG },
  { EY_PAGE_MARKER_CREDENTIALS_WRONG, EY_CORE_ERROR_CREDENTIALS_WRONG },
  { EY_PAGE_MARKER_NO_ORDER,          EY_CORE_ERROR_NO_ORDER },
  { EY_PAGE_MARKER_FORM_RESUBMITTED,  EY_CORE_ERROR_FORM_RESUBMITTED },
  { EY_PAGE_MARKER_SMS_WRONG,         EY_CORE_ERROR_SMS_CODE_WRONG },
  { EY_PAGE_MARKER_SMS_EXPIRED,       EY_CORE_ERROR_SMS_CODE_EXPIRED },
  { EY_PAGE_MARKER_CHOICE_REQUIRED,   EY_CORE_ERROR_CHOICE_REQUIRED },
  { EY_PAGE_MARKER_CONSENT_REQUIRED,  EY_CORE_ERROR_CONSENT_REQUIRED },
  { EY_PAGE_MARKER_CODE_EXPIRED,      EY_CORE_ERROR_VERIFICATION_CODE_EXPIRED },
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

struct _EySession
{
  GObject          parent_instance;

  EySiteClient    *client;
  EySiteProfile   *profile;
  EyPage          *page;          /* the last page the site showed */
  EyPage          *unrecognised_page; /* the last page no recogniser matched */
  gboolean         page_stale;    /* a request failed since: re-read first */

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
  char            *recovery_path;
  GCancellable    *op_cancellable;
};

G_DEFINE_FINAL_TYPE (EySession, ey_session, G_TYPE_OBJECT)

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

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_string (EySession   *self,
            char       **slot,
            const char  *value,
            int          prop)
{
  if (g_strcmp0 (*slot, value) == 0)
    return;
  g_free (*slot);
  *slot = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_int64 (EySession *self,
           gint64    *slot,
           gint64     value,
           int        prop)
{
  if (*slot == value)
    return;
  *slot = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_bytes (EySession  *self,
           GBytes    **slot,
           GBytes     *value,
           int         prop)
{
  if (*slot == value || (*slot && value && g_bytes_equal (*slot, value)))
    return;
  g_clear_pointer (slot, g_bytes_unref);
  *slot = value ? g_bytes_ref (value) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
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
  /* Countdowns belong to their step */
  if (step != EY_SESSION_STEP_SMS_CODE)
    set_int64 (self, &self->sms_deadline, 0, PROP_SMS_DEADLINE);
  if (step != EY_SESSION_STEP_SIGNING)
    set_int64 (self, &self->code_deadline, 0, PROP_CODE_DEADLINE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
  g_signal_emit (self, signals[STEP_CHANGED], 0, old, step);
}

static void
set_path (EySession     *self,
          EySessionPath  path)
{
  if (self->path == path)
    return;
  self->path = path;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

static void
set_busy (EySession *self,
          gboolean   busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_error (EySession    *self,
           const GError *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  if (error)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
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

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, EY_TYPE_SITE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STEP] =
    g_param_spec_enum ("step", NULL, NULL, EY_TYPE_SESSION_STEP, EY_SESSION_STEP_START, ro);
  properties[PROP_PATH] =
    g_param_spec_enum ("path", NULL, NULL, EY_TYPE_SESSION_PATH, EY_SESSION_PATH_NONE, ro);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  properties[PROP_SITE_MESSAGE] = g_param_spec_string ("site-message", NULL, NULL, NULL, ro);
  properties[PROP_CAPTCHA] = g_param_spec_boxed ("captcha", NULL, NULL, G_TYPE_BYTES, ro);
  properties[PROP_ORDERS] = g_param_spec_boxed ("orders", NULL, NULL, G_TYPE_PTR_ARRAY, ro);
  properties[PROP_FORM] = g_param_spec_boxed ("form", NULL, NULL, G_TYPE_PTR_ARRAY, ro);
  properties[PROP_MASKED_PHONE] = g_param_spec_string ("masked-phone", NULL, NULL, NULL, ro);
  properties[PROP_VERIFICATION_CODE] =
    g_param_spec_string ("verification-code", NULL, NULL, NULL, ro);
  properties[PROP_IDENTITY] = g_param_spec_string ("identity", NULL, NULL, NULL, rw);
  properties[PROP_APPLICANT_NAME] = g_param_spec_string ("applicant-name", NULL, NULL, NULL, rw);
  properties[PROP_INSTITUTION] = g_param_spec_string ("institution", NULL, NULL, NULL, rw);
  properties[PROP_ORDER_ID] = g_param_spec_string ("order-id", NULL, NULL, NULL, ro);
  properties[PROP_SMS_DEADLINE] =
    g_param_spec_int64 ("sms-deadline", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_CODE_DEADLINE] =
    g_param_spec_int64 ("code-deadline", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_METHODS] =
    g_param_spec_flags ("methods", NULL, NULL, EY_TYPE_SESSION_METHOD, 0, ro);
  properties[PROP_PDF] = g_param_spec_boxed ("pdf", NULL, NULL, G_TYPE_BYTES, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[STEP_CHANGED] =
    g_signal_new ("step-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2,
                  EY_TYPE_SESSION_STEP, EY_TYPE_SESSION_STEP);
  signals[NEEDS_SIGNATURE] =
    g_signal_new ("needs-signature", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_BYTES, G_TYPE_STRING);
  signals[SUBMITTED] =
    g_signal_new ("submitted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, EY_TYPE_SESSION_PATH);
}

/* What the user typed includes the security word: wiped, not just freed */
static void
wipe_free (gpointer data)
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
  self->user_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, wipe_free);
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
  EySessionStep to;

  g_return_if_fail (EY_IS_SESSION (self));
  if (lookup_transition (self->step, EV_BEGIN, &to))
    set_step (self, to);
}

void
ey_session_set_identity (EySession  *self,
                         const char *identity)
{
  g_return_if_fail (EY_IS_SESSION (self));
  set_string (self, &self->identity, identity, PROP_IDENTITY);
}

void
ey_session_set_applicant_name (EySession  *self,
                               const char *name)
{
  g_return_if_fail (EY_IS_SESSION (self));
  set_string (self, &self->applicant_name, name, PROP_APPLICANT_NAME);
}

void
ey_session_set_institution (EySession  *self,
                            const char *institution)
{
  g_return_if_fail (EY_IS_SESSION (self));
  set_string (self, &self->institution, institution, PROP_INSTITUTION);
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
      g_free (field->value);
      field->value = g_strdup (value ? value : "");
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORM]);
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
  self->recovery_path = g_strdup (path);
}

static const char *
recovery_path (EySession *self)
{
  if (self->recovery_path == NULL)
    self->recovery_path = ey_recovery_default_path ();
  return self->recovery_path;
}

/* ------------------------------------------------------------------------ */
/* Reading a page into the session                                          */

static void
read_orders (EySession *self,
             EyPage    *page)
{
  GPtrArray *rows = ey_page_get_orders (page);

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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORDERS]);
}

static void
read_form (EySession *self,
           EyPage    *page)
{
  g_ptr_array_set_size (self->form, 0);
  for (guint i = 0; i < G_N_ELEMENTS (form_roles); i++)
    {
      const EyFormControl *control = ey_page_lookup_field (page, form_roles[i]);
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
      field->error = g_strdup (ey_page_get_field_error (page, form_roles[i]));
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORM]);

  /* The site's read-only identity fields name the applicant */
  if (self->applicant_name == NULL)
    {
      const char *first = ey_page_get_field_value (page, EY_FIELD_ROLE_FIRST_NAME);
      const char *last = ey_page_get_field_value (page, EY_FIELD_ROLE_LAST_NAME);

      if (first && last)
        {
          g_autofree char *name = g_strdup_printf ("%s %s", first, last);
          ey_session_set_applicant_name (self, name);
        }
    }
}

static gint64
deadline_from_page (EySession  *self,
                    EyPage     *page,
                    EyPageKind  kind)
{
  int seconds = ey_page_get_timer_seconds (page);

  if (seconds < 0)
    seconds = (int) ey_site_profile_get_default_timer (self->profile, kind);
  return g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
}

/* Takes what the page says into the session's properties. */
static void
read_page (EySession *self,
           EyPage    *page)
{
  EyPageKind kind = ey_page_get_kind (page);
  const char *message = ey_page_get_message (page);
  const char *success = ey_page_get_success_text (page);
  g_autofree char *both = NULL;

  /* The result page's confirmation is what counts; a notice beside it ("received
   * before") goes in front of it rather than instead of it. */
  if (kind == EY_PAGE_KIND_RESULT && success != NULL && message != NULL &&
      g_strcmp0 (message, success) != 0)
    message = both = g_strdup_printf ("%s %s", message, success);
  else if (message == NULL || kind == EY_PAGE_KIND_RESULT)
    message = success ? success : message;
  set_string (self, &self->site_message, message, PROP_SITE_MESSAGE);

  switch (kind)
    {
    case EY_PAGE_KIND_ORDERS:
      read_orders (self, page);
      break;
    case EY_PAGE_KIND_FORM:
      read_form (self, page);
      break;
    case EY_PAGE_KIND_SMS_SEND:
      set_string (self, &self->masked_phone, ey_page_get_masked_phone (page), PROP_MASKED_PHONE);
      break;
    case EY_PAGE_KIND_SMS_CODE:
      set_int64 (self, &self->sms_deadline, deadline_from_page (self, page, kind),
                 PROP_SMS_DEADLINE);
      break;
    case EY_PAGE_KIND_EONAY_SIGN:
    case EY_PAGE_KIND_EIMZALI_SIGN:
      if (ey_page_get_verification_code (page) != NULL)
        {
          set_string (self, &self->verification_code, ey_page_get_verification_code (page),
                      PROP_VERIFICATION_CODE);
          set_int64 (self, &self->code_deadline, deadline_from_page (self, page, kind),
                     PROP_CODE_DEADLINE);
        }
      break;
    case EY_PAGE_KIND_METHOD:
      {
        EySessionMethod methods = 0;

        if (ey_page_has_button (page, EY_BUTTON_ROLE_METHOD_EONAYLI))
          methods |= EY_SESSION_METHOD_EONAYLI;
        if (ey_page_has_button (page, EY_BUTTON_ROLE_METHOD_EIMZALI))
          methods |= EY_SESSION_METHOD_EIMZALI;
        if (ey_page_has_button (page, EY_BUTTON_ROLE_METHOD_ISLAK))
          methods |= EY_SESSION_METHOD_ISLAK;
        if (methods != self->methods)
          {
            self->methods = methods;
            g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METHODS]);
          }
      }
      break;
    default:
      break;
    }
}

/* ------------------------------------------------------------------------ */
/* Operations                                                               */

typedef struct _Op Op;
typedef void (*OpThen) (GTask *task, EyPage *page);

struct _Op
{
  GCancellable *cancellable;     /* ours: cancelled by the caller's or ey_session_cancel */
  GCancellable *caller;
  gulong        caller_handler;
  EySessionStep started_at;
  OpThen        then;            /* what to do with the next accepted page */
  OpThen        action;          /* the action itself, run on a fresh page */
  EySessionMethod method;
  gboolean      flag;
  gboolean      ignore_expired;  /* loading sign-in: "expired" is old news */
  char         *secret;          /* password or SMS code; wiped */
  char         *text;            /* CAPTCHA text, order URL … */
  char         *identity;
  GBytes       *bytes;           /* CMS to upload, data issued, PDF */
};

static void
op_free (Op *op)
{
  if (op->caller_handler)
    g_cancellable_disconnect (op->caller, op->caller_handler);
  g_clear_object (&op->caller);
  g_clear_object (&op->cancellable);
  if (op->secret)
    explicit_bzero (op->secret, strlen (op->secret));
  g_free (op->secret);
  g_free (op->text);
  g_free (op->identity);
  g_clear_pointer (&op->bytes, g_bytes_unref);
  g_free (op);
}

static void
forward_cancel (GCancellable *caller,
                GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

static Op *
op_of (GTask *task)
{
  return g_task_get_task_data (task);
}

static void
op_succeed (GTask *task)
{
  EySession *self = g_task_get_source_object (task);

  set_error (self, NULL);
  set_busy (self, FALSE);
  g_task_return_boolean (task, TRUE);
}

static gboolean
is_fatal (const GError *error)
{
  return g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_FOREIGN_REDIRECT) ||
         g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_TLS_UNTRUSTED) ||
         g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_INSECURE_URL);
}

static gboolean
is_transport (const GError *error)
{
  static const EyCoreError codes[] = {
    EY_CORE_ERROR_NETWORK_UNREACHABLE, EY_CORE_ERROR_TIMEOUT, EY_CORE_ERROR_TLS_FAILED,
    EY_CORE_ERROR_HTTP_SERVER, EY_CORE_ERROR_UNEXPECTED_PAGE, EY_CORE_ERROR_CANCELLED,
    EY_CORE_ERROR_FAILED,
  };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (g_error_matches (error, EY_CORE_ERROR, codes[i]))
      return TRUE;
  return FALSE;
}

static void
op_fail (GTask  *task,
         GError *error)
{
  EySession *self = g_task_get_source_object (task);
  EySessionStep to;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (op_of (task)->cancellable))
    {
      g_clear_error (&error);
      error = ey_core_error_new (EY_CORE_ERROR_CANCELLED);
    }
  if (error->domain != EY_CORE_ERROR)
    error = ey_core_error_from_transport (error);

  g_debug ("action failed at %s: %s", ey_session_step_to_string (self->step),
           ey_core_error_nick (error->code));
  /* After a failed request the site may be elsewhere: look before acting */
  if (is_transport (error))
    self->page_stale = TRUE;
  if (is_fatal (error) && lookup_transition (self->step, EV_FATAL, &to))
    set_step (self, to);
  set_error (self, error);
  set_busy (self, FALSE);
  g_task_return_error (task, error);
}

static void page_cb (GObject *object, GAsyncResult *result, gpointer user_data);
static void then_captcha (GTask *task, EyPage *page);
static void post_cb (GObject *object, GAsyncResult *result, gpointer user_data);

/* GET @href, then handle the page and go on with @then. */
static void
op_get (GTask      *task,
        const char *href,
        OpThen      then)
{
  EySession *self = g_task_get_source_object (task);

  op_of (task)->then = then;
  ey_site_client_get_page_async (self->client, href, op_of (task)->cancellable,
                                 page_cb, g_object_ref (task));
}

static void
op_get_action (GTask        *task,
               EySiteAction  action,
               OpThen        then)
{
  EySession *self = g_task_get_source_object (task);
  const char *path = ey_site_profile_get_action_path (self->profile, action);

  if (path == NULL)
    {
      op_fail (task, ey_core_error_new (EY_CORE_ERROR_FAILED));
      return;
    }
  op_get (task, path, then);
}

/* POST a submission of the current page; never resent (see the client). */
static void
op_post (GTask      *task,
         EyFormData *data,
         OpThen      then)
{
  EySession *self = g_task_get_source_object (task);

  op_of (task)->then = then;
  ey_site_client_post_form_async (self->client, data, ey_page_get_url (self->page),
                                  op_of (task)->cancellable, post_cb, g_object_ref (task));
}

/* A new page came: check it against the table and the markers, read it,
 * and go on. @post_error: the POST before it failed (the page is a re-read). */
static void
handle_page (GTask  *task,
             EyPage *page,
             GError *post_error)
{
  EySession *self = g_task_get_source_object (task);
  g_autoptr(GError) owned_post_error = post_error;
  EyPageKind kind = ey_page_get_kind (page);
  EyPageKind before = self->page ? ey_page_get_kind (self->page) : EY_PAGE_KIND_UNKNOWN;
  int event = kind;
  EySessionStep to;
  GError *marker_error = NULL;

  if (kind == EY_PAGE_KIND_UNKNOWN)
    {
      g_autofree char *expected = describe_expected (self->step);

      /* Kept for "Save a report for IT" (ey-site-report.h). */
      g_set_object (&self->unrecognised_page, page);
      op_fail (task, ey_page_new_mismatch_error (page, expected, NULL));
      return;
    }

  g_clear_object (&self->unrecognised_page);
  if (kind == EY_PAGE_KIND_LOGIN && ey_page_has_marker (page, EY_PAGE_MARKER_SESSION_EXPIRED))
    event = EV_SESSION_EXPIRED;
  else if (kind == EY_PAGE_KIND_ORDERS && ey_page_get_orders (page)->len == 0)
    event = EV_NO_ORDERS;

  if (!lookup_transition (self->step, event, &to))
    {
      g_autofree char *expected = describe_expected (self->step);
      g_autofree char *got = ey_page_describe (page);

      op_fail (task, ey_core_error_new_unexpected (expected, got));
      return;
    }

  g_set_object (&self->page, page);
  self->page_stale = FALSE;
  read_page (self, page);
  set_step (self, to);

  /* The POST failed and the site is still where it was: it did not take it */
  if (owned_post_error != NULL && kind == before)
    {
      op_fail (task, g_steal_pointer (&owned_post_error));
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (marker_errors); i++)
    if (ey_page_has_marker (page, marker_errors[i].marker))
      {
        marker_error = ey_core_error_new (marker_errors[i].code);
        break;
      }
  if (marker_error == NULL && kind == EY_PAGE_KIND_FORM &&
      g_hash_table_size (ey_page_get_field_errors (page)) > 0)
    marker_error = ey_core_error_new (EY_CORE_ERROR_FORM_INVALID);

  if (marker_error && op_of (task)->ignore_expired &&
      g_error_matches (marker_error, EY_CORE_ERROR, EY_CORE_ERROR_SESSION_EXPIRED))
    g_clear_error (&marker_error);
  if (marker_error)
    g_object_set_data_full (G_OBJECT (task), "marker-error", marker_error,
                            (GDestroyNotify) g_error_free);

  /* Whatever the action, a session that expired needs a new sign-in, and
   * the sign-in step needs its CAPTCHA picture */
  if (event == EV_SESSION_EXPIRED && !op_of (task)->ignore_expired)
    {
      then_captcha (task, page);
      return;
    }
  op_of (task)->then (task, page);
}

static GError *
take_marker_error (GTask *task)
{
  return g_object_steal_data (G_OBJECT (task), "marker-error");
}

static void
drop_marker_error (GTask *task)
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
  g_autoptr(EyPage) page = NULL;
  GError *error = NULL;

  page = ey_site_client_get_page_finish (EY_SITE_CLIENT (object), result, &error);
  if (page == NULL)
    {
      op_fail (task, error);
      return;
    }
  handle_page (task, page, NULL);
}

static void
post_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(EyPage) page = NULL;
  GError *post_error = NULL;
  GError *error = NULL;

  page = ey_site_client_post_form_finish (EY_SITE_CLIENT (object), result, &post_error, &error);
  if (page == NULL)
    {
      g_clear_error (&post_error);
      op_fail (task, error);
      return;
    }
  handle_page (task, page, post_error);
}

/* Continuations used by most actions: finish, reporting any page error. */
static void
then_done (GTask  *task,
           EyPage *page)
{
  GError *error = take_marker_error (task);

  if (error)
    op_fail (task, error);
  else
    op_succeed (task);
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
      g_clear_error (&error);
      /* The page error (wrong CAPTCHA …) says more than the picture's */
      error = take_marker_error (task);
      op_fail (task, error ? error : ey_core_error_new (EY_CORE_ERROR_HTTP_SERVER));
      return;
    }
  set_bytes (self, &self->captcha, png, PROP_CAPTCHA);
  then_done (task, NULL);
}

/* A sign-in or forgot page: fetch its CAPTCHA picture, then finish. */
static void
then_captcha (GTask  *task,
              EyPage *page)
{
  EySession *self = g_task_get_source_object (task);
  g_autofree char *url = NULL;

  if (ey_page_get_kind (page) != EY_PAGE_KIND_LOGIN &&
      ey_page_get_kind (page) != EY_PAGE_KIND_FORGOT)
    {
      then_done (task, page);
      return;
    }
  url = ey_page_get_captcha_url (page);
  if (url == NULL)
    {
      const char *path = ey_site_profile_get_action_path (self->profile, EY_SITE_ACTION_CAPTCHA);
      url = g_strdup (path);
    }
  if (url == NULL)
    {
      then_done (task, page);
      return;
    }
  ey_site_client_get_bytes_async (self->client, url, op_of (task)->cancellable,
                                  captcha_cb, g_object_ref (task));
}

/* Starts an action: checks the step, marks busy, re-reads a stale page. */
static GTask *
op_new (EySession           *self,
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
            EyPage *page)
{
  GError *error = take_marker_error (task);
  EySession *self = g_task_get_source_object (task);

  /* A re-read that landed elsewhere: the user sees the new step first */
  if (self->step != op_of (task)->started_at)
    {
      if (error == NULL)
        error = ey_core_error_new (EY_CORE_ERROR_FORM_RESUBMITTED);
      if (ey_page_get_kind (page) == EY_PAGE_KIND_LOGIN)
        {
          g_object_set_data_full (G_OBJECT (task), "marker-error", error,
                                  (GDestroyNotify) g_error_free);
          then_captcha (task, page);
          return;
        }
      op_fail (task, error);
      return;
    }
  g_clear_error (&error);
  op_of (task)->action (task, self->page);
}

static gboolean
op_start (EySession    *self,
          GTask        *task,
          guint         allowed_steps,   /* bit mask of EySessionStep */
          OpThen        action)
{
  if (self->busy || !(allowed_steps & (1u << self->step)))
    {
      g_debug ("action refused at step %s%s", ey_session_step_to_string (self->step),
               self->busy ? " (busy)" : "");
      g_task_return_error (task, ey_core_error_new (EY_CORE_ERROR_WRONG_STEP));
      return FALSE;
    }

  set_busy (self, TRUE);
  g_clear_object (&self->op_cancellable);
  self->op_cancellable = g_object_ref (op_of (task)->cancellable);
  op_of (task)->action = action;

  if (self->page_stale && self->page != NULL)
    op_get (task, ey_page_get_url (self->page), run_action);
  else
    action (task, self->page);
  return TRUE;
}

#define STEP(s) (1u << EY_SESSION_STEP_##s)

static gboolean
op_finish (EySession     *self,
           GAsyncResult  *result,
           gpointer       tag,
           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tag, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Builds a submission of the current page's form with @button. */
static EyFormData *
submission (GTask        *task,
            EyButtonRole  button)
{
  EySession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  EyFormData *data;

  data = ey_page_new_submission (self->page, button, &error);
  if (data == NULL)
    {
      g_autofree char *expected = describe_expected (self->step);
      g_autofree char *got = ey_page_describe (self->page);

      op_fail (task, ey_page_new_mismatch_error (self->page, expected, error));
    }
  return data;
}

static gboolean
fill (GTask       *task,
      EyFormData  *data,
      EyFieldRole  role,
      const char  *value)
{
  EySession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (ey_form_data_set_field (data, role, value ? value : "", &error))
    return TRUE;
  g_debug ("cannot set %s: %s", ey_field_role_to_string (role), error->message);
  op_fail (task, ey_core_error_new_unexpected (ey_page_kind_get_label (ey_page_get_kind (self->page)),
                                               _("a form without the expected field")));
  return FALSE;
}

/* --- load sign-in / forgot ---------------------------------------------- */

static void
do_load_sign_in (GTask  *task,
                 EyPage *page)
{
  EySession *self = g_task_get_source_object (task);

  EySessionStep to;

  /* Starting over (another path, a failed sign-in …): a fresh cookie jar;
   * what the user typed stays in user_values */
  if (self->step != EY_SESSION_STEP_SIGN_IN && self->step != EY_SESSION_STEP_FORGOT &&
      self->step != EY_SESSION_STEP_MAIL)
    {
      ey_site_client_reset (self->client);
      g_clear_object (&self->page);
      set_path (self, EY_SESSION_PATH_NONE);
      if (lookup_transition (self->step, EV_RESTART, &to))
        set_step (self, to);
    }
  if (self->step == EY_SESSION_STEP_FORGOT)
    set_step (self, EY_SESSION_STEP_SIGN_IN);
  op_get_action (task, EY_SITE_ACTION_LOGIN, then_captcha);
}

void
ey_session_load_sign_in_async (EySession           *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = op_new (self, ey_session_load_sign_in_async, cancellable, callback, user_data);
  op_of (task)->ignore_expired = TRUE;
  if (self->step == EY_SESSION_STEP_START)
    ey_session_begin (self);
  self->page_stale = FALSE;  /* we GET the sign-in page anyway */
  /* Allowed anywhere but while busy: signing in again is starting over */
  op_start (self, task, ~0u, do_load_sign_in);
}

gboolean
ey_session_load_sign_in_finish (EySession     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return op_finish (self, result, ey_session_load_sign_in_async, error);
}

static void
do_load_forgot (GTask  *task,
                EyPage *page)
{
  op_get_action (task, EY_SITE_ACTION_FORGOT, then_captcha);
}

void
ey_session_load_forgot_async (EySession           *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));

  task = op_new (self, ey_session_load_forgot_async, cancellable, callback, user_data);
  op_of (task)->ignore_expired = TRUE;
  self->page_stale = FALSE;
  op_start (self, task, STEP (SIGN_IN) | STEP (FORGOT), do_load_forgot);
}

gboolean
ey_session_load_forgot_finish (EySession     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return op_finish (self, result, ey_session_load_forgot_async, error);
}

/* --- sign in ------------------------------------------------------------ */

static void then_after_sign_in (GTask *task, EyPage *page);

static void
do_sign_in (GTask  *task,
            EyPage *page)
{
  EySession *self = g_task_get_source_object (task);
  Op *op = op_of (task);
  g_autoptr(EyFormData) data = NULL;

  if (page == NULL || ey_page_get_kind (page) != EY_PAGE_KIND_LOGIN)
    {
      op_get_action (task, EY_SITE_ACTION_LOGIN, then_captcha);
      return;
    }
  data = submission (task, EY_BUTTON_ROLE_SUBMIT);
  if (data == NULL)
    return;
  if (!fill (task, data, EY_FIELD_ROLE_CAPTCHA, op->text) ||
      !fill (task, data, EY_FIELD_ROLE_IDENTITY, op->identity) ||
      !fill (task, data, EY_FIELD_ROLE_PASSWORD, op->secret))
    return;
  ey_session_set_identity (self, op->identity);
  op_post (task, data, then_after_sign_in);
}

/* With a recovery record, sign-in goes on to the recorded order and, if
 * the site still holds the accepted E-Onay, submits the application. */
static void then_resume (GTask *task, EyPage *page);

static void
then_after_sign_in (GTask  *task,
                    EyPage *page)
{
  EySession *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (ey_page_get_kind (page) == EY_PAGE_KIND_LOGIN)
    {
      /* Refused: a fresh CAPTCHA comes with the page; keep the error */
      then_captcha (task, page);
      return;
    }
  error = take_marker_error (task);
  if (error)
    {
      op_fail (task, error);
      return;
    }
  if (self->step == EY_SESSION_STEP_NO_ORDER)
    {
      op_fail (task, ey_core_error_new (EY_CORE_ERROR_NO_ORDER));
      return;
    }
  if (self->recovery && self->step == EY_SESSION_STEP_ORDERS &&
      ey_recovery_matches (self->recovery, self->identity) &&
      *ey_recovery_get_order_id (self->recovery) != '\0')
    {
      g_debug ("resuming the recorded application");
      set_string (self, &self->order_id, ey_recovery_get_order_id (self->recovery),
                  PROP_ORDER_ID);
      op_get (task, ey_recovery_get_order_id (self->recovery), then_resume);
      return;
    }
  op_succeed (task);
}

void
ey_session_sign_in_async (EySession           *self,
                          const char          *captcha_text,
                          const char          *identity,
                          const char          *password,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Op *op;

  g_return_if_fail (EY_IS_SESSION (self));
  g_return_if_fail (captcha_text != NULL && identity != NULL && password != NULL);

  task = op_new (self, ey_session_sign_in_async, cancellable, callback, user_data);
  op = op_of (task);
  op->text = g_strdup (captcha_text);
  op->identity = g_strdup (identity);
  op->secret = g_strdup (password);
  op_start (self, task, STEP (SIGN_IN), do_sign_in);
}

gboolean
ey_session_sign_in_finish (EySession     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return op_finish (self, result, ey_session_sign_in_async, error);
}

/* --- forgot password ---------------------------------------------------- */

static void
then_restore_notice (GTask  *task,
                     EyPage *page)
{
  EySession *self = g_task_get_source_object (task);

  if (op_of (task)->text && ey_page_get_message (page) == NULL)
    set_string (self, &self->site_message, op_of (task)->text, PROP_SITE_MESSAGE);
  then_captcha (task, page);
}

static void
then_after_forgot (GTask  *task,
                   EyPage *page)
{
  EySession *self = g_task_get_source_object (task);

  if (ey_page_get_kind (page) == EY_PAGE_KIND_FORGOT &&
      ey_page_has_marker (page, EY_PAGE_MARKER_PASSWORD_RESENT))
    {
      /* Back to sign-in, keeping the site's "mailed again" for the user */
      g_free (op_of (task)->text);
      op_of (task)->text = g_strdup (self->site_message);
      op_get_action (task, EY_SITE_ACTION_LOGIN, then_restore_notice);
      return;
    }
  then_captcha (task, page);
}

static void
do_forgot (GTask  *task,
           EyPage *page)
{
  Op *op = op_of (task);
  g_autoptr(EyFormData) data = submission (task, EY_BUTTON_ROLE_SUBMIT);

  if (data == NULL)
    return;
  if (!fill (task, data, EY_FIELD_ROLE_CAPTCHA, op->text) ||
      !fill (task, data, EY_FIELD_ROLE_IDENTITY, op->identity))
    return;
  op_post (task, data, then_after_forgot);
}

void
ey_session_forgot_password_async (EySession           *self,
                                  const char          *captcha_text,
                                  const char          *identity,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));
  g_return_if_fail (captcha_text != NULL && identity != NULL);

  task = op_new (self, ey_session_forgot_password_async, cancellable, callback, user_data);
  op_of (task)->text = g_strdup (captcha_text);
  op_of (task)->identity = g_strdup (identity);
  op_start (self, task, STEP (FORGOT), do_forgot);
}

gboolean
ey_session_forgot_password_finish (EySession     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return op_finish (self, result, ey_session_forgot_password_async, error);
}

/* --- order -------------------------------------------------------------- */

static void
do_choose_order (GTask  *task,
                 EyPage *page)
{
  EySession *self = g_task_get_source_object (task);
  const char *id = op_of (task)->text;
  gboolean known = FALSE;

  for (guint i = 0; i < self->orders->len; i++)
    if (g_strcmp0 (((EySessionOrder *) g_ptr_array_index (self->orders, i))->id, id) == 0)
      known = TRUE;
  if (!known)
    {
      op_fail (task, ey_core_error_new (EY_CORE_ERROR_WRONG_STEP));
      return;
    }
  set_string (self, &self->order_id, id, PROP_ORDER_ID);
  op_get (task, id, then_done);
}

void
ey_session_choose_order_async (EySession           *self,
                               const char          *order_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));
  g_return_if_fail (order_id != NULL);

  task = op_new (self, ey_session_choose_order_async, cancellable, callback, user_data);
  op_of (task)->text = g_strdup (order_id);
  op_start (self, task, STEP (ORDERS), do_choose_order);
}

gboolean
ey_session_choose_order_finish (EySession     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return op_finish (self, result, ey_session_choose_order_async, error);
}

/* --- form --------------------------------------------------------------- */

static void
do_submit_form (GTask  *task,
                EyPage *page)
{
  EySession *self = g_task_get_source_object (task);
  g_autoptr(EyFormData) data = submission (task, EY_BUTTON_ROLE_SUBMIT);

  if (data == NULL)
    return;
  for (guint i = 0; i < self->form->len; i++)
    {
      EySessionField *field = g_ptr_array_index (self->form, i);
      int role;

      if (field->read_only || !ey_site_role_from_string (EY_TYPE_FIELD_ROLE, field->role, &role))
        continue;
      if (!fill (task, data, role, field->value))
        return;
    }
  op_post (task, data, then_done);
}

void
ey_session_submit_form_async (EySession           *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));

  task = op_new (self, ey_session_submit_form_async, cancellable, callback, user_data);
  op_start (self, task, STEP (FORM), do_submit_form);
}

gboolean
ey_session_submit_form_finish (EySession     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return op_finish (self, result, ey_session_submit_form_async, error);
}

/* --- SMS ---------------------------------------------------------------- */

static void
do_press (GTask        *task,
          EyButtonRole  button)
{
  g_autoptr(EyFormData) data = submission (task, button);

  if (data != NULL)
    op_post (task, data, then_done);
}

static void
do_send_sms (GTask  *task,
             EyPage *page)
{
  do_press (task, EY_BUTTON_ROLE_SUBMIT);
}

void
ey_session_send_sms_async (EySession           *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));

  task = op_new (self, ey_session_send_sms_async, cancellable, callback, user_data);
  op_start (self, task, STEP (SMS_SEND), do_send_sms);
}

gboolean
ey_session_send_sms_finish (EySession     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return op_finish (self, result, ey_session_send_sms_async, error);
}

static void
do_back_to_form (GTask  *task,
                 EyPage *page)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = ey_page_get_link_url (page, EY_LINK_ROLE_BACK_TO_FORM, &error);

  if (url == NULL)
    {
      g_debug ("no link back to the form: %s", error->message);
      op_fail (task, ey_core_error_new (EY_CORE_ERROR_UNEXPECTED_PAGE));
      return;
    }
  op_get (task, url, then_done);
}

void
ey_session_back_to_form_async (EySession           *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));

  task = op_new (self, ey_session_back_to_form_async, cancellable, callback, user_data);
  op_start (self, task, STEP (SMS_SEND), do_back_to_form);
}

gboolean
ey_session_back_to_form_finish (EySession     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return op_finish (self, result, ey_session_back_to_form_async, error);
}

static void
do_submit_sms_code (GTask  *task,
                    EyPage *page)
{
  g_autoptr(EyFormData) data = submission (task, EY_BUTTON_ROLE_SUBMIT);

  if (data == NULL || !fill (task, data, EY_FIELD_ROLE_SMS_CODE, op_of (task)->secret))
    return;
  op_post (task, data, then_done);
}

void
ey_session_submit_sms_code_async (EySession           *self,
                                  const char          *code,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));
  g_return_if_fail (code != NULL);

  task = op_new (self, ey_session_submit_sms_code_async, cancellable, callback, user_data);
  op_of (task)->secret = g_strdup (code);
  op_start (self, task, STEP (SMS_CODE), do_submit_sms_code);
}

gboolean
ey_session_submit_sms_code_finish (EySession     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return op_finish (self, result, ey_session_submit_sms_code_async, error);
}

static void
do_request_sms_code (GTask  *task,
                     EyPage *page)
{
  do_press (task, EY_BUTTON_ROLE_RESEND);
}

void
ey_session_request_sms_code_async (EySession           *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));

  task = op_new (self, ey_session_request_sms_code_async, cancellable, callback, user_data);
  op_start (self, task, STEP (SMS_CODE), do_request_sms_code);
}

gboolean
ey_session_request_sms_code_finish (EySession     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return op_finish (self, result, ey_session_request_sms_code_async, error);
}

/* --- E-Onay choice and consent ------------------------------------------ */

static void
do_choose_eonay (GTask  *task,
                 EyPage *page)
{
  EySession *self = g_task_get_source_object (task);
  g_autoptr(EyFormData) data = submission (task, EY_BUTTON_ROLE_SUBMIT);
  g_autoptr(GError) error = NULL;
  gboolean yes = op_of (task)->flag;

  if (data == NULL)
    return;
  if (!ey_form_data_choose (data, yes ? EY_CHOICE_ROLE_EONAY_YES : EY_CHOICE_ROLE_EONAY_NO,
                            &error))
    {
      g_debug ("cannot choose: %s", error->message);
      op_fail (task, ey_core_error_new (EY_CORE_ERROR_UNEXPECTED_PAGE));
      return;
    }
  set_path (self, yes ? EY_SESSION_PATH_EONAY : EY_SESSION_PATH_NONE);
  op_post (task, data, then_done);
}

void
ey_session_choose_eonay_async (EySession           *self,
                               gboolean             give_eonay,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));

  task = op_new (self, ey_session_choose_eonay_async, cancellable, callback, user_data);
  op_of (task)->flag = !!give_eonay;
  op_start (self, task, STEP (EONAY_CHOICE), do_choose_eonay);
}

gboolean
ey_session_choose_eonay_finish (EySession     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return op_finish (self, result, ey_session_choose_eonay_async, error);
}

static void
do_accept_consent (GTask  *task,
                   EyPage *page)
{
  g_autoptr(EyFormData) data = submission (task, EY_BUTTON_ROLE_SUBMIT);
  g_autoptr(GError) error = NULL;

  if (data == NULL)
    return;
  if (!ey_form_data_choose (data, EY_CHOICE_ROLE_CONSENT, &error))
    {
      g_debug ("cannot tick consent: %s", error->message);
      op_fail (task, ey_core_error_new (EY_CORE_ERROR_UNEXPECTED_PAGE));
      return;
    }
  op_post (task, data, then_done);
}

void
ey_session_accept_consent_async (EySession           *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));

  task = op_new (self, ey_session_accept_consent_async, cancellable, callback, user_data);
  op_start (self, task, STEP (CONSENT), do_accept_consent);
}

gboolean
ey_session_accept_consent_finish (EySession     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return op_finish (self, result, ey_session_accept_consent_async, error);
}

/* --- signing ------------------------------------------------------------ */

static EyFormData *
sign_request (GTask        *task,
              EySiteAction  action)
{
  EySession *self = g_task_get_source_object (task);
  g_autofree char *url = NULL;
  g_autoptr(EyFormData) data = NULL;
  g_autoptr(GError) error = NULL;

  url = ey_site_profile_get_action_url (self->profile, action, &error);
  if (url == NULL || self->verification_code == NULL)
    {
      op_fail (task, ey_core_error_new (EY_CORE_ERROR_WRONG_STEP));
      return NULL;
    }
  data = ey_form_data_new (url, NULL);
  ey_form_data_set_roles (data, self->profile, EY_PAGE_KIND_UNKNOWN, action);
  if (!ey_form_data_set_field (data, EY_FIELD_ROLE_VERIFICATION_CODE,
                               self->verification_code, &error))
    {
      g_debug ("sign request: %s", error->message);
      op_fail (task, ey_core_error_new (EY_CORE_ERROR_FAILED));
      return NULL;
    }
  return g_steal_pointer (&data);
}

static const char *
purpose (EySession *self)
{
  return self->path == EY_SESSION_PATH_ESIGNED ? "form" : "eonay";
}

/* A page came where data was expected: always a failure */
static void
then_not_a_reply (GTask  *task,
                  EyPage *page)
{
  GError *error = take_marker_error (task);

  if (error == NULL)
    {
      g_autofree char *got = ey_page_describe (page);
      error = ey_core_error_new_unexpected (_("the answer to the signature"), got);
    }
  op_fail (task, error);
}

/* The signing calls answer text or JSON; an HTML page instead means the
 * site sent us elsewhere (a lost session shows the sign-in page). */
static gboolean
raw_reply_is_page (GTask      *task,
                   GBytes     *bytes,
                   const char *content_type)
{
  EySession *self = g_task_get_source_object (task);
  g_autoptr(EyPage) page = NULL;

  if (content_type == NULL || !g_str_has_prefix (content_type, "text/html"))
    return FALSE;
  page = ey_page_new (self->profile, bytes, content_type,
                      ey_site_client_get_current_url (self->client), NULL);
  if (page == NULL)
    return FALSE;
  op_of (task)->then = then_not_a_reply;
  handle_page (task, page, NULL);
  return TRUE;
}

static void
sign_data_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EySession *self = g_task_get_source_object (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *content_type = NULL;
  GError *error = NULL;

  bytes = ey_site_client_post_bytes_finish (EY_SITE_CLIENT (object), result, &content_type,
                                            &error);
  if (bytes == NULL)
    {
      op_fail (task, error);
      return;
    }
  if (raw_reply_is_page (task, bytes, content_type))
    return;
  set_error (self, NULL);
  set_busy (self, FALSE);
  g_signal_emit (self, signals[NEEDS_SIGNATURE], 0, bytes, purpose (self));
  g_task_return_pointer (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
}

static void
do_fetch_sign_data (GTask  *task,
                    EyPage *page)
{
  EySession *self = g_task_get_source_object (task);
  g_autoptr(EyFormData) data = sign_request (task, EY_SITE_ACTION_SIGN_DATA);

  if (data == NULL)
    return;
  ey_site_client_post_bytes_async (self->client, data, op_of (task)->cancellable,
                                   sign_data_cb, g_object_ref (task));
}

void
ey_session_fetch_sign_data_async (EySession           *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));

  task = op_new (self, ey_session_fetch_sign_data_async, cancellable, callback, user_data);
  /* The data call does not depend on the page: no re-read needed */
  self->page_stale = FALSE;
  op_start (self, task, STEP (SIGNING), do_fetch_sign_data);
}

GBytes *
ey_session_fetch_sign_data_finish (EySession     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
do_renew_code (GTask  *task,
               EyPage *page)
{
  if (!ey_page_has_button (page, EY_BUTTON_ROLE_RENEW_CODE))
    {
      /* The code is still good: the re-read page is the answer */
      if (op_of (task)->flag)
        {
          op_succeed (task);
          return;
        }
      /* Our copy of the page predates the expiry: look again first */
      op_of (task)->flag = TRUE;
      op_get (task, ey_page_get_url (page), do_renew_code);
      return;
    }
  drop_marker_error (task);   /* "expired" is why we are here */
  do_press (task, EY_BUTTON_ROLE_RENEW_CODE);
}

void
ey_session_renew_code_async (EySession           *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));

  task = op_new (self, ey_session_renew_code_async, cancellable, callback, user_data);
  op_start (self, task, STEP (SIGNING), do_renew_code);
}

gboolean
ey_session_renew_code_finish (EySession     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return op_finish (self, result, ey_session_renew_code_async, error);
}

/* After the site accepted the signature: follow the page's continue link.
 * E-Onay: the method page, then E-Onaylı Başvuru; e-signed: the result. */
static void then_submitted (GTask *task, EyPage *page);

static void
then_submit_eonayli (GTask  *task,
                     EyPage *page)
{
  EySession *self = g_task_get_source_object (task);
  g_autoptr(EyFormData) data = NULL;
  GError *error = take_marker_error (task);

  if (error)
    {
      op_fail (task, error);
      return;
    }
  if (ey_page_get_kind (page) == EY_PAGE_KIND_RESULT)
    {
      then_submitted (task, page);
      return;
    }
  if (ey_page_get_kind (page) != EY_PAGE_KIND_METHOD ||
      !(self->methods & EY_SESSION_METHOD_EONAYLI))
    {
      /* Resuming, and the site no longer holds the E-Onay: go on by hand */
      if (self->step != EY_SESSION_STEP_SUBMITTING)
        {
          op_succeed (task);
          return;
        }
      op_fail (task, ey_core_error_new_unexpected (ey_page_kind_get_label (EY_PAGE_KIND_METHOD),
                                                   ey_page_kind_get_label (ey_page_get_kind (page))));
      return;
    }
  if (self->step == EY_SESSION_STEP_METHOD)
    set_step (self, EY_SESSION_STEP_SUBMITTING);
  set_path (self, EY_SESSION_PATH_EONAY);
  data = submission (task, EY_BUTTON_ROLE_METHOD_EONAYLI);
  if (data != NULL)
    op_post (task, data, then_submitted);
}

static void
then_submitted (GTask  *task,
                EyPage *page)
{
  EySession *self = g_task_get_source_object (task);
  g_autoptr(GError) clear_error = NULL;
  GError *error = take_marker_error (task);

  if (error)
    {
      op_fail (task, error);
      return;
    }
  if (self->step != EY_SESSION_STEP_DONE)
    {
      g_autofree char *got = ey_page_describe (page);
      op_fail (task, ey_core_error_new_unexpected (ey_page_kind_get_label (EY_PAGE_KIND_RESULT),
                                                   got));
      return;
    }
  /* Only the site's confirmation counts; now the note can go */
  if (!ey_recovery_clear (recovery_path (self), &clear_error))
    g_warning ("could not remove the recovery record: %s", clear_error->message);
  ey_session_set_recovery (self, NULL);
  op_succeed (task);
  g_signal_emit (self, signals[SUBMITTED], 0, self->path);
}

static void then_method_chosen (GTask *task, EyPage *page);

/* The recorded order, opened after a new sign-in (the password was asked again:
 * the record holds no secret). The site shows where the application stands:
 *  - the result: it arrived (say, the confirmation was lost on the way); done,
 *    nothing is sent again;
 *  - the method page with E-Onaylı (E-İmzalı for that path): press it;
 *  - the wet-signature page: it went that way; nothing to finish here;
 *  - the form: the site lost it; say so and go on by hand, keeping the answers. */
static void
then_resume (GTask  *task,
             EyPage *page)
{
  EySession *self = g_task_get_source_object (task);
  gboolean esigned = self->recovery &&
                     g_strcmp0 (ey_recovery_get_path_nick (self->recovery), "esigned") == 0;
  g_autoptr(EyFormData) data = NULL;
  g_autoptr(GError) clear_error = NULL;
  GError *error = take_marker_error (task);

  if (error)
    {
      op_fail (task, error);
      return;
    }
  switch (ey_page_get_kind (page))
    {
    case EY_PAGE_KIND_WET:
      g_debug ("resume: the application went the wet-signature way");
      set_path (self, EY_SESSION_PATH_WET);
      if (!ey_recovery_clear (recovery_path (self), &clear_error))
        g_warning ("could not remove the recovery record: %s", clear_error->message);
      ey_session_set_recovery (self, NULL);
      op_succeed (task);
      return;
    case EY_PAGE_KIND_RESULT:
      g_debug ("resume: the site has the application already");
      set_path (self, esigned ? EY_SESSION_PATH_ESIGNED : EY_SESSION_PATH_EONAY);
      then_submitted (task, page);
      return;
    case EY_PAGE_KIND_METHOD:
      if (esigned && (self->methods & EY_SESSION_METHOD_EIMZALI))
        {
          /* The form's signature must be given again on the new signing page. */
          g_debug ("resume: pressing E-İmzalı Başvuru");
          set_path (self, EY_SESSION_PATH_ESIGNED);
          data = submission (task, EY_BUTTON_ROLE_METHOD_EIMZALI);
          if (data != NULL)
            op_post (task, data, then_method_chosen);
          return;
        }
      if (self->methods & EY_SESSION_METHOD_EONAYLI)
        {
          g_debug ("resume: the site kept the E-Onay; pressing E-Onaylı Başvuru");
          then_submit_eonayli (task, page);
          return;
        }
      break;
    default:
      break;
    }
  /* The site no longer holds it: the user goes on from here (the form keeps what
   * the site saved and what was typed). The record claimed a signed application
   * the site does not have, so it goes; the next signature writes a new one. */
  g_debug ("resume: the site no longer holds the application (%s)",
           ey_page_kind_get_label (ey_page_get_kind (page)));
  if (!ey_recovery_clear (recovery_path (self), &clear_error))
    g_warning ("could not remove the recovery record: %s", clear_error->message);
  ey_session_set_recovery (self, NULL);
  op_fail (task, ey_core_error_new (EY_CORE_ERROR_APPLICATION_LOST));
}

static void
then_after_accept (GTask  *task,
                   EyPage *page)
{
  EySession *self = g_task_get_source_object (task);

  if (self->path == EY_SESSION_PATH_EONAY)
    then_submit_eonayli (task, page);
  else
    then_submitted (task, page);
}

static void
continue_after_accept (GTask *task)
{
  EySession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(EyRecovery) note = NULL;
  g_autofree char *url = NULL;
  EySessionStep to;

  if (self->step == EY_SESSION_STEP_SIGNING && lookup_transition (self->step, EV_SIGNATURE_ACCEPTED, &to))
    set_step (self, to);

  /* Written before anything else can go wrong: see ey-recovery.h */
  note = ey_recovery_new (self->identity ? self->identity : "", self->applicant_name,
                          self->order_id, self->path == EY_SESSION_PATH_ESIGNED ? "esigned" : "eonay");
  if (!ey_recovery_save (note, recovery_path (self), &error))
    g_warning ("could not write the recovery record: %s", error->message);
  g_clear_error (&error);
  ey_session_set_recovery (self, note);

  url = ey_page_get_link_url (self->page, EY_LINK_ROLE_CONTINUE, &error);
  if (url == NULL)
    {
      g_debug ("no continue link (%s); using the method page", error->message);
      url = g_strdup (ey_site_profile_get_action_path (self->profile,
                        self->path == EY_SESSION_PATH_ESIGNED ? EY_SITE_ACTION_RESULT
                                                              : EY_SITE_ACTION_METHOD));
    }
  op_get (task, url, then_after_accept);
}

static void
upload_reread_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(EyPage) page = NULL;
  GError *upload_error = g_object_steal_data (G_OBJECT (task), "upload-error");
  GError *error = NULL;

  page = ey_site_client_get_page_finish (EY_SITE_CLIENT (object), result, &error);
  if (page == NULL)
    {
      g_clear_error (&error);
      op_fail (task, upload_error);
      return;
    }
  /* The signing page moved on: the site took the signature after all */
  if (ey_page_get_kind (page) == EY_PAGE_KIND_METHOD ||
      ey_page_get_kind (page) == EY_PAGE_KIND_RESULT)
    {
      g_debug ("the site took the signature despite the failed upload");
      g_clear_error (&upload_error);
      continue_after_accept (task);
      return;
    }
  op_fail (task, upload_error);
}

static void
upload_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EySession *self = g_task_get_source_object (task);
  g_autoptr(GBytes) reply = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *site_code = NULL;
  g_autofree char *site_message = NULL;
  g_autoptr(GError) read_error = NULL;
  GError *error = NULL;
  EySignOutcome outcome;

  reply = ey_site_client_post_bytes_finish (EY_SITE_CLIENT (object), result, &content_type,
                                            &error);
  if (reply == NULL)
    {
      if (g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_CANCELLED) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          is_fatal (error))
        {
          op_fail (task, error);
          return;
        }
      /* Never resend: look at the signing page to learn whether it arrived */
      g_object_set_data_full (G_OBJECT (task), "upload-error", error,
                              (GDestroyNotify) g_error_free);
      ey_site_client_get_page_async (self->client, ey_page_get_url (self->page),
                                     op_of (task)->cancellable, upload_reread_cb,
                                     g_object_ref (task));
      return;
    }

  if (raw_reply_is_page (task, reply, content_type))
    return;
  outcome = ey_site_profile_read_sign_reply (self->profile, reply, &site_code, &site_message,
                                             &read_error);
  if (read_error)
    {
      g_debug ("sign reply unreadable: %s", read_error->message);
      op_fail (task, ey_core_error_new_unexpected (_("the answer to the signature"),
                                                   _("something unreadable")));
      return;
    }
  set_string (self, &self->site_message, site_message, PROP_SITE_MESSAGE);
  if (outcome != EY_SIGN_OUTCOME_ACCEPTED)
    {
      g_debug ("signature refused: %s", site_code ? site_code : "?");
      op_fail (task, ey_core_error_new (ey_core_error_from_sign_outcome (outcome)));
      return;
    }
  g_debug ("signature accepted (%s)", purpose (self));
  continue_after_accept (task);
}

static void
do_submit_signature (GTask  *task,
                     EyPage *page)
{
  EySession *self = g_task_get_source_object (task);
  g_autoptr(EyFormData) data = sign_request (task, EY_SITE_ACTION_SIGN_UPLOAD);
  g_autoptr(GError) error = NULL;
  g_autofree char *b64 = NULL;
  gsize len;
  const guchar *der;

  if (data == NULL)
    return;
  der = g_bytes_get_data (op_of (task)->bytes, &len);
  b64 = g_base64_encode (der, len);
  if (!ey_form_data_set_field (data, EY_FIELD_ROLE_SIGNATURE, b64, &error))
    {
      g_debug ("sign upload: %s", error->message);
      op_fail (task, ey_core_error_new (EY_CORE_ERROR_FAILED));
      return;
    }
  ey_site_client_post_bytes_async (self->client, data, op_of (task)->cancellable,
                                   upload_cb, g_object_ref (task));
}

void
ey_session_submit_signature_async (EySession           *self,
                                   GBytes              *cms,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));
  g_return_if_fail (cms != NULL);

  task = op_new (self, ey_session_submit_signature_async, cancellable, callback, user_data);
  op_of (task)->bytes = g_bytes_ref (cms);
  self->page_stale = FALSE;
  op_start (self, task, STEP (SIGNING), do_submit_signature);
}

gboolean
ey_session_submit_signature_finish (EySession     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return op_finish (self, result, ey_session_submit_signature_async, error);
}

/* --- method, wet PDF ---------------------------------------------------- */

static void
then_method_chosen (GTask  *task,
                    EyPage *page)
{
  EySession *self = g_task_get_source_object (task);
  GError *error = take_marker_error (task);

  if (error)
    {
      op_fail (task, error);
      return;
    }
  if (self->step == EY_SESSION_STEP_DONE)
    {
      then_submitted (task, page);
      return;
    }
  op_succeed (task);
}

static void
do_choose_method (GTask  *task,
                  EyPage *page)
{
  EySession *self = g_task_get_source_object (task);
  EySessionMethod method = op_of (task)->method;
  g_autoptr(EyFormData) data = NULL;
  EyButtonRole button;

  /* From the signing page (signature refused for good): the method page first */
  if (ey_page_get_kind (page) != EY_PAGE_KIND_METHOD)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = ey_page_get_link_url (page, EY_LINK_ROLE_CONTINUE, &error);

      if (url == NULL)
        url = g_strdup (ey_site_profile_get_action_path (self->profile, EY_SITE_ACTION_METHOD));
      if (url == NULL || op_of (task)->flag)
        {
          op_fail (task, ey_core_error_new (EY_CORE_ERROR_WRONG_STEP));
          return;
        }
      op_of (task)->flag = TRUE;
      op_get (task, url, do_choose_method);
      return;
    }
  drop_marker_error (task);

  if (!(self->methods & method))
    {
      op_fail (task, ey_core_error_new (EY_CORE_ERROR_WRONG_STEP));
      return;
    }
  switch (method)
    {
    case EY_SESSION_METHOD_EONAYLI:
      set_path (self, EY_SESSION_PATH_EONAY);
      button = EY_BUTTON_ROLE_METHOD_EONAYLI;
      if (self->step == EY_SESSION_STEP_METHOD)
        set_step (self, EY_SESSION_STEP_SUBMITTING);
      break;
    case EY_SESSION_METHOD_EIMZALI:
      set_path (self, EY_SESSION_PATH_ESIGNED);
      button = EY_BUTTON_ROLE_METHOD_EIMZALI;
      break;
    case EY_SESSION_METHOD_ISLAK:
    default:
      set_path (self, EY_SESSION_PATH_WET);
      button = EY_BUTTON_ROLE_METHOD_ISLAK;
      break;
    }
  data = submission (task, button);
  if (data != NULL)
    op_post (task, data, then_method_chosen);
}

void
ey_session_choose_method_async (EySession           *self,
                                EySessionMethod      method,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));
  g_return_if_fail (method == EY_SESSION_METHOD_EONAYLI || method == EY_SESSION_METHOD_EIMZALI ||
                    method == EY_SESSION_METHOD_ISLAK);

  task = op_new (self, ey_session_choose_method_async, cancellable, callback, user_data);
  op_of (task)->method = method;
  /* SUBMITTING: the automatic E-Onaylı press failed; the user retries it */
  op_start (self, task, STEP (METHOD) | STEP (SIGNING) | STEP (SUBMITTING), do_choose_method);
}

gboolean
ey_session_choose_method_finish (EySession     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return op_finish (self, result, ey_session_choose_method_async, error);
}

static void
pdf_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EySession *self = g_task_get_source_object (task);
  g_autoptr(GBytes) pdf = NULL;
  GError *error = NULL;

  pdf = ey_site_client_get_bytes_finish (EY_SITE_CLIENT (object), result, NULL, &error);
  if (pdf == NULL)
    {
      op_fail (task, error);
      return;
    }
  set_bytes (self, &self->pdf, pdf, PROP_PDF);
  set_error (self, NULL);
  set_busy (self, FALSE);
  g_task_return_pointer (task, g_bytes_ref (pdf), (GDestroyNotify) g_bytes_unref);
  g_signal_emit (self, signals[SUBMITTED], 0, EY_SESSION_PATH_WET);
}

static void
do_fetch_pdf (GTask  *task,
              EyPage *page)
{
  EySession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = ey_page_get_link_url (page, EY_LINK_ROLE_PDF, &error);

  if (url == NULL)
    {
      g_debug ("no PDF link: %s", error->message);
      op_fail (task, ey_core_error_new (EY_CORE_ERROR_UNEXPECTED_PAGE));
      return;
    }
  ey_site_client_get_bytes_async (self->client, url, op_of (task)->cancellable,
                                  pdf_cb, g_object_ref (task));
}

void
ey_session_fetch_pdf_async (EySession           *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));

  task = op_new (self, ey_session_fetch_pdf_async, cancellable, callback, user_data);
  op_start (self, task, STEP (WET), do_fetch_pdf);
}

GBytes *
ey_session_fetch_pdf_finish (EySession     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ey_session_cancel (EySession *self)
{
  g_return_if_fail (EY_IS_SESSION (self));
  if (self->op_cancellable)
    g_cancellable_cancel (self->op_cancellable);
}

EyPage *
ey_session_get_unrecognised_page (EySession *self)
{
  g_return_val_if_fail (EY_IS_SESSION (self), NULL);
  return self->unrecognised_page;
}
