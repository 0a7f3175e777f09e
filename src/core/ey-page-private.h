/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libxml/tree.h>

#include "ey-page.h"

G_BEGIN_DECLS

/* The parsed document, for the site report (ey-site-report.c) only. */
xmlDoc *_ey_page_get_doc (EyPage *self);

G_END_DECLS
