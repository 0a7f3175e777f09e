/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-site-client"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "ey-core-error-private.h"
#include "ey-default-database-private.h"
#include "ey-form-private.h"
#include "ey-site-page-private.h"
#include "ey-site-client-private.h"
#include "ey-pinned-database-private.h"
#include "ey-site-profile-private.h"
#include "ey-site-roles-private.h"

#define MAX_REDIRECTS 10
#define MAX_ATTEMPTS  3
#define READ_CHUNK    16384

/* The site's pages are a few ten kilobytes, the wet-signature PDF a few
 * hundred: these leave a wide margin and still bound the memory a hostile
 * or broken server can make us use. */
#define DEFAULT_MAX_BODY     (8u * 1024 * 1024)    /* bytes on the wire */
#define DEFAULT_MAX_DECODED  (16u * 1024 * 1024)   /* bytes after decompression */
#define DEFAULT_ANSWER_TIME  90                    /* seconds for one whole answer */

#define EY_SITE_CLIENT_TLS_PRIORITY "NORMAL:%COMPAT:-VERS-SSL3.0:-VERS-TLS1.0:-VERS-TLS1.1"

struct _EySiteClient
{
  GObject          parent_instance;

  EySiteProfile   *profile;
  SoupSession     *session;
  GTlsDatabase    *database;      /* NULL: the system's */
  GTlsCertificate *pinned;        /* when set: exactly this one */
  char            *current_url;
  char            *follow_up_url; /* an accepted POST's next page that did not load */
  guint            timeout;
  guint            retry_delay;
  gsize            max_body;
  gsize            max_decoded;
  guint            answer_seconds;
  gboolean         allow_http;
};

G_DEFINE_FINAL_TYPE (EySiteClient, ey_site_client, G_TYPE_OBJECT)

typedef enum
{
  WANT_PAGE,
  WANT_BYTES,
} Want;

/* Per-request state; the body is wiped on free since it may hold a
 * password or an SMS code. */
typedef struct
{
  char    *method;
  char    *url;
  GBytes  *body;
  char    *content_type;
  char    *reread_url;
  GError  *post_error;
  Want     want;
  guint    hops;
  guint    attempt;
  guint    retry_source;
  /* One attempt (one HTTP exchange) */
  SoupMessage  *msg;
  GInputStream *stream;
  GByteArray   *data;
  GCancellable *parent_cancellable;    /* the task's */
  GCancellable *attempt_cancellable;   /* cancelled by the task's or by a limit */
  gulong        cancel_id;
  guint         deadline_source;
  EyCoreError   limit_error;           /* set when a limit stopped the attempt */
  gboolean      limit_hit;
  /* The POST was accepted (the site answered with a redirect): what fails
   * from here on is the next page, not the submission. */
  gboolean      accepted;
} Request;

static void
attempt_clear (Request *req)
{
  g_clear_handle_id (&req->deadline_source, g_source_remove);
  if (req->cancel_id)
    {
      /* The task's cancellable may be gone with the task already */
      g_cancellable_disconnect (req->parent_cancellable, req->cancel_id);
      req->cancel_id = 0;
    }
  g_clear_object (&req->attempt_cancellable);
  g_clear_object (&req->stream);
  g_clear_object (&req->msg);
  if (req->data)
    {
      /* Answers can carry the SMS-code page or a signed form: wipe them (an empty
       * array has no buffer at all) */
      if (req->data->len > 0)
        explicit_bzero (req->data->data, req->data->len);
      g_clear_pointer (&req->data, g_byte_array_unref);
    }
  req->limit_hit = FALSE;
}

static void
request_free (Request *req)
{
  g_clear_handle_id (&req->retry_source, g_source_remove);
  attempt_clear (req);
  g_clear_object (&req->parent_cancellable);
  g_free (req->method);
  g_free (req->url);
  /* ey_form_data_encode() bodies wipe themselves on the last unref */
  g_clear_pointer (&req->body, g_bytes_unref);
  g_free (req->content_type);
  g_free (req->reread_url);
  g_clear_error (&req->post_error);
  g_free (req);
}

typedef struct
{
  GBytes *bytes;
  char   *content_type;
} RawResult;

static void
raw_result_free (RawResult *raw)
{
  g_clear_pointer (&raw->bytes, g_bytes_unref);
  g_free (raw->content_type);
  g_free (raw);
}

