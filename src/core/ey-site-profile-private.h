/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libxml/xpath.h>

#include "ey-site-profile.h"

G_BEGIN_DECLS

/* What the page reader needs of the profile.  Only ey-site-page.c and ey-form.c
 * read these; the rest of the program goes through the public API. */

typedef struct
{
  char               *source;
  xmlXPathCompExprPtr compiled;
} EyXPath;

typedef struct
{
  char *name;
  char *value;   /* NULL: any value (the control's own) */
} EyNameValue;

typedef struct
{
  char        *text;
  EyOrderKind  kind;
} EyOrderKindText;

typedef struct
{
  EySitePageKind  kind;          /* EY_SITE_PAGE_KIND_UNKNOWN for <common> and requests */
  EyXPath    *recognise;
  EyXPath    *heading;
  EyXPath    *errors;
  EyXPath    *notices;
  EyXPath    *warnings;
  EyXPath    *field_errors;
  char       *field_attribute;
  EyXPath    *success;
  EyXPath    *timer;
  EyXPath    *masked_phone;
  EyXPath    *verification_code;
  EyXPath    *captcha;
  EyXPath    *form;
  guint       timer_default;
  guint       code_digits;
  char       *fields[EY_FIELD_ROLE_LAST + 1];
  EyNameValue buttons[EY_BUTTON_ROLE_LAST + 1];
  EyNameValue choices[EY_CHOICE_ROLE_LAST + 1];
  EyXPath    *links[EY_LINK_ROLE_LAST + 1];
  EyXPath    *markers[EY_SITE_PAGE_MARKER_LAST + 1];
  EyXPath    *order_rows;
  EyXPath    *order_date;
  EyXPath    *order_institution;
  EyXPath    *order_link;
  GPtrArray  *order_kinds;   /* EyOrderKindText */
} EyProfilePage;

/* The described pages in recognition order. */
const EyProfilePage * const *_ey_site_profile_get_pages  (EySiteProfile *self,
                                                          guint         *n_pages);
/* NULL if the profile does not describe @kind. */
const EyProfilePage *_ey_site_profile_get_page           (EySiteProfile *self,
                                                          EySitePageKind     kind);
/* <common>: the fallbacks of every page. */
const EyProfilePage *_ey_site_profile_get_common         (EySiteProfile *self);
/* <request action=…>, NULL if absent. */
const EyProfilePage *_ey_site_profile_get_request        (EySiteProfile *self,
                                                          EySiteAction   action);

/* The namespace of the profile's own XPath functions, bound to "ey":
 * ey:contains(A, B) and ey:equals(A, B) compare texts normalised with
 * ey_text_fold() (white space, Turkish case, ASCII-folded letters). */
#define EY_SITE_PROFILE_XPATH_NS "https://github.com/eimzayenile/site-profile/xpath"

/* Registers "ey" and its functions on an XPath context that runs profile
 * expressions (the page reader does so on every page). */
void                 _ey_site_profile_register_xpath     (xmlXPathContextPtr ctx);

/**
 * ey_site_profile_get_version:
 *
 * Returns: the version attribute of `<site-profile>` (0 when absent): an
 *   update replaces the built-in profile only when its version is higher
 */
guint           ey_site_profile_get_version        (EySiteProfile  *self);

/** ey_site_profile_is_builtin: whether this is the built-in KamuSM profile of this package (not a file, not the sim's alt one). */
gboolean        ey_site_profile_is_builtin         (EySiteProfile  *self);

/**
 * ey_site_profile_is_official:
 *
 * Returns: %TRUE when both the profile is the built-in one and the base
 *   URL is the built-in KamuSM address; otherwise both programs must say
 *   plainly, and keep saying, that this is NOT the KamuSM site
 */
gboolean        ey_site_profile_is_official        (EySiteProfile  *self);

/** ey_site_profile_new_from_file: loads and validates a profile file. */
EySiteProfile  *ey_site_profile_new_from_file      (const char     *path,
                                                    GError        **error);

/** ey_site_profile_new_from_resource: loads and validates a profile from a GResource path. */
EySiteProfile  *ey_site_profile_new_from_resource  (const char     *resource_path,
                                                    GError        **error);

