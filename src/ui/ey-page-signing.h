/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-step-page.h"

G_BEGIN_DECLS

#define EY_TYPE_PAGE_SIGNING (ey_page_signing_get_type ())
G_DECLARE_FINAL_TYPE (EyPageSigning, ey_page_signing, EY, PAGE_SIGNING, EyStepPage)

/* TRUE once the checked text to sign is shown (the PIN can be typed) */
gboolean ey_page_signing_get_text_ready (EyPageSigning *self);
/* TRUE while the text is being fetched */
gboolean ey_page_signing_get_fetching   (EyPageSigning *self);

G_END_DECLS
