/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-site-roles"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ey-site-roles-private.h"

/* The nicks are the names used in the profile XML; keep them stable. */

G_DEFINE_ENUM_TYPE (EySitePageKind, ey_site_page_kind,
  G_DEFINE_ENUM_VALUE (EY_SITE_PAGE_KIND_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (EY_SITE_PAGE_KIND_LOGIN, "login"),
  G_DEFINE_ENUM_VALUE (EY_SITE_PAGE_KIND_FORGOT, "forgot"),
  G_DEFINE_ENUM_VALUE (EY_SITE_PAGE_KIND_ORDERS, "orders"),
  G_DEFINE_ENUM_VALUE (EY_SITE_PAGE_KIND_FORM, "form"),
  G_DEFINE_ENUM_VALUE (EY_SITE_PAGE_KIND_SMS_SEND, "sms_send"),
  G_DEFINE_ENUM_VALUE (EY_SITE_PAGE_KIND_SMS_CODE, "sms_code"),
  G_DEFINE_ENUM_VALUE (EY_SITE_PAGE_KIND_EONAY_CHOICE, "eonay_choice"),
  G_DEFINE_ENUM_VALUE (EY_SITE_PAGE_KIND_CONSENT, "consent"),
  G_DEFINE_ENUM_VALUE (EY_SITE_PAGE_KIND_EONAY_SIGN, "eonay_sign"),
  G_DEFINE_ENUM_VALUE (EY_SITE_PAGE_KIND_METHOD, "method"),
  G_DEFINE_ENUM_VALUE (EY_SITE_PAGE_KIND_EIMZALI_SIGN, "eimzali_sign"),
  G_DEFINE_ENUM_VALUE (EY_SITE_PAGE_KIND_WET, "wet"),
  G_DEFINE_ENUM_VALUE (EY_SITE_PAGE_KIND_RESULT, "result"))

G_DEFINE_ENUM_TYPE (EySiteAction, ey_site_action,
  G_DEFINE_ENUM_VALUE (EY_SITE_ACTION_LOGIN, "login"),
  G_DEFINE_ENUM_VALUE (EY_SITE_ACTION_CAPTCHA, "captcha"),
  G_DEFINE_ENUM_VALUE (EY_SITE_ACTION_FORGOT, "forgot"),
  G_DEFINE_ENUM_VALUE (EY_SITE_ACTION_ORDERS, "orders"),
  G_DEFINE_ENUM_VALUE (EY_SITE_ACTION_FORM, "form"),
  G_DEFINE_ENUM_VALUE (EY_SITE_ACTION_SMS_SEND, "sms_send"),
  G_DEFINE_ENUM_VALUE (EY_SITE_ACTION_SMS_CODE, "sms_code"),
  G_DEFINE_ENUM_VALUE (EY_SITE_ACTION_EONAY_CHOICE, "eonay_choice"),
  G_DEFINE_ENUM_VALUE (EY_SITE_ACTION_CONSENT, "consent"),
  G_DEFINE_ENUM_VALUE (EY_SITE_ACTION_EONAY_SIGN, "eonay_sign"),
  G_DEFINE_ENUM_VALUE (EY_SITE_ACTION_METHOD, "method"),
  G_DEFINE_ENUM_VALUE (EY_SITE_ACTION_EIMZALI_SIGN, "eimzali_sign"),
  G_DEFINE_ENUM_VALUE (EY_SITE_ACTION_WET, "wet"),
  G_DEFINE_ENUM_VALUE (EY_SITE_ACTION_RESULT, "result"),
  G_DEFINE_ENUM_VALUE (EY_SITE_ACTION_LOGOUT, "logout"),
  G_DEFINE_ENUM_VALUE (EY_SITE_ACTION_SIGN_DATA, "sign_data"),
  G_DEFINE_ENUM_VALUE (EY_SITE_ACTION_SIGN_UPLOAD, "sign_upload"))

G_DEFINE_ENUM_TYPE (EyFieldRole, ey_field_role,
  G_DEFINE_ENUM_VALUE (EY_FIELD_ROLE_IDENTITY, "identity"),
  G_DEFINE_ENUM_VALUE (EY_FIELD_ROLE_PASSWORD, "password"),
  G_DEFINE_ENUM_VALUE (EY_FIELD_ROLE_CAPTCHA, "captcha"),
  G_DEFINE_ENUM_VALUE (EY_FIELD_ROLE_FIRST_NAME, "first_name"),
  G_DEFINE_ENUM_VALUE (EY_FIELD_ROLE_LAST_NAME, "last_name"),
  G_DEFINE_ENUM_VALUE (EY_FIELD_ROLE_BIRTH_DATE, "birth_date"),
  G_DEFINE_ENUM_VALUE (EY_FIELD_ROLE_INSTITUTION, "institution"),
  G_DEFINE_ENUM_VALUE (EY_FIELD_ROLE_PHONE, "phone"),
  G_DEFINE_ENUM_VALUE (EY_FIELD_ROLE_EMAIL, "email"),
  G_DEFINE_ENUM_VALUE (EY_FIELD_ROLE_ADDRESS, "address"),
  G_DEFINE_ENUM_VALUE (EY_FIELD_ROLE_CITY, "city"),
  G_DEFINE_ENUM_VALUE (EY_FIELD_ROLE_DISTRICT, "district"),
  G_DEFINE_ENUM_VALUE (EY_FIELD_ROLE_POSTCODE, "postcode"),
  G_DEFINE_ENUM_VALUE (EY_FIELD_ROLE_SECURITY_WORD, "security_word"),
  G_DEFINE_ENUM_VALUE (EY_FIELD_ROLE_SECURITY_WORD_AGAIN, "security_word_again"),
  G_DEFINE_ENUM_VALUE (EY_FIELD_ROLE_JOB_TITLE, "job_title"),
  G_DEFINE_ENUM_VALUE (EY_FIELD_ROLE_ORDER, "order"),
  G_DEFINE_ENUM_VALUE (EY_FIELD_ROLE_SMS_CODE, "sms_code"),
  G_DEFINE_ENUM_VALUE (EY_FIELD_ROLE_EONAY_CHOICE, "eonay_choice"),
  G_DEFINE_ENUM_VALUE (EY_FIELD_ROLE_CONSENT, "consent"),
  G_DEFINE_ENUM_VALUE (EY_FIELD_ROLE_METHOD, "method"),
  G_DEFINE_ENUM_VALUE (EY_FIELD_ROLE_VERIFICATION_CODE, "verification_code"),
  G_DEFINE_ENUM_VALUE (EY_FIELD_ROLE_SIGNATURE, "signature"),
  G_DEFINE_ENUM_VALUE (EY_FIELD_ROLE_FORM_TOKEN, "form_token"))

G_DEFINE_ENUM_TYPE (EyChoiceRole, ey_choice_role,
  G_DEFINE_ENUM_VALUE (EY_CHOICE_ROLE_EONAY_YES, "eonay_yes"),
  G_DEFINE_ENUM_VALUE (EY_CHOICE_ROLE_EONAY_NO, "eonay_no"),
  G_DEFINE_ENUM_VALUE (EY_CHOICE_ROLE_CONSENT, "consent"))

G_DEFINE_ENUM_TYPE (EyButtonRole, ey_button_role,
  G_DEFINE_ENUM_VALUE (EY_BUTTON_ROLE_SUBMIT, "submit"),
  G_DEFINE_ENUM_VALUE (EY_BUTTON_ROLE_RESEND, "resend"),
  G_DEFINE_ENUM_VALUE (EY_BUTTON_ROLE_RENEW_CODE, "renew_code"),
  G_DEFINE_ENUM_VALUE (EY_BUTTON_ROLE_METHOD_EONAYLI, "method_eonayli"),
  G_DEFINE_ENUM_VALUE (EY_BUTTON_ROLE_METHOD_EIMZALI, "method_eimzali"),
  G_DEFINE_ENUM_VALUE (EY_BUTTON_ROLE_METHOD_ISLAK, "method_islak"))

G_DEFINE_ENUM_TYPE (EyLinkRole, ey_link_role,
  G_DEFINE_ENUM_VALUE (EY_LINK_ROLE_FORGOT, "forgot"),
  G_DEFINE_ENUM_VALUE (EY_LINK_ROLE_BACK_TO_FORM, "back_to_form"),
  G_DEFINE_ENUM_VALUE (EY_LINK_ROLE_CONTINUE, "continue"),
  G_DEFINE_ENUM_VALUE (EY_LINK_ROLE_PDF, "pdf"),
  G_DEFINE_ENUM_VALUE (EY_LINK_ROLE_JNLP, "jnlp"),
  G_DEFINE_ENUM_VALUE (EY_LINK_ROLE_LOGOUT, "logout"))

G_DEFINE_ENUM_TYPE (EySitePageMarker, ey_site_page_marker,
  G_DEFINE_ENUM_VALUE (EY_SITE_PAGE_MARKER_SESSION_EXPIRED, "session_expired"),
  G_DEFINE_ENUM_VALUE (EY_SITE_PAGE_MARKER_CAPTCHA_WRONG, "captcha_wrong"),
  G_DEFINE_ENUM_VALUE (EY_SITE_PAGE_MARKER_CREDENTIALS_WRONG, "credentials_wrong"),
  G_DEFINE_ENUM_VALUE (EY_SITE_PAGE_MARKER_NO_ORDER, "no_order"),
  G_DEFINE_ENUM_VALUE (EY_SITE_PAGE_MARKER_PASSWORD_RESENT, "password_resent"),
  G_DEFINE_ENUM_VALUE (EY_SITE_PAGE_MARKER_FORM_RESUBMITTED, "form_resubmitted"),
  G_DEFINE_ENUM_VALUE (EY_SITE_PAGE_MARKER_SMS_WRONG, "sms_wrong"),
  G_DEFINE_ENUM_VALUE (EY_SITE_PAGE_MARKER_SMS_EXPIRED, "sms_expired"),
  G_DEFINE_ENUM_VALUE (EY_SITE_PAGE_MARKER_CHOICE_REQUIRED, "choice_required"),
  G_DEFINE_ENUM_VALUE (EY_SITE_PAGE_MARKER_CONSENT_REQUIRED, "consent_required"),
  G_DEFINE_ENUM_VALUE (EY_SITE_PAGE_MARKER_CODE_EXPIRED, "code_expired"),
  G_DEFINE_ENUM_VALUE (EY_SITE_PAGE_MARKER_EONAY_DONE, "eonay_done"),
  G_DEFINE_ENUM_VALUE (EY_SITE_PAGE_MARKER_EIMZA_DONE, "eimza_done"))

G_DEFINE_ENUM_TYPE (EyOrderKind, ey_order_kind,
  G_DEFINE_ENUM_VALUE (EY_ORDER_KIND_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (EY_ORDER_KIND_RENEWAL, "renewal"),
  G_DEFINE_ENUM_VALUE (EY_ORDER_KIND_NEW, "new"))

G_DEFINE_ENUM_TYPE (EySignOutcome, ey_sign_outcome,
  G_DEFINE_ENUM_VALUE (EY_SIGN_OUTCOME_ACCEPTED, "accepted"),
  G_DEFINE_ENUM_VALUE (EY_SIGN_OUTCOME_CODE_UNKNOWN, "code_unknown"),
  G_DEFINE_ENUM_VALUE (EY_SIGN_OUTCOME_CODE_EXPIRED, "code_expired"),
  G_DEFINE_ENUM_VALUE (EY_SIGN_OUTCOME_SIGNATURE_INVALID, "signature_invalid"),
  G_DEFINE_ENUM_VALUE (EY_SIGN_OUTCOME_CERTIFICATE_NOT_VALID, "certificate_not_valid"),
  G_DEFINE_ENUM_VALUE (EY_SIGN_OUTCOME_CERTIFICATE_UNTRUSTED, "certificate_untrusted"),
  G_DEFINE_ENUM_VALUE (EY_SIGN_OUTCOME_IDENTITY_MISMATCH, "identity_mismatch"),
  G_DEFINE_ENUM_VALUE (EY_SIGN_OUTCOME_ATTRIBUTE_MISSING, "attribute_missing"),
  G_DEFINE_ENUM_VALUE (EY_SIGN_OUTCOME_REFUSED, "refused"))

const char *
ey_site_role_to_string (GType enum_type,
                        int   value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *ev;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), "?");

  klass = g_type_class_ref (enum_type);
  ev = g_enum_get_value (klass, value);
  /* The class of a static enum type lives for ever, so the nick stays valid. */
  return ev != NULL ? ev->value_nick : "?";
}

