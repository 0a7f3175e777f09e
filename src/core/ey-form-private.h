/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-form.h"

G_BEGIN_DECLS

/* Takes @controls (EyFormControl, freed with _ey_form_control_free). */
EyForm  *_ey_form_new           (const char *action_url,
                                 const char *method,
                                 const char *charset,
                                 GPtrArray  *controls);
void     _ey_form_control_free  (EyFormControl *control);
void     _ey_form_option_free   (EyFormOption  *option);
void     _ey_wipe_free          (char          *secret);

/** ey_form_get_action_url: the absolute URL the form posts to. */
const char          *ey_form_get_action_url   (EyForm      *self);

/** ey_form_get_method: "POST" or "GET" (ASCII upper case). */
const char          *ey_form_get_method       (EyForm      *self);

/** ey_form_get_charset: the charset to encode the submission in (the page's). */
const char          *ey_form_get_charset      (EyForm      *self);

/** ey_form_get_n_controls: the number of named controls. */
guint                ey_form_get_n_controls   (EyForm      *self);

/** ey_form_get_control: the @index-th named control, in document order. */
const EyFormControl *ey_form_get_control      (EyForm      *self,
                                               guint        index);

/**
 * ey_form_lookup:
 *
 * Returns: (nullable): the first control named @name (byte-wise compare)
 */
const EyFormControl *ey_form_lookup           (EyForm      *self,
                                               const char  *name);

/**
 * ey_form_lookup_value:
 *
 * Returns: (nullable): the control named @name with value @value (a radio
 *   button, a check box, a submit button)
 */
const EyFormControl *ey_form_lookup_value     (EyForm      *self,
                                               const char  *name,
                                               const char  *value);

/**
 * ey_form_data_new:
 * @url: the absolute URL to send to
 * @charset: (nullable): charset of the encoded body; %NULL for UTF-8
 *
 * An empty POST submission (the signing calls).
 */
EyFormData  *ey_form_data_new             (const char  *url,
                                           const char  *charset);

/**
 * ey_form_data_new_from_form:
 * @form: a form
 * @button_name: (nullable): the submit button pressed
 * @button_value: (nullable): its value
 *
 * A submission preloaded as a browser would send @form: every enabled
 * named control in document order (hidden, text, password, textarea, the
 * selected option of each select, checked radios and check boxes), no
 * submit button except the one named (when given).
 */
EyFormData  *ey_form_data_new_from_form   (EyForm      *form,
                                           const char  *button_name,
                                           const char  *button_value);

/**
 * ey_form_data_set_roles:
 * @profile: the profile naming the fields
 * @kind: the page the form is on (or %EY_SITE_PAGE_KIND_UNKNOWN with @action)
 * @action: the request action when @kind is unknown (the signing calls)
 *
 * Lets ey_form_data_set_field() and ey_form_data_choose() map roles to
 * names.  ey_site_page_new_submission() and ey_site_profile_new_request() do this.
 */
void         ey_form_data_set_roles       (EyFormData    *self,
                                           EySiteProfile *profile,
                                           EySitePageKind     kind,
                                           EySiteAction   action);

/** ey_form_data_get_url: the absolute URL. */
const char  *ey_form_data_get_url         (EyFormData  *self);

/** ey_form_data_get_method: "POST" or "GET". */
const char  *ey_form_data_get_method      (EyFormData  *self);

/** ey_form_data_get_charset: the charset of ey_form_data_encode(). */
const char  *ey_form_data_get_charset     (EyFormData  *self);

/** ey_form_data_get_content_type: "application/x-www-form-urlencoded". */
const char  *ey_form_data_get_content_type (EyFormData *self);

/**
 * ey_form_data_set:
 *
 * Sets the value of the first pair named @name, removing any later pairs of
 * that name, or appends the pair.  %NULL @value removes them all.
 */
void         ey_form_data_set             (EyFormData  *self,
                                           const char  *name,
                                           const char  *value);

/** ey_form_data_add: appends a pair (repeated names are allowed). */
void         ey_form_data_add             (EyFormData  *self,
                                           const char  *name,
                                           const char  *value);

/** ey_form_data_get: (nullable): the value of the first pair named @name. */
const char  *ey_form_data_get             (EyFormData  *self,
                                           const char  *name);

/** ey_form_data_get_n_pairs: how many pairs. */
guint        ey_form_data_get_n_pairs     (EyFormData  *self);

/** ey_form_data_get_pair: the @index-th pair (UTF-8). */
void         ey_form_data_get_pair        (EyFormData  *self,
                                           guint        index,
                                           const char **name,
                                           const char **value);

/**
 * ey_form_data_set_field:
 * @self: a submission with roles (see ey_form_data_set_roles())
 * @role: the field
 * @value: the UTF-8 value
 * @error: return location for an %EY_FORM_ERROR
 *
 * Sets the field the profile names for @role.  Fails when the profile names
 * no field for @role here, or (for a page form) the page has no such
 * control, or the control is read-only or disabled.
 */
gboolean     ey_form_data_set_field       (EyFormData  *self,
                                           EyFieldRole  role,
                                           const char  *value,
                                           GError     **error);

/**
 * ey_form_data_choose:
 *
 * Ticks the radio button / check box the profile gives for @role (replacing
 * any other value of that radio group).
 */
gboolean     ey_form_data_choose          (EyFormData  *self,
                                           EyChoiceRole role,
                                           GError     **error);

/**
 * ey_form_data_to_pairs:
 *
 * Returns: (transfer full) (element-type utf8): a new array of name, value,
 *   name, value … strings, as ey_site_client_post_form_async() takes them.
 *   Its free function wipes each string before freeing it.
 */
GPtrArray   *ey_form_data_to_pairs        (EyFormData  *self);

/**
 * ey_form_data_encode:
 * @error: return location for an %EY_FORM_ERROR_ENCODING error (a value
 *   has a character the charset cannot represent; the message names the
 *   field)
 *
 * Returns: (transfer full): the application/x-www-form-urlencoded body in
 *   the submission's charset (bytes are wiped when the last ref goes)
 */
GBytes      *ey_form_data_encode          (EyFormData  *self,
                                           GError     **error);

/**
 * ey_form_encode_pairs:
 * @pairs: (element-type utf8): name, value, name, value …
 * @charset: (nullable): target charset, %NULL for UTF-8
 * @error: return location for an error
 *
 * URL-encodes @pairs (space as "+", unreserved bytes `A-Za-z0-9-._*` as is,
 * every other byte as %XX) after converting them to @charset.
 *
 * Returns: (transfer full): the body, or %NULL with @error set
 */
GBytes      *ey_form_encode_pairs         (GPtrArray   *pairs,
                                           const char  *charset,
                                           GError     **error);

G_END_DECLS
