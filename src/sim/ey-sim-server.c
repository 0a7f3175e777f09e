/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-sim-server"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <gnutls/gnutls.h>

#include "ey-sim-cert-private.h"
#include "ey-sim-html-private.h"
#include "ey-sim-server-private.h"
#include "ey-sim-variation-private.h"

#define COOKIE_NAME "JSESSIONID"

enum {
  SIGNAL_SMS_SENT,
  SIGNAL_EVENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (EySimServer, ey_sim_server, G_TYPE_OBJECT)
G_DEFINE_QUARK (ey-sim-error-quark, ey_sim_error)

/* A request held back by the "slow" fault; the main context keeps running. */
typedef struct
{
  EySimServer       *server;
  SoupServerMessage *msg;
  char              *path;
  GHashTable        *query;
  guint              timeout_id;
  gulong             disconnected_id;
  guint              drip_sent;       /* the "drip" fault: bytes sent so far */
} Pending;

static void handle_request (EySimServer       *self,
                            SoupServerMessage *msg,
                            const char        *path,
                            GHashTable        *query,
                            gboolean           faults_done);

void
ey_sim_options_init (EySimOptions *opts)
{
  g_return_if_fail (opts != NULL);

  memset (opts, 0, sizeof *opts);
  opts->address = "127.0.0.1";
  opts->sms_ttl = 236;
  opts->code_ttl = 260;
  opts->session_idle = 900;
  opts->charset = "utf-8";
  opts->variant = "default";
  opts->slow_ms = 3000;
}

static void
pending_free (Pending *p)
{
  g_clear_handle_id (&p->timeout_id, g_source_remove);
  g_clear_signal_handler (&p->disconnected_id, p->msg);
  g_clear_object (&p->msg);
  g_clear_pointer (&p->query, g_hash_table_unref);
  g_free (p->path);
  g_free (p);
}

static void
wipe_string (gpointer data)
{
  char *s = data;

  if (s)
    explicit_bzero (s, strlen (s));
  g_free (s);
}

static void
ey_sim_server_dispose (GObject *object)
{
  ey_sim_server_stop (EY_SIM_SERVER (object));
  G_OBJECT_CLASS (ey_sim_server_parent_class)->dispose (object);
}

static void
ey_sim_server_finalize (GObject *object)
{
  EySimServer *self = EY_SIM_SERVER (object);

  g_free (self->address);
  g_free (self->tls_cert_file);
  g_free (self->tls_key_file);
  g_free (self->people_file);
  g_strfreev (self->trust_ca_files);
  g_free (self->captcha_text);
  g_free (self->charset);
  g_free (self->log_file);
  g_free (self->state_file);
  g_free (self->sms_file);
  g_free (self->hostile_veri);
  g_free (self->cert_pem);
  g_free (self->fingerprint);
  g_free (self->base_url);
  g_clear_object (&self->cert);
  g_clear_pointer (&self->people, ey_sim_people_free);
  g_clear_pointer (&self->sessions, ey_sim_sessions_free);
  g_clear_pointer (&self->log, ey_sim_log_free);
  g_clear_pointer (&self->faults, ey_sim_faults_free);
  g_clear_pointer (&self->last_sms, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_object (&self->sms_out);
  if (self->trust)
    gnutls_x509_trust_list_deinit (self->trust, 1);
  G_OBJECT_CLASS (ey_sim_server_parent_class)->finalize (object);
}

static void
ey_sim_server_class_init (EySimServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ey_sim_server_dispose;
  object_class->finalize = ey_sim_server_finalize;

  /**
   * EySimServer::sms-sent:
   * The simulated SMS gateway "sent" @code to @identity's phone.
   */
  signals[SIGNAL_SMS_SENT] =
    g_signal_new ("sms-sent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * EySimServer::event:
   * A state-log event was recorded (JsonObject, transfer none).
   */
  signals[SIGNAL_EVENT] =
    g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, JSON_TYPE_OBJECT);
}

static void
ey_sim_server_init (EySimServer *self)
{
  self->faults = ey_sim_faults_new ();
  self->sessions = ey_sim_sessions_new ();
  self->last_sms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, wipe_string);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
}

static void
log_event_cb (JsonObject *event,
              gpointer    user_data)
{
  g_signal_emit (user_data, signals[SIGNAL_EVENT], 0, event);
}

EySimServer *
ey_sim_server_new (const EySimOptions *opts)
{
  EySimServer *self = g_object_new (EY_TYPE_SIM_SERVER, NULL);
  EySimOptions defaults;

  ey_sim_options_init (&defaults);
  if (opts == NULL)
    opts = &defaults;
  self->address = g_strdup (opts->address ? opts->address : defaults.address);
  self->http = opts->http;
  self->tls_cert_file = g_strdup (opts->tls_cert_file);
  self->tls_key_file = g_strdup (opts->tls_key_file);
  self->people_file = g_strdup (opts->people_file);
  self->state_file = g_strdup (opts->state_file);
  self->trust_ca_files = g_strdupv ((GStrv) opts->trust_ca_files);
  self->sms_ttl = opts->sms_ttl ? opts->sms_ttl : defaults.sms_ttl;
  self->code_ttl = opts->code_ttl ? opts->code_ttl : defaults.code_ttl;
  self->session_idle = opts->session_idle ? opts->session_idle : defaults.session_idle;
  self->slow_ms = opts->slow_ms ? opts->slow_ms : defaults.slow_ms;
  self->captcha_text = g_strdup (opts->captcha_text);
  self->charset = g_ascii_strdown (opts->charset ? opts->charset : defaults.charset, -1);
  self->names = ey_sim_names_get (opts->variant);
  self->control = opts->control;
  self->log_file = g_strdup (opts->log_file);
  self->sms_file = g_strdup (opts->sms_file);
  self->print_sms = opts->print_sms;
  self->demo = opts->demo;
  /* From the start, so that the "event" signal and the file see every event. */
  self->log = ey_sim_log_new (self->log_file, log_event_cb, self);
  return self;
}

/* --- responses (shared with the flow files) ---------------------------------------- */

void
_ey_sim_respond_bytes (EySimRequest *r,
                       guint         status,
                       const char   *content_type,
                       GBytes       *body)
{
  gsize len;
  gconstpointer data = g_bytes_get_data (body, &len);

  soup_server_message_set_status (r->msg, status, NULL);
  soup_server_message_set_response (r->msg, content_type, SOUP_MEMORY_COPY, data, len);
}

void
ey_sim_server_set_variations (EySimServer *self,
                              guint        flags)
{
  g_return_if_fail (EY_IS_SIM_SERVER (self));
  self->variations = flags;
}

void
_ey_sim_respond_html (EySimRequest *r,
                      guint         status,
                      GString      *html)
{
  g_autoptr(GBytes) body = NULL;
  g_autofree char *type = g_strdup_printf ("text/html; charset=%s", r->server->charset);

  if (r->server->variations != 0)
    ey_sim_variation_apply (html, r->server->variations);
  body = ey_sim_html_encode (html, r->server->charset);

  g_string_free (html, TRUE);
  soup_message_headers_replace (soup_server_message_get_response_headers (r->msg),
                                "Cache-Control", "no-store");
  _ey_sim_respond_bytes (r, status, type, body);
}

void
_ey_sim_redirect (EySimRequest *r,
                  EySimPage     page,
                  const char   *query)
{
  g_autofree char *location = g_strconcat (r->server->names->prefix,
                                           r->server->names->page[page],
                                           query ? "?" : "", query, NULL);

  soup_server_message_set_redirect (r->msg, SOUP_STATUS_SEE_OTHER, location);
}

const char *
_ey_sim_raw_arg (EySimRequest *r,
                 const char   *name)
{
  const char *v = r->args ? g_hash_table_lookup (r->args, name) : NULL;

  return v ? v : "";
}

const char *
_ey_sim_arg (EySimRequest *r,
             EySimField    field)
{
  return _ey_sim_raw_arg (r, r->server->names->field[field]);
}

guint
_ey_sim_seconds_left (gint64 deadline)
{
  gint64 left = deadline - g_get_monotonic_time ();

  return left <= 0 ? 0 : (guint) ((left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

char *
_ey_sim_mask_phone (const char *phone)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *d;

  for (const char *p = phone ? phone : ""; *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  d = digits->str;
  if (g_str_has_prefix (d, "90") && digits->len == 12)
    d += 2;
  else if (*d == '0')
    d++;
  if (strlen (d) < 4)
    return g_strdup ("*****");
  /* As the site shows it: "50*****9". */
  return g_strdup_printf ("%.2s*****%c", d, d[strlen (d) - 1]);
}

void
_ey_sim_send_sms (EySimRequest *r)
{
  EySimServer *self = r->server;
  EySimSession *s = r->session;
  const char *identity = s->person->identity;
  const char *phone = g_hash_table_lookup (s->form, GINT_TO_POINTER (EY_SIM_F_PHONE));
  g_autofree char *code = ey_sim_random_digits (6);
  g_autofree char *masked = _ey_sim_mask_phone (phone ? phone : s->person->phone);

  ey_sim_session_set_secret (&s->sms_code, code);
  s->sms_deadline = g_get_monotonic_time () + (gint64) self->sms_ttl * G_USEC_PER_SEC;
  g_hash_table_replace (self->last_sms, g_strdup (identity), g_strdup (code));

  /* The simulated gateway: the "phone" is stdout, a file and a signal. */
  if (self->print_sms)
    {
      g_print ("SMS %s %s %s\n", identity, masked, code);
      fflush (stdout);
    }
  if (self->sms_out)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *time = ey_sim_log_now_iso ();
      g_autofree char *line = NULL;
      g_autofree char *with_nl = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "time");
      json_builder_add_string_value (b, time);
      json_builder_set_member_name (b, "identity");
      json_builder_add_string_value (b, identity);
      json_builder_set_member_name (b, "phone");
      json_builder_add_string_value (b, masked);
      json_builder_set_member_name (b, "code");
      json_builder_add_string_value (b, code);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      line = json_to_string (root, FALSE);
      with_nl = g_strconcat (line, "\n", NULL);
      g_output_stream_write_all (G_OUTPUT_STREAM (self->sms_out), with_nl, strlen (with_nl),
                                 NULL, NULL, NULL);
      g_output_stream_flush (G_OUTPUT_STREAM (self->sms_out), NULL, NULL);
    }
  ey_sim_log_event (self->log, "sms-sent", s->id, identity, "phone", masked, NULL);
  g_signal_emit (self, signals[SIGNAL_SMS_SENT], 0, identity, masked, code);
  explicit_bzero (code, strlen (code));
}

/* --- request handling --------------------------------------------------------------- */

static char *
cookie_session_id (SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                                      "Cookie");
  g_autoptr(GHashTable) params = NULL;

  if (header == NULL)
    return NULL;
  params = soup_header_parse_semi_param_list (header);
  return g_strdup (g_hash_table_lookup (params, COOKIE_NAME));
}

static void
set_cookie (EySimServer       *self,
            SoupServerMessage *msg,
            EySimSession      *s)
{
  g_autofree char *value = g_strdup_printf ("%s=%s; Path=%s; HttpOnly; SameSite=Lax%s",
                                            COOKIE_NAME, s->id, self->names->prefix,
                                            self->http ? "" : "; Secure");

  soup_message_headers_append (soup_server_message_get_response_headers (msg), "Set-Cookie",
                               value);
}

static GHashTable *
decode_args (EySimServer       *self,
             SoupServerMessage *msg,
             GHashTable        *query)
{
  GHashTable *args = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, wipe_string);
  g_autoptr(GHashTable) form = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (soup_server_message_get_method (msg) == SOUP_METHOD_POST)
    {
      SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autoptr(GBytes) flat = soup_message_body_flatten (body);
      const char *type = soup_message_headers_get_content_type (headers, NULL);

      if (g_strcmp0 (type, "multipart/form-data") == 0)
        {
          g_autoptr(SoupMultipart) multipart = soup_multipart_new_from_message (headers, flat);

          if (multipart)
            form = soup_form_decode_multipart (multipart, NULL, NULL, NULL, NULL);
        }
      else
        {
          g_autofree char *text = g_strndup (g_bytes_get_data (flat, NULL), g_bytes_get_size (flat));

          form = soup_form_decode (text);
          explicit_bzero (text, strlen (text));
        }
    }
  /* Query first, then the body, which wins; everything becomes UTF-8 here. */
  for (int pass = 0; pass < 2; pass++)
    {
      GHashTable *src = pass == 0 ? query : form;

      if (src == NULL)
        continue;
      g_hash_table_iter_init (&iter, src);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          char *utf8 = ey_sim_html_decode (value, self->charset);

          g_hash_table_replace (args, g_strdup (key), utf8 ? utf8 : g_strdup (""));
        }
    }
  return args;
}

