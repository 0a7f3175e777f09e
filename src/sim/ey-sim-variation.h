/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ey-sim-variation.h: harmless rewrites of the simulator's pages (the tests choose them) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Ways a real site may write the same page differently, applied to every
 * HTML answer (`kamusm-sim --variation upper,nbsp,…`).  Each is written by
 * hand from what browsers accept; none is derived from the client's site
 * profile, so the simulator stays an honest stand-in.
 */
typedef enum
{
  EY_SIM_VARIATION_UPPER       = 1 << 0, /* texts and button labels in upper case (İ/I) */
  EY_SIM_VARIATION_NBSP        = 1 << 1, /* spaces as &nbsp;, doubled spaces, U+202F */
  EY_SIM_VARIATION_ASCII_FOLD  = 1 << 2, /* Turkish letters written in ASCII */
  EY_SIM_VARIATION_NOISE       = 1 << 3, /* comments, scripts, styles with markup inside */
  EY_SIM_VARIATION_WRAP        = 1 << 4, /* layout tables and extra divs around forms and inputs */
  EY_SIM_VARIATION_EXTRA_FORMS = 1 << 5, /* unrelated forms and hidden fields */
} EySimVariation;

#define EY_SIM_VARIATION_ALL 0x3f

/* "upper,nbsp,ascii-fold,noise,wrap,extra-forms" or "all"; "" or "none" is 0. */
gboolean ey_sim_variation_parse (const char  *spec,
                                 guint       *flags,
                                 GError     **error);

G_END_DECLS