static void
ey_site_client_finalize (GObject *object)
{
  EySiteClient *self = (EySiteClient *) object;

  if (self->session)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->database);
  g_clear_object (&self->pinned);
  g_clear_object (&self->profile);
  g_clear_pointer (&self->current_url, g_free);
  g_clear_pointer (&self->follow_up_url, g_free);

  G_OBJECT_CLASS (ey_site_client_parent_class)->finalize (object);
}

static void
ey_site_client_class_init (EySiteClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ey_site_client_finalize;
}

static gboolean tls_policy_ready;

/**
 * ey_site_client_init_tls_policy:
 *
 * TLS 1.2 or newer only.  glib-networking 2.74 (GnuTLS) has no API for the
 * protocol versions of a connection; it reads G_TLS_GNUTLS_PRIORITY once,
 * before its first connection.  Changing the environment while other threads
 * may read it is undefined behaviour, so each program that talks to the site
 * calls this first thing in main(), before any thread starts.  A priority the
 * user set is kept, with the old versions taken out; network_event_cb() checks
 * the outcome of every handshake anyway.
 */
void
ey_site_client_init_tls_policy (void)
{
  const char *user = g_getenv ("G_TLS_GNUTLS_PRIORITY");

  if (user == NULL)
    g_setenv ("G_TLS_GNUTLS_PRIORITY", EY_SITE_CLIENT_TLS_PRIORITY, TRUE);
  else if (strstr (user, ":-VERS-TLS1.1") == NULL)
    {
      g_autofree char *prio = g_strconcat (user, ":-VERS-SSL3.0:-VERS-TLS1.0:-VERS-TLS1.1", NULL);

      g_setenv ("G_TLS_GNUTLS_PRIORITY", prio, TRUE);
    }
  tls_policy_ready = TRUE;
}

/**
 * ey_site_client_warm_tls:
 *
 * Reads the system's trust store once, as the first client without a pinned
 * certificate or CA file would on its first request, and makes new TLS connections
 * cheap to set up (ey-default-database.c).  It blocks: a program that cares about
 * its main loop calls it in a worker at start.
 */
void
ey_site_client_warm_tls (void)
{
  g_autoptr(GTlsDatabase) system = NULL;

  _ey_default_database_install ();
  system = _ey_default_database_get_system ();
  if (system == NULL)
    g_debug ("no system trust store to warm");
}

static void
ey_site_client_init (EySiteClient *self)
{
  self->timeout = 30;
  self->retry_delay = 500;
  self->max_body = DEFAULT_MAX_BODY;
  self->max_decoded = DEFAULT_MAX_DECODED;
  self->answer_seconds = DEFAULT_ANSWER_TIME;
}

static SoupSession *
get_session (EySiteClient *self)
{
  g_autoptr(SoupCookieJar) jar = NULL;

  if (self->session)
    return self->session;

  self->session = soup_session_new_with_options ("user-agent", PACKAGE_NAME "/" PACKAGE_VERSION,
                                                 "timeout", self->timeout,
                                                 "idle-timeout", 60,
                                                 "proxy-resolver", g_proxy_resolver_get_default (),
                                                 NULL);
  /* A connection starts with the process's default database before libsoup gives it
   * the session's: make that one cheap (ey-default-database.c), and give the session
   * the system's own when nothing else was chosen, so that it verifies as before. */
  _ey_default_database_install ();
  if (self->database)
    soup_session_set_tls_database (self->session, self->database);
  else
    {
      g_autoptr(GTlsDatabase) system = _ey_default_database_get_system ();

      if (system)
        soup_session_set_tls_database (self->session, system);
    }

  /* A plain SoupCookieJar keeps cookies in memory only: nothing on disk */
  jar = soup_cookie_jar_new ();
  soup_cookie_jar_set_accept_policy (jar, SOUP_COOKIE_JAR_ACCEPT_NO_THIRD_PARTY);
  soup_session_add_feature (self->session, SOUP_SESSION_FEATURE (jar));
  return self->session;
}

