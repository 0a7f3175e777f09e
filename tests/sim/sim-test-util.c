/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>
#include <glib/gstdio.h>

#include "sim-test-util.h"
#include "ey-test-sim.h"

#define SAFETY_TIMEOUT_S 20

void
sim_response_free (SimResponse *r)
{
  g_free (r->location);
  g_free (r->content_type);
  g_free (r->charset);
  g_clear_pointer (&r->body, g_bytes_unref);
  g_free (r->text);
  g_clear_error (&r->error);
  g_free (r);
}

void
sim_fixture_test_options (SimFixture   *f,
                          EySimOptions *opts)
{
  ey_test_sim_options (opts, "ABCDE");
}

static gboolean
fingerprint_matches (GTlsCertificate *peer,
                     const char      *pinned)
{
  g_autoptr(GByteArray) der = NULL;
  guint8 digest[32];
  GString *fp = g_string_new ("sha256:");
  gboolean same;

  g_object_get (peer, "certificate", &der, NULL);
  gnutls_hash_fast (GNUTLS_DIG_SHA256, der->data, der->len, digest);
  for (guint i = 0; i < sizeof digest; i++)
    g_string_append_printf (fp, i ? ":%02X" : "%02X", digest[i]);
  same = g_strcmp0 (fp->str, pinned) == 0;
  g_string_free (fp, TRUE);
  return same;
}

/* Trust exactly the simulator's certificate, nothing else. */
static gboolean
accept_certificate_cb (SoupMessage          *msg,
                       GTlsCertificate      *peer,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  SimFixture *f = user_data;

  if (f->pinned_fingerprint)
    return fingerprint_matches (peer, f->pinned_fingerprint);
  return f->server && g_tls_certificate_is_same (peer, ey_sim_server_get_certificate (f->server));
}

void
sim_fixture_new_client (SimFixture *f)
{
  g_clear_object (&f->session);
  f->session = soup_session_new_with_options ("timeout", 10, NULL);
  soup_session_add_feature_by_type (f->session, SOUP_TYPE_COOKIE_JAR);
}

void
sim_fixture_start (SimFixture         *f,
                   const EySimOptions *opts)
{
  EySimOptions defaults;

  if (f->pki == NULL)
    f->pki = g_test_build_filename (G_TEST_BUILT, "fixtures", NULL);
  if (opts == NULL)
    {
      sim_fixture_test_options (f, &defaults);
      opts = &defaults;
    }
  f->server = ey_test_sim_start (opts);
  g_free (f->base);
  f->base = g_strdup (ey_sim_server_get_base_url (f->server));
  sim_fixture_new_client (f);
}

void
sim_fixture_connect (SimFixture *f,
                     const char *base,
                     const char *fingerprint)
{
  g_free (f->base);
  f->base = g_strdup (base);
  g_free (f->pinned_fingerprint);
  f->pinned_fingerprint = g_strdup (fingerprint);
  sim_fixture_new_client (f);
}

void
sim_fixture_stop (SimFixture *f)
{
  g_clear_object (&f->session);
  if (f->server)
    {
      ey_sim_server_stop (f->server);
      g_assert_finalize_object (g_steal_pointer (&f->server));
    }
  g_clear_pointer (&f->base, g_free);
  g_clear_pointer (&f->pki, g_free);
  g_clear_pointer (&f->pinned_fingerprint, g_free);
}

typedef struct
{
  gboolean     done;
  GBytes      *body;
  GError      *error;
} Wait;

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *w = user_data;

  w->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &w->error);
  w->done = TRUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

void
sim_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

SimResponse *
sim_request_v (SimFixture *f,
               const char *method,
               const char *rel,
               GHashTable *form)
{
  g_autoptr(GUri) base = g_uri_parse (f->base, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) uri = g_uri_parse_relative (base, rel, G_URI_FLAGS_NONE, NULL);
  g_autoptr(SoupMessage) msg = NULL;
  SimResponse *r = g_new0 (SimResponse, 1);
  Wait w = { FALSE, NULL, NULL };
  gint64 start = g_get_monotonic_time ();
  const char *location;

  g_assert_nonnull (uri);
  if (g_strcmp0 (method, "POST") == 0)
    {
      g_autofree char *text = g_uri_to_string (uri);

      msg = soup_message_new_from_encoded_form ("POST", text, soup_form_encode_hash (form));
    }
  else
    msg = soup_message_new_from_uri (method, uri);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_certificate_cb), f);

  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, send_cb, &w);
  ey_test_wait_flag (&w.done, SAFETY_TIMEOUT_S, rel);

  r->elapsed_us = g_get_monotonic_time () - start;
  r->error = w.error;
  r->status = soup_message_get_status (msg);
  {
    g_autoptr(GHashTable) params = NULL;

    r->content_type = g_strdup (soup_message_headers_get_content_type (
                                  soup_message_get_response_headers (msg), &params));
    if (params)
      r->charset = g_strdup (g_hash_table_lookup (params, "charset"));
  }
  location = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location");
  if (location)
    r->location = g_str_has_prefix (location, f->base) ? g_strdup (location + strlen (f->base))
                                                       : g_strdup (location);
  r->body = w.body ? w.body : g_bytes_new (NULL, 0);
  r->text = g_strndup (g_bytes_get_data (r->body, NULL), g_bytes_get_size (r->body));
  return r;
}

