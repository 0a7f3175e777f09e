/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-session"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ey-core-error-private.h"
#include "ey-form-private.h"
#include "ey-site-page-private.h"
#include "ey-recovery.h"
#include "ey-session-private.h"
#include "ey-sign-data-private.h"
#include "ey-site-client-private.h"
#include "ey-site-profile-private.h"

/* E-Onay choice, consent, the data to sign and a new verification code
 * (pages 7–9). */

/* choose-eonay: the answer */
typedef struct
{
  gboolean yes;
} EonayChoice;

/* renew-code: whether the page was read again already */
typedef struct
{
  gboolean reread;
} RenewCode;

static void
do_choose_eonay (GTask  *task,
                 EySitePage *page)
{
  EySession *self = g_task_get_source_object (task);
  g_autoptr(EyFormData) data = _ey_session_submission (task, EY_BUTTON_ROLE_SUBMIT);
  g_autoptr(GError) error = NULL;
  EonayChoice *choice = _ey_session_op_state (task);
  gboolean yes = choice->yes;

  if (data == NULL)
    return;
  if (!ey_form_data_choose (data, yes ? EY_CHOICE_ROLE_EONAY_YES : EY_CHOICE_ROLE_EONAY_NO,
                            &error))
    {
      g_debug ("cannot choose: %s", error->message);
      _ey_session_op_fail (task, ey_core_error_new (EY_CORE_ERROR_UNEXPECTED_PAGE));
      return;
    }
  _ey_session_set_path (self, yes ? EY_SESSION_PATH_EONAY : EY_SESSION_PATH_NONE);
  _ey_session_op_post (task, data, _ey_session_then_done);
}

void
ey_session_choose_eonay_async (EySession           *self,
                               gboolean             give_eonay,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));

  task = _ey_session_op_new (self, ey_session_choose_eonay_async, cancellable, callback, user_data);
  {
    EonayChoice *choice = g_new0 (EonayChoice, 1);

    choice->yes = !!give_eonay;
    _ey_session_op_set_state (task, choice, g_free);
  }
  _ey_session_op_start (self, task, ACTION_CHOOSE_EONAY, do_choose_eonay);
}

gboolean
ey_session_choose_eonay_finish (EySession     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return _ey_session_op_finish (self, result, ey_session_choose_eonay_async, error);
}

static void
do_accept_consent (GTask  *task,
                   EySitePage *page)
{
  g_autoptr(EyFormData) data = _ey_session_submission (task, EY_BUTTON_ROLE_SUBMIT);
  g_autoptr(GError) error = NULL;

  if (data == NULL)
    return;
  if (!ey_form_data_choose (data, EY_CHOICE_ROLE_CONSENT, &error))
    {
      g_debug ("cannot tick consent: %s", error->message);
      _ey_session_op_fail (task, ey_core_error_new (EY_CORE_ERROR_UNEXPECTED_PAGE));
      return;
    }
  _ey_session_op_post (task, data, _ey_session_then_done);
}

void
ey_session_accept_consent_async (EySession           *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));

  task = _ey_session_op_new (self, ey_session_accept_consent_async, cancellable, callback, user_data);
  _ey_session_op_start (self, task, ACTION_ACCEPT_CONSENT, do_accept_consent);
}

gboolean
ey_session_accept_consent_finish (EySession     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _ey_session_op_finish (self, result, ey_session_accept_consent_async, error);
}

/* --- signing ------------------------------------------------------------ */

EyFormData *
_ey_session_sign_request (GTask        *task,
                          EySiteAction  action)
{
  EySession *self = g_task_get_source_object (task);
  g_autofree char *url = NULL;
  g_autoptr(EyFormData) data = NULL;
  g_autoptr(GError) error = NULL;

  url = ey_site_profile_get_action_url (self->profile, action, &error);
  if (url == NULL || self->verification_code == NULL)
    {
      _ey_session_op_fail (task, ey_core_error_new (EY_CORE_ERROR_WRONG_STEP));
      return NULL;
    }
  data = ey_form_data_new (url, NULL);
  ey_form_data_set_roles (data, self->profile, EY_SITE_PAGE_KIND_UNKNOWN, action);
  if (!ey_form_data_set_field (data, EY_FIELD_ROLE_VERIFICATION_CODE,
                               self->verification_code, &error))
    {
      g_debug ("sign request: %s", error->message);
      _ey_session_op_fail (task, ey_core_error_new (EY_CORE_ERROR_FAILED));
      return NULL;
    }
  return g_steal_pointer (&data);
}

const char *
_ey_session_purpose (EySession *self)
{
  return self->path == EY_SESSION_PATH_ESIGNED ? "form" : "eonay";
}

/* A page came where data was expected: always a failure */
void
_ey_session_then_not_a_reply (GTask  *task,
                              EySitePage *page)
{
  GError *error = _ey_session_take_marker_error (task);

  if (error == NULL)
    {
      g_autofree char *got = ey_site_page_describe (page);
      EySession *self = g_task_get_source_object (task);

      error = ey_core_error_new_unexpected (self->step == EY_SESSION_STEP_WET
                                            ? _("the application form (PDF)")
                                            : _("the answer to the signature"), got);
    }
  _ey_session_op_fail (task, error);
}