EySiteClient *
ey_site_client_new (EySiteProfile *profile)
{
  EySiteClient *self;

  g_return_val_if_fail (EY_IS_SITE_PROFILE (profile), NULL);

  /* Setting it here would be too late (threads run) and racy: a program bug. */
  if (!tls_policy_ready)
    g_critical ("ey_site_client_init_tls_policy() was not called in main(): "
                "this client will refuse every request");
  self = g_object_new (EY_TYPE_SITE_CLIENT, NULL);
  self->profile = g_object_ref (profile);
  return self;
}

EySiteProfile *
ey_site_client_get_profile (EySiteClient *self)
{
  g_return_val_if_fail (EY_IS_SITE_CLIENT (self), NULL);
  return self->profile;
}

gboolean
ey_site_client_set_base_url (EySiteClient  *self,
                             const char    *url,
                             GError       **error)
{
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (EY_IS_SITE_CLIENT (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  if (!self->allow_http && g_ascii_strncasecmp (url, "http:", 5) == 0)
    {
      g_set_error_literal (error, EY_CORE_ERROR, EY_CORE_ERROR_INSECURE_URL,
                           ey_core_error_message (EY_CORE_ERROR_INSECURE_URL));
      return FALSE;
    }
  if (!ey_site_profile_set_base_url (self->profile, url, self->allow_http, &local))
    {
      g_set_error (error, EY_CORE_ERROR, EY_CORE_ERROR_FAILED, "%s", local->message);
      return FALSE;
    }
  return TRUE;
}

const char *
ey_site_client_get_base_url (EySiteClient *self)
{
  g_return_val_if_fail (EY_IS_SITE_CLIENT (self), NULL);
  return ey_site_profile_get_base_url (self->profile);
}

void
ey_site_client_set_allow_http (EySiteClient *self,
                               gboolean      allow)
{
  g_return_if_fail (EY_IS_SITE_CLIENT (self));
  self->allow_http = !!allow;
}

static void
set_database (EySiteClient *self,
              GTlsDatabase *database)
{
  g_set_object (&self->database, database);
  if (self->session)
    soup_session_set_tls_database (self->session, database);
}

gboolean
ey_site_client_set_ca_file (EySiteClient  *self,
                            const char    *pem_file,
                            GError       **error)
{
  g_autoptr(GTlsDatabase) db = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (EY_IS_SITE_CLIENT (self), FALSE);

  db = g_tls_file_database_new (pem_file, &local);
  if (db == NULL)
    {
      g_set_error (error, EY_CORE_ERROR, EY_CORE_ERROR_TLS_FAILED,
                   _("Cannot read the CA certificate “%s”: %s"), pem_file, local->message);
      return FALSE;
    }
  g_clear_object (&self->pinned);
  set_database (self, db);
  return TRUE;
}

gboolean
ey_site_client_set_pinned_cert_file (EySiteClient  *self,
                                     const char    *pem_file,
                                     GError       **error)
{
  g_autoptr(GTlsCertificate) cert = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (EY_IS_SITE_CLIENT (self), FALSE);

  cert = g_tls_certificate_new_from_file (pem_file, &local);
  if (cert == NULL)
    {
      g_set_error (error, EY_CORE_ERROR, EY_CORE_ERROR_TLS_FAILED,
                   _("Cannot read the certificate “%s”: %s"), pem_file, local->message);
      return FALSE;
    }
  ey_site_client_set_pinned_cert (self, cert);
  return TRUE;
}

void
ey_site_client_set_pinned_cert (EySiteClient    *self,
                                GTlsCertificate *certificate)
{
  g_autoptr(GTlsDatabase) db = NULL;

  g_return_if_fail (EY_IS_SITE_CLIENT (self));
  g_return_if_fail (G_IS_TLS_CERTIFICATE (certificate));

  g_set_object (&self->pinned, certificate);

  /* The pinned certificate is the only thing trusted, so that no other
   * certificate (not even one the system trusts) gets through the
   * handshake; the exact match is checked again after each answer. */
  db = ey_pinned_database_new (certificate);
  set_database (self, db);
}

void
ey_site_client_set_timeout (EySiteClient *self,
                            guint         seconds)
{
  g_return_if_fail (EY_IS_SITE_CLIENT (self));
  self->timeout = seconds;
  if (self->session)
    soup_session_set_timeout (self->session, seconds);
}

void
ey_site_client_set_retry_delay (EySiteClient *self,
                                guint         msec)
{
  g_return_if_fail (EY_IS_SITE_CLIENT (self));
  self->retry_delay = msec;
}

void
ey_site_client_set_limits (EySiteClient *self,
                           gsize         max_body,
                           gsize         max_decoded,
                           guint         answer_seconds)
{
  g_return_if_fail (EY_IS_SITE_CLIENT (self));
  self->max_body = max_body ? max_body : DEFAULT_MAX_BODY;
  self->max_decoded = max_decoded ? max_decoded : DEFAULT_MAX_DECODED;
  self->answer_seconds = answer_seconds ? answer_seconds : DEFAULT_ANSWER_TIME;
}

const char *
ey_site_client_get_follow_up_url (EySiteClient *self)
{
  g_return_val_if_fail (EY_IS_SITE_CLIENT (self), NULL);
  return self->follow_up_url;
}

const char *
ey_site_client_get_current_url (EySiteClient *self)
{
  g_return_val_if_fail (EY_IS_SITE_CLIENT (self), NULL);
  return self->current_url;
}

void
ey_site_client_reset (EySiteClient *self)
{
  g_return_if_fail (EY_IS_SITE_CLIENT (self));

  /* A new SoupSession is the only sure way to drop every cookie */
  if (self->session)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_pointer (&self->current_url, g_free);
  g_clear_pointer (&self->follow_up_url, g_free);
}

/* Checks that the client may go to @url: an allowed host of the profile,
 * and https unless allowed otherwise. */
static char *
check_url (EySiteClient  *self,
           const char    *base,
           const char    *href,
           GError       **error)
{
  g_autoptr(GError) local = NULL;
  char *url;

  url = ey_site_profile_resolve (self->profile, base, href, &local);
  if (url == NULL)
    {
      g_debug ("refused URL %s: %s", href, local->message);
      if (g_error_matches (local, EY_SITE_PROFILE_ERROR, EY_SITE_PROFILE_ERROR_HOST_NOT_ALLOWED))
        g_set_error_literal (error, EY_CORE_ERROR, EY_CORE_ERROR_FOREIGN_REDIRECT,
                             ey_core_error_message (EY_CORE_ERROR_FOREIGN_REDIRECT));
      else if (!self->allow_http && g_ascii_strncasecmp (href, "http:", 5) == 0)
        g_set_error_literal (error, EY_CORE_ERROR, EY_CORE_ERROR_INSECURE_URL,
                             ey_core_error_message (EY_CORE_ERROR_INSECURE_URL));
      else
        g_set_error_literal (error, EY_CORE_ERROR, EY_CORE_ERROR_FOREIGN_REDIRECT,
                             ey_core_error_message (EY_CORE_ERROR_FOREIGN_REDIRECT));
      return NULL;
    }
  if (!self->allow_http && g_ascii_strncasecmp (url, "https:", 6) != 0)
    {
      g_free (url);
      g_set_error_literal (error, EY_CORE_ERROR, EY_CORE_ERROR_INSECURE_URL,
                           ey_core_error_message (EY_CORE_ERROR_INSECURE_URL));
      return NULL;
    }
  return url;
}

GUri *
ey_site_client_resolve (EySiteClient  *self,
                        const char    *href,
                        GError       **error)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (EY_IS_SITE_CLIENT (self), NULL);

  url = check_url (self, NULL, href, error);
  if (url == NULL)
    return NULL;
  return g_uri_parse (url, SOUP_HTTP_URI_FLAGS, error);
}

static gboolean
accept_certificate_cb (SoupMessage          *msg,
                       GTlsCertificate      *peer,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  EySiteClient *self = user_data;
  gboolean same = self->pinned != NULL && g_tls_certificate_is_same (peer, self->pinned);

  g_debug ("server certificate not verified (flags 0x%x); pinned match: %s",
           errors, same ? "yes" : "no");
  return same;
}

static void request_send (GTask *task);

static gboolean
is_transport_retryable (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;
  if (error->domain == G_TLS_ERROR)
    return FALSE;
  return error->domain == G_IO_ERROR || error->domain == G_RESOLVER_ERROR ||
         error->domain == SOUP_SESSION_ERROR;
}

static gboolean
retry_cb (gpointer user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);

  req->retry_source = 0;
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }
  request_send (task);   /* takes over our reference */
  return G_SOURCE_REMOVE;
}