static void
expire_session (EySimServer  *self,
                EySimSession *s,
                const char   *reason)
{
  ey_sim_log_event (self->log, "session-expired", s->id,
                    s->person ? s->person->identity : NULL, "reason", reason, NULL);
  ey_sim_sessions_remove (self->sessions, s->id);
}

static void
log_idle_cb (gpointer data,
             gpointer user_data)
{
  EySimSession *s = data;
  EySimServer *self = user_data;

  /* Anonymous sessions (a sign-in page never used) go without a trace. */
  if (s->person)
    ey_sim_log_event (self->log, "session-expired", s->id, s->person->identity,
                      "reason", "idle", NULL);
}

static gboolean
is_public (EySimPage page)
{
  return page == EY_SIM_PAGE_LOGIN || page == EY_SIM_PAGE_CAPTCHA ||
         page == EY_SIM_PAGE_FORGOT || page == EY_SIM_PAGE_LOGOUT ||
         page == EY_SIM_PAGE_JNLP;
}

static void
serve_page (EySimServer       *self,
            SoupServerMessage *msg,
            EySimPage          page,
            GHashTable        *query,
            gboolean           expire)
{
  g_autofree char *id = cookie_session_id (msg);
  EySimSession *s = ey_sim_sessions_lookup (self->sessions, id);
  gint64 now = g_get_monotonic_time ();
  g_autoptr(GHashTable) args = NULL;
  EySimRequest r = { self, msg, NULL, page, FALSE, NULL, NULL, NULL, NULL };

  if (s && expire)
    {
      expire_session (self, s, "fault");
      s = NULL;
    }
  else if (s && now - s->last_seen > (gint64) self->session_idle * G_USEC_PER_SEC)
    {
      expire_session (self, s, "idle");
      s = NULL;
    }
  if (s == NULL)
    {
      ey_sim_sessions_collect (self->sessions, now - (gint64) self->session_idle * G_USEC_PER_SEC,
                               log_idle_cb, self);
      s = ey_sim_sessions_create (self->sessions);
      set_cookie (self, msg, s);
      r.session = s;
      if (!is_public (page))
        {
          s->flash_error = g_strdup ("Oturumunuzun süresi doldu. Lütfen yeniden giriş yapınız.");
          _ey_sim_redirect (&r, EY_SIM_PAGE_LOGIN, NULL);
          return;
        }
    }
  s->last_seen = now;
  args = decode_args (self, msg, query);
  r.session = s;
  r.args = args;
  r.post = soup_server_message_get_method (msg) == SOUP_METHOD_POST;
  _ey_sim_flow_handle (&r);
}

