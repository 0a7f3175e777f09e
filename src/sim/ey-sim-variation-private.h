/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ey-sim-variation-private.h: applying the rewrites (internal) */
#pragma once

#include "ey-sim-variation.h"

G_BEGIN_DECLS

/* Rewrites @html (UTF-8) in place. */
void     ey_sim_variation_apply (GString     *html,
                                 guint        flags);

G_END_DECLS