gboolean
ey_site_role_from_string (GType       enum_type,
                          const char *name,
                          int        *value)
{
  g_autoptr(GEnumClass) klass = NULL;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), FALSE);

  if (name == NULL)
    return FALSE;

  klass = g_type_class_ref (enum_type);
  /* g_enum_get_value_by_nick() compares with strcmp(): byte-wise, no locale. */
  for (guint i = 0; i < klass->n_values; i++)
    {
      if (strcmp (klass->values[i].value_nick, name) == 0)
        {
          if (value != NULL)
            *value = klass->values[i].value;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
ey_site_page_kind_to_string (EySitePageKind kind)
{
  return ey_site_role_to_string (EY_TYPE_SITE_PAGE_KIND, kind);
}

const char *
ey_site_action_to_string (EySiteAction action)
{
  return ey_site_role_to_string (EY_TYPE_SITE_ACTION, action);
}

const char *
ey_field_role_to_string (EyFieldRole role)
{
  return ey_site_role_to_string (EY_TYPE_FIELD_ROLE, role);
}

const char *
ey_site_page_kind_get_label (EySitePageKind kind)
{
  switch (kind)
    {
    case EY_SITE_PAGE_KIND_LOGIN:        return _("Sign-in");
    case EY_SITE_PAGE_KIND_FORGOT:       return _("Forgotten access password");
    case EY_SITE_PAGE_KIND_ORDERS:       return _("Order choice");
    case EY_SITE_PAGE_KIND_FORM:         return _("Application form");
    case EY_SITE_PAGE_KIND_SMS_SEND:     return _("SMS sending");
    case EY_SITE_PAGE_KIND_SMS_CODE:     return _("SMS approval code");
    case EY_SITE_PAGE_KIND_EONAY_CHOICE: return _("E-Onay choice");
    case EY_SITE_PAGE_KIND_CONSENT:      return _("E-Onay consent");
    case EY_SITE_PAGE_KIND_EONAY_SIGN:   return _("E-Onay signing");
    case EY_SITE_PAGE_KIND_METHOD:       return _("Signing method");
    case EY_SITE_PAGE_KIND_EIMZALI_SIGN: return _("E-signed application");
    case EY_SITE_PAGE_KIND_WET:          return _("Wet-signed application");
    case EY_SITE_PAGE_KIND_RESULT:       return _("Application result");
    case EY_SITE_PAGE_KIND_UNKNOWN:
    default:                        return _("Unknown page");
    }
}