static void
fault_page (EySimServer       *self,
            SoupServerMessage *msg,
            guint              status,
            const char        *heading,
            const char        *text)
{
  EySimRequest r = { self, msg, NULL, EY_SIM_N_PAGES, FALSE, NULL, NULL, NULL, NULL };

  _ey_sim_render_special (&r, status, heading, text);
}

static void
close_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_io_stream_close_finish (G_IO_STREAM (source), result, NULL);
}

static gboolean
slow_done_cb (gpointer user_data)
{
  Pending *p = user_data;
  EySimServer *self = p->server;

  p->timeout_id = 0;
  handle_request (self, p->msg, p->path, p->query, TRUE);
  soup_server_message_unpause (p->msg);
  g_ptr_array_remove_fast (self->pending, p);
  return G_SOURCE_REMOVE;
}

static void
slow_disconnected_cb (SoupServerMessage *msg,
                      gpointer           user_data)
{
  Pending *p = user_data;

  /* The client gave up first (its own timeout): nothing left to answer. */
  g_clear_signal_handler (&p->disconnected_id, msg);
  g_ptr_array_remove_fast (p->server->pending, p);
}

/* 1 GiB of zeros as gzip, made once (about 1 MiB): what a "zip bomb" is. */
static GBytes *
gzip_bomb (void)
{
  static GBytes *bomb;

  if (bomb == NULL)
    {
      g_autoptr(GZlibCompressor) z = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
      g_autoptr(GByteArray) out = g_byte_array_new ();
      g_autofree char *zeros = g_malloc0 (1024 * 1024);
      char buf[65536];

      for (guint i = 0; i <= 1024; i++)
        {
          gsize left = i < 1024 ? 1024 * 1024 : 0;
          const char *in = zeros;

          do
            {
              gsize read = 0, written = 0;
              GConverterResult r;

              r = g_converter_convert (G_CONVERTER (z), in, left, buf, sizeof buf,
                                       i < 1024 ? G_CONVERTER_NO_FLAGS : G_CONVERTER_INPUT_AT_END,
                                       &read, &written, NULL);
              g_byte_array_append (out, (guint8 *) buf, written);
              in += read;
              left -= read;
              if (r == G_CONVERTER_FINISHED || r == G_CONVERTER_ERROR)
                break;
            }
          while (left > 0 || i == 1024);
        }
      bomb = g_byte_array_free_to_bytes (g_steal_pointer (&out));
    }
  return bomb;
}

