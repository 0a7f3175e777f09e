/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-page-signing"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ey-application.h"
#include "ey-certificate-row.h"
#include "ey-core-error.h"
#include "ey-countdown.h"
#include "ey-demo-token.h"
#include "ey-page-signing.h"
#include "ey-pin-entry.h"
#include "ey-signer.h"
#include "ey-token.h"
#include "ey-token-error.h"
#include "ey-window-private.h"
#include "ey-ui-closures.h"

/* Page 9 (E-Onay) and 10b (e-signed form): the site's verification code and deadline,
 * the certificate, the PIN; then text → signature (token thread) → upload → submit. */
struct _EyPageSigning
{
  EyStepPage      parent_instance;

  GtkLabel       *heading;
  GtkLabel       *code_label;
  EyCountdown    *countdown;
  GtkButton      *renew_button;
  GtkListBox     *certificate_list;
  GtkLabel       *no_certificate_label;
  AdwPreferencesGroup *text_group;
  GtkTextView    *text_view;
  GtkLabel       *text_status;
  GtkButton      *text_retry_button;
  AdwPreferencesGroup *pin_group;
  EyPinEntry     *pin_entry;
  GtkWidget      *progress_box;
  GtkLabel       *error_label;

  GSignalGroup   *session_signals;
  GSignalGroup   *app_signals;
  GPtrArray      *rows;          /* EyCertificateRow */
  EyPinFlags      pin_flags;
  gboolean        signing;
  char           *progress;      /* what the card or the site is doing now, or NULL */
  gboolean        refill;        /* the certificates changed while signing */

  /* The checked text for the current verification code: fetched and shown
   * before the PIN can be typed, and exactly what the card signs. */
  GBytes         *sign_text;
  char           *sign_text_code;   /* the code it was fetched for */
  char           *failed_code;      /* fetching for this code failed: wait for the user */
  gboolean        fetching;
  gboolean        fetch_failed;     /* "Get the Text Again" shows */
};

G_DEFINE_FINAL_TYPE (EyPageSigning, ey_page_signing, EY_TYPE_STEP_PAGE)

enum {
  PROP_0,
  PROP_SIGNING,
  PROP_TEXT_READY,
  PROP_PROGRESS,
  PROP_FETCH_FAILED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static EyCertificate *
ey_page_signing_get_chosen (EyPageSigning *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      EyCertificateRow *row = g_ptr_array_index (self->rows, i);

      if (ey_certificate_row_get_usable (row) && ey_certificate_row_get_selected (row))
        return ey_certificate_row_get_certificate (row);
    }
  return NULL;
}

static void
ey_page_signing_update (EyPageSigning *self)
{
  EyCertificate *cert = ey_page_signing_get_chosen (self);
  gboolean expired = ey_countdown_get_expired (self->countdown);
  gboolean pin_ok = ey_pin_entry_get_pinpad (self->pin_entry) ||
                    strlen (ey_pin_entry_get_pin (self->pin_entry)) >= 4;
  gboolean have_text = self->sign_text != NULL;

  ey_step_page_set_can_continue (EY_STEP_PAGE (self),
                                 cert && pin_ok && have_text && !expired && !self->signing &&
                                 !(self->pin_flags & EY_PIN_LOCKED));
}

/* The PIN group (bound in the template) is sensitive only once the person can read
 * what the card signs and no signature runs. */
static gboolean
pin_sensitive_cb (EyPageSigning *self,
                  gboolean       text_ready,
                  gboolean       signing)
{
  return text_ready && !signing;
}

static gboolean
renew_visible_cb (EyPageSigning *self,
                  gboolean       expired,
                  gboolean       signing)
{
  return expired && !signing;
}