/* A POST failed: do not resend it; look where the site is instead. */
static gboolean
start_reread (GTask  *task,
              GError *error)
{
  Request *req = g_task_get_task_data (task);

  if (req->reread_url == NULL || req->post_error != NULL ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_CANCELLED) ||
      g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_TLS_UNTRUSTED) ||
      g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_FOREIGN_REDIRECT))
    return FALSE;

  g_debug ("%s %s failed; re-reading %s", req->method, req->url, req->reread_url);
  req->post_error = error;
  g_free (req->method);
  req->method = g_strdup ("GET");
  g_clear_pointer (&req->url, g_free);
  req->url = g_strdup (req->reread_url);
  g_clear_pointer (&req->body, g_bytes_unref);
  req->attempt = 0;
  req->hops = 0;
  return TRUE;
}

static void
fail (GTask  *task,
      GError *error)
{
  EySiteClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);

  error = ey_core_error_from_transport (error);
  if (req->accepted &&
      !g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_CANCELLED) &&
      !g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_TLS_UNTRUSTED) &&
      !g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_FOREIGN_REDIRECT))
    {
      /* The site took the POST (it sent us on): sending it again would
       * repeat what it did (a second SMS, a second application). Say so,
       * and keep where the site sent us so that the caller can GET it. */
      g_debug ("POST accepted; the next page %s failed: %s", req->url, error->message);
      g_free (self->follow_up_url);
      self->follow_up_url = g_strdup (req->url);
      g_clear_error (&error);
      error = ey_core_error_new (EY_CORE_ERROR_FOLLOW_UP_FAILED);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (start_reread (task, error))
    {
      request_send (task);
      return;
    }
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
finish_success (GTask       *task,
                SoupMessage *msg,
                GBytes      *bytes)
{
  EySiteClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  const char *content_type = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                           "Content-Type");

  g_free (self->current_url);
  self->current_url = g_strdup (req->url);
  g_clear_pointer (&self->follow_up_url, g_free);

  if (req->want == WANT_BYTES)
    {
      RawResult *raw = g_new0 (RawResult, 1);

      raw->bytes = g_bytes_ref (bytes);
      raw->content_type = g_strdup (content_type);
      g_task_return_pointer (task, raw, (GDestroyNotify) raw_result_free);
    }
  else
    {
      g_autoptr(GError) error = NULL;
      EySitePage *page = ey_site_page_new (self->profile, bytes, content_type, req->url, &error);

      if (page == NULL)
        {
          g_debug ("page %s not readable: %s", req->url, error->message);
          g_task_return_error (task, ey_core_error_new_unexpected (_("a page of the site"),
                                                                   _("something unreadable")));
        }
      else
        {
          g_debug ("%s → page %s", req->url, ey_site_page_kind_to_string (ey_site_page_get_kind (page)));
          g_task_return_pointer (task, page, g_object_unref);
        }
    }
  g_object_unref (task);
}

