/* SPDX-License-Identifier: GPL-3.0-or-later */
/* EySimServer: the in-process control API and the /_sim/ endpoints that mirror it. */
#define G_LOG_DOMAIN "ey-sim-server"

#include "config.h"

#include <string.h>

#include "ey-sim-server-private.h"

gboolean _ey_sim_control_handle (EySimServer       *self,
                                 SoupServerMessage *msg,
                                 const char        *path,
                                 GHashTable        *query);

guint
ey_sim_server_get_port (EySimServer *self)
{
  g_return_val_if_fail (EY_IS_SIM_SERVER (self), 0);
  return self->port;
}

const char *
ey_sim_server_get_base_url (EySimServer *self)
{
  g_return_val_if_fail (EY_IS_SIM_SERVER (self), NULL);
  return self->base_url;
}

GTlsCertificate *
ey_sim_server_get_certificate (EySimServer *self)
{
  g_return_val_if_fail (EY_IS_SIM_SERVER (self), NULL);
  return self->cert;
}

const char *
ey_sim_server_get_certificate_pem (EySimServer *self)
{
  g_return_val_if_fail (EY_IS_SIM_SERVER (self), NULL);
  return self->cert_pem;
}

const char *
ey_sim_server_get_fingerprint (EySimServer *self)
{
  g_return_val_if_fail (EY_IS_SIM_SERVER (self), NULL);
  return self->fingerprint;
}

char *
ey_sim_server_get_last_sms_code (EySimServer *self,
                                 const char  *identity)
{
  g_return_val_if_fail (EY_IS_SIM_SERVER (self), NULL);
  return g_strdup (g_hash_table_lookup (self->last_sms, identity));
}

typedef struct
{
  const char   *identity;
  EySimSession *best;
} FindCode;

static void
find_code_cb (gpointer data,
              gpointer user_data)
{
  EySimSession *s = data;
  FindCode *f = user_data;

  if (s->person && s->verify_code && g_strcmp0 (s->person->identity, f->identity) == 0 &&
      (f->best == NULL || s->last_seen > f->best->last_seen))
    f->best = s;
}

char *
ey_sim_server_get_verification_code (EySimServer *self,
                                     const char  *identity)
{
  FindCode f = { identity, NULL };

  g_return_val_if_fail (EY_IS_SIM_SERVER (self), NULL);
  ey_sim_sessions_foreach (self->sessions, find_code_cb, &f);
  return f.best ? g_strdup (f.best->verify_code) : NULL;
}

static EySimLog *
get_log (EySimServer *self)
{
  /* The log exists before start() so that a caller may look at it at any time. */
  if (self->log == NULL)
    self->log = ey_sim_log_new (NULL, NULL, NULL);
  return self->log;
}

GPtrArray *
ey_sim_server_get_log (EySimServer *self)
{
  g_return_val_if_fail (EY_IS_SIM_SERVER (self), NULL);
  return ey_sim_log_get_events (get_log (self));
}

char *
ey_sim_server_get_log_text (EySimServer *self)
{
  g_return_val_if_fail (EY_IS_SIM_SERVER (self), NULL);
  return ey_sim_log_to_text (get_log (self));
}

guint
ey_sim_server_count_events (EySimServer *self,
                            const char  *event,
                            const char  *key,
                            const char  *value)
{
  guint n = 0;

  g_return_val_if_fail (EY_IS_SIM_SERVER (self), 0);
  ey_sim_log_find (get_log (self), event, key, value, &n);
  return n;
}

JsonObject *
ey_sim_server_find_event (EySimServer *self,
                          const char  *event,
                          const char  *key,
                          const char  *value)
{
  g_return_val_if_fail (EY_IS_SIM_SERVER (self), NULL);
  return ey_sim_log_find (get_log (self), event, key, value, NULL);
}

void
ey_sim_server_set_fault (EySimServer    *self,
                         EySimFaultKind  kind,
                         const char     *page,
                         guint           count)
{
  g_return_if_fail (EY_IS_SIM_SERVER (self));
  ey_sim_faults_add (self->faults, kind, page, count);
}

gboolean
ey_sim_server_add_fault_spec (EySimServer  *self,
                              const char   *spec,
                              GError      **error)
{
  g_autofree char *page = NULL;
  EySimFaultKind kind;
  guint count;

  g_return_val_if_fail (EY_IS_SIM_SERVER (self), FALSE);
  if (!ey_sim_fault_parse_spec (spec, &kind, &page, &count, error))
    return FALSE;
  ey_sim_faults_add (self->faults, kind, page, count);
  return TRUE;
}