static void
ey_page_signing_set_state (EyPageSigning *self,
                           gboolean       signing,
                           GBytes        *sign_text)
{
  gboolean was_ready = self->sign_text != NULL;
  gboolean was_signing = self->signing;

  /* Focus leaves the PIN entry before its group turns insensitive, so that it gets
   * its focus-out (and stops its cursor). */
  if (!(sign_text != NULL && !signing) &&
      (gtk_widget_get_state_flags (GTK_WIDGET (self->pin_group)) & GTK_STATE_FLAG_FOCUS_WITHIN))
    gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  if (sign_text != self->sign_text)
    {
      g_clear_pointer (&self->sign_text, g_bytes_unref);
      self->sign_text = sign_text ? g_bytes_ref (sign_text) : NULL;
    }
  self->signing = signing;
  if (was_signing != signing)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNING]);
  if (was_ready != (sign_text != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_READY]);
}

static void
ey_page_signing_set_signing (EyPageSigning *self,
                             gboolean       signing)
{
  ey_page_signing_set_state (self, signing, self->sign_text);
}

static void
ey_page_signing_set_fetch_failed (EyPageSigning *self,
                                  gboolean       failed)
{
  if (self->fetch_failed == failed)
    return;
  self->fetch_failed = failed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FETCH_FAILED]);
}

static void
ey_page_signing_set_progress (EyPageSigning *self,
                              const char    *text)
{
  if (g_strcmp0 (self->progress, text) == 0)
    return;
  g_free (self->progress);
  self->progress = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

static void
ey_page_signing_show_pin_flags (EyPageSigning *self)
{
  int tries = 3;

  /* Tokens tell "a wrong PIN was typed" and "one try left", not a number; card PINs
   * lock after three wrong tries, so that is what the count assumes. */
  if (self->pin_flags & EY_PIN_LOCKED)
    tries = 0;
  else if (self->pin_flags & EY_PIN_FINAL_TRY)
    tries = 1;
  else if (self->pin_flags & EY_PIN_COUNT_LOW)
    tries = 2;
  ey_pin_entry_set_tries_left (self->pin_entry, tries);
  ey_pin_entry_set_pinpad (self->pin_entry, (self->pin_flags & EY_PIN_PAD) != 0);
  if (tries == 0)
    ey_pin_entry_set_error (self->pin_entry,
                            _("The PIN of this card is locked. Unlock it on KamuSM's \"NES "
                              "Bireysel\" site with your security word, then try again."));
  ey_page_signing_update (self);
}

static void
refresh_token_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(EyPageSigning) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ey_token_refresh_finish (EY_TOKEN (object), result, &error))
    {
      g_debug ("Token refresh: %s", error->message);
      return;
    }
  self->pin_flags = ey_token_get_pin_flags (EY_TOKEN (object));
  ey_page_signing_show_pin_flags (self);
}

static void
on_certificate_toggled_cb (EyPageSigning *self)
{
  EyCertificate *cert = ey_page_signing_get_chosen (self);
  EyToken *token = cert ? ey_certificate_get_token (cert) : NULL;

  if (token)
    {
      /* The tries left are shown before the PIN is typed, not after a failure. */
      self->pin_flags = ey_token_get_pin_flags (token);
      ey_page_signing_show_pin_flags (self);
      ey_token_refresh_async (token, ey_step_page_get_cancellable (EY_STEP_PAGE (self)),
                              refresh_token_cb, g_object_ref (self));
    }
  ey_page_signing_update (self);
}

