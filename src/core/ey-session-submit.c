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
#include "ey-site-client-private.h"
#include "ey-site-profile-private.h"
#include "ey-site-roles-private.h"

/* The signature upload and what follows it: the automatic E-Onaylı press,
 * the result page and the resume of a recorded application. */

/* After the site accepted the signature: follow the page's continue link.
 * E-Onay: the method page, then E-Onaylı Başvuru; e-signed: the result. */

void
_ey_session_then_submit_eonayli (GTask  *task,
                                 EySitePage *page)
{
  EySession *self = g_task_get_source_object (task);
  g_autoptr(EyFormData) data = NULL;

  if (_ey_session_fail_on_marker (task))
    return;
  if (ey_site_page_get_kind (page) == EY_SITE_PAGE_KIND_RESULT)
    {
      _ey_session_then_submitted (task, page);
      return;
    }
  if (ey_site_page_get_kind (page) != EY_SITE_PAGE_KIND_METHOD ||
      !(self->methods & EY_SESSION_METHOD_EONAY))
    {
      /* Resuming, and the site no longer holds the E-Onay: go on by hand */
      if (self->step != EY_SESSION_STEP_SUBMITTING)
        {
          _ey_session_op_succeed (task);
          return;
        }
      _ey_session_op_fail (task, ey_core_error_new_unexpected (ey_site_page_kind_get_label (EY_SITE_PAGE_KIND_METHOD),
                                                   ey_site_page_kind_get_label (ey_site_page_get_kind (page))));
      return;
    }
  _ey_session_fire (self, EV_EONAYLI_PRESSED);
  _ey_session_set_path (self, EY_SESSION_PATH_EONAY);
  data = _ey_session_submission (task, EY_BUTTON_ROLE_METHOD_EONAYLI);
  if (data != NULL)
    _ey_session_op_post (task, data, _ey_session_then_submitted);
}

void
_ey_session_then_submitted (GTask  *task,
                            EySitePage *page)
{
  EySession *self = g_task_get_source_object (task);

  if (_ey_session_fail_on_marker (task))
    return;
  if (self->step != EY_SESSION_STEP_DONE)
    {
      g_autofree char *got = ey_site_page_describe (page);
      _ey_session_op_fail (task, ey_core_error_new_unexpected (ey_site_page_kind_get_label (EY_SITE_PAGE_KIND_RESULT),
                                                   got));
      return;
    }
  /* Only the site's confirmation counts; now the note can go */
  _ey_session_clear_recovery (self);
  _ey_session_op_succeed (task);
  g_signal_emit (self, _ey_session_signals[SUBMITTED], 0, self->path);
}


/* The recorded order, opened after a new sign-in (the password was asked again:
 * the record holds no secret). The site shows where the application stands:
 *  - the result: it arrived (say, the confirmation was lost on the way); done,
 *    nothing is sent again;
 *  - the method page with E-Onaylı (E-İmzalı for that path): press it;
 *  - the wet-signature page: it went that way; nothing to finish here;
 *  - the form: the site lost it; say so and go on by hand, keeping the answers. */
