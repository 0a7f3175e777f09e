/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-demo-token.h"

G_BEGIN_DECLS

/* Used only inside the layer (and its tests); other layers go through
 * ey-demo-token.h. */

const char  *ey_demo_token_get_certificate_file (EyDemoToken *self);

/* "pkcs11:token=DEMO;…" */
const char  *ey_demo_token_get_token_url        (EyDemoToken *self);

/* The softhsm2.conf written in @directory. */
const char  *ey_demo_token_get_softhsm_conf     (EyDemoToken *self);

G_END_DECLS
