/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-pin"

#include "config.h"

#include <string.h>
#include <sys/mman.h>

#include <glib/gi18n.h>
#include <p11-kit/pkcs11.h>

#include "ey-pin-private.h"

struct _EyPin
{
  gatomicrefcount  ref_count;
  gsize            length;
  gsize            capacity;
  guint8          *data;
  gboolean         wiped;
  gboolean         locked;
};

G_DEFINE_BOXED_TYPE (EyPin, ey_pin, ey_pin_ref, ey_pin_unref)

/**
 * ey_pin_new:
 * @pin: the PIN characters (not necessarily NUL-terminated)
 * @length: length of @pin, or -1 if NUL-terminated
 *
 * Copies @pin into a buffer that is kept out of swap where possible and wiped
 * when the PIN is no longer needed.  The caller wipes its own copy.
 */
EyPin *
ey_pin_new (const char *pin,
            gssize      length)
{
  EyPin *self;

  g_return_val_if_fail (pin != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (pin);

  self = g_new0 (EyPin, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->length = length;
  /* One spare byte so the buffer is always NUL-terminated for C_Login callers. */
  self->capacity = length + 1;
  self->data = g_malloc0 (self->capacity);
  /* mlock may fail without privileges; the wipe still happens. */
  self->locked = mlock (self->data, self->capacity) == 0;
  if (length > 0)
    memcpy (self->data, pin, length);

  return self;
}

EyPin *
ey_pin_ref (EyPin *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ey_pin_unref (EyPin *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  explicit_bzero (self->data, self->capacity);
  if (self->locked)
    munlock (self->data, self->capacity);
  g_free (self->data);
  g_free (self);
}

const guint8 *
ey_pin_get_data (const EyPin *self,
                 gsize       *length)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (length != NULL)
    *length = self->length;
  return self->data;
}

gsize
ey_pin_get_length (const EyPin *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->length;
}

/**
 * ey_pin_wipe:
 *
 * Overwrites the PIN now (every holder sees an empty PIN afterwards).  The
 * signer calls it as soon as C_Login returned, whatever the result.
 */
void
ey_pin_wipe (EyPin *self)
{
  g_return_if_fail (self != NULL);

  explicit_bzero (self->data, self->capacity);
  self->length = 0;
  self->wiped = TRUE;
}

gboolean
ey_pin_is_wiped (const EyPin *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->wiped;
}

EyPinFlags
ey_pin_flags_from_ck_flags (gulong ck_flags)
{
  EyPinFlags flags = EY_PIN_FLAGS_NONE;

  if (ck_flags & CKF_USER_PIN_COUNT_LOW)
    flags |= EY_PIN_COUNT_LOW;
  if (ck_flags & CKF_USER_PIN_FINAL_TRY)
    flags |= EY_PIN_FINAL_TRY;
  if (ck_flags & CKF_USER_PIN_LOCKED)
    flags |= EY_PIN_LOCKED;
  if (ck_flags & CKF_PROTECTED_AUTHENTICATION_PATH)
    flags |= EY_PIN_PAD;
  if (ck_flags & CKF_USER_PIN_TO_BE_CHANGED)
    flags |= EY_PIN_TO_BE_CHANGED;
  if (ck_flags & CKF_LOGIN_REQUIRED)
    flags |= EY_PIN_LOGIN_REQUIRED;

  return flags;
}

const char *
ey_pin_flags_describe (EyPinFlags flags)
{
  /* Most severe first: a locked card also often reports the final-try bit. */
  if (flags & EY_PIN_LOCKED)
    return _("The card’s PIN is locked. Unlock it with your PUK or on KamuSM’s "
             "“NES Bireysel” site (“Kilit Çözme”) before signing.");
  if (flags & EY_PIN_FINAL_TRY)
    return _("This is your last try: one more wrong PIN locks the card.");
  if (flags & EY_PIN_COUNT_LOW)
    return _("A wrong PIN was entered before. The card locks after three wrong PINs.");
  if (flags & EY_PIN_TO_BE_CHANGED)
    return _("The card asks for its PIN to be changed first. Change it with the card "
             "vendor’s tool, then try again.");
  return NULL;
}
