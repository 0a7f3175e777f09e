/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ey-core-types.h"
#include "ey-site-roles.h"

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

/** ey_site_profile_get_origin: the file or resource it was loaded from. */
const char     *ey_site_profile_get_origin         (EySiteProfile  *self);

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
