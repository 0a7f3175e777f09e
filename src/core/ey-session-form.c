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
#include "ey-site-client.h"
#include "ey-site-profile.h"
#include "ey-site-roles-private.h"

/* The application form (page 4) and the way back to it from page 5. */

static void
do_submit_form (GTask  *task,
                EySitePage *page)
{
  EySession *self = g_task_get_source_object (task);
  g_autoptr(EyFormData) data = _ey_session_submission (task, EY_BUTTON_ROLE_SUBMIT);

  if (data == NULL)
    return;
  for (guint i = 0; i < self->form->len; i++)
    {
      EySessionField *field = g_ptr_array_index (self->form, i);
      int role;

      if (field->read_only || !ey_site_role_from_string (EY_TYPE_FIELD_ROLE, field->role, &role))
        continue;
      if (!_ey_session_fill (task, data, role, field->value))
        return;
    }
  _ey_session_op_post (task, data, _ey_session_then_done);
}

void
ey_session_submit_form_async (EySession           *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));

  task = _ey_session_op_new (self, ey_session_submit_form_async, cancellable, callback, user_data);
  _ey_session_op_start (self, task, ACTION_SUBMIT_FORM, do_submit_form);
}

gboolean
ey_session_submit_form_finish (EySession     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return _ey_session_op_finish (self, result, ey_session_submit_form_async, error);
}

/* --- SMS ---------------------------------------------------------------- */
static void
do_back_to_form (GTask  *task,
                 EySitePage *page)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = ey_site_page_get_link_url (page, EY_LINK_ROLE_BACK_TO_FORM, &error);

  if (url == NULL)
    {
      g_debug ("no link back to the form: %s", error->message);
      _ey_session_op_fail (task, ey_core_error_new (EY_CORE_ERROR_UNEXPECTED_PAGE));
      return;
    }
  _ey_session_op_get (task, url, _ey_session_then_done);
}

void
ey_session_back_to_form_async (EySession           *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));

  task = _ey_session_op_new (self, ey_session_back_to_form_async, cancellable, callback, user_data);
  _ey_session_op_start (self, task, ACTION_BACK_TO_FORM, do_back_to_form);
}

gboolean
ey_session_back_to_form_finish (EySession     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return _ey_session_op_finish (self, result, ey_session_back_to_form_async, error);
}
