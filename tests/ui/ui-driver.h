/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ey-application.h"
#include "ey-sim-server.h"
#include "ey-step-page.h"
#include "ey-window.h"

G_BEGIN_DECLS

/* Drives the real window against the in-process simulator (demo mode) through GTK API,
 * for the UI tests and the screenshots.  The program runs kamusm-sim as a child
 * process; the driver puts the in-process simulator in its place (sim), unless made
 * with ui_driver_new_full (TRUE) (the child itself; sim is NULL). */
typedef struct
{
  EyApplication *app;
  EyWindow      *window;
  EySimServer   *sim;
  char          *tmpdir;
  guint          log_base;   /* simulator log events before this renewal */
} UiDriver;

#define UI_DRIVER_CAPTCHA "K7M2Q"

/* Returns once the window's renewal can start (the site listens). */
/* A test's own command-line switches, taken out of @argv in main () before
 * gtk_test_init () sees them: @n arguments at @i; every @name (TRUE if there was one);
 * --turkish, which runs the test under tr_TR.UTF-8 (set here, before any thread). */
void        ui_driver_drop_args      (int        *argc,
                                      char      **argv,
                                      int         i,
                                      int         n);
gboolean    ui_driver_take_switch    (int        *argc,
                                      char      **argv,
                                      const char *name);
gboolean    ui_driver_take_turkish   (int        *argc,
                                      char      **argv);

UiDriver   *ui_driver_new            (void);
/* Returns at once: the site may still be starting (ui_driver_wait_site). */
UiDriver   *ui_driver_new_full       (gboolean  child);
gboolean    ui_driver_wait_site      (UiDriver *driver);
void        ui_driver_free           (UiDriver *driver);
/* Replaces the window by a new one of this size (a fresh renewal). */
void        ui_driver_new_window     (UiDriver *driver,
                                      int       width,
                                      int       height);

/* Events of this renewal (since the window was made) in the simulator's state log. */
guint       ui_count                 (UiDriver   *driver,
                                      const char *event,
                                      const char *key,
                                      const char *value);
gboolean    ui_spin_until            (gboolean  (*condition) (gpointer data),
                                      gpointer    data,
                                      guint       timeout_ms);
void        ui_spin_for              (guint       ms);
gboolean    ui_wait_page             (UiDriver   *driver,
                                      const char *name);
gboolean    ui_wait_idle             (UiDriver   *driver);
gboolean    ui_wait_certificates     (UiDriver   *driver);

EyStepPage *ui_page                  (UiDriver   *driver,
                                      const char *name);
GtkWidget  *ui_child                 (UiDriver   *driver,
                                      const char *page,
                                      const char *child);
void        ui_set_text              (UiDriver   *driver,
                                      const char *page,
                                      const char *child,
                                      const char *text);
void        ui_next                  (UiDriver   *driver);
const char *ui_error_text            (UiDriver   *driver);
GtkWidget  *ui_find_named            (GtkWidget  *root,
                                      const char *name);

/* The whole way to a page, the happy path (identity/password of a sim person). */
void        ui_paste_mail            (UiDriver   *driver,
                                      const char *name,
                                      const char *password);
/* From the welcome page: to the sign-in page, or on to the SMS sent (returns its code).
 * FALSE or NULL if a page did not come. */
gboolean    ui_walk_to_sign_in       (UiDriver   *driver,
                                      const char *name,
                                      const char *password);
char       *ui_walk_to_sms_code      (UiDriver   *driver,
                                      const char *name,
                                      const char *password,
                                      const char *identity);
gboolean    ui_sign_in               (UiDriver   *driver,
                                      const char *identity,
                                      const char *captcha);
gboolean    ui_fill_form             (UiDriver   *driver);
/* From a signed-in session (ui_signed_in ()) on: to the form page, from the form page
 * to the SMS sent, or both.  FALSE if a page did not come. */
gboolean    ui_walk_to_form          (UiDriver   *driver);
gboolean    ui_walk_form_to_sms_sent (UiDriver   *driver);
gboolean    ui_walk_to_sms_sent      (UiDriver   *driver);
/* From the SMS page (code sent) to the signing page: types @code, keeps the E-Onay
 * choice, ticks the consent.  FALSE if a page did not come. */
gboolean    ui_walk_sms_to_signing   (UiDriver   *driver,
                                      const char *code);
/* From the E-Onay page (its choice as it is), or from the consent page once it comes, to
 * the signing page, the consent ticked.  FALSE if a page did not come. */
gboolean    ui_walk_eonay_to_signing (UiDriver   *driver);
gboolean    ui_walk_consent_to_signing (UiDriver *driver);
/* A ui_spin_until () condition (@data: the driver): the card list has settled and the
 * signing page can sign (a usable certificate chosen, a PIN typed). */
gboolean    ui_can_sign              (gpointer    data);
/* ui_spin_until () conditions.  @data: the driver: the session rests (not busy); the
 * renewal rests on the done page or with an error in view.  @data: an EyPinEntry: a
 * try was used up.  @data: a gboolean: it is TRUE. */
gboolean    ui_session_idle          (gpointer    data);
gboolean    ui_done_or_failed        (gpointer    data);
gboolean    ui_pin_refused           (gpointer    data);
gboolean    ui_is_true               (gpointer    data);
/* A ui_spin_until () condition (@data: the driver): the sign-in went through, the
 * session rests on the order or the form page. */
gboolean    ui_signed_in             (gpointer    data);
char       *ui_sms_code              (UiDriver   *driver,
                                      const char *identity);

G_END_DECLS