static void
ey_page_signing_fill_certificates (EyPageSigning *self)
{
  EyWindow *window = ey_step_page_get_window (EY_STEP_PAGE (self));
  EySession *session = ey_step_page_get_session (EY_STEP_PAGE (self));
  EyApplication *app = window ? _ey_window_get_application (window) : NULL;
  GPtrArray *certificates = app ? ey_application_get_certificates (app) : NULL;
  const char *identity = session ? ey_session_get_identity (session) : NULL;
  EyCertificate *preferred = NULL;
  EyCertificateRow *group = NULL;
  GtkWidget *child;

  /* Not under a signature in progress; if it fails (card pulled out and put back),
   * the next try must use the card as listed now, not the token that went away. */
  if (self->signing)
    {
      self->refill = TRUE;
      return;
    }
  self->refill = FALSE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->certificate_list))))
    gtk_list_box_remove (self->certificate_list, child);
  g_ptr_array_set_size (self->rows, 0);

  if (certificates)
    preferred = ey_certificate_pick_signing (certificates, identity, NULL);
  for (guint i = 0; certificates && i < certificates->len; i++)
    {
      EyCertificate *cert = g_ptr_array_index (certificates, i);
      GtkWidget *row;

      /* Only certificates with a key on the card; someone else's stays visible, refused. */
      if (!ey_certificate_can_sign (cert))
        continue;
      row = ey_certificate_row_new (cert, identity, group);
      if (group == NULL)
        group = EY_CERTIFICATE_ROW (row);
      g_signal_connect_object (ey_certificate_row_get_check (EY_CERTIFICATE_ROW (row)), "toggled",
                               G_CALLBACK (on_certificate_toggled_cb), self, G_CONNECT_SWAPPED);
      gtk_list_box_append (self->certificate_list, row);
      g_ptr_array_add (self->rows, row);
      if (cert == preferred)
        ey_certificate_row_set_selected (EY_CERTIFICATE_ROW (row), TRUE);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->certificate_list), self->rows->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->no_certificate_label), preferred == NULL);
  on_certificate_toggled_cb (self);
}

static void ey_page_signing_maybe_fetch (EyPageSigning *self);

static void
ey_page_signing_set_text (EyPageSigning *self,
                          GBytes        *text,
                          const char    *code)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  g_clear_pointer (&self->sign_text_code, g_free);
  ey_page_signing_set_state (self, self->signing, text);
  if (text != NULL)
    {
      gsize len;
      const char *data = g_bytes_get_data (text, &len);

      self->sign_text_code = g_strdup (code);
      /* Checked by the session: UTF-8 without controls; shown as plain text */
      gtk_text_buffer_set_text (buffer, data, (int) len);
      gtk_label_set_text (self->text_status, "");
    }
  else
    gtk_text_buffer_set_text (buffer, "", 0);
  ey_page_signing_update (self);
}

static void
fetch_text_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(EyPageSigning) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) text = NULL;
  g_autofree char *code = g_steal_pointer (&self->failed_code);   /* the code asked for */

  self->fetching = FALSE;
  text = ey_session_fetch_sign_data_finish (EY_SESSION (object), result, &error);
  if (text == NULL)
    {
      if (g_error_matches (error, EY_CORE_ERROR, EY_CORE_ERROR_CANCELLED) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->failed_code = g_steal_pointer (&code);
      gtk_label_set_text (self->text_status, _("The text to sign could not be fetched. Nothing was signed."));
      ey_page_signing_set_fetch_failed (self, TRUE);
      ey_step_page_show_error (EY_STEP_PAGE (self), error);
      ey_page_signing_update (self);
      return;
    }
  ey_page_signing_set_text (self, text, code);
  /* The text is there and the PIN can be typed: the focus goes to it, as every page
   * puts it on the first thing to type. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && !self->signing &&
      self->sign_text != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));
}

/* Fetches the text for the current code once the session is free. */
static void
ey_page_signing_maybe_fetch (EyPageSigning *self)
{
  EySession *session = ey_step_page_get_session (EY_STEP_PAGE (self));
  const char *code = session ? ey_session_get_verification_code (session) : NULL;

  if (session == NULL || code == NULL || self->fetching || self->signing ||
      ey_session_get_step (session) != EY_SESSION_STEP_SIGNING || ey_session_get_busy (session))
    return;
  if (self->sign_text != NULL && g_strcmp0 (self->sign_text_code, code) == 0)
    return;
  if (g_strcmp0 (self->failed_code, code) == 0)
    return;   /* the user asks again (or a new code comes) */

  ey_page_signing_set_text (self, NULL, NULL);
  g_free (self->failed_code);
  self->failed_code = g_strdup (code);   /* held until the answer, see fetch_text_cb */
  self->fetching = TRUE;
  ey_page_signing_set_fetch_failed (self, FALSE);
  gtk_label_set_text (self->text_status, _("Getting the text to sign from KamuSM…"));
  ey_session_fetch_sign_data_async (session, ey_step_page_get_cancellable (EY_STEP_PAGE (self)),
                                    fetch_text_cb, g_object_ref (self));
}

static void
fetch_text_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EyPageSigning *self = EY_PAGE_SIGNING (widget);

  g_clear_pointer (&self->failed_code, g_free);
  ey_step_page_clear_error (EY_STEP_PAGE (self));
  ey_page_signing_maybe_fetch (self);
}

