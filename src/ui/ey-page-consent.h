/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-step-page.h"

G_BEGIN_DECLS

#define EY_TYPE_PAGE_CONSENT (ey_page_consent_get_type ())
G_DECLARE_FINAL_TYPE (EyPageConsent, ey_page_consent, EY, PAGE_CONSENT, EyStepPage)

/* The consent was given on the E-Onay page (the same text, the same box): tick it here
 * and send it. */
void ey_page_consent_accept (EyPageConsent *self);

G_END_DECLS
