/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ey-token-enums.h"

G_BEGIN_DECLS

/**
 * EyCardQuirks:
 * @EY_CARD_QUIRK_INIT_NULL_ARGS: call C_Initialize (NULL); CK_C_INITIALIZE_ARGS with
 *   CKF_OS_LOCKING_OK gives CKR_ARGUMENTS_BAD (AKİS on Linux/macOS).
 * @EY_CARD_QUIRK_LOGIN_PER_SESSION: the login holds only in the session it was made in:
 *   sign in that same session (AKİS, SafeSign).
 * @EY_CARD_QUIRK_DUPLICATE_CKAID: two private keys may share one CKA_ID: match key to
 *   certificate by public key.
 *
 * PKCS#11 behaviour the token code must work around for a card type.
 */
typedef enum
{
  EY_CARD_QUIRK_NONE              = 0,
  EY_CARD_QUIRK_INIT_NULL_ARGS    = 1 << 0,
  EY_CARD_QUIRK_LOGIN_PER_SESSION = 1 << 1,
  EY_CARD_QUIRK_DUPLICATE_CKAID   = 1 << 2,
} EyCardQuirks;


typedef enum
{
  EY_CARD_OS_LINUX,
  EY_CARD_OS_WINDOWS,
  EY_CARD_OS_MACOS,
} EyCardOs;

/* The OS this build runs on. */
#if defined(_WIN32)
# define EY_CARD_OS_CURRENT EY_CARD_OS_WINDOWS
#elif defined(__APPLE__)
# define EY_CARD_OS_CURRENT EY_CARD_OS_MACOS
#else
# define EY_CARD_OS_CURRENT EY_CARD_OS_LINUX
#endif

#define EY_TYPE_CARD_TYPE (ey_card_type_get_type ())
G_DECLARE_FINAL_TYPE (EyCardType, ey_card_type, EY, CARD_TYPE, GObject)

/*
 * EyCardType is immutable once the card DB has loaded it, so it may be shared between
 * threads.  Properties (read-only): "id" (stable, e.g. "akis"), "name" (display name,
 * translated where it is a description), "nes-signing" (an NES signing card; the
 * T.C. identity card is not), "fallback" (the type for unknown ATRs), "quirks".
 */
const char          *ey_card_type_get_id             (EyCardType *self);
const char          *ey_card_type_get_name           (EyCardType *self);
gboolean             ey_card_type_is_nes_signing     (EyCardType *self);
gboolean             ey_card_type_is_fallback        (EyCardType *self);
/* PKCS#11 module file names for @os, most likely first (e.g. "libakisp11.so").
 * NULL-terminated, never NULL. */
const char * const  *ey_card_type_get_modules        (EyCardType *self,
                                                      EyCardOs    os);
/* Every candidate absolute path for the current OS (dir × module, in order),
 * existing or not.  Module names that are already absolute come first. */
char               **ey_card_type_dup_module_paths   (EyCardType *self);
/* The first candidate path that exists on this machine, or NULL. */
char                *ey_card_type_find_module        (EyCardType *self);

G_END_DECLS