gboolean
ey_page_signing_get_text_ready (EyPageSigning *self)
{
  g_return_val_if_fail (EY_IS_PAGE_SIGNING (self), FALSE);
  return self->sign_text != NULL;
}

gboolean
ey_page_signing_get_fetching (EyPageSigning *self)
{
  g_return_val_if_fail (EY_IS_PAGE_SIGNING (self), FALSE);
  return self->fetching;
}

static void
ey_page_signing_show_code (EyPageSigning *self)
{
  EySession *session = ey_step_page_get_session (EY_STEP_PAGE (self));
  const char *code = session ? ey_session_get_verification_code (session) : NULL;
  gint64 deadline = session ? ey_session_get_code_deadline (session) : 0;

  gtk_label_set_text (self->code_label, code ? code : "");
  if (deadline > 0)
    ey_countdown_start (self->countdown, deadline, MAX (260, ey_session_seconds_left (deadline)));
  ey_page_signing_update (self);
  ey_page_signing_maybe_fetch (self);
}

static void
ey_page_signing_sync (EyStepPage *page)
{
  EyPageSigning *self = EY_PAGE_SIGNING (page);
  EySession *session = ey_step_page_get_session (page);
  EyWindow *window = ey_step_page_get_window (page);
  EyApplication *app = window ? _ey_window_get_application (window) : NULL;

  ey_step_page_set_error_label (page, self->error_label);
  g_signal_group_set_target (self->session_signals, session);
  g_signal_group_set_target (self->app_signals, app);
  if (session && ey_session_get_path (session) == EY_SESSION_PATH_ESIGNED)
    gtk_label_set_text (self->heading, _("Sign the application form with your card"));
  else
    gtk_label_set_text (self->heading, _("Give E-Onay with your card"));
  ey_page_signing_show_code (self);
  ey_page_signing_fill_certificates (self);

  if (app && ey_application_get_demo (app))
    {
      /* TRANSLATORS: %s is the demo card's PIN, "123456". */
      g_autofree char *hint = g_strdup_printf (_("The demo card's PIN is %s."), EY_DEMO_PIN);

      adw_preferences_group_set_description (self->pin_group, hint);
    }
}

typedef struct
{
  EyPageSigning *self;
  EyCertificate *certificate;
  EySignFlags    flags;
  EyPin         *pin;
} SignData;

static void
sign_data_free (SignData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->certificate);
  g_clear_pointer (&data->pin, ey_pin_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignData, sign_data_free)

static void
ey_page_signing_fail (EyPageSigning *self,
                      const GError  *error)
{
  EyWindow *window = ey_step_page_get_window (EY_STEP_PAGE (self));

  ey_page_signing_set_signing (self, FALSE);
  ey_page_signing_set_progress (self, NULL);
  if (window)
    _ey_window_set_signature_pending (window, FALSE);
  /* Before the PIN state below, which must win over the listing's. */
  if (self->refill)
    ey_page_signing_fill_certificates (self);

  if (error && error->domain == EY_TOKEN_ERROR && ey_token_error_is_pin_error (error))
    {
      EyPinFlags flags = ey_token_error_get_pin_flags (error);

      self->pin_flags = flags ? flags : self->pin_flags | EY_PIN_COUNT_LOW;
      ey_page_signing_show_pin_flags (self);
      if (!(self->pin_flags & EY_PIN_LOCKED))
        ey_pin_entry_set_error (self->pin_entry, error->message);
      /* Below the text to sign the PIN field may be out of view: the banner at the
       * top says it too (announced), and the focus goes back to the PIN. */
      ey_step_page_set_error_focus (EY_STEP_PAGE (self), GTK_WIDGET (self->pin_entry));
      ey_step_page_show_error (EY_STEP_PAGE (self), error);
    }
  else if (error && error->domain == EY_TOKEN_ERROR && ey_token_error_is_token_removed (error))
    ey_step_page_show_message (EY_STEP_PAGE (self),
                               _("The card was taken out while signing. Nothing was sent. Put "
                                 "the card back in, wait until it shows above, and press Sign "
                                 "again."));
  else
    ey_step_page_show_error (EY_STEP_PAGE (self), error);
  ey_page_signing_update (self);
}

