/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-demo-site.h"

G_BEGIN_DECLS

/* What the child is started with: the tests' launcher gets the same. */
typedef struct
{
  const char *trust_ca_file;   /* may be NULL */
  const char *state_file;
  const char *captcha;         /* may be NULL */
  const char *sms_file;        /* the SMS gateway: one JSON object a line */
  const char *mail_identity;   /* whose access mail goes into mail_file */
  const char *mail_file;
} EyDemoSiteConfig;

/* Starts a site for @config at once (the tests: the in-process simulator, whose control
 * API they use) and gives its base URL and certificate, instead of the child process. */
typedef gboolean (*EyDemoSiteLauncher) (const EyDemoSiteConfig  *config,
                                        char                   **base_url,
                                        GTlsCertificate        **certificate,
                                        gpointer                 user_data,
                                        GError                 **error);

void  _ey_demo_site_set_launcher (EyDemoSiteLauncher  launcher,
                                  gpointer            user_data);
/* The child's process id while it runs, else 0. */
GPid  _ey_demo_site_get_pid      (EyDemoSite         *self);

G_END_DECLS
