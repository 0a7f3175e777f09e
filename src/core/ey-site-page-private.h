/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libxml/tree.h>

#include "ey-form.h"
#include "ey-site-page.h"

G_BEGIN_DECLS

/* The parsed document, for the site report (ey-site-report.c) only. */
xmlDoc *_ey_site_page_get_doc (EySitePage *self);

/**
 * ey_site_page_new:
 * @profile: the site profile
 * @body: the response body, as received
 * @content_type: (nullable): the Content-Type header ("text/html;
 *   charset=ISO-8859-9"); its charset wins over the page's meta tag
 * @url: the absolute URL the body came from (after redirects): links and
 *   the form action are resolved against it
 * @error: return location for an %EY_SITE_PAGE_ERROR
 *
 * Parses and recognises a page.  A page no recogniser matches is not an
 * error here (its kind is %EY_SITE_PAGE_KIND_UNKNOWN); use ey_site_page_expect().
 * Malformed HTML is read as a browser would, as far as libxml2 can.
 *
 * Returns: (transfer full): the page, or %NULL with @error set
 */
EySitePage         *ey_site_page_new                     (EySiteProfile  *profile,
                                                 GBytes         *body,
                                                 const char     *content_type,
                                                 const char     *url,
                                                 GError        **error);

/** ey_site_page_get_profile: (transfer none): the profile the page was read with. */
EySiteProfile  *ey_site_page_get_profile             (EySitePage         *self);

/** ey_site_page_get_url: the URL given to ey_site_page_new(). */
const char     *ey_site_page_get_url                 (EySitePage         *self);

/** ey_site_page_get_charset: the charset the page was decoded from ("UTF-8", "ISO-8859-9", "WINDOWS-1254"). */
const char     *ey_site_page_get_charset             (EySitePage         *self);

/** ey_site_page_get_kind: which page this is, or %EY_SITE_PAGE_KIND_UNKNOWN. */
EySitePageKind      ey_site_page_get_kind                (EySitePage         *self);

/** ey_site_page_get_title: (nullable): the title element's text. */
const char     *ey_site_page_get_title               (EySitePage         *self);

/** ey_site_page_get_heading: (nullable): the page heading (the profile's heading XPath, else the first h1). */
const char     *ey_site_page_get_heading             (EySitePage         *self);

/**
 * ey_site_page_describe:
 *
 * Returns: (transfer full): a short human description of what the page is,
 *   for "expected X, got Y" messages: the kind's label when recognised, else
 *   the heading or title in quotes, else the path of the URL
 */
char           *ey_site_page_describe                (EySitePage         *self);

/**
 * ey_site_page_expect:
 * @self: a page
 * @expected: the page the caller expected
 * @error: return location for an %EY_SITE_PAGE_ERROR_UNEXPECTED error whose
 *   message names the expected page and what came, with the site's own
 *   error message when it showed one
 *
 * Returns: %TRUE if the page is @expected
 */
gboolean        ey_site_page_expect                  (EySitePage         *self,
                                                 EySitePageKind      expected,
                                                 GError        **error);

/**
 * ey_site_page_expect_one_of:
 * @expected: (array length=n_expected): the acceptable kinds
 *
 * Like ey_site_page_expect() for several acceptable pages.
 */
gboolean        ey_site_page_expect_one_of           (EySitePage           *self,
                                                 const EySitePageKind *expected,
                                                 gsize             n_expected,
                                                 GError          **error);

/**
 * ey_site_page_new_mismatch_error:
 * @self: the page the site showed
 * @expected: what the caller expected, as a readable list of page names
 *   ("Sign-in or Orders")
 * @reason: (nullable): why the page did not do (an %EY_SITE_PAGE_ERROR such as
 *   %EY_SITE_PAGE_ERROR_NO_BUTTON), for the message and the debug log
 *
 * The error to report when a page is not what the renewal needs: an
 * %EY_CORE_ERROR_UNEXPECTED_PAGE error whose message names what was
 * expected and what came.  When the page is one of the expected ones but
 * lacks what the profile names (a button, a field), it says so instead of
 * "expected X, showed X"; when no recogniser matched, it says the site
 * seems to have changed.
 *
 * Returns: (transfer full): a new error
 */
GError         *ey_site_page_new_mismatch_error      (EySitePage         *self,
                                                 const char     *expected,
                                                 const GError   *reason);

/**
 * ey_site_page_get_errors:
 *
 * Returns: (transfer none) (array zero-terminated=1): the error messages the
 *   page shows (the profile's error XPath), possibly empty, never %NULL
 */
const char * const *ey_site_page_get_errors          (EySitePage         *self);

/** ey_site_page_get_notices: like ey_site_page_get_errors(), for notices ("bilgi"). */
const char * const *ey_site_page_get_notices         (EySitePage         *self);

/** ey_site_page_get_warnings: like ey_site_page_get_errors(), for warnings ("uyari"). */
const char * const *ey_site_page_get_warnings        (EySitePage         *self);

/**
 * ey_site_page_get_message:
 *
 * Returns: (transfer none) (nullable): the first error, else the first
 *   warning, else the first notice: what the site said, for the UI
 */