static void
submit_signature_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(SignData) data = user_data;
  g_autoptr(GError) error = NULL;
  EyPageSigning *self = data->self;

  if (ey_session_submit_signature_finish (EY_SESSION (object), result, &error))
    {
      ey_page_signing_set_signing (self, FALSE);
      ey_page_signing_set_progress (self, NULL);
      return;
    }
  /* Accepted but not confirmed: the submit page takes over (step SUBMITTING/METHOD)
   * and the close guard stays on. Refused: say why and let the user try again. */
  if (ey_session_get_step (EY_SESSION (object)) != EY_SESSION_STEP_SIGNING)
    {
      ey_page_signing_set_signing (self, FALSE);
      ey_page_signing_set_progress (self, NULL);
      return;
    }
  ey_page_signing_fail (self, error);
}

static void
sign_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SignData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) cms = NULL;
  EyPageSigning *self = data->self;
  EySession *session = ey_step_page_get_session (EY_STEP_PAGE (self));
  EyWindow *window = ey_step_page_get_window (EY_STEP_PAGE (self));

  cms = ey_signer_sign_finish (data->certificate, result, &error);
  if (cms == NULL || session == NULL)
    {
      ey_page_signing_fail (self, error);
      return;
    }
  /* From here on a signature exists: closing the window must ask first. */
  if (window)
    _ey_window_set_signature_pending (window, TRUE);
  self->pin_flags &= ~(EY_PIN_COUNT_LOW | EY_PIN_FINAL_TRY);
  ey_page_signing_set_progress (self, _("Sending the signature to KamuSM and submitting the "
                                        "application…"));
  ey_session_submit_signature_async (session, cms, ey_step_page_get_cancellable (EY_STEP_PAGE (self)),
                                     submit_signature_cb, g_steal_pointer (&data));
}

/* The chosen certificate as listed now: when the card was pulled out and put back just
 * before Sign, the row may still hold the token that went away. */
static EyCertificate *
ey_page_signing_current (EyPageSigning *self,
                         EyCertificate *cert)
{
  EyWindow *window = ey_step_page_get_window (EY_STEP_PAGE (self));
  EyApplication *app = window ? _ey_window_get_application (window) : NULL;
  GPtrArray *certificates = app ? ey_application_get_certificates (app) : NULL;
  EyToken *token = ey_certificate_get_token (cert);

  if (token != NULL && !ey_token_get_removed (token))
    return cert;
  for (guint i = 0; certificates && i < certificates->len; i++)
    {
      EyCertificate *other = g_ptr_array_index (certificates, i);
      EyToken *other_token = ey_certificate_get_token (other);

      if (other_token && !ey_token_get_removed (other_token) && ey_certificate_can_sign (other) &&
          g_strcmp0 (ey_certificate_get_fingerprint (other),
                     ey_certificate_get_fingerprint (cert)) == 0)
        return other;
    }
  return cert;
}

