/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-site-client.h"

G_BEGIN_DECLS

/* Used only inside the layer (and its tests); other layers go through
 * ey-site-client.h. */

const char    *ey_site_client_get_base_url          (EySiteClient         *self);

void           ey_site_client_set_allow_http        (EySiteClient         *self,
                                                     gboolean              allow);

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
