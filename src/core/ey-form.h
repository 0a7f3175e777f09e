/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ey-core-types.h"
#include "ey-site-roles.h"

G_BEGIN_DECLS

/**
 * EyFormControlType:
 *
 * The kind of an HTML form control, as read from the page.
 */
typedef enum
{
  EY_FORM_CONTROL_HIDDEN,
  EY_FORM_CONTROL_TEXT,       /* text, tel, email, number, date … */
  EY_FORM_CONTROL_PASSWORD,
  EY_FORM_CONTROL_TEXTAREA,
  EY_FORM_CONTROL_SELECT,
  EY_FORM_CONTROL_RADIO,
  EY_FORM_CONTROL_CHECKBOX,
  EY_FORM_CONTROL_SUBMIT,     /* <input type=submit>, <button> (submit) */
  EY_FORM_CONTROL_OTHER,      /* file, image, reset, button … (never submitted) */
} EyFormControlType;

/**
 * EyFormOption:
 * @value: the submitted value (the text when the value attribute is absent)
 * @label: the shown text, whitespace-normalised
 * @selected: carries the selected attribute
 *
 * One option of a select.
 */
typedef struct
{
  char     *value;
  char     *label;
  gboolean  selected;
} EyFormOption;

/**
 * EyFormControl:
 * @type: the kind of control
 * @name: the name attribute (never %NULL; controls without a name are skipped)
 * @value: the value attribute; for a select the selected (or first) option's
 *   value; for a textarea its text; "" when absent ("on" for an unvalued
 *   check box or radio, as browsers send)
 * @label: a button's text or value, or the text of the label element that
 *   names the control; may be %NULL
 * @id: the id attribute, may be %NULL
 * @checked: radio / check box carries checked
 * @readonly: carries readonly
 * @disabled: carries disabled (never submitted)
 * @required: carries required
 * @maxlength: the maxlength attribute, or -1
 * @options: (element-type EyFormOption): a select's options, %NULL otherwise
 *
 * A read-only view of one control of a form, in document order.
 */
typedef struct
{
  EyFormControlType  type;
  char              *name;
  char              *value;
  char              *label;
  char              *id;
  gboolean           checked;
  gboolean           readonly;
  gboolean           disabled;
  gboolean           required;
  int                maxlength;
  GPtrArray         *options;
} EyFormControl;

/**
 * EyForm:
 *
 * A form read from a page: its absolute action URL, method, charset and
 * controls.  Immutable; build a submission from it with
 * ey_form_data_new_from_form() or, better, ey_site_page_new_submission().
 */
#define EY_TYPE_FORM (ey_form_get_type ())
G_DECLARE_FINAL_TYPE (EyForm, ey_form, EY, FORM, GObject)

/**
 * EyFormData:
 *
 * A form submission being built: an ordered list of name=value pairs, the
 * URL and method it goes to and the charset it is encoded in.  Values are
 * wiped from memory when removed or freed (they may be a password or an SMS
 * code).  Reference counted, not thread-safe.
 */
typedef struct _EyFormData EyFormData;

#define EY_TYPE_FORM_DATA (ey_form_data_get_type ())
GType        ey_form_data_get_type        (void) G_GNUC_CONST;

EyFormData  *ey_form_data_ref             (EyFormData  *self);
void         ey_form_data_unref           (EyFormData  *self);

#define EY_FORM_ERROR (ey_form_error_quark ())

typedef enum
{
  EY_FORM_ERROR_NO_ROLE,      /* the profile names no field/choice for the role here */
  EY_FORM_ERROR_NO_FIELD,     /* the page's form has no such control */
  EY_FORM_ERROR_READ_ONLY,    /* the control is read-only or disabled */
  EY_FORM_ERROR_ENCODING,     /* a value does not fit the charset */
  EY_FORM_ERROR_NO_OPTION,    /* a select has no option with that value or label */
} EyFormError;

GQuark       ey_form_error_quark          (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EyFormData, ey_form_data_unref)

/**
 * ey_form_option_label:
 * @values: (array zero-terminated=1) (nullable): a select's option values
 * @labels: (array zero-terminated=1) (nullable): their labels, same order
 * @value: (nullable): the current value
 *
 * What a person sees for @value: a select is shown by its option's label
 * ("IĞDIR"), not its value ("76").
 *
 * Returns: (transfer none) (nullable): the label, else @value itself
 */
const char  *ey_form_option_label         (const char * const *values,
                                           const char * const *labels,
                                           const char         *value);

G_END_DECLS
