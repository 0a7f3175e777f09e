/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-sim-session"

#include "config.h"

#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>

#include "ey-sim-people.h"
#include "ey-sim-session-private.h"

struct _EySimSessions
{
  GHashTable *by_id;
  GHashTable *applications;   /* "identity/order" → EySimApplication */
};

static void
application_free (EySimApplication *a)
{
  g_free (a->identity);
  g_free (a->method_chosen);
  g_free (a->submitted);
  g_hash_table_unref (a->form);
  g_free (a);
}

/* Session ids, tokens and codes come from GnuTLS's CSPRNG: a guessable SMS code
 * would make the stand-in teach the client nothing about real behaviour. */
static char *
random_hex (guint n_bytes)
{
  guint8 buf[32];

  g_assert (n_bytes <= sizeof buf);
  gnutls_rnd (GNUTLS_RND_NONCE, buf, n_bytes);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, buf, n_bytes) /* 64 hex */;
}

char *
ey_sim_random_digits (guint n)
{
  char *out = g_malloc (n + 1);

  for (guint i = 0; i < n; i++)
    {
      guint8 b;

      do
        gnutls_rnd (GNUTLS_RND_NONCE, &b, 1);
      while (b >= 250);
      out[i] = (char) ('0' + b % 10);
    }
  if (out[0] == '0')
    out[0] = '1' + (out[n - 1] - '0') % 9;
  out[n] = '\0';
  return out;
}

void
ey_sim_session_set_secret (char       **slot,
                           const char  *value)
{
  if (*slot)
    {
      explicit_bzero (*slot, strlen (*slot));
      g_free (*slot);
    }
  *slot = g_strdup (value);
}

static void
session_clear_state (EySimSession *s)
{
  ey_sim_session_set_secret (&s->captcha, NULL);
  ey_sim_session_set_secret (&s->sms_code, NULL);
  g_clear_pointer (&s->verify_code, g_free);
  g_clear_pointer (&s->purpose, g_free);
  g_clear_pointer (&s->issued, g_bytes_unref);
  g_clear_pointer (&s->method, g_free);
  g_hash_table_remove_all (s->form);
  s->person = NULL;
  s->step = EY_SIM_STEP_LOGIN;
  s->order = 0;
  s->eonay_wanted = FALSE;
  s->eonay_signed = FALSE;
}

static void
session_free (EySimSession *s)
{
  session_clear_state (s);
  g_free (s->id);
  g_free (s->flash_error);
  g_free (s->flash_notice);
  g_hash_table_unref (s->tokens);
  g_hash_table_unref (s->form);
  g_free (s);
}

void
ey_sim_session_reset (EySimSession *s)
{
  session_clear_state (s);
}

EySimSessions *
ey_sim_sessions_new (void)
{
  EySimSessions *sessions = g_new0 (EySimSessions, 1);

  sessions->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify) session_free);
  sessions->applications = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                  (GDestroyNotify) application_free);
  return sessions;
}

void
ey_sim_sessions_free (EySimSessions *sessions)
{
  if (sessions == NULL)
    return;
  g_hash_table_unref (sessions->by_id);
  g_hash_table_unref (sessions->applications);
  g_free (sessions);
}

EySimSession *
ey_sim_sessions_create (EySimSessions *sessions)
{
  EySimSession *s = g_new0 (EySimSession, 1);
  g_autofree char *hex = random_hex (16);

  s->id = g_ascii_strup (hex, 32);
  s->last_seen = g_get_monotonic_time ();
  s->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s->form = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  g_hash_table_insert (sessions->by_id, s->id, s);
  return s;
}

EySimSession *
ey_sim_sessions_lookup (EySimSessions *sessions,
                        const char    *id)
{
  return id ? g_hash_table_lookup (sessions->by_id, id) : NULL;
}

void
ey_sim_sessions_remove (EySimSessions *sessions,
                        const char    *id)
{
  g_hash_table_remove (sessions->by_id, id);
}

void
ey_sim_sessions_foreach (EySimSessions *sessions,
                         GFunc          func,
                         gpointer       user_data)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, sessions->by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    func (value, user_data);
}

typedef struct
{
  gint64   cutoff;
  GFunc    expired;
  gpointer user_data;
} Collect;

static gboolean
collect_cb (gpointer key,
            gpointer value,
            gpointer user_data)
{
  EySimSession *s = value;
  Collect *c = user_data;

  if (s->last_seen >= c->cutoff)
    return FALSE;
  if (c->expired)
    c->expired (s, c->user_data);
  return TRUE;
}