static gboolean
drip_cb (gpointer user_data)
{
  Pending *p = user_data;
  static const char page[] = "<!DOCTYPE html><html><head><title>Giriş</title></head><body>";

  /* One byte, then wait: a per-read timeout never fires */
  soup_message_body_append (soup_server_message_get_response_body (p->msg), SOUP_MEMORY_STATIC,
                            page + (p->drip_sent % (sizeof page - 1)), 1);
  p->drip_sent++;
  soup_server_message_unpause (p->msg);
  return G_SOURCE_CONTINUE;
}

static void
big_body (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  g_autofree char *chunk = g_malloc (1024 * 1024);

  memset (chunk, ' ', 1024 * 1024);
  memcpy (chunk, "<!DOCTYPE html><html><body>", 27);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                     SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                         "text/html; charset=utf-8", NULL);
  for (guint i = 0; i < 24; i++)
    soup_message_body_append (body, SOUP_MEMORY_COPY, chunk, 1024 * 1024);
  soup_message_body_complete (body);
}

/* The applications' progress, after every request that may have changed it */
void
_ey_sim_server_save_state (EySimServer *self)
{
  g_autoptr(GError) error = NULL;

  if (self->state_file &&
      !ey_sim_sessions_save_applications (self->sessions, self->state_file, &error))
    g_warning ("cannot keep the simulator's state in %s: %s", self->state_file, error->message);
}

