/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ey-sim-server-private.h: what the page and flow files share with the server core */
#pragma once

#include <libsoup/soup.h>
#include <gnutls/x509.h>

#include "ey-sim-server.h"
#include "ey-sim-faults-private.h"
#include "ey-sim-log-private.h"
#include "ey-sim-names-private.h"
#include "ey-sim-people-private.h"
#include "ey-sim-session-private.h"

G_BEGIN_DECLS

struct _EySimServer
{
  GObject                  parent_instance;

  /* options */
  char                    *address;
  gboolean                 http;
  char                    *tls_cert_file;
  char                    *tls_key_file;
  char                    *people_file;
  char                    *state_file;      /* applications across restarts, or NULL */
  GStrv                    trust_ca_files;
  guint                    sms_ttl;
  guint                    code_ttl;
  guint                    session_idle;
  guint                    slow_ms;
  char                    *captcha_text;
  char                    *charset;
  guint                    variations;   /* EySimVariation flags */
  gboolean                 control;
  char                    *log_file;
  char                    *sms_file;
  gboolean                 print_sms;
  gboolean                 demo;
  const EySimNames        *names;
  char                    *hostile_veri;  /* NULL, or what sign-data answers instead */

  /* running state */
  SoupServer              *soup;
  GTlsCertificate         *cert;
  char                    *cert_pem;
  char                    *fingerprint;
  char                    *base_url;
  guint                    port;
  EySimPeople             *people;
  EySimSessions           *sessions;
  EySimLog                *log;
  EySimFaults             *faults;
  gnutls_x509_trust_list_t trust;
  GHashTable              *last_sms;      /* identity → code (secret, wiped) */
  GFileOutputStream       *sms_out;
  GPtrArray               *pending;       /* slowed requests waiting for their timer */
};

/* One request as the flow handlers see it. */
typedef struct
{
  EySimServer       *server;
  SoupServerMessage *msg;
  EySimSession      *session;
  EySimPage          page;
  gboolean           post;
  GHashTable        *args;          /* name → UTF-8 value (query and form) */
  /* what the page shows besides its state */
  const char        *error;
  const char        *notice;
  GHashTable        *field_errors;  /* EySimField → Turkish message */
} EySimRequest;

/* ey-sim-server.c */
void        _ey_sim_respond_html   (EySimRequest *r,
                                    guint         status,
                                    GString      *html);
void        _ey_sim_respond_bytes  (EySimRequest *r,
                                    guint         status,
                                    const char   *content_type,
                                    GBytes       *body);
void        _ey_sim_redirect       (EySimRequest *r,
                                    EySimPage     page,
                                    const char   *query);
/* "" when absent */
const char *_ey_sim_arg            (EySimRequest *r,
                                    EySimField    field);
const char *_ey_sim_raw_arg        (EySimRequest *r,
                                    const char   *name);
void        _ey_sim_send_sms       (EySimRequest *r);
guint       _ey_sim_seconds_left   (gint64        deadline);
char       *_ey_sim_mask_phone     (const char   *phone);

/* ey-sim-pages.c / ey-sim-pages-sign.c: render the page of @page for the session */
void        _ey_sim_render         (EySimRequest *r,
                                    EySimPage     page);
void        _ey_sim_render_special (EySimRequest *r,
                                    guint         status,
                                    const char   *heading,
                                    const char   *text);
const char *_ey_sim_city_name      (const char   *code);
const char *_ey_sim_city_code      (const char   *name);

/* ey-sim-flow.c */
void        _ey_sim_flow_handle    (EySimRequest *r);
EySimPage   _ey_sim_step_page      (EySimStep     step);
/* The signed-in person's progress record for the session's order (NULL before an
 * order is open). */
EySimApplication *_ey_sim_application (EySimRequest *r);
void              _ey_sim_server_save_state (EySimServer *self);
/* Records the application as arrived by @method and logs it; FALSE (nothing logged,
 * the session shows the earlier result) when it had arrived before. */
gboolean    _ey_sim_submit         (EySimRequest *r,
                                    EySimMethod   method);

/* ey-sim-signing.c */
void        _ey_sim_new_verification (EySimRequest *r,
                                      const char   *purpose);
void        _ey_sim_sign_data      (EySimRequest *r);
void        _ey_sim_sign_upload    (EySimRequest *r);
void        _ey_sim_sign_refuse    (EySimRequest *r,
                                    const char   *code,
                                    const char   *message);
void        _ey_sim_sign_refuse_logged (EySimRequest *r,
                                        const char   *code,
                                        const char   *message,
                                        const char   *detail);

G_END_DECLS
