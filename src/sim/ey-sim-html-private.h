/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ey-sim-html-private.h: small helpers for the hand-written pages (internal) */
#pragma once

#include <glib.h>

#include "ey-sim-names-private.h"

G_BEGIN_DECLS

/* @crumb: index into the breadcrumb (0 sign-in … 5 result), -1 for none */
GString *ey_sim_html_begin       (const EySimNames *names,
                                  const char       *charset,
                                  const char       *heading,
                                  int               crumb);
void     ey_sim_html_end         (GString          *html);
void     ey_sim_html_message     (GString          *html,
                                  const char       *cls,
                                  const char       *text);
void     ey_sim_html_field_error (GString          *html,
                                  const EySimNames *names,
                                  EySimField        field,
                                  const char       *text);
void     ey_sim_html_form_begin  (GString          *html,
                                  const EySimNames *names,
                                  EySimPage         action,
                                  const char       *token);
void     ey_sim_html_hidden      (GString          *html,
                                  const char       *name,
                                  const char       *value);
/* A labelled row; @type "text", "password"…; @readonly for identity fields. */
void     ey_sim_html_input       (GString          *html,
                                  const char       *label,
                                  const char       *name,
                                  const char       *value,
                                  const char       *type,
                                  gboolean          readonly);
void     ey_sim_html_button      (GString          *html,
                                  const char       *name,
                                  const char       *value);
void     ey_sim_html_append_escaped (GString       *html,
                                     const char    *text);
/* The page in @charset (utf-8, iso-8859-9, windows-1254). */
GBytes  *ey_sim_html_encode      (GString          *html,
                                  const char       *charset);
/* A submitted value from @charset to UTF-8 (NULL if it cannot be). */
char    *ey_sim_html_decode      (const char       *raw,
                                  const char       *charset);
const char *ey_sim_html_iconv_name (const char     *charset);

G_END_DECLS
