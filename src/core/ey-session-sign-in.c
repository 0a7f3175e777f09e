/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-session"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ey-core-error-private.h"
#include "ey-form.h"
#include "ey-site-page-private.h"
#include "ey-recovery.h"
#include "ey-session-private.h"
#include "ey-site-client-private.h"
#include "ey-site-profile.h"

/* Sign-in, "forgot my password" and the order choice (pages 1–3). */

static void
do_load_sign_in (GTask  *task,
                 EySitePage *page)
{
  EySession *self = g_task_get_source_object (task);


  /* Starting over (another path, a failed sign-in …): a fresh cookie jar;
   * what the user typed stays in user_values */
  if (self->step != EY_SESSION_STEP_SIGN_IN && self->step != EY_SESSION_STEP_FORGOT &&
      self->step != EY_SESSION_STEP_MAIL)
    {
      ey_site_client_reset (self->client);
      g_clear_object (&self->page);
      _ey_session_set_path (self, EY_SESSION_PATH_NONE);
      _ey_session_fire (self, EV_RESTART);
    }
  if (self->step == EY_SESSION_STEP_FORGOT)
    _ey_session_fire (self, EV_BACK_TO_SIGN_IN);
  _ey_session_op_get_action (task, EY_SITE_ACTION_LOGIN, _ey_session_then_captcha);
}

void
ey_session_load_sign_in_async (EySession           *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = _ey_session_op_new (self, ey_session_load_sign_in_async, cancellable, callback, user_data);
  _ey_session_op_of (task)->ignore_expired = TRUE;
  if (self->step == EY_SESSION_STEP_START)
    ey_session_begin (self);
  self->page_stale = FALSE;  /* we GET the sign-in page anyway */
  /* Allowed anywhere but while busy: signing in again is starting over */
  _ey_session_op_start (self, task, ACTION_LOAD_SIGN_IN, do_load_sign_in);
}

gboolean
ey_session_load_sign_in_finish (EySession     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return _ey_session_op_finish (self, result, ey_session_load_sign_in_async, error);
}

static void
do_load_forgot (GTask  *task,
                EySitePage *page)
{
  _ey_session_op_get_action (task, EY_SITE_ACTION_FORGOT, _ey_session_then_captcha);
}

void
ey_session_load_forgot_async (EySession           *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));

  task = _ey_session_op_new (self, ey_session_load_forgot_async, cancellable, callback, user_data);
  _ey_session_op_of (task)->ignore_expired = TRUE;
  self->page_stale = FALSE;
  _ey_session_op_start (self, task, ACTION_LOAD_FORGOT, do_load_forgot);
}

gboolean
ey_session_load_forgot_finish (EySession     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return _ey_session_op_finish (self, result, ey_session_load_forgot_async, error);
}

/* --- sign in ------------------------------------------------------------ */

/* What the user typed for one sign-in (or one "forgot" request) */
typedef struct
{
  char *captcha;
  char *identity;
  char *password;   /* wiped */
  char *notice;     /* forgot: the site's "mailed again", kept for sign-in */
} SignIn;

static void
sign_in_free (SignIn *s)
{
  g_free (s->captcha);
  g_free (s->identity);
  _ey_session_wipe_free (s->password);
  g_free (s->notice);
  g_free (s);
}

static SignIn *
sign_in_new (GTask      *task,
             const char *captcha,
             const char *identity,
             const char *password)
{
  SignIn *s = g_new0 (SignIn, 1);

  s->captcha = g_strdup (captcha);
  s->identity = g_strdup (identity);
  s->password = g_strdup (password);
  _ey_session_op_set_state (task, s, (GDestroyNotify) sign_in_free);
  return s;
}

static void then_after_sign_in (GTask *task, EySitePage *page);