void
ey_sim_server_clear_faults (EySimServer *self)
{
  g_return_if_fail (EY_IS_SIM_SERVER (self));
  ey_sim_faults_clear (self->faults);
}

/**
 * ey_sim_server_wipe_secrets:
 *
 * For the tests' memory scans of a process that runs the simulator too: the
 * site's own copies of @identity's access password and of the SMS codes sent
 * are wiped, so that what the scan still finds is the client's.  The person
 * cannot sign in again afterwards.
 */
void
ey_sim_server_wipe_secrets (EySimServer *self,
                            const char  *identity)
{
  EySimPerson *person;

  g_return_if_fail (EY_IS_SIM_SERVER (self));

  person = self->people ? ey_sim_people_lookup (self->people, identity) : NULL;
  if (person && person->password)
    explicit_bzero (person->password, strlen (person->password));
  g_hash_table_remove_all (self->last_sms);
}

void
ey_sim_server_forget_applications (EySimServer *self)
{
  g_return_if_fail (EY_IS_SIM_SERVER (self));
  ey_sim_sessions_forget_applications (self->sessions);
  _ey_sim_server_save_state (self);
}

static const char * const hostile_modes[] = {
  "pdf", "other-name", "other-id", "other-code", "error-json", "huge", "control", NULL
};

gboolean
ey_sim_server_set_hostile_veri (EySimServer *self,
                                const char  *mode)
{
  g_return_val_if_fail (EY_IS_SIM_SERVER (self), FALSE);

  if (mode != NULL && *mode != '\0' && g_strcmp0 (mode, "none") != 0 &&
      !g_strv_contains (hostile_modes, mode))
    return FALSE;
  g_free (self->hostile_veri);
  self->hostile_veri = (mode && *mode && g_strcmp0 (mode, "none") != 0) ? g_strdup (mode) : NULL;
  return TRUE;
}

void
ey_sim_server_set_slow_ms (EySimServer *self,
                           guint        ms)
{
  g_return_if_fail (EY_IS_SIM_SERVER (self));
  self->slow_ms = ms;
}

static void
expire_sms_cb (gpointer data,
               gpointer user_data)
{
  EySimSession *s = data;

  if (s->sms_code)
    s->sms_deadline = g_get_monotonic_time () - 1;
}

static void
expire_code_cb (gpointer data,
                gpointer user_data)
{
  EySimSession *s = data;

  if (s->verify_code)
    s->verify_deadline = g_get_monotonic_time () - 1;
}

gboolean
ey_sim_server_expire (EySimServer *self,
                      const char  *what)
{
  g_return_val_if_fail (EY_IS_SIM_SERVER (self), FALSE);

  if (g_strcmp0 (what, "sms") == 0)
    ey_sim_sessions_foreach (self->sessions, expire_sms_cb, NULL);
  else if (g_strcmp0 (what, "code") == 0)
    ey_sim_sessions_foreach (self->sessions, expire_code_cb, NULL);
  else
    return FALSE;
  return TRUE;
}

void
ey_sim_server_set_timers (EySimServer *self,
                          guint        sms_ttl,
                          guint        code_ttl,
                          guint        session_idle)
{
  g_return_if_fail (EY_IS_SIM_SERVER (self));
  if (sms_ttl)
    self->sms_ttl = sms_ttl;
  if (code_ttl)
    self->code_ttl = code_ttl;
  if (session_idle)
    self->session_idle = session_idle;
}

/* --- /_sim/ ----------------------------------------------------------------------- */

static void
respond_text (SoupServerMessage *msg,
              guint              status,
              const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/plain; charset=UTF-8", SOUP_MEMORY_COPY,
                                    text, strlen (text));
}

static const char *
arg (GHashTable *a,
     GHashTable *b,
     const char *name)
{
  const char *v = a ? g_hash_table_lookup (a, name) : NULL;

  if (v == NULL && b)
    v = g_hash_table_lookup (b, name);
  return v;
}

