/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* What the site page, the site profile and the site report read from libxml nodes,
 * as GLib strings (libxml's own must go back through xmlFree ()). */

/* @node's attribute @name, or %NULL when it has none. */
char *_ey_xml_attr (xmlNode    *node,
                    const char *name);

/* @node's text content in the display form (ey_text_normalize ()); %NULL for a
 * %NULL @node. */
char *_ey_xml_text (xmlNode    *node);

G_END_DECLS