static void
do_sign_in (GTask  *task,
            EySitePage *page)
{
  EySession *self = g_task_get_source_object (task);
  SignIn *s = _ey_session_op_state (task);
  g_autoptr(EyFormData) data = NULL;

  if (page == NULL || ey_site_page_get_kind (page) != EY_SITE_PAGE_KIND_LOGIN)
    {
      _ey_session_op_get_action (task, EY_SITE_ACTION_LOGIN, _ey_session_then_captcha);
      return;
    }
  data = _ey_session_submission (task, EY_BUTTON_ROLE_SUBMIT);
  if (data == NULL)
    return;
  if (!_ey_session_fill (task, data, EY_FIELD_ROLE_CAPTCHA, s->captcha) ||
      !_ey_session_fill (task, data, EY_FIELD_ROLE_IDENTITY, s->identity) ||
      !_ey_session_fill (task, data, EY_FIELD_ROLE_PASSWORD, s->password))
    return;
  ey_session_set_identity (self, s->identity);
  _ey_session_op_post (task, data, then_after_sign_in);
}

/* With a recovery record, sign-in goes on to the recorded order and, if
 * the site still holds the accepted E-Onay, submits the application. */

/* The recorded order as a link on this site: its path and query only. A
 * note written against another address (the demo's site on another port, an
 * older site address) must not send the session elsewhere, nor fail for good
 * as a refused redirect. */
static char *
order_href (const char *recorded)
{
  g_autoptr(GUri) uri = g_uri_parse (recorded, G_URI_FLAGS_ENCODED, NULL);

  if (uri == NULL)
    return g_strdup (recorded);
  if (g_uri_get_query (uri))
    return g_strconcat (g_uri_get_path (uri), "?", g_uri_get_query (uri), NULL);
  return g_strdup (g_uri_get_path (uri));
}

static void
then_after_sign_in (GTask  *task,
                    EySitePage *page)
{
  EySession *self = g_task_get_source_object (task);

  if (ey_site_page_get_kind (page) == EY_SITE_PAGE_KIND_LOGIN)
    {
      /* Refused: a fresh CAPTCHA comes with the page; keep the error. The
       * sign-in page again without an error we know is NOT success and not
       * a wrong CAPTCHA either: asking for another CAPTCHA would loop (and a
       * real site locks the account after a few wrong passwords). Say what
       * was expected and what came. */
      if (!_ey_session_has_marker_error (task))
        {
          g_autofree char *expected = _ey_session_describe_expected_but (EY_SESSION_STEP_SIGN_IN,
                                                                         EY_SITE_PAGE_KIND_LOGIN);
          g_autofree char *got = ey_site_page_describe (page);

          _ey_session_set_marker_error (task, ey_core_error_new_unexpected (expected, got));
        }
      _ey_session_then_captcha (task, page);
      return;
    }
  if (_ey_session_fail_on_marker (task))
    return;
  if (self->step == EY_SESSION_STEP_NO_ORDER)
    {
      _ey_session_op_fail (task, ey_core_error_new (EY_CORE_ERROR_NO_ORDER));
      return;
    }
  /* The person who signed in may have a note of their own (per person) */
  if (self->step == EY_SESSION_STEP_ORDERS &&
      (self->recovery == NULL || !ey_recovery_matches (self->recovery, self->identity)))
    _ey_session_load_recovery (self);
  if (self->recovery && self->step == EY_SESSION_STEP_ORDERS &&
      ey_recovery_matches (self->recovery, self->identity) &&
      *ey_recovery_get_order_id (self->recovery) != '\0')
    {
      g_autofree char *path = order_href (ey_recovery_get_order_id (self->recovery));
      g_autoptr(GUri) here = ey_site_client_resolve (self->client, path, NULL);
      g_autofree char *href = here ? g_uri_to_string (here) : g_strdup (path);

      g_debug ("resuming the recorded application");
      _ey_session_set_string (self, &self->order_id, href, PROP_ORDER_ID);
      _ey_session_op_get (task, href, _ey_session_then_resume);
      return;
    }
  _ey_session_op_succeed (task);
}

void
ey_session_sign_in_async (EySession           *self,
                          const char          *captcha_text,
                          const char          *identity,
                          const char          *password,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));
  g_return_if_fail (captcha_text != NULL && identity != NULL && password != NULL);

  task = _ey_session_op_new (self, ey_session_sign_in_async, cancellable, callback, user_data);
  sign_in_new (task, captcha_text, identity, password);
  _ey_session_op_start (self, task, ACTION_SIGN_IN, do_sign_in);
}

