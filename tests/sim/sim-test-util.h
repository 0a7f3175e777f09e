/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Helpers for the simulator tests: an HTTPS client on the test's main context. */
#pragma once

#include <libsoup/soup.h>

#include "ey-sim-server.h"

G_BEGIN_DECLS

typedef struct
{
  guint     status;
  char     *location;     /* relative to the base URL when it points into it */
  char     *content_type;
  char     *charset;      /* the charset parameter of Content-Type */
  GBytes   *body;
  char     *text;         /* body as a NUL-terminated string */
  GError   *error;        /* transport error (dropped connection, …) */
  gint64    elapsed_us;
} SimResponse;

typedef struct
{
  EySimServer *server;
  SoupSession *session;
  char        *base;       /* base URL */
  char        *pki;        /* fixtures dir */
  EySimOptions opts;
  char        *pinned_fingerprint;  /* pin by fingerprint instead of by certificate */
} SimFixture;

void         sim_response_free     (SimResponse *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimResponse, sim_response_free)

/* Starts a server with @opts (NULL: test defaults: CAPTCHA "ABCDE", trust ca.pem). */
void         sim_fixture_start     (SimFixture         *f,
                                    const EySimOptions *opts);
void         sim_fixture_stop      (SimFixture         *f);
void         sim_fixture_test_options (SimFixture      *f,
                                       EySimOptions    *opts);
/* A client for an arbitrary base URL pinned to @fingerprint ("sha256:…"). */
void         sim_fixture_connect   (SimFixture         *f,
                                    const char         *base,
                                    const char         *fingerprint);
void         sim_fixture_new_client (SimFixture        *f);

/* Requests @rel (relative to the base).  @fields: name, value pairs, NULL-terminated;
 * a POST form when @method is "POST". */
SimResponse *sim_request           (SimFixture         *f,
                                    const char         *method,
                                    const char         *rel,
                                    ...) G_GNUC_NULL_TERMINATED;
SimResponse *sim_request_v         (SimFixture         *f,
                                    const char         *method,
                                    const char         *rel,
                                    GHashTable         *form);
/* GET @rel, then follow redirects; the final page. */
SimResponse *sim_get               (SimFixture         *f,
                                    const char         *rel);
char        *sim_form_token        (const char         *html);
/* The text inside the element with id="@id" (first match), or NULL. */
char        *sim_element_text      (const char         *html,
                                    const char         *id);
void         sim_spin              (guint               ms);

/* Flow helpers (default variant); each asserts its step. */
void         sim_login             (SimFixture         *f,
                                    const char         *identity,
                                    const char         *password);
void         sim_open_form         (SimFixture         *f,
                                    guint               order);
void         sim_submit_form       (SimFixture         *f);
void         sim_send_sms          (SimFixture         *f);
void         sim_enter_sms_code    (SimFixture         *f,
                                    const char         *identity);
void         sim_to_eonay_choice   (SimFixture         *f,
                                    const char         *identity,
                                    const char         *password,
                                    guint               order);
void         sim_to_sign_page      (SimFixture         *f,
                                    const char         *identity,
                                    const char         *password,
                                    guint               order);
/* veri.go with the page's code; returns the bytes to sign. */
GBytes      *sim_sign_data         (SimFixture         *f,
                                    const char         *code);
/* openssl cms -sign with @cert_name ("ayse-rsa"); @cades FALSE leaves out -cades. */
GBytes      *sim_openssl_sign      (SimFixture         *f,
                                    GBytes             *data,
                                    const char         *cert_name,
                                    gboolean            cades);
/* imza.go; returns the "kod" of a refusal or "tamam". */
char        *sim_upload            (SimFixture         *f,
                                    const char         *code,
                                    GBytes             *der);

G_END_DECLS
