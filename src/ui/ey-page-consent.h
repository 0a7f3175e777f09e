/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-step-page.h"

G_BEGIN_DECLS

#define EY_TYPE_PAGE_CONSENT (ey_page_consent_get_type ())
G_DECLARE_FINAL_TYPE (EyPageConsent, ey_page_consent, EY, PAGE_CONSENT, EyStepPage)

G_END_DECLS