/**
 * ey_site_profile_new_from_bytes:
 * @xml: the profile XML
 * @origin: (nullable): where it came from, for error messages (a file name)
 * @error: return location for an error
 *
 * Returns: (transfer full): the validated profile, or %NULL with @error set
 */
EySiteProfile  *ey_site_profile_new_from_bytes     (GBytes         *xml,
                                                    const char     *origin,
                                                    GError        **error);

/** ey_site_profile_get_id: the profile's short id ("kamusm", "kamusm-alt"). */
const char     *ey_site_profile_get_id             (EySiteProfile  *self);

/** ey_site_profile_get_name: the profile's human name (from the XML, not translated). */
const char     *ey_site_profile_get_name           (EySiteProfile  *self);

/**
 * ey_site_profile_get_base_url:
 *
 * Returns: (transfer none): the absolute base URL, ending in "/", e.g.
 *   "https://basvuru.kamusm.gov.tr/bs/" (or the override).
 */
const char     *ey_site_profile_get_base_url       (EySiteProfile  *self);

/**
 * ey_site_profile_get_default_base_url:
 *
 * Returns: (transfer none): the base URL written in the profile, whatever
 *   the override.
 */
const char     *ey_site_profile_get_default_base_url (EySiteProfile *self);

/**
 * ey_site_profile_get_allowed_hosts:
 *
 * Returns: (transfer none): %NULL-terminated list of allowed hosts (ASCII,
 *   lower case).
 */
const char * const *ey_site_profile_get_allowed_hosts (EySiteProfile *self);

/**
 * ey_site_profile_check_url:
 * @self: a profile
 * @url: an absolute URL (a redirect target, a link)
 * @error: return location for an %EY_SITE_PROFILE_ERROR_HOST_NOT_ALLOWED or
 *   %EY_SITE_PROFILE_ERROR_BAD_URL error
 *
 * Whether the client may go to @url: the base URL's scheme, an allowed host
 * (ASCII case-insensitive), the base URL's port, no userinfo.
 *
 * Returns: %TRUE if allowed
 */
gboolean        ey_site_profile_check_url          (EySiteProfile  *self,
                                                    const char     *url,
                                                    GError        **error);

/**
 * ey_site_profile_resolve:
 * @self: a profile
 * @base: (nullable): the URL of the page the href is on; %NULL for the base URL
 * @href: a link, absolute or relative
 * @error: return location for an error
 *
 * Resolves @href and checks the result with ey_site_profile_check_url().
 *
 * Returns: (transfer full): the absolute URL, or %NULL with @error set
 */
char           *ey_site_profile_resolve            (EySiteProfile  *self,
                                                    const char     *base,
                                                    const char     *href,
                                                    GError        **error);

/**
 * ey_site_profile_get_action_path:
 *
 * Returns: (transfer none) (nullable): the path of @action relative to the
 *   base URL ("login.go", "eimza/veri.go"), or %NULL if the profile does not
 *   describe it.
 */
const char     *ey_site_profile_get_action_path    (EySiteProfile  *self,
                                                    EySiteAction    action);

/**
 * ey_site_profile_get_action_url:
 * @self: a profile
 * @action: the action
 * @error: return location for an %EY_SITE_PROFILE_ERROR_NOT_DEFINED error
 *
 * Returns: (transfer full): the absolute URL of @action under the current
 *   base URL, or %NULL with @error set
 */
char           *ey_site_profile_get_action_url     (EySiteProfile  *self,
                                                    EySiteAction    action,
                                                    GError        **error);

/**
 * ey_site_profile_get_page_for_action:
 *
 * Which page a GET of @action's URL is expected to show (the page actions
 * map to themselves; others give %EY_SITE_PAGE_KIND_UNKNOWN).
 */
EySitePageKind      ey_site_profile_get_page_for_action (EySiteProfile *self,
                                                     EySiteAction   action);

/** ey_site_profile_has_page: whether the profile describes (can recognise) @kind. */
gboolean        ey_site_profile_has_page           (EySiteProfile  *self,
                                                    EySitePageKind      kind);

