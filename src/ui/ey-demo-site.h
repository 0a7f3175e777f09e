/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define EY_DEMO_SITE_ERROR (ey_demo_site_error_quark ())

typedef enum
{
  EY_DEMO_SITE_ERROR_MISSING,   /* no kamusm-sim program (package not installed) */
  EY_DEMO_SITE_ERROR_FAILED,    /* it ended before it was ready, or said nonsense */
  EY_DEMO_SITE_ERROR_TIMEOUT,   /* it never said it was ready */
} EyDemoSiteError;

#define EY_TYPE_DEMO_SITE (ey_demo_site_get_type ())
G_DECLARE_FINAL_TYPE (EyDemoSite, ey_demo_site, EY, DEMO_SITE, GObject)

/*
 * The demo's KamuSM site: the kamusm-sim program as a child process on loopback
 * ($EY_KAMUSM_SIM, else the installed helper), which ends with the application.
 * @folder (private to this run) holds what the child tells: its ready file (address and
 * certificate to pin), its SMS gateway file and the access mail of the demo person.
 */
GQuark           ey_demo_site_error_quark        (void);
EyDemoSite      *ey_demo_site_new                (const char           *folder);
/* @trust_ca_file: the demo card's CA (may be NULL); @state_file: the applications kept
 * across restarts; @captcha: a fixed CAPTCHA text or NULL. */
void             ey_demo_site_start_async        (EyDemoSite           *self,
                                                  const char           *trust_ca_file,
                                                  const char           *state_file,
                                                  const char           *captcha,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean         ey_demo_site_start_finish       (EyDemoSite           *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
/* TERM, then waits for the child (on the calling thread); KILL if it lingers. */
void             ey_demo_site_stop               (EyDemoSite           *self);

/* Once started: "https://127.0.0.1:PORT/bs/" and the only certificate to trust. */
const char      *ey_demo_site_get_base_url       (EyDemoSite           *self);
GTlsCertificate *ey_demo_site_get_certificate    (EyDemoSite           *self);
/* The last simulated SMS code sent to @identity, or NULL.  Free with g_free. */
char            *ey_demo_site_get_last_sms_code  (EyDemoSite           *self,
                                                  const char           *identity);
/* The access mail the site sent to @identity (plain text), or NULL: the child writes
 * the demo person's (kamusm-sim --access-mail). */
char            *ey_demo_site_get_access_mail    (EyDemoSite           *self,
                                                  const char           *identity);

G_END_DECLS