SimResponse *
sim_request (SimFixture *f,
             const char *method,
             const char *rel,
             ...)
{
  g_autoptr(GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);
  const char *key;
  va_list ap;

  va_start (ap, rel);
  while ((key = va_arg (ap, const char *)) != NULL)
    g_hash_table_insert (form, (gpointer) key, va_arg (ap, char *));
  va_end (ap);
  return sim_request_v (f, method, rel, form);
}

SimResponse *
sim_get (SimFixture *f,
         const char *rel)
{
  SimResponse *r = sim_request (f, "GET", rel, NULL);

  for (guint i = 0; i < 5 && r->status == 303; i++)
    {
      g_autofree char *next = g_strdup (r->location);

      sim_response_free (r);
      r = sim_request (f, "GET", next, NULL);
    }
  return r;
}

static char *
attr_after (const char *html,
            const char *marker)
{
  const char *p = html ? strstr (html, marker) : NULL;
  const char *end;

  if (p == NULL)
    return NULL;
  p += strlen (marker);
  end = strchr (p, '"');
  return end ? g_strndup (p, end - p) : NULL;
}

char *
sim_form_token (const char *html)
{
  return attr_after (html, "name=\"formToken\" value=\"");
}

char *
sim_element_text (const char *html,
                  const char *id)
{
  g_autofree char *marker = g_strdup_printf ("id=\"%s\"", id);
  const char *p = strstr (html, marker);
  const char *end;

  if (p == NULL || (p = strchr (p, '>')) == NULL)
    return NULL;
  p++;
  end = strchr (p, '<');
  return end ? g_strndup (p, end - p) : NULL;
}

/* --- flow helpers ------------------------------------------------------------------- */

void
sim_login (SimFixture *f,
           const char *identity,
           const char *password)
{
  g_autoptr(SimResponse) page = sim_get (f, "login.go");
  g_autofree char *token = sim_form_token (page->text);
  g_autoptr(SimResponse) r = NULL;

  g_assert_cmpuint (page->status, ==, 200);
  g_assert_nonnull (token);
  r = sim_request (f, "POST", "login.go", "formToken", token, "guvenlikKodu", "abcde",
                   "kimlikNo", identity, "parola", password, "giris", "Giriş", NULL);
  g_assert_cmpuint (r->status, ==, 303);
  g_assert_cmpstr (r->location, ==, "siparis.go");
}

void
sim_open_form (SimFixture *f,
               guint       order)
{
  g_autofree char *rel = g_strdup_printf ("basvuru.go?siparisNo=%u", order);
  g_autoptr(SimResponse) r = sim_get (f, rel);

  g_assert_cmpuint (r->status, ==, 200);
  /* Charset-neutral: the page may be in Latin-5 or windows-1254. */
  g_assert_nonnull (strstr (r->text, "name=\"onayla\""));
}

void
sim_submit_form (SimFixture *f)
{
  g_autoptr(SimResponse) page = sim_get (f, "basvuru.go");
  g_autofree char *token = sim_form_token (page->text);
  g_autoptr(SimResponse) r = NULL;

  r = sim_request (f, "POST", "basvuru.go", "formToken", token, "siparisNo", "1001",
                   "cepTel", "0505 123 45 69", "eposta", "ayse.yilmaz@igdir.edu.tr",
                   "adres", "Şehit Bülent Yurtseven Kampüsü", "il", "76", "ilce", "Merkez",
                   "postaKodu", "76000", "guvenlikSozcugu", "Çiçekli6",
                   "guvenlikSozcuguTekrar", "Çiçekli6", "unvan", "", "onayla", "Formu Onayla",
                   NULL);
  g_assert_cmpuint (r->status, ==, 303);
  g_assert_cmpstr (r->location, ==, "sms.go");
}

void
sim_send_sms (SimFixture *f)
{
  g_autoptr(SimResponse) page = sim_get (f, "sms.go");
  g_autofree char *token = sim_form_token (page->text);
  g_autofree char *masked = sim_element_text (page->text, "maskeliTelefon");
  g_autoptr(SimResponse) r = NULL;

  g_assert_nonnull (masked);
  g_assert_nonnull (strstr (masked, "*****"));
  r = sim_request (f, "POST", "sms.go", "formToken", token, "gonder", "Gönder", NULL);
  g_assert_cmpuint (r->status, ==, 303);
  g_assert_cmpstr (r->location, ==, "smsonay.go");
}

