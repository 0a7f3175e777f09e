/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ey-sim-pages-private.h: one renderer per page (internal; dispatched by _ey_sim_render) */
#pragma once

#include "ey-sim-server-private.h"

G_BEGIN_DECLS

typedef GString *(*EySimRenderFunc) (EySimRequest *r);

/* ey-sim-pages.c */
GString *_ey_sim_page_begin         (EySimRequest *r,
                                     const char   *heading,
                                     int           crumb);
char    *_ey_sim_token              (EySimRequest *r);
/* ey-sim-pages-sign.c */
GString *_ey_sim_render_eonay       (EySimRequest *r);
GString *_ey_sim_render_consent     (EySimRequest *r);
GString *_ey_sim_render_eonay_sign  (EySimRequest *r);
GString *_ey_sim_render_method      (EySimRequest *r);
GString *_ey_sim_render_eimzali     (EySimRequest *r);
GString *_ey_sim_render_islak       (EySimRequest *r);
GString *_ey_sim_render_result      (EySimRequest *r);

G_END_DECLS