/**
 * ey_site_profile_get_field_name:
 *
 * Returns: (transfer none) (nullable): the form field name for @role on
 *   page @kind ("guvenlikKodu"), or %NULL if that page has no such field.
 *   For %EY_SITE_PAGE_KIND_UNKNOWN and the signing actions use
 *   ey_site_profile_get_request_field_name().
 */
const char     *ey_site_profile_get_field_name     (EySiteProfile  *self,
                                                    EySitePageKind      kind,
                                                    EyFieldRole     role);

/**
 * ey_site_profile_get_button:
 * @name: (out) (optional): the button's name
 * @value: (out) (optional): the button's value
 *
 * Returns: %TRUE if page @kind has the button @role in the profile
 */
gboolean        ey_site_profile_get_button         (EySiteProfile  *self,
                                                    EySitePageKind      kind,
                                                    EyButtonRole    role,
                                                    const char    **name,
                                                    const char    **value);

/**
 * ey_site_profile_get_choice:
 * @name: (out) (optional): the radio group / check box name
 * @value: (out) (optional): the value to submit
 *
 * Returns: %TRUE if page @kind has the choice @role in the profile
 */
gboolean        ey_site_profile_get_choice         (EySiteProfile  *self,
                                                    EySitePageKind      kind,
                                                    EyChoiceRole    role,
                                                    const char    **name,
                                                    const char    **value);

/**
 * ey_site_profile_get_request_field_name:
 * @action: %EY_SITE_ACTION_SIGN_DATA or %EY_SITE_ACTION_SIGN_UPLOAD
 *
 * Returns: (transfer none) (nullable): the POST field name of @role for a
 *   non-page request ("dogrulamaKodu", "imza")
 */
const char     *ey_site_profile_get_request_field_name (EySiteProfile *self,
                                                        EySiteAction   action,
                                                        EyFieldRole    role);

/**
 * ey_site_profile_new_request:
 * @action: %EY_SITE_ACTION_SIGN_DATA or %EY_SITE_ACTION_SIGN_UPLOAD
 * @error: return location for an %EY_SITE_PROFILE_ERROR_NOT_DEFINED error
 *
 * An empty POST submission to @action's URL (UTF-8) whose roles map to the
 * request's field names: fill it with ey_form_data_set_field()
 * (%EY_FIELD_ROLE_VERIFICATION_CODE, %EY_FIELD_ROLE_SIGNATURE).
 *
 * Returns: (transfer full): the submission, or %NULL with @error set
 */
EyFormData     *ey_site_profile_new_request        (EySiteProfile  *self,
                                                    EySiteAction    action,
                                                    GError        **error);

/**
 * ey_site_profile_read_sign_reply:
 * @self: a profile
 * @body: the body of the %EY_SITE_ACTION_SIGN_UPLOAD answer (JSON)
 * @site_code: (out) (optional) (transfer full): the site's refusal code
 *   ("KIMLIK_UYUSMUYOR"), %NULL when accepted
 * @site_message: (out) (optional) (transfer full): the site's own message
 * @error: return location for an %EY_SITE_PROFILE_ERROR_INVALID error when
 *   @body is not the expected JSON
 *
 * Reads the upload answer with the member names and codes the profile gives.
 *
 * Returns: the outcome; on error %EY_SIGN_OUTCOME_REFUSED with @error set
 */
EySignOutcome   ey_site_profile_read_sign_reply    (EySiteProfile  *self,
                                                    GBytes         *body,
                                                    char          **site_code,
                                                    char          **site_message,
                                                    GError        **error);

/**
 * ey_site_profile_get_default_timer:
 *
 * Returns: the profile's default duration in seconds of the countdown on
 *   page @kind (236 for the SMS code, 260 for the verification code), used
 *   when the page does not show one; 0 if none.
 */
guint           ey_site_profile_get_default_timer  (EySiteProfile  *self,
                                                    EySitePageKind      kind);

/**
 * ey_site_profile_get_mail_sender:
 *
 * Returns: (transfer none) (nullable): the sender address of the site's
 *   mails ("bilgilendirme@kamusm.gov.tr")
 */
const char     *ey_site_profile_get_mail_sender    (EySiteProfile  *self);

G_END_DECLS
