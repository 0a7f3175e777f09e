/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-fault-matrix"

/* The fault matrix: the whole E-Onay path and the whole wet path against
 * kamusm-sim, with every fault the simulator offers (http500, drop, slow
 * beyond the client's time limit, expire-session, unexpected-page) on every
 * page in turn, and the code expiries. A patient user drives the session
 * (what the GUI and the CLI do: "Try again" at the same step), and for each
 * case the test asserts:
 *  - no crash, and an end: the renewal recovered (result page, or the wet
 *    form downloaded) within a bounded number of tries;
 *  - every error on the way is one of ours (EY_CORE_ERROR) and a maintenance
 *    page is never "already received";
 *  - nothing typed asked again unless the site voided it: one password
 *    typed (two after a session expiry), one SMS code (two after its expiry
 *    or a session expiry), one PIN (signature) unless the site voided the
 *    code or never received the upload;
 *  - at most one SMS sent unless the site voided the code, one form saved
 *    unless the session expired, and at most one accepted signature and
 *    exactly one application-submitted in the simulator's log;
 *  - no recovery note left once the site confirmed.
 * EY_FAULT_MATRIX_REPEAT=N runs every case N times (the drop cases after a
 * 303 are the ones that crashed libsoup). */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "ey-core-error.h"
#include "ey-recovery.h"
#include "ey-site-client-private.h"
#include "ey-site-profile.h"
#include "test-helpers.h"

#define AYSE     "12345678950"
#define AYSE_PW  "Ab3kT9qz"
#define MAX_TRIES 40

/* One simulator for the whole matrix: starting one makes a TLS key */
static Bed bed;

typedef enum
{
  EXPIRE_NONE,
  EXPIRE_SMS_BEFORE_TYPING,    /* the SMS code expires before it is typed */
  EXPIRE_CODE_BEFORE_FETCH,    /* the verification code expires before the data is fetched */
  EXPIRE_CODE_BEFORE_UPLOAD,   /* … between signing and the upload */
} Expiry;

typedef struct
{
  gboolean        wet;
  EySimFaultKind  kind;
  const char     *page;
  Expiry          expiry;
  guint           repeat;
} Case;

typedef struct
{
  gboolean  fired;
  guint     sms_codes;      /* SMS codes typed (the same code sent again is not typed again) */
  char     *last_code;
  guint     pins;           /* signatures made (the PIN asked) */
  guint     tries;
  guint     errors;
  GBytes   *pdf;
} Walk;

/* Baselines of the simulator's log (one log for the whole matrix) */
typedef struct
{
  guint submitted, accepted, sms_sent, form_saved, expired, logins;
} Counts;

static void
count_now (Counts *c)
{
  c->submitted = ey_sim_server_count_events (bed.sim, "application-submitted", NULL, NULL);
  c->accepted = ey_sim_server_count_events (bed.sim, "signature-accepted", NULL, NULL);
  c->sms_sent = ey_sim_server_count_events (bed.sim, "sms-sent", NULL, NULL);
  c->form_saved = ey_sim_server_count_events (bed.sim, "form-saved", NULL, NULL);
  c->expired = ey_sim_server_count_events (bed.sim, "session-expired", NULL, NULL);
  /* the password reached the site: signing in again */
  c->logins = ey_sim_server_count_events (bed.sim, "login-ok", NULL, NULL) +
              ey_sim_server_count_events (bed.sim, "login-failed", NULL, NULL);
}

static gboolean
is_code_error (const GError *error)
{
  return g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_SIGNATURE_CODE_EXPIRED) ||
         g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_SIGNATURE_CODE_UNKNOWN) ||
         g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_VERIFICATION_CODE_EXPIRED);
}

