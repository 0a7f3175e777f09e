/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-site-page.h"

G_BEGIN_DECLS

/* The page in the file @filename as the site would send it with @content_type (NULL:
 * none) from @path under @profile's base URL; fails the test if it is not read. */
EySitePage *test_page_load (EySiteProfile *profile,
                            const char    *filename,
                            const char    *content_type,
                            const char    *path);

G_END_DECLS