gboolean
ey_session_sign_in_finish (EySession     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return _ey_session_op_finish (self, result, ey_session_sign_in_async, error);
}

/* --- forgot password ---------------------------------------------------- */

static void
then_restore_notice (GTask  *task,
                     EySitePage *page)
{
  EySession *self = g_task_get_source_object (task);
  SignIn *s = _ey_session_op_state (task);

  if (s->notice && ey_site_page_get_message (page) == NULL)
    _ey_session_set_string (self, &self->site_message, s->notice, PROP_SITE_MESSAGE);
  _ey_session_then_captcha (task, page);
}

static void
then_after_forgot (GTask  *task,
                   EySitePage *page)
{
  EySession *self = g_task_get_source_object (task);
  SignIn *s = _ey_session_op_state (task);

  if (ey_site_page_get_kind (page) == EY_SITE_PAGE_KIND_FORGOT &&
      ey_site_page_has_marker (page, EY_SITE_PAGE_MARKER_PASSWORD_RESENT))
    {
      /* Back to sign-in, keeping the site's "mailed again" for the user */
      g_free (s->notice);
      s->notice = g_strdup (self->site_message);
      _ey_session_op_get_action (task, EY_SITE_ACTION_LOGIN, then_restore_notice);
      return;
    }
  _ey_session_then_captcha (task, page);
}

static void
do_forgot (GTask  *task,
           EySitePage *page)
{
  SignIn *s = _ey_session_op_state (task);
  g_autoptr(EyFormData) data = _ey_session_submission (task, EY_BUTTON_ROLE_SUBMIT);

  if (data == NULL)
    return;
  if (!_ey_session_fill (task, data, EY_FIELD_ROLE_CAPTCHA, s->captcha) ||
      !_ey_session_fill (task, data, EY_FIELD_ROLE_IDENTITY, s->identity))
    return;
  _ey_session_op_post (task, data, then_after_forgot);
}

void
ey_session_forgot_password_async (EySession           *self,
                                  const char          *captcha_text,
                                  const char          *identity,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));
  g_return_if_fail (captcha_text != NULL && identity != NULL);

  task = _ey_session_op_new (self, ey_session_forgot_password_async, cancellable, callback, user_data);
  sign_in_new (task, captcha_text, identity, NULL);
  _ey_session_op_start (self, task, ACTION_FORGOT_PASSWORD, do_forgot);
}

gboolean
ey_session_forgot_password_finish (EySession     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return _ey_session_op_finish (self, result, ey_session_forgot_password_async, error);
}

/* --- order -------------------------------------------------------------- */

static void
do_choose_order (GTask  *task,
                 EySitePage *page)
{
  EySession *self = g_task_get_source_object (task);
  const char *id = _ey_session_op_state (task);   /* the order's link */
  gboolean known = FALSE;

  for (guint i = 0; i < self->orders->len; i++)
    if (g_strcmp0 (((EySessionOrder *) g_ptr_array_index (self->orders, i))->id, id) == 0)
      known = TRUE;
  if (!known)
    {
      _ey_session_op_fail (task, ey_core_error_new (EY_CORE_ERROR_WRONG_STEP));
      return;
    }
  _ey_session_set_string (self, &self->order_id, id, PROP_ORDER_ID);
  _ey_session_op_get (task, id, _ey_session_then_done);
}

void
ey_session_choose_order_async (EySession           *self,
                               const char          *order_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));
  g_return_if_fail (order_id != NULL);

  task = _ey_session_op_new (self, ey_session_choose_order_async, cancellable, callback, user_data);
  _ey_session_op_set_state (task, g_strdup (order_id), g_free);
  _ey_session_op_start (self, task, ACTION_CHOOSE_ORDER, do_choose_order);
}

gboolean
ey_session_choose_order_finish (EySession     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return _ey_session_op_finish (self, result, ey_session_choose_order_async, error);
}

/* --- form --------------------------------------------------------------- */