/* The signing calls answer text or JSON; an HTML page instead means the
 * site sent us elsewhere (a lost session shows the sign-in page). */
gboolean
_ey_session_raw_reply_is_page (GTask      *task,
                               GBytes     *bytes,
                               const char *content_type)
{
  EySession *self = g_task_get_source_object (task);
  g_autoptr(EySitePage) page = NULL;

  if (content_type == NULL || !g_str_has_prefix (content_type, "text/html"))
    return FALSE;
  page = ey_site_page_new (self->profile, bytes, content_type,
                      ey_site_client_get_current_url (self->client), NULL);
  if (page == NULL)
    return FALSE;
  _ey_session_op_of (task)->then = _ey_session_then_not_a_reply;
  _ey_session_handle_page (task, page, NULL);
  return TRUE;
}

static void
sign_data_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EySession *self = g_task_get_source_object (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *content_type = NULL;
  GError *error = NULL;

  bytes = ey_site_client_post_bytes_finish (EY_SITE_CLIENT (object), result, &content_type,
                                            &error);
  if (bytes == NULL)
    {
      _ey_session_op_fail (task, error);
      return;
    }
  if (_ey_session_raw_reply_is_page (task, bytes, content_type))
    return;
  if (content_type != NULL && g_str_has_prefix (content_type, "application/json"))
    {
      /* The site says the code expired or is unknown, in the upload answer's
       * form: said as itself, so a new code can be asked for.  Any other JSON
       * falls to the check below and is refused as not the text to sign. */
      g_autofree char *site_code = NULL;
      g_autoptr(GError) read_error = NULL;
      EySignOutcome outcome = ey_site_profile_read_sign_reply (self->profile, bytes, &site_code,
                                                               NULL, &read_error);

      if (read_error == NULL && (outcome == EY_SIGN_OUTCOME_CODE_EXPIRED ||
                                 outcome == EY_SIGN_OUTCOME_CODE_UNKNOWN))
        {
          g_debug ("sign data refused by the site: %s", site_code ? site_code : "?");
          _ey_session_op_fail (task, ey_core_error_new (ey_core_error_from_sign_outcome (outcome)));
          return;
        }
    }
  {
    /* Only the text the profile describes, naming this applicant and this page's
     * code, may reach the card (ey-sign-data.c); the rest fails before any PIN. */
    EySignDataApplicant applicant = { self->identity, self->applicant_name,
                                      self->verification_code };
    g_autoptr(EySignData) checked = ey_sign_data_check (self->profile,
                                                        _ey_session_purpose (self), bytes,
                                                        content_type, &applicant, &error);

    if (checked == NULL)
      {
        _ey_session_op_fail (task, error);
        return;
      }
  }
  _ey_session_set_error (self, NULL);
  _ey_session_set_busy (self, FALSE);
  g_signal_emit (self, _ey_session_signals[NEEDS_SIGNATURE], 0, bytes, _ey_session_purpose (self));
  g_task_return_pointer (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
}

static void
do_fetch_sign_data (GTask  *task,
                    EySitePage *page)
{
  EySession *self = g_task_get_source_object (task);
  g_autoptr(EyFormData) data = _ey_session_sign_request (task, EY_SITE_ACTION_SIGN_DATA);

  if (data == NULL)
    return;
  ey_site_client_post_bytes_async (self->client, data, _ey_session_op_of (task)->cancellable,
                                   sign_data_cb, g_object_ref (task));
}

void
ey_session_fetch_sign_data_async (EySession           *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));

  task = _ey_session_op_new (self, ey_session_fetch_sign_data_async, cancellable, callback, user_data);
  /* The data call does not depend on the page: no re-read needed */
  self->page_stale = FALSE;
  _ey_session_op_start (self, task, ACTION_FETCH_SIGN_DATA, do_fetch_sign_data);
}

GBytes *
ey_session_fetch_sign_data_finish (EySession     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
do_renew_code (GTask  *task,
               EySitePage *page)
{
  RenewCode *renew = _ey_session_op_state (task);

  if (!ey_site_page_has_button (page, EY_BUTTON_ROLE_RENEW_CODE))
    {
      /* The code is still good: the re-read page is the answer */
      if (renew->reread)
        {
          _ey_session_op_succeed (task);
          return;
        }
      /* Our copy of the page predates the expiry: look again first */
      renew->reread = TRUE;
      _ey_session_op_get (task, ey_site_page_get_url (page), do_renew_code);
      return;
    }
  _ey_session_drop_marker_error (task);   /* "expired" is why we are here */
  _ey_session_do_press (task, EY_BUTTON_ROLE_RENEW_CODE);
}

void
ey_session_renew_code_async (EySession           *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));

  task = _ey_session_op_new (self, ey_session_renew_code_async, cancellable, callback, user_data);
  _ey_session_op_set_state (task, g_new0 (RenewCode, 1), g_free);
  _ey_session_op_start (self, task, ACTION_RENEW_CODE, do_renew_code);
}

gboolean
ey_session_renew_code_finish (EySession     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return _ey_session_op_finish (self, result, ey_session_renew_code_async, error);
}
