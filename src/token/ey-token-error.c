/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-token-error"

#include "config.h"

#include <glib/gi18n.h>

#include "ey-token-private.h"

typedef struct
{
  EyPinFlags  pin_flags;
  char       *detail;
} EyTokenErrorPrivate;

static void
ey_token_error_private_init (EyTokenErrorPrivate *priv)
{
  priv->pin_flags = EY_PIN_FLAGS_NONE;
  priv->detail = NULL;
}

static void
ey_token_error_private_copy (const EyTokenErrorPrivate *src,
                             EyTokenErrorPrivate       *dest)
{
  dest->pin_flags = src->pin_flags;
  dest->detail = g_strdup (src->detail);
}

static void
ey_token_error_private_clear (EyTokenErrorPrivate *priv)
{
  g_clear_pointer (&priv->detail, g_free);
}

G_DEFINE_EXTENDED_ERROR (EyTokenError, ey_token_error)

EyPinFlags
ey_token_error_get_pin_flags (const GError *error)
{
  if (error == NULL || error->domain != EY_TOKEN_ERROR)
    return EY_PIN_FLAGS_NONE;
  return ey_token_error_get_private (error)->pin_flags;
}

const char *
ey_token_error_get_detail (const GError *error)
{
  if (error == NULL || error->domain != EY_TOKEN_ERROR)
    return NULL;
  return ey_token_error_get_private (error)->detail;
}

gboolean
_ey_rv_is_removed (CK_RV rv)
{
  switch (rv)
    {
    case CKR_DEVICE_REMOVED:
    case CKR_TOKEN_NOT_PRESENT:
    case CKR_SESSION_HANDLE_INVALID:
    case CKR_SESSION_CLOSED:
    case CKR_SLOT_ID_INVALID:
    case CKR_TOKEN_NOT_RECOGNIZED:
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
ey_token_error_is_token_removed (const GError *error)
{
  if (error == NULL || error->domain != EY_TOKEN_ERROR)
    return FALSE;
  return _ey_rv_is_removed ((CK_RV) (guint) error->code);
}

gboolean
ey_token_error_is_pin_error (const GError *error)
{
  if (error == NULL || error->domain != EY_TOKEN_ERROR)
    return FALSE;
  switch ((CK_RV) (guint) error->code)
    {
    case CKR_PIN_INCORRECT:
    case CKR_PIN_INVALID:
    case CKR_PIN_LEN_RANGE:
    case CKR_PIN_LOCKED:
    case CKR_PIN_EXPIRED:
      return TRUE;
    default:
      return FALSE;
    }
}

static char *
wrong_pin_message (EyPinFlags flags)
{
  if (flags & EY_PIN_LOCKED)
    return g_strdup (_("Wrong PIN. The card’s PIN is now locked. Unlock it with your PUK "
                       "or on KamuSM’s “NES Bireysel” site (“Kilit Çözme”)."));
  if (flags & EY_PIN_FINAL_TRY)
    return g_strdup (_("Wrong PIN. You have one try left: one more wrong PIN locks the "
                       "card. Check the PIN before you type it again."));
  if (flags & EY_PIN_COUNT_LOW)
    return g_strdup (_("Wrong PIN. Only a few tries are left before the card locks. "
                       "Check the PIN before you type it again."));
  return g_strdup (_("Wrong PIN. Check it and type it again; the card locks after "
                     "three wrong PINs."));
}

static char *
message_for_rv (CK_RV      rv,
                EyPinFlags flags)
{
  if (_ey_rv_is_removed (rv))
    return g_strdup (_("The card was removed or is no longer answering. Insert it "
                       "again and retry."));

  switch (rv)
    {
    case CKR_PIN_INCORRECT:
      return wrong_pin_message (flags);
    case CKR_PIN_LOCKED:
      return g_strdup (_("The card’s PIN is locked. Unlock it with your PUK or on "
                         "KamuSM’s “NES Bireysel” site (“Kilit Çözme”)."));
    case CKR_PIN_LEN_RANGE:
    case CKR_PIN_INVALID:
      return g_strdup (_("The card did not accept a PIN of this form. Card PINs are "
                         "usually 6 digits; check it and type it again."));
    case CKR_PIN_EXPIRED:
      return g_strdup (_("The card’s PIN has expired. Change it with the card vendor’s "
                         "tool, then try again."));
    case CKR_FUNCTION_CANCELED:
      return g_strdup (_("The PIN entry was cancelled on the reader."));
    case CKR_DEVICE_ERROR:
    case CKR_DEVICE_MEMORY:
    case CKR_GENERAL_ERROR:
      return g_strdup (_("The card or its reader reported an error. Take the card out, "
                         "insert it again and retry."));
    case CKR_KEY_FUNCTION_NOT_PERMITTED:
    case CKR_KEY_TYPE_INCONSISTENT:
    case CKR_MECHANISM_INVALID:
      return g_strdup (_("This card’s key cannot make the kind of signature needed. "
                         "Choose another certificate."));
    case CKR_USER_NOT_LOGGED_IN:
      return g_strdup (_("The card did not keep the PIN login. Take the card out, "
                         "insert it again and retry."));
    default:
      return g_strdup (_("The card could not complete the operation. Take the card out, "
                         "insert it again and retry; if it keeps failing, restart the "
                         "computer."));
    }
}

GError *
_ey_token_error_new_rv (CK_RV       rv,
                        const char *what,
                        EyPinFlags  pin_flags)
{
  g_autofree char *message = message_for_rv (rv, pin_flags);
  g_autofree char *detail = NULL;
  const char *text = p11_kit_strerror (rv);
  GError *error;

  detail = g_strdup_printf ("%s: %s (0x%lX)", what ? what : "PKCS#11",
                            text ? text : "?", (unsigned long) rv);
  error = g_error_new_literal (EY_TOKEN_ERROR, (int) (guint) rv, message);
  ey_token_error_get_private (error)->pin_flags = pin_flags;
  ey_token_error_get_private (error)->detail = g_steal_pointer (&detail);
  g_debug ("%s", ey_token_error_get_private (error)->detail);
  return error;
}

GError *
_ey_token_error_new (int         code,
                     const char *detail,
                     const char *message)
{
  GError *error = g_error_new_literal (EY_TOKEN_ERROR, code, message);

  ey_token_error_get_private (error)->detail = g_strdup (detail);
  if (detail != NULL)
    g_debug ("%s", detail);
  return error;
}

void
_ey_token_error_set_pin_flags (GError     *error,
                               EyPinFlags  pin_flags)
{
  g_return_if_fail (error != NULL && error->domain == EY_TOKEN_ERROR);
  ey_token_error_get_private (error)->pin_flags = pin_flags;
}
