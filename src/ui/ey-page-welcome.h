/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-step-page.h"

G_BEGIN_DECLS

#define EY_TYPE_PAGE_WELCOME (ey_page_welcome_get_type ())
G_DECLARE_FINAL_TYPE (EyPageWelcome, ey_page_welcome, EY, PAGE_WELCOME, EyStepPage)

G_END_DECLS