void
_ey_session_then_resume (GTask  *task,
                         EySitePage *page)
{
  EySession *self = g_task_get_source_object (task);
  gboolean esigned = self->recovery &&
                     g_strcmp0 (ey_recovery_get_path_nick (self->recovery), "esigned") == 0;
  g_autoptr(EyFormData) data = NULL;

  if (_ey_session_fail_on_marker (task))
    return;
  switch (ey_site_page_get_kind (page))
    {
    case EY_SITE_PAGE_KIND_WET:
      g_debug ("resume: the application went the wet-signature way");
      _ey_session_set_path (self, EY_SESSION_PATH_WET);
          _ey_session_clear_recovery (self);
      _ey_session_op_succeed (task);
      return;
    case EY_SITE_PAGE_KIND_RESULT:
      g_debug ("resume: the site has the application already");
      _ey_session_set_path (self, esigned ? EY_SESSION_PATH_ESIGNED : EY_SESSION_PATH_EONAY);
      _ey_session_then_submitted (task, page);
      return;
    case EY_SITE_PAGE_KIND_METHOD:
      if (esigned && (self->methods & EY_SESSION_METHOD_ESIGNED))
        {
          /* The form's signature must be given again on the new signing page. */
          g_debug ("resume: pressing E-İmzalı Başvuru");
          _ey_session_set_path (self, EY_SESSION_PATH_ESIGNED);
          data = _ey_session_submission (task, EY_BUTTON_ROLE_METHOD_EIMZALI);
          if (data != NULL)
            _ey_session_op_post (task, data, _ey_session_then_method_chosen);
          return;
        }
      if (self->methods & EY_SESSION_METHOD_EONAY)
        {
          g_debug ("resume: the site kept the E-Onay; pressing E-Onaylı Başvuru");
          _ey_session_then_submit_eonayli (task, page);
          return;
        }
      break;
    case EY_SITE_PAGE_KIND_UNKNOWN:
    case EY_SITE_PAGE_KIND_LOGIN:
    case EY_SITE_PAGE_KIND_FORGOT:
    case EY_SITE_PAGE_KIND_ORDERS:
    case EY_SITE_PAGE_KIND_FORM:
    case EY_SITE_PAGE_KIND_SMS_SEND:
    case EY_SITE_PAGE_KIND_SMS_CODE:
    case EY_SITE_PAGE_KIND_EONAY_CHOICE:
    case EY_SITE_PAGE_KIND_CONSENT:
    case EY_SITE_PAGE_KIND_EONAY_SIGN:
    case EY_SITE_PAGE_KIND_EIMZALI_SIGN:
    default:
      break;
    }
  /* The site no longer holds it: the user goes on from here (the form keeps what
   * the site saved and what was typed). The record claimed a signed application
   * the site does not have, so it goes; the next signature writes a new one. */
  g_debug ("resume: the site no longer holds the application (%s)",
           ey_site_page_kind_get_label (ey_site_page_get_kind (page)));
  _ey_session_clear_recovery (self);
  _ey_session_op_fail (task, ey_core_error_new (EY_CORE_ERROR_APPLICATION_LOST));
}

void
_ey_session_then_after_accept (GTask  *task,
                               EySitePage *page)
{
  EySession *self = g_task_get_source_object (task);

  if (self->path == EY_SESSION_PATH_EONAY)
    _ey_session_then_submit_eonayli (task, page);
  else
    _ey_session_then_submitted (task, page);
}

void
_ey_session_continue_after_accept (GTask *task)
{
  EySession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  _ey_session_fire (self, EV_SIGNATURE_ACCEPTED);

  /* Written before anything else can go wrong: see ey-recovery.h */
  _ey_session_save_recovery (self, self->path == EY_SESSION_PATH_ESIGNED ? "esigned" : "eonay");

  url = ey_site_page_get_link_url (self->page, EY_LINK_ROLE_CONTINUE, &error);
  if (url == NULL)
    {
      g_debug ("no continue link (%s); using the method page", error->message);
      url = g_strdup (ey_site_profile_get_action_path (self->profile,
                        self->path == EY_SESSION_PATH_ESIGNED ? EY_SITE_ACTION_RESULT
                                                              : EY_SITE_ACTION_METHOD));
    }
  _ey_session_op_get (task, url, _ey_session_then_after_accept);
}

static void
upload_reread_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(EySitePage) page = NULL;
  GError *upload_error = g_object_steal_data (G_OBJECT (task), "upload-error");
  GError *error = NULL;

  page = ey_site_client_get_page_finish (EY_SITE_CLIENT (object), result, &error);
  if (page == NULL)
    {
      g_clear_error (&error);
      _ey_session_op_fail (task, upload_error);
      return;
    }
  /* The signing page moved on: the site took the signature after all */
  if (ey_site_page_get_kind (page) == EY_SITE_PAGE_KIND_METHOD ||
      ey_site_page_get_kind (page) == EY_SITE_PAGE_KIND_RESULT)
    {
      g_debug ("the site took the signature despite the failed upload");
      g_clear_error (&upload_error);
      _ey_session_continue_after_accept (task);
      return;
    }
  _ey_session_op_fail (task, upload_error);
}