const char     *ey_site_page_get_message             (EySitePage         *self);

/**
 * ey_site_page_get_field_errors:
 *
 * Returns: (transfer none) (element-type utf8 utf8): field name → the
 *   error shown for it (possibly empty, never %NULL)
 */
GHashTable     *ey_site_page_get_field_errors        (EySitePage         *self);

/**
 * ey_site_page_get_field_error:
 *
 * Returns: (transfer none) (nullable): the error shown for the field the
 *   profile names @role on this page
 */
const char     *ey_site_page_get_field_error         (EySitePage         *self,
                                                 EyFieldRole     role);

/** ey_site_page_has_marker: whether the profile's XPath for @marker matches this page. */
gboolean        ey_site_page_has_marker              (EySitePage         *self,
                                                 EySitePageMarker    marker);

/**
 * ey_site_page_get_success_text:
 *
 * Returns: (transfer none) (nullable): the text of the success message
 *   (the profile's success XPath), %NULL if the page shows none
 */
const char     *ey_site_page_get_success_text        (EySitePage         *self);

/**
 * ey_site_page_get_timer_seconds:
 *
 * Returns: the seconds left the page shows ("Kalan Süre: 236 Saniye"), or
 *   -1 if it shows none (then use ey_site_profile_get_default_timer())
 */
int             ey_site_page_get_timer_seconds       (EySitePage         *self);

/** ey_site_page_get_masked_phone: (nullable): the masked phone of page 5 ("50*****9"). */
const char     *ey_site_page_get_masked_phone        (EySitePage         *self);

/** ey_site_page_get_verification_code: (nullable): the verification code of page 9 / 10b (ASCII digits). */
const char     *ey_site_page_get_verification_code   (EySitePage         *self);

/**
 * ey_site_page_get_captcha_url:
 *
 * Returns: (transfer full) (nullable): the absolute, allowed URL of the
 *   CAPTCHA image, or %NULL if the page has none (or it points elsewhere)
 */
char           *ey_site_page_get_captcha_url         (EySitePage         *self);

/**
 * ey_site_page_get_link_url:
 * @error: return location for an %EY_SITE_PAGE_ERROR_NO_LINK error, or a
 *   %EY_SITE_PROFILE_ERROR_HOST_NOT_ALLOWED one if the link leaves the site
 *
 * Returns: (transfer full): the absolute URL of the link @role
 */
char           *ey_site_page_get_link_url            (EySitePage         *self,
                                                 EyLinkRole      role,
                                                 GError        **error);

/**
 * ey_site_page_get_orders:
 *
 * Returns: (transfer none) (element-type EyOrder): the order table's rows
 *   (page 3), possibly empty, never %NULL
 */
GPtrArray      *ey_site_page_get_orders              (EySitePage         *self);

/** ey_site_page_get_form: (transfer none) (nullable): the page's form (the profile's form XPath). */
EyForm         *ey_site_page_get_form                (EySitePage         *self);

/**
 * ey_site_page_lookup_field:
 *
 * Returns: (nullable): the form control the profile names @role on this page
 */
const EyFormControl *ey_site_page_lookup_field       (EySitePage         *self,
                                                 EyFieldRole     role);

/**
 * ey_site_page_get_field_value:
 *
 * Returns: (transfer none) (nullable): the current value of the control
 *   for @role (prefilled form values, read-only identity fields)
 */
const char     *ey_site_page_get_field_value         (EySitePage         *self,
                                                 EyFieldRole     role);

/** ey_site_page_has_button: whether the page's form has the button @role (e.g. E-Onaylı Başvuru). */
gboolean        ey_site_page_has_button              (EySitePage         *self,
                                                 EyButtonRole    button);

/** ey_site_page_has_choice: whether the page's form has the radio / check box value @role. */
gboolean        ey_site_page_has_choice              (EySitePage         *self,
                                                 EyChoiceRole    choice);

/**
 * ey_site_page_new_submission:
 * @self: a page with a form
 * @button: the button to press
 * @error: return location for an %EY_SITE_PAGE_ERROR_NO_FORM or
 *   %EY_SITE_PAGE_ERROR_NO_BUTTON error
 *
 * A submission of the page's form as a browser would send it when @button
 * is pressed: all hidden fields (formToken …) and current values kept, in
 * the page's charset, roles mapped by the profile.  Fill it with
 * ey_form_data_set_field() / ey_form_data_choose() and send
 * ey_form_data_to_pairs() (or ey_form_data_encode()) to
 * ey_form_data_get_url().
 *
 * Returns: (transfer full): the submission, or %NULL with @error set
 */
EyFormData     *ey_site_page_new_submission          (EySitePage         *self,
                                                 EyButtonRole    button,
                                                 GError        **error);

/**
 * ey_site_page_get_text:
 *
 * Returns: (transfer full): the whole visible text of the body, normalised
 *   (for debugging output and tests; may contain personal data, do not log)
 */
char           *ey_site_page_get_text                (EySitePage         *self);

G_END_DECLS