/* What came back from one exchange, once the whole body is read. */
static void
process_answer (GTask       *task,
                SoupMessage *msg,
                GBytes      *bytes)
{
  EySiteClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint status;

  /* Pinning means exactly this certificate, not merely one the pinned
   * certificate (if it is a CA) could have issued */
  if (self->pinned && g_str_has_prefix (req->url, "https:"))
    {
      GTlsCertificate *peer = soup_message_get_tls_peer_certificate (msg);

      if (peer == NULL || !g_tls_certificate_is_same (peer, self->pinned))
        {
          g_task_return_error (task, ey_core_error_new (EY_CORE_ERROR_TLS_UNTRUSTED));
          g_object_unref (task);
          return;
        }
    }

  status = soup_message_get_status (msg);
  g_debug ("%s %s → %u", req->method, req->url, status);

  if (SOUP_STATUS_IS_REDIRECTION (status))
    {
      const char *location = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                           "Location");
      char *next;

      if (location == NULL || ++req->hops > MAX_REDIRECTS)
        {
          fail (task, ey_core_error_new (EY_CORE_ERROR_HTTP_SERVER));
          return;
        }
      next = check_url (self, req->url, location, &error);
      if (next == NULL)
        {
          g_debug ("redirect to %s refused", location);
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          return;
        }
      /* A POST answered with a redirect was taken by the site */
      if (g_strcmp0 (req->method, "POST") == 0)
        req->accepted = TRUE;
      g_free (req->url);
      req->url = next;
      /* 307/308 keep the method and body; everything else becomes a GET */
      if (status != SOUP_STATUS_TEMPORARY_REDIRECT && status != SOUP_STATUS_PERMANENT_REDIRECT)
        {
          g_free (req->method);
          req->method = g_strdup ("GET");
          g_clear_pointer (&req->body, g_bytes_unref);
        }
      req->attempt = 0;
      request_send (task);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      fail (task, ey_core_error_new (EY_CORE_ERROR_HTTP_SERVER));
      return;
    }

  finish_success (task, msg, bytes);
}