void
sim_enter_sms_code (SimFixture *f,
                    const char *identity)
{
  g_autoptr(SimResponse) page = sim_get (f, "smsonay.go");
  g_autofree char *token = sim_form_token (page->text);
  g_autofree char *code = ey_sim_server_get_last_sms_code (f->server, identity);
  g_autoptr(SimResponse) r = NULL;

  g_assert_nonnull (code);
  r = sim_request (f, "POST", "smsonay.go", "formToken", token, "smsKodu", code,
                   "tamam", "Tamam", NULL);
  g_assert_cmpuint (r->status, ==, 303);
  g_assert_cmpstr (r->location, ==, "eonay.go");
}

/* Signs in, saves the form of @order and enters the SMS code: the E-Onay question. */
void
sim_to_eonay_choice (SimFixture *f,
                     const char *identity,
                     const char *password,
                     guint       order)
{
  sim_login (f, identity, password);
  sim_open_form (f, order);
  sim_submit_form (f);
  sim_send_sms (f);
  sim_enter_sms_code (f, identity);
}

void
sim_to_sign_page (SimFixture *f,
                  const char *identity,
                  const char *password,
                  guint       order)
{
  g_autoptr(SimResponse) page = NULL;
  g_autoptr(SimResponse) r = NULL;
  g_autofree char *token = NULL;

  sim_to_eonay_choice (f, identity, password, order);

  page = sim_get (f, "eonay.go");
  token = sim_form_token (page->text);
  r = sim_request (f, "POST", "eonay.go", "formToken", token, "eonayTercih", "evet",
                   "devam", "Devam Et", NULL);
  g_assert_cmpstr (r->location, ==, "eonaymetin.go");
  g_clear_pointer (&page, sim_response_free);
  g_clear_pointer (&r, sim_response_free);
  g_free (token);

  page = sim_get (f, "eonaymetin.go");
  token = sim_form_token (page->text);
  r = sim_request (f, "POST", "eonaymetin.go", "formToken", token, "kabul", "1",
                   "devam", "Devam Et", NULL);
  g_assert_cmpstr (r->location, ==, "eonayimza.go");
}

GBytes *
sim_sign_data (SimFixture *f,
               const char *code)
{
  g_autoptr(SimResponse) r = sim_request (f, "POST", "eimza/veri.go", "dogrulamaKodu", code, NULL);

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (r->content_type, ==, "text/plain");
  return g_bytes_ref (r->body);
}

GBytes *
sim_openssl_sign (SimFixture *f,
                  GBytes     *data,
                  const char *cert_name,
                  gboolean    cades)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sim-sign-XXXXXX", &error);
  g_autofree char *in = g_build_filename (dir, "in", NULL);
  g_autofree char *out = g_build_filename (dir, "out.der", NULL);
  g_autofree char *cert_file = g_strdup_printf ("%s/%s.pem", f->pki, cert_name);
  g_autofree char *key_file = g_strdup_printf ("%s/%s.key", f->pki, cert_name);
  g_autofree char *der = NULL;
  gsize len = 0;
  int status = 0;
  const char *argv[] = { "openssl", "cms", "-sign", "-binary", "-nodetach", "-md", "sha256",
                         "-outform", "DER", "-signer", cert_file, "-inkey", key_file,
                         "-in", in, "-out", out, cades ? "-cades" : NULL, NULL };

  g_assert_no_error (error);
  g_file_set_contents (in, g_bytes_get_data (data, NULL), g_bytes_get_size (data), &error);
  g_assert_no_error (error);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  g_file_get_contents (out, &der, &len, &error);
  g_assert_no_error (error);
  g_unlink (in);
  g_unlink (out);
  g_rmdir (dir);
  return g_bytes_new_take (g_steal_pointer (&der), len);
}

char *
sim_upload (SimFixture *f,
            const char *code,
            GBytes     *der)
{
  g_autofree char *b64 = g_base64_encode (g_bytes_get_data (der, NULL), g_bytes_get_size (der));
  g_autoptr(SimResponse) r = sim_request (f, "POST", "eimza/imza.go", "dogrulamaKodu", code,
                                          "imza", b64, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *o;

  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (r->content_type, ==, "application/json");
  json_parser_load_from_data (parser, r->text, -1, &error);
  g_assert_no_error (error);
  o = json_node_get_object (json_parser_get_root (parser));
  if (g_strcmp0 (json_object_get_string_member (o, "sonuc"), "tamam") == 0)
    return g_strdup ("tamam");
  g_assert_cmpstr (json_object_get_string_member (o, "sonuc"), ==, "hata");
  g_assert_nonnull (json_object_get_string_member (o, "mesaj"));
  return g_strdup (json_object_get_string_member (o, "kod"));
}
