/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * The vocabulary shared by the site profile (data/site/kamusm*.xml), the page
 * reader and the session: which page, which action, which field, which
 * button.  Code only ever names these roles; the profile maps them to the
 * site's paths, field names and texts.  Each enum's GEnumValue nick is the
 * name used in the profile XML ("sms_code", "verification_code", …).
 */

/**
 * EySitePageKind:
 *
 * Which page of the renewal site a response is.  %EY_SITE_PAGE_KIND_UNKNOWN means
 * no recogniser of the profile matched.
 */
typedef enum
{
  EY_SITE_PAGE_KIND_UNKNOWN,
  EY_SITE_PAGE_KIND_LOGIN,         /* 1  Kullanıcı Girişi */
  EY_SITE_PAGE_KIND_FORGOT,        /* 2  Parolamı Bilmiyorum */
  EY_SITE_PAGE_KIND_ORDERS,        /* 3  Sipariş Formu Seçimi */
  EY_SITE_PAGE_KIND_FORM,          /* 4  application form */
  EY_SITE_PAGE_KIND_SMS_SEND,      /* 5 */
  EY_SITE_PAGE_KIND_SMS_CODE,      /* 6 */
  EY_SITE_PAGE_KIND_EONAY_CHOICE,  /* 7 */
  EY_SITE_PAGE_KIND_CONSENT,       /* 8 */
  EY_SITE_PAGE_KIND_EONAY_SIGN,    /* 9 */
  EY_SITE_PAGE_KIND_METHOD,        /* 10 */
  EY_SITE_PAGE_KIND_EIMZALI_SIGN,  /* 10b */
  EY_SITE_PAGE_KIND_WET,           /* 10c */
  EY_SITE_PAGE_KIND_RESULT,        /* 11 */
} EySitePageKind;

#define EY_SITE_PAGE_KIND_LAST EY_SITE_PAGE_KIND_RESULT

/**
 * EySiteAction:
 *
 * What the client can ask the profile the URL of.  The page actions share
 * their nick with #EySitePageKind.
 */
typedef enum
{
  EY_SITE_ACTION_LOGIN,
  EY_SITE_ACTION_CAPTCHA,
  EY_SITE_ACTION_FORGOT,
  EY_SITE_ACTION_ORDERS,
  EY_SITE_ACTION_FORM,
  EY_SITE_ACTION_SMS_SEND,
  EY_SITE_ACTION_SMS_CODE,
  EY_SITE_ACTION_EONAY_CHOICE,
  EY_SITE_ACTION_CONSENT,
  EY_SITE_ACTION_EONAY_SIGN,
  EY_SITE_ACTION_METHOD,
  EY_SITE_ACTION_EIMZALI_SIGN,
  EY_SITE_ACTION_WET,
  EY_SITE_ACTION_RESULT,
  EY_SITE_ACTION_LOGOUT,
  EY_SITE_ACTION_SIGN_DATA,
  EY_SITE_ACTION_SIGN_UPLOAD,
} EySiteAction;

#define EY_SITE_ACTION_LAST EY_SITE_ACTION_SIGN_UPLOAD

/**
 * EyFieldRole:
 *
 * What a form field means.  The profile names the field per page.
 */
typedef enum
{
  EY_FIELD_ROLE_IDENTITY,
  EY_FIELD_ROLE_PASSWORD,
  EY_FIELD_ROLE_CAPTCHA,
  EY_FIELD_ROLE_FIRST_NAME,
  EY_FIELD_ROLE_LAST_NAME,
  EY_FIELD_ROLE_BIRTH_DATE,
  EY_FIELD_ROLE_INSTITUTION,
  EY_FIELD_ROLE_PHONE,
  EY_FIELD_ROLE_EMAIL,
  EY_FIELD_ROLE_ADDRESS,
  EY_FIELD_ROLE_CITY,
  EY_FIELD_ROLE_DISTRICT,
  EY_FIELD_ROLE_POSTCODE,
  EY_FIELD_ROLE_SECURITY_WORD,
  EY_FIELD_ROLE_SECURITY_WORD_AGAIN,
  EY_FIELD_ROLE_JOB_TITLE,
  EY_FIELD_ROLE_ORDER,
  EY_FIELD_ROLE_SMS_CODE,
  EY_FIELD_ROLE_EONAY_CHOICE,
  EY_FIELD_ROLE_CONSENT,
  EY_FIELD_ROLE_METHOD,
  EY_FIELD_ROLE_VERIFICATION_CODE,
  EY_FIELD_ROLE_SIGNATURE,
  EY_FIELD_ROLE_FORM_TOKEN,
} EyFieldRole;

#define EY_FIELD_ROLE_LAST EY_FIELD_ROLE_FORM_TOKEN

/**
 * EyChoiceRole:
 *
 * A value to tick in a radio group or check box (a name=value pair in the
 * profile).
 */
typedef enum
{
  EY_CHOICE_ROLE_EONAY_YES,
  EY_CHOICE_ROLE_EONAY_NO,
  EY_CHOICE_ROLE_CONSENT,
} EyChoiceRole;

#define EY_CHOICE_ROLE_LAST EY_CHOICE_ROLE_CONSENT

/**
 * EyButtonRole:
 *
 * A submit button (a name=value pair in the profile).  %EY_BUTTON_ROLE_SUBMIT
 * is the page's main button (Giriş, Gönder, Formu Onayla, Tamam, Devam Et).
 */
