/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ey-core-types.h"
#include "ey-site-roles.h"

G_BEGIN_DECLS

/**
 * EySitePage:
 *
 * One HTML response of the site, parsed with libxml2's HTML parser in the
 * charset the server declared (Content-Type, else the meta tag, else
 * UTF-8; UTF-8, ISO-8859-9 and windows-1254 are common) and recognised
 * with the profile: which page it is, its form, messages, timer, codes,
 * orders and links.  All texts are UTF-8 with whitespace collapsed (runs of
 * spaces, tabs, newlines and no-break spaces become one space; trimmed).
 * Everything is read once at construction; the object is immutable.
 */
#define EY_TYPE_SITE_PAGE (ey_site_page_get_type ())
G_DECLARE_FINAL_TYPE (EySitePage, ey_site_page, EY, SITE_PAGE, GObject)

/**
 * EY_SITE_PAGE_ERROR:
 *
 * Errors of the page reader.  Messages are translated.
 */
#define EY_SITE_PAGE_ERROR (ey_site_page_error_quark ())

typedef enum
{
  EY_SITE_PAGE_ERROR_PARSE,        /* empty body, not HTML */
  EY_SITE_PAGE_ERROR_CHARSET,      /* a charset we cannot convert from */
  EY_SITE_PAGE_ERROR_UNEXPECTED,   /* not the page that was expected */
  EY_SITE_PAGE_ERROR_NO_FORM,      /* the page has no form the profile can find */
  EY_SITE_PAGE_ERROR_NO_BUTTON,    /* the form lacks the button asked for */
  EY_SITE_PAGE_ERROR_NO_LINK,      /* the page lacks the link asked for */
} EySitePageError;

GQuark          ey_site_page_error_quark             (void);

/**
 * EyOrder:
 * @date: the order date as shown ("24.11.2026")
 * @institution: the institution that opened it
 * @url: (nullable): the absolute URL of its application link (checked
 *   against the profile's allowed hosts; %NULL if the link was refused)
 * @link_text: the link's text ("Yenileme Başvurusu")
 * @kind: renewal or new application, by the profile's link texts
 *
 * One row of the order table (page 3).
 */
typedef struct
{
  char        *date;
  char        *institution;
  char        *url;
  char        *link_text;
  EyOrderKind  kind;
} EyOrder;

G_END_DECLS
