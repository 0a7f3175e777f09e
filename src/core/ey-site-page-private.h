/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libxml/tree.h>

#include "ey-site-page.h"

G_BEGIN_DECLS

/* The parsed document, for the site report (ey-site-report.c) only. */
xmlDoc *_ey_site_page_get_doc (EySitePage *self);

G_END_DECLS
