/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ey-site-roles.h"
#include "ey-form.h"

G_BEGIN_DECLS

/**
 * EySiteProfile:
 *
 * The renewal site described as data (data/site/kamusm.xml, compiled into
 * the core GResource, or any file given with `--site-profile FILE` /
 * `$EY_SITE_PROFILE`): the base URL, the allowed hosts, the path of each
 * action, and per page its recogniser, form, field names by role, buttons,
 * messages, timer, links and markers.  Validated completely on load; an
 * invalid profile is refused with an error naming the bad element.
 *
 * A profile is immutable once loaded, except for the base URL override
 * (ey_site_profile_set_base_url()), which is meant to be called before the
 * client starts.
 */
#define EY_TYPE_SITE_PROFILE (ey_site_profile_get_type ())
G_DECLARE_FINAL_TYPE (EySiteProfile, ey_site_profile, EY, SITE_PROFILE, GObject)

/**
 * EY_SITE_PROFILE_ERROR:
 *
 * Errors loading or querying a site profile.  Messages are translated and
 * name the profile origin and the element at fault.
 */
#define EY_SITE_PROFILE_ERROR (ey_site_profile_error_quark ())

typedef enum
{
  EY_SITE_PROFILE_ERROR_INVALID,           /* not XML, wrong root, missing attribute */
  EY_SITE_PROFILE_ERROR_UNKNOWN_ROLE,      /* a page, action, field … name not in the vocabulary */
  EY_SITE_PROFILE_ERROR_BAD_XPATH,         /* missing, or does not compile */
  EY_SITE_PROFILE_ERROR_DUPLICATE,         /* a page/action/role defined twice */
  EY_SITE_PROFILE_ERROR_BAD_URL,           /* base URL not absolute https, path not relative … */
  EY_SITE_PROFILE_ERROR_HOST_NOT_ALLOWED,  /* base URL or URL outside the allowed hosts */
  EY_SITE_PROFILE_ERROR_MISSING,           /* a required page/action is not described */
  EY_SITE_PROFILE_ERROR_NOT_DEFINED,       /* lookup of something this profile lacks */
} EySiteProfileError;

GQuark          ey_site_profile_error_quark        (void);

/** The resource path of the built-in profile. */
#define EY_SITE_PROFILE_DEFAULT_RESOURCE "/io/github/eimzayenile/EimzaYenile/site/kamusm.xml"
/** The resource path of the simulator's `alt` variant profile (tests). */
#define EY_SITE_PROFILE_ALT_RESOURCE "/io/github/eimzayenile/EimzaYenile/site/kamusm-alt.xml"
/** Environment variable naming a profile file that replaces the default. */
#define EY_SITE_PROFILE_ENV "EY_SITE_PROFILE"

/** The folder, below the user's and the system's configuration folders, where IT may drop an updated profile. */
#define EY_SITE_PROFILE_UPDATE_SUBDIR "eimza-yenile/site"
/** The system-wide update folder (deployed by IT). */
#define EY_SITE_PROFILE_SYSTEM_DIR "/etc/eimza-yenile/site"

/**
 * ey_site_profile_load:
 * @file: (nullable): a profile file (`--site-profile FILE`), or %NULL
 * @error: return location for an error
 *
 * The profile to use: @file if given, else the file named by
 * `$EY_SITE_PROFILE` if set and non-empty, else the newest valid update
 * of the built-in profile in `$XDG_CONFIG_HOME/eimza-yenile/site/` or
 * `/etc/eimza-yenile/site/` (see ey_site_profile_find_update()), else the
 * built-in one.
 *
 * Returns: (transfer full): the profile, or %NULL with @error set
 */
EySiteProfile  *ey_site_profile_load               (const char     *file,
                                                    GError        **error);

/**
 * ey_site_profile_find_update:
 * @builtin: the built-in profile
 * @dirs: (nullable) (array zero-terminated=1): folders to look in; %NULL
 *   for the user's `$XDG_CONFIG_HOME/eimza-yenile/site` and
 *   %EY_SITE_PROFILE_SYSTEM_DIR
 * @notes: (out) (optional) (transfer full): one translated sentence per
 *   profile file found and ignored, with the reason (invalid, not newer,
 *   another site) — for the doctor and the log
 *
 * Every `*.xml` in @dirs is loaded and validated like any profile; the one
 * with the same id as @builtin and the highest version above @builtin's
 * wins.
 *
 * Returns: (transfer full) (nullable): the update, or %NULL
 */
EySiteProfile  *ey_site_profile_find_update        (EySiteProfile       *builtin,
                                                    const char * const  *dirs,
                                                    GStrv               *notes);

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

/**
 * ey_site_profile_get_notice:
 *
 * Returns: (transfer full) (nullable): %NULL for the official site;
 *   otherwise the translated "NOT the KamuSM site" sentence naming the
 *   address and the profile, which both programs show and keep showing
 */
char           *ey_site_profile_get_notice         (EySiteProfile  *self);

/**
 * ey_site_profile_describe:
 *
 * Returns: (transfer full): which profile is in use, for the welcome page
 *   and the doctor: "built-in KamuSM profile, version 2" or "profile
 *   “kamusm” version 3 from /etc/eimza-yenile/site/kamusm.xml"
 */
char           *ey_site_profile_describe           (EySiteProfile  *self);

/** ey_site_profile_new_default: the built-in profile (never fails in a sane build). */
EySiteProfile  *ey_site_profile_new_default        (GError        **error);

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

/** ey_site_profile_get_origin: the file or resource it was loaded from. */
const char     *ey_site_profile_get_origin         (EySiteProfile  *self);

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
 * ey_site_profile_set_base_url:
 * @self: a profile
 * @url: an absolute URL such as "https://127.0.0.1:8443/bs/"
 * @allow_http: accept a plain http URL (tests against `kamusm-sim --http`)
 * @error: return location for an error
 *
 * Overrides the base URL (the simulator, the demo).  The action paths stay
 * relative to it, and its host (and port) become the only allowed origin.
 * A missing trailing "/" is added.  No userinfo, query or fragment.
 *
 * Returns: %TRUE on success
 */
gboolean        ey_site_profile_set_base_url       (EySiteProfile  *self,
                                                    const char     *url,
                                                    gboolean        allow_http,
                                                    GError        **error);

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

/**
 * ey_site_profile_get_code_digits:
 *
 * Returns: how many digits the code page @kind asks for has (6 for the SMS
 *   approval code), from the page's code-digits attribute; 0 when the
 *   profile does not say
 */
guint           ey_site_profile_get_code_digits    (EySiteProfile  *self,
                                                    EySitePageKind      kind);

/**
 * ey_site_profile_explain_message:
 * @site_text: a message the site showed (Turkish)
 *
 * The profile's `<explain>` for the first of its known messages that
 * @site_text contains (compared like `ey:contains`).
 *
 * Returns: (transfer none) (nullable): the explanation in English, a gettext
 *   msgid: translate it with g_dgettext (GETTEXT_PACKAGE, …) where it is
 *   shown; %NULL for a message the profile does not know
 */
const char     *ey_site_profile_explain_message    (EySiteProfile  *self,
                                                    const char     *site_text);

G_END_DECLS