static gboolean
apply_fault (EySimServer       *self,
             SoupServerMessage *msg,
             const char        *path,
             const char        *rel,
             GHashTable        *query,
             gboolean          *expire)
{
  EySimFaultKind kind = ey_sim_faults_take (self->faults, rel);

  if (kind == EY_SIM_FAULT_NONE)
    return FALSE;
  ey_sim_log_event (self->log, "fault", NULL, NULL,
                    "kind", ey_sim_fault_kind_to_string (kind), "page", rel, NULL);
  switch (kind)
    {
    case EY_SIM_FAULT_SLOW:
      {
        Pending *p = g_new0 (Pending, 1);

        p->server = self;
        p->msg = g_object_ref (msg);
        p->path = g_strdup (path);
        p->query = query ? g_hash_table_ref (query) : NULL;
        p->disconnected_id = g_signal_connect (msg, "disconnected",
                                               G_CALLBACK (slow_disconnected_cb), p);
        p->timeout_id = g_timeout_add (self->slow_ms, slow_done_cb, p);
        g_ptr_array_add (self->pending, p);
        soup_server_message_pause (msg);
        return TRUE;
      }
    case EY_SIM_FAULT_DROP:
      {
        g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

        if (stream)
          g_io_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, close_cb, NULL);
        return TRUE;
      }
    case EY_SIM_FAULT_HTTP500:
      fault_page (self, msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "Sunucu Hatası",
                  "İşleminiz şu anda gerçekleştirilemiyor. Lütfen daha sonra tekrar deneyiniz.");
      return TRUE;
    case EY_SIM_FAULT_UNEXPECTED_PAGE:
      fault_page (self, msg, SOUP_STATUS_OK, "Bakım Çalışması",
                  "Başvuru sistemimizde planlı bakım çalışması yapılmaktadır. Lütfen daha "
                  "sonra tekrar deneyiniz.");
      return TRUE;
    case EY_SIM_FAULT_EXPIRE_SESSION:
      *expire = TRUE;
      return FALSE;
    case EY_SIM_FAULT_BIG_BODY:
      big_body (msg);
      return TRUE;
    case EY_SIM_FAULT_GZIP_BOMB:
      {
        GBytes *bomb = gzip_bomb ();

        soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                      "Content-Encoding", "gzip");
        soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
        soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_STATIC,
                                          g_bytes_get_data (bomb, NULL),
                                          g_bytes_get_size (bomb));
        return TRUE;
      }
    case EY_SIM_FAULT_DRIP:
      {
        Pending *p = g_new0 (Pending, 1);

        p->server = self;
        p->msg = g_object_ref (msg);
        p->disconnected_id = g_signal_connect (msg, "disconnected",
                                               G_CALLBACK (slow_disconnected_cb), p);
        soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
        soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                           SOUP_ENCODING_CHUNKED);
        soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                               "text/html; charset=utf-8", NULL);
        p->timeout_id = g_timeout_add (self->slow_ms, drip_cb, p);
        g_ptr_array_add (self->pending, p);
        return TRUE;
      }
    case EY_SIM_FAULT_NONE:
    default:
      return FALSE;
    }
}

