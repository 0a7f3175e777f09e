/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ey-token-enums.h"

G_BEGIN_DECLS

/**
 * EyPin:
 *
 * A PIN in a buffer that is wiped (explicit_bzero) when the last reference goes,
 * or earlier with ey_pin_wipe().  Reference counting is thread-safe, so the UI can
 * hand one to a worker thread and drop its own reference at once.  The bytes never
 * go to a log.
 */
typedef struct _EyPin EyPin;

#define EY_TYPE_PIN (ey_pin_get_type ())

GType         ey_pin_get_type   (void) G_GNUC_CONST;
EyPin        *ey_pin_new        (const char *pin,
                                 gssize      length);
EyPin        *ey_pin_ref        (EyPin      *pin);
void          ey_pin_unref      (EyPin      *pin);
const guint8 *ey_pin_get_data   (const EyPin *pin,
                                 gsize       *length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EyPin, ey_pin_unref)

/**
 * EyPinFlags:
 * @EY_PIN_FLAGS_NONE: nothing to say
 * @EY_PIN_COUNT_LOW: a wrong PIN was entered since the last good one (CKF_USER_PIN_COUNT_LOW)
 * @EY_PIN_FINAL_TRY: one more wrong PIN locks the card (CKF_USER_PIN_FINAL_TRY)
 * @EY_PIN_LOCKED: the PIN is locked (CKF_USER_PIN_LOCKED)
 * @EY_PIN_PAD: the reader has a PIN pad (CKF_PROTECTED_AUTHENTICATION_PATH)
 * @EY_PIN_TO_BE_CHANGED: the PIN must be changed first (CKF_USER_PIN_TO_BE_CHANGED)
 * @EY_PIN_LOGIN_REQUIRED: the token wants a login (CKF_LOGIN_REQUIRED)
 *
 * What the token says about its user PIN (from CK_TOKEN_INFO.flags).
 */
typedef enum /*< flags >*/
{
  EY_PIN_FLAGS_NONE     = 0, /*< skip >*/
  EY_PIN_COUNT_LOW      = 1 << 0,
  EY_PIN_FINAL_TRY      = 1 << 1,
  EY_PIN_LOCKED         = 1 << 2,
  EY_PIN_PAD            = 1 << 3,
  EY_PIN_TO_BE_CHANGED  = 1 << 4,
  EY_PIN_LOGIN_REQUIRED = 1 << 5,
} EyPinFlags;

/* A translated sentence about the PIN state for the PIN dialog, or NULL if there is
 * nothing to warn about. */
const char *ey_pin_flags_describe      (EyPinFlags flags);

G_END_DECLS