/* One patient user; TRUE once the renewal went through */
static gboolean
walk (const Case *c,
      Walk       *w)
{
  EySession *s = bed.session;

  for (w->tries = 0; w->tries < MAX_TRIES; w->tries++)
    {
      EySessionStep step = ey_session_get_step (s);
      g_autoptr(GError) error = NULL;
      gboolean ok = TRUE;

      switch (step)
        {
        case EY_SESSION_STEP_START:
        case EY_SESSION_STEP_MAIL:
          ok = s_load_sign_in (s, &error);
          break;

        case EY_SESSION_STEP_SIGN_IN:
          if (ey_session_get_captcha (s) == NULL)
            ok = s_load_sign_in (s, &error);
          else
            ok = s_sign_in (s, BED_CAPTCHA, AYSE, AYSE_PW, &error);
          break;

        case EY_SESSION_STEP_ORDERS:
          {
            GPtrArray *orders = ey_session_get_orders (s);

            g_assert_cmpuint (orders->len, >=, 1);
            ok = s_choose_order (s, ((EySessionOrder *) g_ptr_array_index (orders, 0))->id,
                                 &error);
          }
          break;

        case EY_SESSION_STEP_FORM:
          /* Typed once; the session keeps it across pages, retries and sign-ins */
          ey_session_set_form_value (s, "security_word", "gizli-sozcuk");
          ey_session_set_form_value (s, "security_word_again", "gizli-sozcuk");
          ok = s_submit_form (s, &error);
          break;

        case EY_SESSION_STEP_SMS_SEND:
          ok = s_send_sms (s, &error);
          break;

        case EY_SESSION_STEP_SMS_CODE:
          if (c->expiry == EXPIRE_SMS_BEFORE_TYPING && !w->fired)
            {
              w->fired = ey_sim_server_expire (bed.sim, "sms");
              g_assert_true (w->fired);
            }
          {
            g_autofree char *code = sim_sms_code (&bed, AYSE);

            if (g_strcmp0 (code, w->last_code) != 0)
              w->sms_codes++;
            g_free (w->last_code);
            w->last_code = g_strdup (code);
            ok = s_submit_sms_code (s, code, &error);
            if (!ok && g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_SMS_CODE_EXPIRED))
              {
                g_clear_error (&error);
                w->errors++;
                ok = s_request_sms_code (s, &error);
              }
          }
          break;

        case EY_SESSION_STEP_EONAY_CHOICE:
          ok = s_choose_eonay (s, !c->wet, &error);
          break;

        case EY_SESSION_STEP_CONSENT:
          ok = s_accept_consent (s, &error);
          break;

        case EY_SESSION_STEP_SIGNING:
          {
            g_autoptr(GBytes) data = NULL;
            g_autoptr(GBytes) cms = NULL;

            if (c->expiry == EXPIRE_CODE_BEFORE_FETCH && !w->fired)
              w->fired = ey_sim_server_expire (bed.sim, "code");
            data = s_fetch_sign_data (s, &error);
            if (data == NULL)
              {
                ok = FALSE;
                if (is_code_error (error))
                  {
                    g_clear_error (&error);
                    w->errors++;
                    ok = s_renew_code (s, &error);
                  }
                break;
              }
            cms = sign_with_openssl (data, "ayse-rsa", TRUE);
            w->pins++;
            if (c->expiry == EXPIRE_CODE_BEFORE_UPLOAD && !w->fired)
              w->fired = ey_sim_server_expire (bed.sim, "code");
            ok = s_submit_signature (s, cms, &error);
            if (!ok && is_code_error (error))
              {
                g_clear_error (&error);
                w->errors++;
                ok = s_renew_code (s, &error);
              }
          }
          break;

        case EY_SESSION_STEP_METHOD:
          ok = s_choose_method (s, c->wet || !(ey_session_get_methods (s) & EY_SESSION_METHOD_EONAY)
                                   ? EY_SESSION_METHOD_WET : EY_SESSION_METHOD_EONAY, &error);
          break;

        case EY_SESSION_STEP_SUBMITTING:
          ok = s_choose_method (s, EY_SESSION_METHOD_EONAY, &error);
          break;

        case EY_SESSION_STEP_WET:
          w->pdf = s_fetch_pdf (s, &error);
          if (w->pdf)
            return TRUE;
          ok = FALSE;
          break;

        case EY_SESSION_STEP_DONE:
          return TRUE;

        case EY_SESSION_STEP_NO_ORDER:
        case EY_SESSION_STEP_FORGOT:
        case EY_SESSION_STEP_FAILED:
        default:
          g_test_message ("stopped at %s", ey_session_step_to_string (step));
          return FALSE;
        }

      if (!ok)
        {
          g_assert_nonnull (error);
          w->errors++;
          g_test_message ("try %u at %s: %s", w->tries, ey_session_step_to_string (step),
                          error->message);
          /* Every error is one of ours, with a sentence for the person */
          g_assert_cmpuint (error->domain, ==, EY_CORE_ERROR);
          g_assert_cmpstr (error->message, !=, "");
          /* A maintenance page is "busy or changed", never "already received" */
          if (c->kind == EY_SIM_FAULT_UNEXPECTED_PAGE)
            g_assert_false (g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_FORM_RESUBMITTED));
          g_assert_cmpint (error->code, !=, EY_CORE_ERROR_WRONG_STEP);

          /* "Try again" (GUI and CLI): look where the site is first */
          if (ey_session_error_needs_refresh (error))
            {
              g_autoptr(GError) refresh_error = NULL;

              if (!s_refresh (s, &refresh_error))
                {
                  w->errors++;
                  g_test_message ("refresh: %s", refresh_error->message);
                  g_assert_cmpuint (refresh_error->domain, ==, EY_CORE_ERROR);
                }
            }
        }
    }
  return FALSE;
}

