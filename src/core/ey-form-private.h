/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-form.h"

G_BEGIN_DECLS

/* Takes @controls (EyFormControl, freed with _ey_form_control_free). */
EyForm  *_ey_form_new           (const char *action_url,
                                 const char *method,
                                 const char *charset,
                                 GPtrArray  *controls);
void     _ey_form_control_free  (EyFormControl *control);
void     _ey_form_option_free   (EyFormOption  *option);
void     _ey_wipe_free          (char          *secret);

G_END_DECLS