gboolean _ey_sim_control_handle (EySimServer       *self,
                                 SoupServerMessage *msg,
                                 const char        *path,
                                 GHashTable        *query);

static void
handle_request (EySimServer       *self,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gboolean           faults_done)
{
  const EySimNames *n = self->names;
  const char *rel;
  EySimPage page;
  gboolean expire = FALSE;

  if (self->control && g_str_has_prefix (path, "/_sim/"))
    {
      _ey_sim_control_handle (self, msg, path, query);
      return;
    }
  if (g_strcmp0 (path, "/") == 0 || strncmp (path, n->prefix, strlen (n->prefix) - 1) == 0)
    {
      if (!g_str_has_prefix (path, n->prefix) || path[strlen (n->prefix)] == '\0')
        {
          g_autofree char *to = g_strconcat (n->prefix, n->page[EY_SIM_PAGE_LOGIN], NULL);

          soup_server_message_set_redirect (msg, SOUP_STATUS_SEE_OTHER, to);
          return;
        }
    }
  rel = g_str_has_prefix (path, n->prefix) ? path + strlen (n->prefix) : NULL;
  page = rel ? ey_sim_names_find_page (n, rel) : EY_SIM_N_PAGES;
  if (page == EY_SIM_N_PAGES)
    {
      fault_page (self, msg, SOUP_STATUS_NOT_FOUND, "Sayfa Bulunamadı",
                  "Aradığınız sayfa bulunamadı.");
      return;
    }
  if (!faults_done && apply_fault (self, msg, path, rel, query, &expire))
    return;
  serve_page (self, msg, page, query, expire);
  _ey_sim_server_save_state (self);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  handle_request (EY_SIM_SERVER (user_data), msg, path, query, FALSE);
}

/* --- start and stop ------------------------------------------------------------------ */

static gboolean
load_tls (EySimServer  *self,
          GError      **error)
{
  g_autofree char *key_pem = NULL;

  if (self->tls_cert_file || self->tls_key_file)
    {
      if (!self->tls_cert_file || !self->tls_key_file)
        {
          g_set_error (error, EY_SIM_ERROR, EY_SIM_ERROR_INVALID,
                       _("--tls-cert and --tls-key go together"));
          return FALSE;
        }
      self->cert = g_tls_certificate_new_from_files (self->tls_cert_file, self->tls_key_file,
                                                     error);
      if (self->cert == NULL ||
          !g_file_get_contents (self->tls_cert_file, &self->cert_pem, NULL, error))
        return FALSE;
    }
  else
    {
      g_autofree char *both = NULL;

      if (!ey_sim_cert_generate (&self->cert_pem, &key_pem, error))
        return FALSE;
      both = g_strconcat (self->cert_pem, key_pem, NULL);
      self->cert = g_tls_certificate_new_from_pem (both, -1, error);
      explicit_bzero (both, strlen (both));
      explicit_bzero (key_pem, strlen (key_pem));
      if (self->cert == NULL)
        return FALSE;
    }
  self->fingerprint = ey_sim_cert_fingerprint (self->cert_pem, error);
  return self->fingerprint != NULL;
}