static void
new_session (void)
{
  g_clear_object (&bed.session);
  ey_site_client_reset (bed.client);
  bed.session = ey_session_new (bed.client);
  ey_session_set_recovery_path (bed.session, bed.recovery_file);
}

static void
run_case (gconstpointer data)
{
  const Case *c = data;

  for (guint round = 0; round < c->repeat; round++)
    {
      Walk w = { 0 };
      Counts before, after;
      gboolean voided_session, done;
      gboolean code_voided = c->expiry == EXPIRE_CODE_BEFORE_FETCH ||
                             c->expiry == EXPIRE_CODE_BEFORE_UPLOAD;

      ey_sim_server_clear_faults (bed.sim);
      ey_sim_server_forget_applications (bed.sim);
      g_unlink (bed.recovery_file);
      new_session ();
      count_now (&before);
      if (c->kind != EY_SIM_FAULT_NONE)
        ey_sim_server_set_fault (bed.sim, c->kind, c->page, 1);

      done = walk (c, &w);
      count_now (&after);
      g_test_message ("%u tries, %u errors, %u sign-ins, %u SMS codes, %u PINs",
                      w.tries, w.errors, after.logins - before.logins, w.sms_codes, w.pins);
      g_assert_true (done);

      /* Did the site void something (a session expiry ends the session's progress) */
      voided_session = after.expired > before.expired;

      /* What the simulator saw */
      g_assert_cmpuint (after.submitted - before.submitted, ==, 1);
      g_assert_cmpuint (after.accepted - before.accepted, <=, 1);
      g_assert_cmpuint (after.accepted - before.accepted, ==, c->wet ? 0 : 1);
      g_assert_cmpuint (after.sms_sent - before.sms_sent, <=,
                        1 + (c->expiry == EXPIRE_SMS_BEFORE_TYPING || voided_session));
      g_assert_cmpuint (after.form_saved - before.form_saved, <=, 1 + voided_session);

      /* What the person typed */
      g_assert_cmpuint (after.logins - before.logins, <=, 1 + voided_session);
      g_assert_cmpuint (w.sms_codes, <=, 1 + (c->expiry == EXPIRE_SMS_BEFORE_TYPING || voided_session));
      if (c->wet)
        g_assert_cmpuint (w.pins, ==, 0);
      else
        /* A new PIN only when the site voided the code or never had the
         * upload (a failed eimza/imza.go is refused, not taken) */
        g_assert_cmpuint (w.pins, <=,
                          1 + (code_voided || voided_session ||
                               g_strcmp0 (c->page, "eimza/imza.go") == 0));

      if (c->wet)
        {
          g_assert_nonnull (w.pdf);
          g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_WET);
        }
      else
        g_assert_cmpint (ey_session_get_step (bed.session), ==, EY_SESSION_STEP_DONE);
      /* Confirmed: the note is gone */
      g_assert_false (g_file_test (bed.recovery_file, G_FILE_TEST_EXISTS));
      g_assert_null (ey_session_get_recovery (bed.session));
      g_clear_pointer (&w.pdf, g_bytes_unref);
      g_free (w.last_code);
    }
}