static void
ey_page_signing_start (EyPageSigning *self,
                       EySignFlags    flags)
{
  EySession *session = ey_step_page_get_session (EY_STEP_PAGE (self));
  EyCertificate *cert = ey_page_signing_get_chosen (self);
  SignData *data;
  EyPin *pin = NULL;

  if (session == NULL || cert == NULL || self->sign_text == NULL)
    return;
  ey_step_page_clear_error (EY_STEP_PAGE (self));
  ey_pin_entry_set_error (self->pin_entry, NULL);

  data = g_new0 (SignData, 1);
  data->self = g_object_ref (self);
  data->certificate = g_object_ref (ey_page_signing_current (self, cert));
  data->flags = flags;
  if (!ey_pin_entry_get_pinpad (self->pin_entry))
    pin = ey_pin_new (ey_pin_entry_get_pin (self->pin_entry), -1);
  /* The PIN now lives only in the wiped EyPin; the entry forgets it. */
  ey_pin_entry_clear (self->pin_entry);

  ey_page_signing_set_signing (self, TRUE);
  ey_page_signing_set_progress (self, ey_pin_entry_get_pinpad (self->pin_entry)
                                      ? _("Type your PIN on the reader's keypad now…")
                                      : _("Signing with your card…"));
  ey_page_signing_update (self);
  /* Exactly the text shown above */
  ey_signer_sign_async (data->certificate, self->sign_text, pin, data->flags,
                        ey_session_get_identity (session),
                        ey_step_page_get_cancellable (EY_STEP_PAGE (self)),
                        sign_cb, data);
  if (pin)
    ey_pin_unref (pin);
}

static void
on_final_try_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          EyPageSigning    *self)
{
  if (g_strcmp0 (response, "sign") == 0)
    ey_page_signing_start (self, EY_SIGN_CONFIRMED_FINAL_TRY);
}

static void
ey_page_signing_next (EyStepPage *page)
{
  EyPageSigning *self = EY_PAGE_SIGNING (page);
  GtkWidget *dialog;

  if (!(self->pin_flags & EY_PIN_FINAL_TRY))
    {
      ey_page_signing_start (self, EY_SIGN_FLAGS_NONE);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Last PIN try"),
                                   _("One more wrong PIN locks your card. If you are not sure of "
                                     "the PIN, stop here: unlock or reset it on KamuSM's \"NES "
                                     "Bireysel\" site with your security word first."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Stop"),
                                    "sign", _("_Sign with This PIN"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sign",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_final_try_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
renew_code_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(EyPageSigning) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ey_session_renew_code_finish (EY_SESSION (object), result, &error))
    ey_step_page_show_error (EY_STEP_PAGE (self), error);
  else
    ey_step_page_clear_error (EY_STEP_PAGE (self));
  ey_page_signing_show_code (self);
}

static void
renew_code_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EyPageSigning *self = EY_PAGE_SIGNING (widget);
  EySession *session = ey_step_page_get_session (EY_STEP_PAGE (self));

  if (session == NULL || ey_session_get_busy (session))
    return;
  ey_session_renew_code_async (session, ey_step_page_get_cancellable (EY_STEP_PAGE (self)),
                               renew_code_cb, g_object_ref (self));
}

static void
on_expired_cb (EyPageSigning *self)
{
  if (!self->signing)
    ey_step_page_show_message (EY_STEP_PAGE (self),
                               _("The verification code has expired. Press Get a New Code; "
                                 "then sign again."));
  ey_page_signing_update (self);
}

static void
ey_page_signing_dispose (GObject *object)
{
  EyPageSigning *self = EY_PAGE_SIGNING (object);

  if (self->session_signals)
    g_signal_group_set_target (self->session_signals, NULL);
  if (self->app_signals)
    g_signal_group_set_target (self->app_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->app_signals);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->sign_text, g_bytes_unref);
  g_clear_pointer (&self->sign_text_code, g_free);
  g_clear_pointer (&self->failed_code, g_free);
  g_clear_pointer (&self->progress, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), EY_TYPE_PAGE_SIGNING);
  G_OBJECT_CLASS (ey_page_signing_parent_class)->dispose (object);
}

