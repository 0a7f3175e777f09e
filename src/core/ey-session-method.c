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
#include "ey-site-profile-private.h"

/* The method page (10) and the wet-signature PDF (10c). */

/* --- method, wet PDF ---------------------------------------------------- */

void
_ey_session_then_method_chosen (GTask  *task,
                                EySitePage *page)
{
  EySession *self = g_task_get_source_object (task);

  if (_ey_session_fail_on_marker (task))
    return;
  if (self->step == EY_SESSION_STEP_DONE)
    {
      _ey_session_then_submitted (task, page);
      return;
    }
  _ey_session_op_succeed (task);
}

/* choose-method: the method, and whether the method page was loaded
 * already (from the signing page) */
typedef struct
{
  EySessionMethod method;
  gboolean        loaded;
} ChooseMethod;

static void
do_choose_method (GTask  *task,
                  EySitePage *page)
{
  EySession *self = g_task_get_source_object (task);
  ChooseMethod *choose = _ey_session_op_state (task);
  EySessionMethod method = choose->method;
  g_autoptr(EyFormData) data = NULL;
  EyButtonRole button;

  /* From the signing page (signature refused for good): the method page first */
  if (ey_site_page_get_kind (page) != EY_SITE_PAGE_KIND_METHOD)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = ey_site_page_get_link_url (page, EY_LINK_ROLE_CONTINUE, &error);

      if (url == NULL)
        url = g_strdup (ey_site_profile_get_action_path (self->profile, EY_SITE_ACTION_METHOD));
      if (url == NULL || choose->loaded)
        {
          _ey_session_op_fail (task, ey_core_error_new (EY_CORE_ERROR_WRONG_STEP));
          return;
        }
      choose->loaded = TRUE;
      _ey_session_op_get (task, url, do_choose_method);
      return;
    }
  _ey_session_drop_marker_error (task);

  if (!(self->methods & method))
    {
      _ey_session_op_fail (task, ey_core_error_new (EY_CORE_ERROR_WRONG_STEP));
      return;
    }
  switch (method)
    {
    case EY_SESSION_METHOD_EONAY:
      _ey_session_set_path (self, EY_SESSION_PATH_EONAY);
      button = EY_BUTTON_ROLE_METHOD_EONAYLI;
      _ey_session_fire (self, EV_EONAYLI_PRESSED);
      break;
    case EY_SESSION_METHOD_ESIGNED:
      _ey_session_set_path (self, EY_SESSION_PATH_ESIGNED);
      button = EY_BUTTON_ROLE_METHOD_EIMZALI;
      break;
    case EY_SESSION_METHOD_WET:
    default:
      _ey_session_set_path (self, EY_SESSION_PATH_WET);
      button = EY_BUTTON_ROLE_METHOD_ISLAK;
      break;
    }
  data = _ey_session_submission (task, button);
  if (data != NULL)
    _ey_session_op_post (task, data, _ey_session_then_method_chosen);
}

void
ey_session_choose_method_async (EySession           *self,
                                EySessionMethod      method,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));
  g_return_if_fail (method == EY_SESSION_METHOD_EONAY || method == EY_SESSION_METHOD_ESIGNED ||
                    method == EY_SESSION_METHOD_WET);

  task = _ey_session_op_new (self, ey_session_choose_method_async, cancellable, callback, user_data);
  {
    ChooseMethod *choose = g_new0 (ChooseMethod, 1);

    choose->method = method;
    _ey_session_op_set_state (task, choose, g_free);
  }
  /* SUBMITTING: the automatic E-Onaylı press failed; the user retries it */
  _ey_session_op_start (self, task, ACTION_CHOOSE_METHOD, do_choose_method);
}

gboolean
ey_session_choose_method_finish (EySession     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return _ey_session_op_finish (self, result, ey_session_choose_method_async, error);
}

static void
pdf_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EySession *self = g_task_get_source_object (task);
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *content_type = NULL;
  GError *error = NULL;
  gsize len = 0;
  const char *head;

  pdf = ey_site_client_get_bytes_finish (EY_SITE_CLIENT (object), result, &content_type, &error);
  if (pdf == NULL)
    {
      _ey_session_op_fail (task, error);
      return;
    }
  /* Only a PDF is the form (and the wet path's submission): a page instead
   * (the sign-in page of an expired session, a maintenance page) is not */
  head = g_bytes_get_data (pdf, &len);
  if (len < 5 || memcmp (head, "%PDF-", 5) != 0)
    {
      if (_ey_session_raw_reply_is_page (task, pdf, content_type))
        return;
      _ey_session_op_fail (task, ey_core_error_new_unexpected (_("the application form (PDF)"),
                                                               _("something else")));
      return;
    }
  _ey_session_set_bytes (self, &self->pdf, pdf, PROP_PDF);
  _ey_session_set_error (self, NULL);
  _ey_session_set_busy (self, FALSE);
  g_task_return_pointer (task, g_bytes_ref (pdf), (GDestroyNotify) g_bytes_unref);
  g_signal_emit (self, _ey_session_signals[SUBMITTED], 0, EY_SESSION_PATH_WET);
}

static void
do_fetch_pdf (GTask  *task,
              EySitePage *page)
{
  EySession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = ey_site_page_get_link_url (page, EY_LINK_ROLE_PDF, &error);

  if (url == NULL)
    {
      g_debug ("no PDF link: %s", error->message);
      _ey_session_op_fail (task, ey_core_error_new (EY_CORE_ERROR_UNEXPECTED_PAGE));
      return;
    }
  ey_site_client_get_bytes_async (self->client, url, _ey_session_op_of (task)->cancellable,
                                  pdf_cb, g_object_ref (task));
}

void
ey_session_fetch_pdf_async (EySession           *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));

  task = _ey_session_op_new (self, ey_session_fetch_pdf_async, cancellable, callback, user_data);
  _ey_session_op_start (self, task, ACTION_FETCH_PDF, do_fetch_pdf);
}

GBytes *
ey_session_fetch_pdf_finish (EySession     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
