/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ey-core-types.h"

G_BEGIN_DECLS

#define EY_TYPE_SITE_CLIENT (ey_site_client_get_type ())
G_DECLARE_FINAL_TYPE (EySiteClient, ey_site_client, EY, SITE_CLIENT, GObject)

/**
 * EySiteClient:
 *
 * The HTTP side of one renewal: one SoupSession, cookies in memory only,
 * strict TLS (system trust, or exactly one explicit CA / pinned
 * certificate), no redirect to a host the profile does not name, no plain
 * http unless allowed for tests, TLS 1.2 or newer, limits on the size and
 * time of every answer. Every page that comes back is recognised
 * with the site profile; GETs are retried on connection loss, POSTs never.
 *
 * Secrets handed in form fields are never logged.
 */

/* First thing in main(), before any thread: TLS 1.2 or newer for the process.
 * A client made without it says so (g_critical) and refuses every request. */
void           ey_site_client_init_tls_policy       (void);
void           ey_site_client_warm_tls              (void);
EySiteClient  *ey_site_client_new                   (EySiteProfile        *profile);
EySiteProfile *ey_site_client_get_profile           (EySiteClient         *self);

/* Use another base URL than the profile's (the simulator, the demo). Its
 * host becomes the one allowed host. Plain http needs set_allow_http(). */
gboolean       ey_site_client_set_base_url          (EySiteClient         *self,
                                                     const char           *url,
                                                     GError              **error);

/* Trust exactly this CA (PEM) instead of the system store. */
gboolean       ey_site_client_set_ca_file           (EySiteClient         *self,
                                                     const char           *pem_file,
                                                     GError              **error);
/* Accept exactly this server certificate (PEM) and nothing else. */
gboolean       ey_site_client_set_pinned_cert_file  (EySiteClient         *self,
                                                     const char           *pem_file,
                                                     GError              **error);
void           ey_site_client_set_pinned_cert       (EySiteClient         *self,
                                                     GTlsCertificate      *certificate);

G_END_DECLS