gboolean
_ey_sim_control_handle (EySimServer       *self,
                        SoupServerMessage *msg,
                        const char        *path,
                        GHashTable        *query)
{
  GInetSocketAddress *remote = G_INET_SOCKET_ADDRESS (soup_server_message_get_remote_address (msg));
  gboolean post = soup_server_message_get_method (msg) == SOUP_METHOD_POST;
  g_autoptr(GHashTable) form = NULL;

  /* Loopback only, even when the site itself listens more widely. */
  if (remote == NULL || !g_inet_address_get_is_loopback (g_inet_socket_address_get_address (remote)))
    {
      respond_text (msg, SOUP_STATUS_FORBIDDEN, "loopback only\n");
      return TRUE;
    }
  if (post)
    {
      g_autoptr(GBytes) flat = soup_message_body_flatten (soup_server_message_get_request_body (msg));
      g_autofree char *text = g_strndup (g_bytes_get_data (flat, NULL), g_bytes_get_size (flat));

      form = soup_form_decode (text);
    }

  if (!post && g_strcmp0 (path, "/_sim/sms") == 0)
    {
      g_autofree char *code = ey_sim_server_get_last_sms_code (self, arg (query, NULL, "identity"));

      if (code == NULL)
        respond_text (msg, SOUP_STATUS_NOT_FOUND, "no SMS\n");
      else
        respond_text (msg, SOUP_STATUS_OK, code);
    }
  else if (!post && g_strcmp0 (path, "/_sim/log") == 0)
    {
      g_autofree char *text = ey_sim_server_get_log_text (self);

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/x-ndjson", SOUP_MEMORY_COPY, text,
                                        strlen (text));
    }
  else if (post && g_strcmp0 (path, "/_sim/fault") == 0)
    {
      const char *kind = arg (form, query, "kind");
      const char *page = arg (form, query, "page");
      const char *count = arg (form, query, "count");
      const char *ms = arg (form, query, "ms");
      g_autofree char *spec = g_strdup_printf ("%s:%s:%s", kind ? kind : "",
                                               page ? page : "*", count ? count : "1");
      g_autoptr(GError) error = NULL;

      if (ms)
        self->slow_ms = (guint) g_ascii_strtoull (ms, NULL, 10);
      if (!ey_sim_server_add_fault_spec (self, spec, &error))
        respond_text (msg, SOUP_STATUS_BAD_REQUEST, error->message);
      else
        respond_text (msg, SOUP_STATUS_OK, "ok\n");
    }
  else if (post && g_strcmp0 (path, "/_sim/hostile-veri") == 0)
    {
      if (ey_sim_server_set_hostile_veri (self, arg (form, query, "mode")))
        respond_text (msg, SOUP_STATUS_OK, "ok\n");
      else
        respond_text (msg, SOUP_STATUS_BAD_REQUEST,
                      "mode=none|pdf|other-name|other-id|other-code|error-json|huge|control\n");
    }
  else if (post && g_strcmp0 (path, "/_sim/forget") == 0)
    {
      ey_sim_server_forget_applications (self);
      respond_text (msg, SOUP_STATUS_OK, "ok\n");
    }
  else if (post && g_strcmp0 (path, "/_sim/expire") == 0)
    {
      if (ey_sim_server_expire (self, arg (form, query, "what")))
        respond_text (msg, SOUP_STATUS_OK, "ok\n");
      else
        respond_text (msg, SOUP_STATUS_BAD_REQUEST, "what=sms|code\n");
    }
  else
    respond_text (msg, SOUP_STATUS_NOT_FOUND, "unknown control endpoint\n");
  return TRUE;
}

char *
ey_sim_server_get_access_mail (EySimServer *self,
                               const char  *identity)
{
  EySimPerson *person;

  g_return_val_if_fail (EY_IS_SIM_SERVER (self), NULL);
  g_return_val_if_fail (identity != NULL, NULL);

  /* The people file is read when the server starts. */
  person = self->people ? ey_sim_people_lookup (self->people, identity) : NULL;
  if (person == NULL)
    return NULL;

  /* Worded as KamuSM's own mail in the guide; the address is the real site's, as in
   * the real mail: the client never follows it, it uses its site profile. */
  return g_strdup_printf ("Kimden: Kamu SM <bilgilendirme@kamusm.gov.tr>\n"
                          "Konu: Kamu SM Nitelikli Elektronik Sertifika Başvurusu\n"
                          "\n"
                          "Sayın %s %s,\n"
                          "\n"
                          "Bu ileti Nitelikli Elektronik Sertifika başvurusu yapabilmeniz için "
                          "gönderilmiştir.\n"
                          "Aşağıdaki linke tıklayarak başvuru formu erişim parolanız ile "
                          "işlemlerinizi yapabilirsiniz.\n"
                          "\n"
                          "%s için kullanılacak;\n"
                          "\n"
                          "Başvuru Formu Erişim Parolanız : %s\n"
                          "Başvuru Formu Erişim Adresiniz : https://basvuru.kamusm.gov.tr/bs/login.go\n",
                          person->name, person->surname, person->institution, person->password);
}
