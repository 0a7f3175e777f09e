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

G_END_DECLS
