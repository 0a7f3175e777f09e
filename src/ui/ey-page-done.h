/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-step-page.h"

G_BEGIN_DECLS

#define EY_TYPE_PAGE_DONE (ey_page_done_get_type ())
G_DECLARE_FINAL_TYPE (EyPageDone, ey_page_done, EY, PAGE_DONE, EyStepPage)

G_END_DECLS