static void
upload_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EySession *self = g_task_get_source_object (task);
  g_autoptr(GBytes) reply = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *site_code = NULL;
  g_autofree char *site_message = NULL;
  g_autoptr(GError) read_error = NULL;
  GError *error = NULL;
  EySignOutcome outcome;

  reply = ey_site_client_post_bytes_finish (EY_SITE_CLIENT (object), result, &content_type,
                                            &error);
  if (reply == NULL)
    {
      if (g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_CANCELLED) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          _ey_session_is_fatal (error))
        {
          _ey_session_op_fail (task, error);
          return;
        }
      /* Never resend: look at the signing page to learn whether it arrived */
      g_object_set_data_full (G_OBJECT (task), "upload-error", error,
                              (GDestroyNotify) g_error_free);
      ey_site_client_get_page_async (self->client, ey_site_page_get_url (self->page),
                                     _ey_session_op_of (task)->cancellable, upload_reread_cb,
                                     g_object_ref (task));
      return;
    }

  if (_ey_session_raw_reply_is_page (task, reply, content_type))
    return;
  outcome = ey_site_profile_read_sign_reply (self->profile, reply, &site_code, &site_message,
                                             &read_error);
  if (read_error)
    {
      g_debug ("sign reply unreadable: %s", read_error->message);
      _ey_session_op_fail (task, ey_core_error_new_unexpected (_("the answer to the signature"),
                                                   _("something unreadable")));
      return;
    }
  _ey_session_set_string (self, &self->site_message, site_message, PROP_SITE_MESSAGE);
  if (outcome != EY_SIGN_OUTCOME_ACCEPTED)
    {
      g_debug ("signature refused: %s", site_code ? site_code : "?");
      _ey_session_op_fail (task, ey_core_error_new (ey_core_error_from_sign_outcome (outcome)));
      return;
    }
  g_debug ("signature accepted (%s)", _ey_session_purpose (self));
  _ey_session_continue_after_accept (task);
}

static void
do_submit_signature (GTask  *task,
                     EySitePage *page)
{
  EySession *self = g_task_get_source_object (task);
  g_autoptr(EyFormData) data = _ey_session_sign_request (task, EY_SITE_ACTION_SIGN_UPLOAD);
  g_autoptr(GError) error = NULL;
  g_autofree char *b64 = NULL;
  gsize len;
  const guchar *der;

  if (data == NULL)
    return;
  der = g_bytes_get_data (_ey_session_op_state (task), &len);
  b64 = g_base64_encode (der, len);
  if (!ey_form_data_set_field (data, EY_FIELD_ROLE_SIGNATURE, b64, &error))
    {
      g_debug ("sign upload: %s", error->message);
      _ey_session_op_fail (task, ey_core_error_new (EY_CORE_ERROR_FAILED));
      return;
    }
  ey_site_client_post_bytes_async (self->client, data, _ey_session_op_of (task)->cancellable,
                                   upload_cb, g_object_ref (task));
}

void
ey_session_submit_signature_async (EySession           *self,
                                   GBytes              *cms,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EY_IS_SESSION (self));
  g_return_if_fail (cms != NULL);

  task = _ey_session_op_new (self, ey_session_submit_signature_async, cancellable, callback, user_data);
  /* the action's state: the CMS to upload */
  _ey_session_op_set_state (task, g_bytes_ref (cms), (GDestroyNotify) g_bytes_unref);
  self->page_stale = FALSE;
  _ey_session_op_start (self, task, ACTION_SUBMIT_SIGNATURE, do_submit_signature);
}

gboolean
ey_session_submit_signature_finish (EySession     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return _ey_session_op_finish (self, result, ey_session_submit_signature_async, error);
}