void
ey_sim_sessions_collect (EySimSessions *sessions,
                         gint64         cutoff,
                         GFunc          expired,
                         gpointer       user_data)
{
  Collect c = { cutoff, expired, user_data };

  g_hash_table_foreach_remove (sessions->by_id, collect_cb, &c);
}

void
ey_sim_sessions_forget_applications (EySimSessions *sessions)
{
  g_hash_table_remove_all (sessions->applications);
}

gboolean
ey_sim_sessions_save_applications (EySimSessions  *sessions,
                                   const char     *file,
                                   GError        **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autofree char *data = NULL;
  g_autofree char *dir = g_path_get_dirname (file);
  GHashTableIter iter;
  gpointer key, value;
  gsize len;

  g_hash_table_iter_init (&iter, sessions->applications);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      EySimApplication *a = value;

      g_key_file_set_string (kf, key, "identity", a->identity);
      g_key_file_set_uint64 (kf, key, "order", a->order);
      g_key_file_set_boolean (kf, key, "form-saved", a->form_saved);
      g_key_file_set_boolean (kf, key, "sms-ok", a->sms_ok);
      g_key_file_set_boolean (kf, key, "eonay-signed", a->eonay_signed);
      if (a->method_chosen)
        g_key_file_set_string (kf, key, "method-chosen", a->method_chosen);
      if (a->submitted)
        g_key_file_set_string (kf, key, "submitted", a->submitted);
    }
  data = g_key_file_to_data (kf, &len, NULL);
  g_mkdir_with_parents (dir, 0700);
  return g_file_set_contents_full (file, data, len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

gboolean
ey_sim_sessions_load_applications (EySimSessions  *sessions,
                                   const char     *file,
                                   GError        **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_auto(GStrv) groups = NULL;
  GError *local = NULL;

  if (!g_key_file_load_from_file (kf, file, G_KEY_FILE_NONE, &local))
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_clear_error (&local);
          return TRUE;
        }
      g_propagate_error (error, local);
      return FALSE;
    }
  groups = g_key_file_get_groups (kf, NULL);
  for (guint i = 0; groups[i]; i++)
    {
      g_autofree char *identity = g_key_file_get_string (kf, groups[i], "identity", NULL);
      guint64 order = g_key_file_get_uint64 (kf, groups[i], "order", NULL);
      EySimApplication *a;

      if (identity == NULL || order == 0 || order > G_MAXUINT)
        continue;
      a = ey_sim_sessions_application (sessions, identity, (guint) order);
      a->form_saved = g_key_file_get_boolean (kf, groups[i], "form-saved", NULL);
      a->sms_ok = g_key_file_get_boolean (kf, groups[i], "sms-ok", NULL);
      a->eonay_signed = g_key_file_get_boolean (kf, groups[i], "eonay-signed", NULL);
      g_free (a->method_chosen);
      a->method_chosen = g_key_file_get_string (kf, groups[i], "method-chosen", NULL);
      g_free (a->submitted);
      a->submitted = g_key_file_get_string (kf, groups[i], "submitted", NULL);
    }
  return TRUE;
}

EySimApplication *
ey_sim_sessions_application (EySimSessions *sessions,
                             const char    *identity,
                             guint          order)
{
  g_autofree char *key = g_strdup_printf ("%s/%u", identity, order);
  EySimApplication *a = g_hash_table_lookup (sessions->applications, key);

  if (a == NULL)
    {
      a = g_new0 (EySimApplication, 1);
      a->identity = g_strdup (identity);
      a->order = order;
      a->form = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
      g_hash_table_insert (sessions->applications, g_steal_pointer (&key), a);
    }
  return a;
}

char *
ey_sim_session_new_token (EySimSession *s)
{
  char *token = random_hex (12);

  token[24] = '\0';
  /* Old pages stay submittable until their token is used, as on the real site;
   * a cap keeps a long-lived session from growing without end. */
  if (g_hash_table_size (s->tokens) > 64)
    g_hash_table_remove_all (s->tokens);
  g_hash_table_add (s->tokens, g_strdup (token));
  return token;
}

gboolean
ey_sim_session_take_token (EySimSession *s,
                           const char   *token)
{
  return token != NULL && g_hash_table_remove (s->tokens, token);
}
