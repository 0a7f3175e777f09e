/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _EySiteProfile EySiteProfile;
typedef struct _EySitePage EySitePage;
typedef struct _EyFormData EyFormData;

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
EySiteClient  *ey_site_client_new                   (EySiteProfile        *profile);
EySiteProfile *ey_site_client_get_profile           (EySiteClient         *self);

/* Use another base URL than the profile's (the simulator, the demo). Its
 * host becomes the one allowed host. Plain http needs set_allow_http(). */
gboolean       ey_site_client_set_base_url          (EySiteClient         *self,
                                                     const char           *url,
                                                     GError              **error);
const char    *ey_site_client_get_base_url          (EySiteClient         *self);
void           ey_site_client_set_allow_http        (EySiteClient         *self,
                                                     gboolean              allow);

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

/* Per-request I/O timeout (default 30 s) and the pause before a GET retry. */
void           ey_site_client_set_timeout           (EySiteClient         *self,
                                                     guint                 seconds);
void           ey_site_client_set_retry_delay       (EySiteClient         *self,
                                                     guint                 msec);

/* Limits on every answer: @max_body bytes as sent (compressed), @max_decoded
 * bytes after decompression, @answer_seconds for the whole answer (headers
 * and body; the per-read timeout alone lets a server drip forever). 0: the
 * default (8 MiB, 16 MiB, 90 s). Over a limit: EY_CORE_ERROR_ANSWER_TOO_LARGE
 * or EY_CORE_ERROR_ANSWER_TOO_SLOW. */
void           ey_site_client_set_limits            (EySiteClient         *self,
                                                     gsize                 max_body,
                                                     gsize                 max_decoded,
                                                     guint                 answer_seconds);

/* After EY_CORE_ERROR_FOLLOW_UP_FAILED: where the site sent us after it
 * accepted the POST (GET it to see the site's state); NULL otherwise. */
const char    *ey_site_client_get_follow_up_url     (EySiteClient         *self);

/* The absolute URL of the last page the client landed on, after redirects. */
const char    *ey_site_client_get_current_url       (EySiteClient         *self);

/* Resolves @href (absolute, or relative to the base URL) and checks it. */
GUri          *ey_site_client_resolve               (EySiteClient         *self,
                                                     const char           *href,
                                                     GError              **error);

/* GET a page (href relative to the base URL), follow the site's redirects
 * on the allowed host and recognise what came. */
void           ey_site_client_get_page_async        (EySiteClient         *self,
                                                     const char           *href,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
EySitePage        *ey_site_client_get_page_finish       (EySiteClient         *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

/* POST a submission (ey-form.h: URL, charset and pairs; values may be
 * secrets and are never logged). A POST is never resent: when it fails in
 * transport or with a server error, the client GETs @reread_href (the page
 * the site should be at; NULL: the submission's URL) and returns that page
 * with the POST's error in @post_error, so the caller can see whether the
 * site took it. Without a page at all, @error is set.
 *
 * When the site accepted the POST (answered with a redirect) but the page it
 * sent us to could not be loaded (after the GET retries), @error is
 * EY_CORE_ERROR_FOLLOW_UP_FAILED: do NOT send the POST again; GET
 * ey_site_client_get_follow_up_url() (or the step's page) to see the state. */
void           ey_site_client_post_form_async       (EySiteClient         *self,
                                                     EyFormData           *data,
                                                     const char           *reread_href,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
EySitePage        *ey_site_client_post_form_finish      (EySiteClient         *self,
                                                     GAsyncResult         *result,
                                                     GError              **post_error,
                                                     GError              **error);

/* Raw GET (CAPTCHA PNG, the wet PDF) and raw POST (the signing calls).
 * The content type comes back in @content_type. */
void           ey_site_client_get_bytes_async       (EySiteClient         *self,
                                                     const char           *href,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GBytes        *ey_site_client_get_bytes_finish      (EySiteClient         *self,
                                                     GAsyncResult         *result,
                                                     char                **content_type,
                                                     GError              **error);
void           ey_site_client_post_bytes_async      (EySiteClient         *self,
                                                     EyFormData           *data,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GBytes        *ey_site_client_post_bytes_finish     (EySiteClient         *self,
                                                     GAsyncResult         *result,
                                                     char                **content_type,
                                                     GError              **error);

/* Forget the cookies (a fresh sign-in). */
void           ey_site_client_reset                 (EySiteClient         *self);

G_END_DECLS
