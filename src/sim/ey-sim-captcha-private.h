/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ey-sim-captcha-private.h: the CAPTCHA picture (internal) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A fresh CAPTCHA answer: 5 characters from a set without look-alikes. */
char   *ey_sim_captcha_new_text (void);
/* A PNG of @text, distorted, with noise. */
GBytes *ey_sim_captcha_render   (const char *text);

G_END_DECLS