static const char *eonay_pages[] = {
  "login.go", "captcha.go", "siparis.go", "basvuru.go", "sms.go", "smsonay.go", "eonay.go",
  "eonaymetin.go", "eonayimza.go", "eimza/veri.go", "eimza/imza.go", "imzayontemi.go",
  "sonuc.go",
};

static const char *wet_pages[] = {
  "login.go", "captcha.go", "siparis.go", "basvuru.go", "sms.go", "smsonay.go", "eonay.go",
  "imzayontemi.go", "islak.go", "basvuruformu.pdf",
};

static const EySimFaultKind kinds[] = {
  EY_SIM_FAULT_HTTP500, EY_SIM_FAULT_DROP, EY_SIM_FAULT_SLOW, EY_SIM_FAULT_EXPIRE_SESSION,
  EY_SIM_FAULT_UNEXPECTED_PAGE,
};

static const char *
kind_name (EySimFaultKind kind)
{
  switch (kind)
    {
    case EY_SIM_FAULT_HTTP500: return "http500";
    case EY_SIM_FAULT_DROP: return "drop";
    case EY_SIM_FAULT_SLOW: return "slow";
    case EY_SIM_FAULT_EXPIRE_SESSION: return "expire-session";
    case EY_SIM_FAULT_UNEXPECTED_PAGE: return "unexpected-page";
    case EY_SIM_FAULT_NONE:
    default: return "none";
    }
}

static void
add_case (GPtrArray      *cases,
          gboolean        wet,
          EySimFaultKind  kind,
          const char     *page,
          Expiry          expiry,
          const char     *name,
          guint           repeat)
{
  Case *c = g_new0 (Case, 1);
  g_autofree char *path = NULL;

  c->wet = wet;
  c->kind = kind;
  c->page = page;
  c->expiry = expiry;
  c->repeat = repeat;
  g_ptr_array_add (cases, c);
  path = g_strdup_printf ("/fault-matrix/%s/%s", wet ? "wet" : "eonay", name);
  g_test_add_data_func (path, c, run_case);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  const char *env = g_getenv ("EY_FAULT_MATRIX_REPEAT");
  guint repeat = env ? (guint) g_ascii_strtoull (env, NULL, 10) : 1;
  int rc;

  ey_site_client_init_tls_policy ();
  g_test_init (&argc, &argv, NULL);
  if (repeat == 0)
    repeat = 1;

  add_case (cases, FALSE, EY_SIM_FAULT_NONE, NULL, EXPIRE_NONE, "no-fault", repeat);
  add_case (cases, TRUE, EY_SIM_FAULT_NONE, NULL, EXPIRE_NONE, "no-fault", repeat);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      for (guint p = 0; p < G_N_ELEMENTS (eonay_pages); p++)
        {
          g_autofree char *name = g_strdup_printf ("%s/%s", kind_name (kinds[k]), eonay_pages[p]);
          add_case (cases, FALSE, kinds[k], eonay_pages[p], EXPIRE_NONE, name, repeat);
        }
      for (guint p = 0; p < G_N_ELEMENTS (wet_pages); p++)
        {
          g_autofree char *name = g_strdup_printf ("%s/%s", kind_name (kinds[k]), wet_pages[p]);
          add_case (cases, TRUE, kinds[k], wet_pages[p], EXPIRE_NONE, name, repeat);
        }
    }
  add_case (cases, FALSE, EY_SIM_FAULT_NONE, NULL, EXPIRE_SMS_BEFORE_TYPING, "expire/sms", repeat);
  add_case (cases, TRUE, EY_SIM_FAULT_NONE, NULL, EXPIRE_SMS_BEFORE_TYPING, "expire/sms", repeat);
  add_case (cases, FALSE, EY_SIM_FAULT_NONE, NULL, EXPIRE_CODE_BEFORE_FETCH, "expire/code-before-fetch",
            repeat);
  add_case (cases, FALSE, EY_SIM_FAULT_NONE, NULL, EXPIRE_CODE_BEFORE_UPLOAD,
            "expire/code-before-upload", repeat);

  bed_init (&bed, NULL, NULL);
  /* "slow" within the client's time limit: beyond it, whether the site
   * took the request races with the client's re-read (not deterministic) */
  ey_sim_server_set_slow_ms (bed.sim, 300);

  rc = g_test_run ();
  bed_clear (&bed);
  return rc;
}
