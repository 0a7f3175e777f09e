/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ey-session.h"

G_BEGIN_DECLS

typedef struct _EyApplication EyApplication;
typedef struct _EyStepPage EyStepPage;

#define EY_TYPE_WINDOW (ey_window_get_type ())
G_DECLARE_FINAL_TYPE (EyWindow, ey_window, EY, WINDOW, AdwApplicationWindow)

/*
 * One renewal in one window.  The window owns the renewal's EySession (and its site
 * client); pages show the session's state and start its actions.
 */
EyWindow   *ey_window_new              (EyApplication *application);
EySession  *ey_window_get_session      (EyWindow      *self);
void        ey_window_add_toast        (EyWindow      *self,
                                        const char    *message);
/* The page shown, or filled in to be shown at the next frame (the "page-name" property;
 * the stack's visible child follows a frame later), and a page by its name ("sign-in"). */
EyStepPage *ey_window_get_visible_page (EyWindow      *self);
EyStepPage *ey_window_get_page         (EyWindow      *self,
                                        const char    *name);
const char *ey_window_get_visible_page_name (EyWindow *self);
/* Start over with a fresh session (the "new renewal" action in this window). */
void        ey_window_restart          (EyWindow      *self);
/* Rebuild every page from the session, e.g. after the language changed. */
void        ey_window_rebuild_pages    (EyWindow      *self);

G_END_DECLS