/* One exchange failed in transport (or a limit stopped it). */
static void
attempt_failed (GTask  *task,
                GError *error)
{
  EySiteClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);

  if (req->limit_hit)
    {
      /* Our own limit, not the user's cancel: say which */
      g_debug ("%s %s stopped: %s", req->method, req->url,
               ey_core_error_nick (req->limit_error));
      g_clear_error (&error);
      error = ey_core_error_new (req->limit_error);
    }
  g_debug ("%s %s: %s (attempt %u)", req->method, req->url, error->message, req->attempt + 1);
  attempt_clear (req);

  /* Only GETs are repeated: a POST may have reached the site. A too large
   * answer would only come again. */
  if (g_strcmp0 (req->method, "GET") == 0 && is_transport_retryable (error) &&
      !g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_ANSWER_TOO_LARGE) &&
      req->attempt + 1 < MAX_ATTEMPTS)
    {
      g_clear_error (&error);
      req->attempt++;
      req->retry_source = g_timeout_add (self->retry_delay * req->attempt, retry_cb, task);
      return;
    }
  fail (task, error);
}

static void read_cb (GObject *object, GAsyncResult *result, gpointer user_data);

static void
read_more (GTask *task)
{
  Request *req = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (req->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   req->attempt_cancellable, read_cb, task);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;   /* our reference, passed on or dropped */
  EySiteClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  GError *error = NULL;
  gsize len;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      attempt_failed (task, error);
      return;
    }
  len = g_bytes_get_size (chunk);
  if (len > 0)
    {
      SoupMessageMetrics *metrics = soup_message_get_metrics (req->msg);

      /* Bytes as they came over the wire, before decompression */
      if (metrics && soup_message_metrics_get_response_body_bytes_received (metrics) > self->max_body)
        {
          req->limit_hit = TRUE;
          req->limit_error = EY_CORE_ERROR_ANSWER_TOO_LARGE;
          attempt_failed (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                                                     "body over the limit"));
          return;
        }
      /* The stream is already decompressed (SoupContentDecoder): this is
       * the cap after decompression that stops a "zip bomb" */
      if (req->data->len + len > self->max_decoded)
        {
          req->limit_hit = TRUE;
          req->limit_error = EY_CORE_ERROR_ANSWER_TOO_LARGE;
          attempt_failed (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                                                     "decoded body over the limit"));
          return;
        }
      g_byte_array_append (req->data, g_bytes_get_data (chunk, NULL), len);
      read_more (task);
      return;
    }

  /* The end of the answer */
  msg = g_steal_pointer (&req->msg);
  body = g_bytes_new (req->data->data, req->data->len);
  attempt_clear (req);
  process_answer (task, msg, body);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;   /* our reference, passed on or dropped */
  EySiteClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  GError *error = NULL;
  goffset length;

  req->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (req->stream == NULL)
    {
      attempt_failed (task, error);
      return;
    }
  /* A declared length over the limit is refused before reading a byte */
  headers = soup_message_get_response_headers (req->msg);
  length = soup_message_headers_get_content_length (headers);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      length > 0 && (guint64) length > self->max_body)
    {
      req->limit_hit = TRUE;
      req->limit_error = EY_CORE_ERROR_ANSWER_TOO_LARGE;
      attempt_failed (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                                                 "declared body over the limit"));
      return;
    }
  req->data = g_byte_array_new ();
  read_more (task);
}

static void
stop_attempt (Request     *req,
              EyCoreError  code)
{
  if (req->limit_hit)
    return;
  req->limit_hit = TRUE;
  req->limit_error = code;
  g_cancellable_cancel (req->attempt_cancellable);
}

