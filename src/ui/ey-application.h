/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ey-card-monitor.h"
#include "ey-certificate.h"
#include "ey-session.h"

G_BEGIN_DECLS

typedef struct _EyDemoSite EyDemoSite;

#define EY_TYPE_APPLICATION (ey_application_get_type ())
G_DECLARE_FINAL_TYPE (EyApplication, ey_application, EY, APPLICATION, AdwApplication)

/*
 * The application: one card monitor and one token listing for all windows, the demo
 * (kamusm-sim child process + SoftHSM token) when started with --demo, settings.
 *
 * Signals: "certificates-changed": the token listing was refreshed (card in or out).
 * "demo-site-changed": the demo's site started, failed or is being started again.
 * Properties: "certificates-busy" (a listing runs).
 */
EyApplication  *ey_application_new                 (gboolean        demo);
gboolean        ey_application_get_demo            (EyApplication  *self);
/* The demo's site once it listens, else NULL (starting, failed, or not the demo). */
EyDemoSite     *ey_application_get_demo_site       (EyApplication  *self);
/* Why the demo's site could not start (a translated sentence), or NULL. */
const GError   *ey_application_get_demo_site_error (EyApplication  *self);
/* Starts the demo's site (again, after it failed); nothing if it runs or starts. */
void            ey_application_start_demo_site     (EyApplication  *self);
EyCardMonitor  *ey_application_get_card_monitor    (EyApplication  *self);
GSettings      *ey_application_get_settings        (EyApplication  *self);
/* (element-type EyCertificate) (transfer none): certificates on present tokens. */
GPtrArray      *ey_application_get_certificates    (EyApplication  *self);
gboolean        ey_application_get_certificates_busy (EyApplication *self);
const GError   *ey_application_get_token_error     (EyApplication  *self);
void            ey_application_refresh_certificates (EyApplication *self);
/* A new session on the real site or, in demo mode, its simulator (NULL while that
 * starts or after it failed). */
EySession      *ey_application_create_session      (EyApplication  *self,
                                                    GError        **error);
/* '' (system), "tr" or "en": applies at once to every window. */
void            ey_application_set_language        (EyApplication  *self,
                                                    const char     *language);
/* Applies the in-app language setting without an application (the reminder check). */
void            ey_application_apply_language_setting (void);
/* The locale dir the catalogs are read from ($EY_LOCALEDIR or LOCALEDIR). */
const char     *ey_application_get_localedir       (void);
/* Install gettext for the program (called from main() before anything else). */
void            ey_application_init_i18n           (void);

G_END_DECLS
