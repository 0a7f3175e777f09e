/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ey-sim-cairo-private.h: cairo's output into memory (the CAPTCHA's PNG, the form's PDF) */
#pragma once

#include <glib.h>
#include <cairo.h>

G_BEGIN_DECLS

/* A cairo_write_func_t: appends to the GByteArray @closure. */
cairo_status_t _ey_sim_cairo_append (void                *closure,
                                     const unsigned char *data,
                                     unsigned int         length);

G_END_DECLS