static gboolean
deadline_cb (gpointer user_data)
{
  Request *req = user_data;

  /* A server that drips one byte at a time never trips the socket's
   * per-read timeout: this bounds the whole answer */
  req->deadline_source = 0;
  stop_attempt (req, EY_CORE_ERROR_ANSWER_TOO_SLOW);
  return G_SOURCE_REMOVE;
}

static void
network_event_cb (SoupMessage        *msg,
                  GSocketClientEvent  event,
                  GIOStream          *connection,
                  gpointer            user_data)
{
  Request *req = user_data;
  GTlsProtocolVersion version;

  if (event != G_SOCKET_CLIENT_TLS_HANDSHAKED || !G_IS_TLS_CONNECTION (connection))
    return;
  /* The priority string (ey_site_client_init_tls_policy) keeps older versions
   * from being offered at all; this catches a GnuTLS configured otherwise
   * before a byte of the request is written. */
  version = g_tls_connection_get_protocol_version (G_TLS_CONNECTION (connection));
  if (version != G_TLS_PROTOCOL_VERSION_TLS_1_2 && version != G_TLS_PROTOCOL_VERSION_TLS_1_3)
    {
      g_debug ("TLS protocol version %d refused", version);
      stop_attempt (req, EY_CORE_ERROR_TLS_TOO_OLD);
    }
}

static void
parent_cancelled_cb (GCancellable *parent,
                     gpointer      user_data)
{
  GCancellable *attempt = user_data;

  g_cancellable_cancel (attempt);
}

/* Takes over one reference of @task. */
static void
request_send (GTask *task)
{
  EySiteClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;

  uri = g_uri_parse (req->url, SOUP_HTTP_URI_FLAGS, &error);
  /* Without the policy older TLS versions may be offered: no request at all. */
  if (uri == NULL || !tls_policy_ready)
    {
      g_task_return_error (task, ey_core_error_new (EY_CORE_ERROR_FAILED));
      g_object_unref (task);
      return;
    }
  attempt_clear (req);
  req->msg = soup_message_new_from_uri (req->method, uri);
  /* Redirects are followed here, after checking each target's host.
   *
   * Every exchange gets a connection of its own, closed after the answer.
   * Why: libsoup 3.2.3 crashes when a kept-alive connection is closed by
   * the server before the answer to an idempotent request (the GET after
   * a POST's 303 reuses the POST's connection). request_is_restartable()
   * (http1/soup-client-message-io-http1.c) marks the item RESTARTING and
   * the session re-sends it at once on another idle connection; the first
   * attempt's run_until_read GTask only completes later, from an idle, when
   * item->state is RUNNING again, so run_until_read_done() (soup-session.c)
   * takes its stale "Connection terminated unexpectedly" for the new
   * attempt: it finishes the new attempt's I/O and returns the error; when
   * the new attempt's own read completes, soup_message_get_io_data() is
   * NULL and soup_client_message_io_get_response_stream() dereferences it
   * (seen under ASan with libsoup 3.2.3 built from Debian's source: SEGV
   * at soup-client-message-io.c:115 from soup-session.c:2816, or a
   * heap-use-after-free of the queue item; 5 of 10 runs of sign-in with
   * kamusm-sim's drop fault on the page after the 303). A connection used
   * only once is never "ever_used", so libsoup never restarts on its own
   * and the retry is ours (GETs only, counted, visible in the log). Over
   * HTTP/2 libsoup leaves the Connection header out by itself. */
  soup_message_add_flags (req->msg, SOUP_MESSAGE_NO_REDIRECT | SOUP_MESSAGE_NEW_CONNECTION |
                                    SOUP_MESSAGE_COLLECT_METRICS);
  soup_message_headers_replace (soup_message_get_request_headers (req->msg), "Connection",
                                "close");
  if (req->body)
    soup_message_set_request_body_from_bytes (req->msg, req->content_type, req->body);
  if (self->pinned)
    g_signal_connect_object (req->msg, "accept-certificate",
                             G_CALLBACK (accept_certificate_cb), self, 0);
  g_signal_connect (req->msg, "network-event", G_CALLBACK (network_event_cb), req);

  req->attempt_cancellable = g_cancellable_new ();
  if (req->parent_cancellable)
    req->cancel_id = g_cancellable_connect (req->parent_cancellable,
                                            G_CALLBACK (parent_cancelled_cb),
                                            req->attempt_cancellable, NULL);
  if (self->answer_seconds > 0)
    req->deadline_source = g_timeout_add_seconds (self->answer_seconds, deadline_cb, req);

  soup_session_send_async (get_session (self), req->msg, G_PRIORITY_DEFAULT,
                           req->attempt_cancellable, send_cb, task);
}

