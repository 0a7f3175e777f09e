/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-step-page.h"

G_BEGIN_DECLS

#define EY_TYPE_PAGE_SIGN_IN (ey_page_sign_in_get_type ())
G_DECLARE_FINAL_TYPE (EyPageSignIn, ey_page_sign_in, EY, PAGE_SIGN_IN, EyStepPage)

G_END_DECLS
