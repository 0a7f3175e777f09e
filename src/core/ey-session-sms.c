/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-session"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ey-core-error.h"
#include "ey-form.h"
#include "ey-site-page.h"
#include "ey-recovery.h"
#include "ey-session-private.h"
#include "ey-site-client.h"
#include "ey-site-profile.h"

/* The SMS pages (5 and 6): send the code, enter it, ask for a new one. */

/* --- SMS ---------------------------------------------------------------- */

static void
do_send_sms (GTask  *task,
             EySitePage *page)
{
  _ey_session_do_press (task, EY_BUTTON_ROLE_SUBMIT);
}

void
ey_session_send_sms_async (EySession           *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));

  task = _ey_session_op_new (self, ey_session_send_sms_async, cancellable, callback, user_data);
  _ey_session_op_start (self, task, ACTION_SEND_SMS, do_send_sms);
}

gboolean
ey_session_send_sms_finish (EySession     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return _ey_session_op_finish (self, result, ey_session_send_sms_async, error);
}


static void
do_submit_sms_code (GTask  *task,
                    EySitePage *page)
{
  g_autoptr(EyFormData) data = _ey_session_submission (task, EY_BUTTON_ROLE_SUBMIT);

  if (data == NULL || !_ey_session_fill (task, data, EY_FIELD_ROLE_SMS_CODE,
                                            _ey_session_op_state (task)))
    return;
  _ey_session_op_post (task, data, _ey_session_then_done);
}

void
ey_session_submit_sms_code_async (EySession           *self,
                                  const char          *code,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));
  g_return_if_fail (code != NULL);

  task = _ey_session_op_new (self, ey_session_submit_sms_code_async, cancellable, callback, user_data);
  /* the action's state is the code itself: wiped with the task */
  _ey_session_op_set_state (task, g_strdup (code), _ey_session_wipe_free);
  _ey_session_op_start (self, task, ACTION_SUBMIT_SMS_CODE, do_submit_sms_code);
}

gboolean
ey_session_submit_sms_code_finish (EySession     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return _ey_session_op_finish (self, result, ey_session_submit_sms_code_async, error);
}

static void
do_request_sms_code (GTask  *task,
                     EySitePage *page)
{
  _ey_session_do_press (task, EY_BUTTON_ROLE_RESEND);
}

void
ey_session_request_sms_code_async (EySession           *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));

  task = _ey_session_op_new (self, ey_session_request_sms_code_async, cancellable, callback, user_data);
  _ey_session_op_start (self, task, ACTION_REQUEST_SMS_CODE, do_request_sms_code);
}

gboolean
ey_session_request_sms_code_finish (EySession     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return _ey_session_op_finish (self, result, ey_session_request_sms_code_async, error);
}

/* --- E-Onay choice and consent ------------------------------------------ */
