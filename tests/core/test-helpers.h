/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ey-session.h"
#include "ey-sim-server.h"
#include "ey-test-sim.h"

G_BEGIN_DECLS

/* An in-process simulator (HTTPS, control on, fixed CAPTCHA "K7M2Q") and a
 * session pinned to its certificate. */
typedef struct
{
  EySimServer   *sim;
  EySiteProfile *profile;
  EySiteClient  *client;
  EySession     *session;
  char          *state_dir;     /* temp dir for the recovery record */
  char          *recovery_file;
} Bed;

#define BED_CAPTCHA "K7M2Q"

void         bed_init            (Bed          *bed,
                                  const char   *variant,        /* NULL: default */
                                  const char   *profile_file);  /* NULL: built-in */
void         bed_clear           (Bed          *bed);

/* The session tests' names for tests/common's helpers. */
#define test_pki_file(name)     ey_test_pki_file (name)        /* "ayse-rsa.pem" */
/* Spins the default main context until *result is set; fails the test after 60 s. */
#define wait_for(result)        ey_test_wait_result ((result), 60)
#define store_result_cb         ey_test_store_result_cb

/* openssl cms -sign -cades …: DER CMS of @data with @who's key
 * (who: "ayse-rsa", …); @cades FALSE leaves out the CAdES attribute. */
GBytes      *sign_with_openssl   (GBytes       *data,
                                  const char   *who,
                                  gboolean      cades);

/* Session steps driven synchronously; each asserts success. */
void         walk_sign_in        (Bed *bed, const char *identity, const char *password);
void         walk_to_form        (Bed *bed, const char *identity, const char *password);
void         walk_to_eonay_choice(Bed *bed, const char *identity, const char *password);
void         walk_to_signing     (Bed *bed, const char *identity, const char *password);

/* Synchronous forms of the session's actions (spin the main context). */
gboolean     s_load_sign_in      (EySession *s, GError **error);
gboolean     s_load_forgot       (EySession *s, GError **error);
gboolean     s_sign_in           (EySession *s, const char *captcha, const char *identity,
                                  const char *password, GError **error);
gboolean     s_forgot            (EySession *s, const char *captcha, const char *identity,
                                  GError **error);
gboolean     s_choose_order      (EySession *s, const char *order_id, GError **error);
gboolean     s_submit_form       (EySession *s, GError **error);
gboolean     s_send_sms          (EySession *s, GError **error);
gboolean     s_back_to_form      (EySession *s, GError **error);
gboolean     s_submit_sms_code   (EySession *s, const char *code, GError **error);
gboolean     s_request_sms_code  (EySession *s, GError **error);
gboolean     s_choose_eonay      (EySession *s, gboolean yes, GError **error);
gboolean     s_accept_consent    (EySession *s, GError **error);
GBytes      *s_fetch_sign_data   (EySession *s, GError **error);
gboolean     s_renew_code        (EySession *s, GError **error);
gboolean     s_submit_signature  (EySession *s, GBytes *cms, GError **error);
gboolean     s_choose_method     (EySession *s, EySessionMethod method, GError **error);
GBytes      *s_fetch_pdf         (EySession *s, GError **error);
gboolean     s_refresh           (EySession *s, GError **error);

/* The last SMS code the simulator sent to @identity (asserted present). */
char        *sim_sms_code        (Bed *bed, const char *identity);

G_END_DECLS
