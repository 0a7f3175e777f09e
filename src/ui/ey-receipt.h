/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ey-session.h"

G_BEGIN_DECLS

/* The receipt of a confirmed application (no type: three helpers over the session). */
char     *ey_receipt_get_text  (EySession  *session);
gboolean  ey_receipt_save_pdf  (EySession  *session,
                                const char *path,
                                GError    **error);
void      ey_receipt_print     (EySession  *session,
                                GtkWindow  *parent);

void      ey_receipt_set_demo  (gboolean    demo);
gboolean  ey_receipt_get_demo  (void);

G_END_DECLS
