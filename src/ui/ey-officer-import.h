/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ey-roster.h"

G_BEGIN_DECLS

/*
 * The preview of an import: every row of the file with what would happen to it
 * (added, updated, unchanged, refused and why).  Import writes; Cancel writes
 * nothing.  Signal "imported" (guint added, guint updated).
 */
#define EY_TYPE_OFFICER_IMPORT (ey_officer_import_get_type ())
G_DECLARE_FINAL_TYPE (EyOfficerImport, ey_officer_import, EY, OFFICER_IMPORT, AdwWindow)

/* Takes @import. */
EyOfficerImport *ey_officer_import_new   (GtkWindow      *parent,
                                          EyRoster       *roster,
                                          EyRosterImport *import);
/* The lines shown (tests). */
GListModel      *ey_officer_import_get_lines (EyOfficerImport *self);
gboolean         ey_officer_import_apply (EyOfficerImport  *self,
                                          GError          **error);

G_END_DECLS