static gboolean
load_trust (EySimServer  *self,
            GError      **error)
{
  if (gnutls_x509_trust_list_init (&self->trust, 0) < 0)
    {
      g_set_error (error, EY_SIM_ERROR, EY_SIM_ERROR_FAILED, "gnutls_x509_trust_list_init");
      return FALSE;
    }
  for (guint i = 0; self->trust_ca_files && self->trust_ca_files[i]; i++)
    {
      int n = gnutls_x509_trust_list_add_trust_file (self->trust, self->trust_ca_files[i], NULL,
                                                     GNUTLS_X509_FMT_PEM, 0, 0);
      if (n <= 0)
        {
          g_set_error (error, EY_SIM_ERROR, EY_SIM_ERROR_INVALID,
                       _("No CA certificate could be read from %s"), self->trust_ca_files[i]);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
ey_sim_server_start (EySimServer  *self,
                     guint         port,
                     GError      **error)
{
  g_autofree char *people_path = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  GSList *uris;

  g_return_val_if_fail (EY_IS_SIM_SERVER (self), FALSE);
  g_return_val_if_fail (self->soup == NULL, FALSE);

  if (self->names == NULL || (g_strcmp0 (self->charset, "utf-8") != 0 &&
                              g_strcmp0 (self->charset, "iso-8859-9") != 0 &&
                              g_strcmp0 (self->charset, "windows-1254") != 0))
    {
      g_set_error (error, EY_SIM_ERROR, EY_SIM_ERROR_INVALID,
                   _("Unknown variant or character set"));
      return FALSE;
    }
  people_path = self->people_file ? g_strdup (self->people_file) : ey_sim_people_default_path ();
  self->people = ey_sim_people_load (people_path, error);
  if (self->people == NULL || !load_trust (self, error))
    return FALSE;
  if (self->state_file &&
      !ey_sim_sessions_load_applications (self->sessions, self->state_file, error))
    return FALSE;
  if (!self->http && !load_tls (self, error))
    return FALSE;
  if (self->sms_file)
    {
      g_autoptr(GFile) file = g_file_new_for_path (self->sms_file);

      self->sms_out = g_file_append_to (file, G_FILE_CREATE_NONE, NULL, error);
      if (self->sms_out == NULL)
        return FALSE;
    }

  address = g_inet_socket_address_new_from_string (self->address, port);
  if (address == NULL)
    {
      g_set_error (error, EY_SIM_ERROR, EY_SIM_ERROR_INVALID, _("Invalid address “%s”"),
                   self->address);
      return FALSE;
    }
  self->soup = soup_server_new ("server-header", "Apache-Coyote/1.1", NULL);
  if (!self->http)
    soup_server_set_tls_certificate (self->soup, self->cert);
  soup_server_add_handler (self->soup, NULL, server_cb, self, NULL);
  if (!soup_server_listen (self->soup, address, self->http ? 0 : SOUP_SERVER_LISTEN_HTTPS, error))
    {
      g_prefix_error (error, "%s: ", _("Could not listen"));
      g_clear_object (&self->soup);
      return FALSE;
    }
  uris = soup_server_get_uris (self->soup);
  self->port = uris ? (guint) g_uri_get_port (uris->data) : port;
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  self->base_url = g_strdup_printf ("%s://%s:%u%s", self->http ? "http" : "https",
                                    g_strcmp0 (self->address, "0.0.0.0") == 0 ? "127.0.0.1"
                                                                               : self->address,
                                    self->port, self->names->prefix);
  return TRUE;
}

void
ey_sim_server_stop (EySimServer *self)
{
  g_return_if_fail (EY_IS_SIM_SERVER (self));

  if (self->pending)
    g_ptr_array_set_size (self->pending, 0);
  if (self->soup)
    {
      soup_server_disconnect (self->soup);
      g_clear_object (&self->soup);
    }
}
