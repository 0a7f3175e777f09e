/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ey-roster.h"

G_BEGIN_DECLS

/*
 * Adds or edits one colleague.  Every field is checked as it is typed (identity
 * check digits, mobile phone, mail, date); Save is only possible when all are
 * right, and writes to the roster.  Signal "saved" (identity).
 */
#define EY_TYPE_OFFICER_EDITOR (ey_officer_editor_get_type ())
G_DECLARE_FINAL_TYPE (EyOfficerEditor, ey_officer_editor, EY, OFFICER_EDITOR, AdwWindow)

/* @colleague: NULL to add a new one. */
EyOfficerEditor *ey_officer_editor_new      (GtkWindow         *parent,
                                             EyRoster          *roster,
                                             const EyColleague *colleague);
/* The first problem with what is typed, or NULL when it can be saved. */
const char      *ey_officer_editor_get_problem (EyOfficerEditor *self);
gboolean         ey_officer_editor_save     (EyOfficerEditor   *self,
                                             GError           **error);

G_END_DECLS
