/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ey-core-error.h"
#include "ey-session.h"

G_BEGIN_DECLS

typedef struct _EyWindow EyWindow;

#define EY_TYPE_STEP_PAGE (ey_step_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (EyStepPage, ey_step_page, EY, STEP_PAGE, AdwBin)

/**
 * EyStepPageClass:
 * @sync: show what the session holds now (called when the page becomes visible and
 *   after the language changed: the state lives in the session, never only here)
 * @next: the Continue button (or Enter) was pressed
 * @back: the Back button was pressed; NULL when the page has no way back
 *
 * One page per step of the renewal.  Pages start the session's actions and show their
 * errors; the window switches pages when the session's step changes.
 */
struct _EyStepPageClass
{
  AdwBinClass parent_class;

  void (*sync) (EyStepPage *self);
  void (*next) (EyStepPage *self);
  void (*back) (EyStepPage *self);
};

const char   *ey_step_page_get_title         (EyStepPage       *self);
void          ey_step_page_set_title         (EyStepPage       *self,
                                         const char   *title);
gboolean      ey_step_page_get_can_continue  (EyStepPage       *self);
void          ey_step_page_set_can_continue  (EyStepPage       *self,
                                         gboolean      can_continue);
const char   *ey_step_page_get_continue_label (EyStepPage      *self);
void          ey_step_page_set_continue_label (EyStepPage      *self,
                                          const char  *label);
gboolean      ey_step_page_get_can_go_back   (EyStepPage       *self);
void          ey_step_page_set_can_go_back   (EyStepPage       *self,
                                         gboolean      can_go_back);

EyWindow     *ey_step_page_get_window        (EyStepPage       *self);
EySession    *ey_step_page_get_session       (EyStepPage       *self);
GCancellable *ey_step_page_get_cancellable   (EyStepPage       *self);

void          ey_step_page_sync              (EyStepPage       *self);
void          ey_step_page_next              (EyStepPage       *self);
void          ey_step_page_back              (EyStepPage       *self);

/* A page's own error label: kept hidden, the banner at the page's top shows errors. */
void          ey_step_page_set_error_label   (EyStepPage       *self,
                                         GtkLabel     *label);
void          ey_step_page_show_error        (EyStepPage       *self,
                                         const GError *error);
void          ey_step_page_show_message      (EyStepPage       *self,
                                         const char   *message);
void          ey_step_page_clear_error       (EyStepPage       *self);
/* The widget the next error moves the focus to (what must be corrected); reset after
 * each message.  Without one the focus stays where it is, or goes to the page. */
void          ey_step_page_set_error_focus   (EyStepPage       *self,
                                         GtkWidget        *widget);
/* The banner at the top of the page that shows the error (a GtkRevealer). */
GtkWidget    *ey_step_page_get_error_banner  (EyStepPage       *self);
gboolean      ey_step_page_focus_first       (EyStepPage       *self);
void          ey_step_page_focus_continue    (EyStepPage       *self);
void          ey_step_page_enter_continues   (GtkWidget        *widget);
void          ey_step_page_enter_accepts     (GtkWidget        *check);
/* The text of what the page shows as error right now ("" when none): tests read it. */
const char   *ey_step_page_get_error_text    (EyStepPage       *self);

G_END_DECLS