typedef enum
{
  EY_BUTTON_ROLE_SUBMIT,
  EY_BUTTON_ROLE_RESEND,          /* Yeni Kod Gönder (page 6) */
  EY_BUTTON_ROLE_RENEW_CODE,      /* Yeni Kod Al (expired page 9 / 10b) */
  EY_BUTTON_ROLE_METHOD_EONAYLI,
  EY_BUTTON_ROLE_METHOD_EIMZALI,
  EY_BUTTON_ROLE_METHOD_ISLAK,
} EyButtonRole;

#define EY_BUTTON_ROLE_LAST EY_BUTTON_ROLE_METHOD_ISLAK

/**
 * EyLinkRole:
 *
 * A link the client may follow, found on a page by the profile's XPath.
 */
typedef enum
{
  EY_LINK_ROLE_FORGOT,
  EY_LINK_ROLE_BACK_TO_FORM,
  EY_LINK_ROLE_CONTINUE,
  EY_LINK_ROLE_PDF,
  EY_LINK_ROLE_JNLP,
  EY_LINK_ROLE_LOGOUT,
} EyLinkRole;

#define EY_LINK_ROLE_LAST EY_LINK_ROLE_LOGOUT

/**
 * EySitePageMarker:
 *
 * A condition the profile recognises on a page, so that the session can tell
 * one site message from another without naming the site's Turkish text.
 */
typedef enum
{
  EY_SITE_PAGE_MARKER_SESSION_EXPIRED,
  EY_SITE_PAGE_MARKER_CAPTCHA_WRONG,
  EY_SITE_PAGE_MARKER_CREDENTIALS_WRONG,
  EY_SITE_PAGE_MARKER_NO_ORDER,
  EY_SITE_PAGE_MARKER_PASSWORD_RESENT,
  EY_SITE_PAGE_MARKER_FORM_RESUBMITTED,
  EY_SITE_PAGE_MARKER_SMS_WRONG,
  EY_SITE_PAGE_MARKER_SMS_EXPIRED,
  EY_SITE_PAGE_MARKER_CHOICE_REQUIRED,
  EY_SITE_PAGE_MARKER_CONSENT_REQUIRED,
  EY_SITE_PAGE_MARKER_CODE_EXPIRED,
  EY_SITE_PAGE_MARKER_EONAY_DONE,      /* success: E-Onaylı application received */
  EY_SITE_PAGE_MARKER_EIMZA_DONE,      /* success: E-İmzalı application received */
} EySitePageMarker;

#define EY_SITE_PAGE_MARKER_LAST EY_SITE_PAGE_MARKER_EIMZA_DONE

/**
 * EyOrderKind:
 *
 * The kind of an order row on the order page (by its link text).
 */
typedef enum
{
  EY_ORDER_KIND_UNKNOWN,
  EY_ORDER_KIND_RENEWAL,
  EY_ORDER_KIND_NEW,
} EyOrderKind;

/**
 * EySignOutcome:
 *
 * The answer of the signature upload call (%EY_SITE_ACTION_SIGN_UPLOAD).
 */
typedef enum
{
  EY_SIGN_OUTCOME_ACCEPTED,
  EY_SIGN_OUTCOME_CODE_UNKNOWN,
  EY_SIGN_OUTCOME_CODE_EXPIRED,
  EY_SIGN_OUTCOME_SIGNATURE_INVALID,
  EY_SIGN_OUTCOME_CERTIFICATE_NOT_VALID,
  EY_SIGN_OUTCOME_CERTIFICATE_UNTRUSTED,
  EY_SIGN_OUTCOME_IDENTITY_MISMATCH,
  EY_SIGN_OUTCOME_ATTRIBUTE_MISSING,
  EY_SIGN_OUTCOME_REFUSED,        /* any other refusal code */
} EySignOutcome;

#define EY_TYPE_SITE_PAGE_KIND     (ey_site_page_kind_get_type ())
#define EY_TYPE_SITE_ACTION   (ey_site_action_get_type ())
#define EY_TYPE_FIELD_ROLE    (ey_field_role_get_type ())
#define EY_TYPE_CHOICE_ROLE   (ey_choice_role_get_type ())
#define EY_TYPE_BUTTON_ROLE   (ey_button_role_get_type ())
#define EY_TYPE_LINK_ROLE     (ey_link_role_get_type ())
#define EY_TYPE_SITE_PAGE_MARKER   (ey_site_page_marker_get_type ())
#define EY_TYPE_ORDER_KIND    (ey_order_kind_get_type ())
#define EY_TYPE_SIGN_OUTCOME  (ey_sign_outcome_get_type ())

GType        ey_site_page_kind_get_type       (void) G_GNUC_CONST;
GType        ey_site_action_get_type     (void) G_GNUC_CONST;
GType        ey_field_role_get_type      (void) G_GNUC_CONST;
GType        ey_choice_role_get_type     (void) G_GNUC_CONST;
GType        ey_button_role_get_type     (void) G_GNUC_CONST;
GType        ey_link_role_get_type       (void) G_GNUC_CONST;
GType        ey_site_page_marker_get_type     (void) G_GNUC_CONST;
GType        ey_order_kind_get_type      (void) G_GNUC_CONST;
GType        ey_sign_outcome_get_type    (void) G_GNUC_CONST;

const char  *ey_field_role_to_string     (EyFieldRole  role);

G_END_DECLS
