/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-frame-wait.h"
#include "ey-notice.h"
#include "ey-window.h"
#include "ey-step-page.h"
#include "ey-step-list.h"
#include "ey-card-status.h"
#include "ey-card-monitor.h"
#include "ey-certificate.h"
#include "ey-site-profile.h"

G_BEGIN_DECLS

struct _EyWindow
{
  AdwApplicationWindow  parent_instance;

  /* template */
  GtkRevealer          *demo_revealer;
  GtkLabel             *demo_label;
  GtkMenuButton        *menu_button;
  GtkToggleButton      *steps_button;
  AdwWindowTitle       *window_title;
  EyNotice             *notice;
  AdwFlap              *flap;
  EyStepList           *step_list;
  EyCardStatus         *card_status;
  GtkStack             *stack;
  GtkButton            *back_button;
  GtkButton            *continue_button;
  GtkSpinner           *spinner;

  EySession            *session;
  GSignalGroup         *session_signals;
  GSignalGroup         *page_signals;
  GCancellable         *cancellable;
  GSettings            *settings;

  /* The certificate chosen on the signing page, and whether a signature is being made
   * or has been made but not yet confirmed (the close guard). */
  EyCertificate        *certificate;
  gboolean              signature_pending;
  gboolean              close_confirmed;
  /* The page changed while an action ran: its focus is placed once it is over. */
  gboolean              focus_pending;
  /* The session runs an action (the "busy" property the spinner binds to). */
  gboolean              busy;

  /* From the mail or typed on the mail page, until sign-in uses it; wiped. */
  char                 *access_password;
  /* A page shown outside the session's steps ("forgot"), or NULL. */
  char                 *override_page;
  /* The page shown, or about to be: the stack switches to it one frame after it was
   * filled in (ey_window_show_step ()), until then it is the stack's hidden child. */
  char                 *page_name;
  EyFrameWait           switch_frame;
  guint                 switch_source;   /* the switch's timeout, then its idle */
  /* The "NOT the KamuSM site" strip (not the demo's), or NULL. */
  GtkLabel             *site_notice;
};

GCancellable   *_ey_window_get_cancellable     (EyWindow    *self);
EyApplication  *_ey_window_get_application     (EyWindow    *self);
void            _ey_window_set_signature_pending (EyWindow  *self,
                                                  gboolean   pending);
void            _ey_window_set_certificate     (EyWindow      *self,
                                                EyCertificate *certificate);
EyCertificate  *_ey_window_get_certificate     (EyWindow      *self);
void            _ey_window_set_access_password (EyWindow   *self,
                                                const char *password);
const char     *_ey_window_get_access_password (EyWindow   *self);
/* Show @name instead of the session's page until the step changes (NULL: back). */
void            _ey_window_show_page           (EyWindow   *self,
                                                const char *name);
/* Shows, and keeps showing, the NOT-KamuSM strip when @profile is not the built-in
 * KamuSM profile at its built-in address (ey_site_profile_get_notice()). */
void            _ey_window_set_site_notice     (EyWindow      *self,
                                                EySiteProfile *profile);
void            _ey_window_install_actions     (GtkWidgetClass *widget_class);
void            _ey_window_update_actions      (EyWindow    *self);
gboolean        _ey_window_confirm_close       (EyWindow    *self);

G_END_DECLS
