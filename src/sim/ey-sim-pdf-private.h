/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ey-sim-pdf-private.h: the wet-signature application form (internal) */
#pragma once

#include <glib.h>
#include <cairo.h>

#include "ey-sim-types.h"

G_BEGIN_DECLS

/* @form: EySimField → value, as the applicant confirmed it.  A4 PDF; with @demo a
 * DEMO / TANITIM watermark across the page: a demo form must never pass for one to hand
 * in. */
GBytes *ey_sim_pdf_render (const EySimPerson *person,
                           GHashTable        *form,
                           guint              order,
                           gboolean           demo);

/* The same page on any cairo context (595×842 points). */
void    ey_sim_pdf_draw   (cairo_t           *cr,
                           const EySimPerson *person,
                           GHashTable        *form,
                           guint              order);

G_END_DECLS