static void
ey_page_signing_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EyPageSigning *self = EY_PAGE_SIGNING (object);

  switch (prop_id)
    {
    case PROP_SIGNING:
      g_value_set_boolean (value, self->signing);
      break;
    case PROP_TEXT_READY:
      g_value_set_boolean (value, self->sign_text != NULL);
      break;
    case PROP_PROGRESS:
      g_value_set_string (value, self->progress);
      break;
    case PROP_FETCH_FAILED:
      g_value_set_boolean (value, self->fetch_failed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ey_page_signing_class_init (EyPageSigningClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  EyStepPageClass *page_class = EY_STEP_PAGE_CLASS (klass);

  object_class->dispose = ey_page_signing_dispose;
  object_class->get_property = ey_page_signing_get_property;
  page_class->sync = ey_page_signing_sync;
  page_class->next = ey_page_signing_next;

  g_type_ensure (EY_TYPE_COUNTDOWN);
  g_type_ensure (EY_TYPE_PIN_ENTRY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/eimzayenile/EimzaYenile/ey-page-signing.ui");
  gtk_widget_class_bind_template_child (widget_class, EyPageSigning, heading);
  gtk_widget_class_bind_template_child (widget_class, EyPageSigning, code_label);
  gtk_widget_class_bind_template_child (widget_class, EyPageSigning, countdown);
  gtk_widget_class_bind_template_child (widget_class, EyPageSigning, renew_button);
  gtk_widget_class_bind_template_child (widget_class, EyPageSigning, certificate_list);
  gtk_widget_class_bind_template_child (widget_class, EyPageSigning, no_certificate_label);
  gtk_widget_class_bind_template_child (widget_class, EyPageSigning, text_group);
  gtk_widget_class_bind_template_child (widget_class, EyPageSigning, text_view);
  gtk_widget_class_bind_template_child (widget_class, EyPageSigning, text_status);
  gtk_widget_class_bind_template_child (widget_class, EyPageSigning, text_retry_button);
  gtk_widget_class_bind_template_child (widget_class, EyPageSigning, pin_group);
  gtk_widget_class_bind_template_child (widget_class, EyPageSigning, pin_entry);
  gtk_widget_class_bind_template_child (widget_class, EyPageSigning, progress_box);
  gtk_widget_class_bind_template_child (widget_class, EyPageSigning, error_label);
  gtk_widget_class_bind_template_callback (widget_class, ey_page_signing_update);
  gtk_widget_class_bind_template_callback (widget_class, on_expired_cb);
  gtk_widget_class_bind_template_callback (widget_class, pin_sensitive_cb);
  gtk_widget_class_bind_template_callback (widget_class, renew_visible_cb);
  ey_ui_closures_bind (widget_class);

  properties[PROP_SIGNING] =
    g_param_spec_boolean ("signing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT_READY] =
    g_param_spec_boolean ("text-ready", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_string ("progress", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FETCH_FAILED] =
    g_param_spec_boolean ("fetch-failed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "signing.renew-code", NULL, renew_code_action);
  gtk_widget_class_install_action (widget_class, "signing.fetch-text", NULL, fetch_text_action);
}

static void
ey_page_signing_init (EyPageSigning *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  ey_countdown_set_expired_text (self->countdown,
                                 _("The verification code has expired: get a new one."));

  self->session_signals = g_signal_group_new (EY_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "notify::code-deadline",
                                  G_CALLBACK (ey_page_signing_show_code), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::verification-code",
                                  G_CALLBACK (ey_page_signing_show_code), self);
  /* The text is fetched as soon as the session is free on this step */
  g_signal_group_connect_swapped (self->session_signals, "notify::busy",
                                  G_CALLBACK (ey_page_signing_maybe_fetch), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::step",
                                  G_CALLBACK (ey_page_signing_maybe_fetch), self);

  self->app_signals = g_signal_group_new (EY_TYPE_APPLICATION);
  g_signal_group_connect_swapped (self->app_signals, "certificates-changed",
                                  G_CALLBACK (ey_page_signing_fill_certificates), self);
}
