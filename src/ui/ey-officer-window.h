/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ey-application.h"
#include "ey-roster.h"
#include "ey-roster-model.h"

G_BEGIN_DECLS

/*
 * Officer mode: the "Colleagues" window beside the renewal assistant.  A list of the
 * roster (search, filters, soonest end first) and one colleague's details side by side,
 * folding to one pane at narrow widths.  Add, edit, remove (with undo), import (with a
 * preview), export, print who is due, read a colleague's card, start a colleague's
 * renewal in its own assistant window; the row follows that renewal.
 */
#define EY_TYPE_OFFICER_WINDOW (ey_officer_window_get_type ())
G_DECLARE_FINAL_TYPE (EyOfficerWindow, ey_officer_window, EY, OFFICER_WINDOW, AdwApplicationWindow)

EyOfficerWindow *ey_officer_window_new          (EyApplication   *application,
                                                 EyRoster        *roster);
EyRoster        *ey_officer_window_get_roster   (EyOfficerWindow *self);
EyRosterModel   *ey_officer_window_get_model    (EyOfficerWindow *self);
/* Shows @identity's details (NULL: none), as a click on its row does. */
void             ey_officer_window_select       (EyOfficerWindow *self,
                                                 const char      *identity);
const char      *ey_officer_window_get_selected (EyOfficerWindow *self);
/* The colleagues ticked for printing ("Print Forms for N Colleagues"). */
void             ey_officer_window_set_marked   (EyOfficerWindow *self,
                                                 const char      *identity,
                                                 gboolean         marked);
/* (transfer full): the marked colleagues in the list's order, NULL-ended. */
GStrv            ey_officer_window_get_marked   (EyOfficerWindow *self);
/* Opens the assistant in its own window for @identity, prefilled; the row follows it.
 * Returns: (transfer none): the assistant window. */
GtkWindow       *ey_officer_window_start_renewal (EyOfficerWindow *self,
                                                  const char      *identity);

/* Shows the import preview of @data (CSV or XLSX bytes); nothing is written until
 * its Import.  Returns: (transfer none) (nullable): the dialog, NULL if unreadable. */
GtkWindow       *ey_officer_window_preview_import (EyOfficerWindow *self,
                                                   const char      *data,
                                                   gsize            length);

/*
 * The hook into the application: the "app.officer-mode" action (the GSettings key
 * "officer-mode"), and the Colleagues window shown while it is on.  Called once from
 * the application's startup.
 */
void             ey_officer_mode_install        (EyApplication   *application);
/* The Colleagues window, made (and the roster opened) if needed. */
EyOfficerWindow *ey_officer_mode_present        (EyApplication   *application);

G_END_DECLS