static void
start_request (EySiteClient        *self,
               const char          *method,
               const char          *href,
               EyFormData          *data,
               const char          *reread_href,
               Want                 want,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task;
  Request *req;
  GError *error = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  req = g_new0 (Request, 1);
  req->method = g_strdup (method);
  req->want = want;
  req->parent_cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  g_task_set_task_data (task, req, (GDestroyNotify) request_free);

  req->url = check_url (self, self->current_url, href, &error);
  if (req->url == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (reread_href)
    {
      req->reread_url = check_url (self, self->current_url, reread_href, &error);
      if (req->reread_url == NULL)
        {
          g_task_return_error (task, error);
          g_object_unref (task);
          return;
        }
    }
  if (data)
    {
      req->body = ey_form_data_encode (data, &error);
      if (req->body == NULL)
        {
          g_task_return_error (task, error);
          g_object_unref (task);
          return;
        }
      req->content_type = g_strdup (ey_form_data_get_content_type (data));
    }
  request_send (task);
}

void
ey_site_client_get_page_async (EySiteClient        *self,
                               const char          *href,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (EY_IS_SITE_CLIENT (self));
  g_return_if_fail (href != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  start_request (self, "GET", href, NULL, NULL, WANT_PAGE,
                 ey_site_client_get_page_async, cancellable, callback, user_data);
}

EySitePage *
ey_site_client_get_page_finish (EySiteClient  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ey_site_client_post_form_async (EySiteClient        *self,
                                EyFormData          *data,
                                const char          *reread_href,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (EY_IS_SITE_CLIENT (self));
  g_return_if_fail (data != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  start_request (self, ey_form_data_get_method (data), ey_form_data_get_url (data), data,
                 reread_href ? reread_href : ey_form_data_get_url (data), WANT_PAGE,
                 ey_site_client_post_form_async, cancellable, callback, user_data);
}

EySitePage *
ey_site_client_post_form_finish (EySiteClient  *self,
                                 GAsyncResult  *result,
                                 GError       **post_error,
                                 GError       **error)
{
  Request *req;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  req = g_task_get_task_data (G_TASK (result));
  if (post_error && req->post_error)
    *post_error = g_error_copy (req->post_error);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
ey_site_client_get_bytes_async (EySiteClient        *self,
                                const char          *href,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (EY_IS_SITE_CLIENT (self));
  g_return_if_fail (href != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  start_request (self, "GET", href, NULL, NULL, WANT_BYTES,
                 ey_site_client_get_bytes_async, cancellable, callback, user_data);
}

static GBytes *
raw_finish (EySiteClient  *self,
            GAsyncResult  *result,
            char         **content_type,
            GError       **error)
{
  RawResult *raw;
  GBytes *bytes;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  raw = g_task_propagate_pointer (G_TASK (result), error);
  if (raw == NULL)
    return NULL;
  if (content_type)
    *content_type = g_steal_pointer (&raw->content_type);
  bytes = g_steal_pointer (&raw->bytes);
  raw_result_free (raw);
  return bytes;
}

GBytes *
ey_site_client_get_bytes_finish (EySiteClient  *self,
                                 GAsyncResult  *result,
                                 char         **content_type,
                                 GError       **error)
{
  return raw_finish (self, result, content_type, error);
}

void
ey_site_client_post_bytes_async (EySiteClient        *self,
                                 EyFormData          *data,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (EY_IS_SITE_CLIENT (self));
  g_return_if_fail (data != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  start_request (self, "POST", ey_form_data_get_url (data), data, NULL, WANT_BYTES,
                 ey_site_client_post_bytes_async, cancellable, callback, user_data);
}

GBytes *
ey_site_client_post_bytes_finish (EySiteClient  *self,
                                  GAsyncResult  *result,
                                  char         **content_type,
                                  GError       **error)
{
  return raw_finish (self, result, content_type, error);
}
