/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * EY_IDENTITY_ERROR:
 *
 * Why an identity number or phone number was refused.  Messages are
 * translated sentences that say what is wrong.
 */
#define EY_IDENTITY_ERROR (ey_identity_error_quark ())

typedef enum
{
  EY_IDENTITY_ERROR_EMPTY,
  EY_IDENTITY_ERROR_WRONG_LENGTH,     /* T.C. Kimlik No not 11 digits */
  EY_IDENTITY_ERROR_NOT_DIGITS,       /* a non-digit in a T.C. Kimlik No */
  EY_IDENTITY_ERROR_LEADING_ZERO,     /* T.C. Kimlik No starts with 0 */
  EY_IDENTITY_ERROR_CHECKSUM,         /* 10th or 11th digit wrong */
  EY_IDENTITY_ERROR_PASSPORT,         /* not a plausible passport number */
  EY_IDENTITY_ERROR_PHONE,            /* not a Turkish mobile number */
} EyIdentityError;

GQuark       ey_identity_error_quark       (void);

/**
 * EyIdentityKind:
 *
 * What kind of identity number a string is.
 */
typedef enum
{
  EY_IDENTITY_KIND_INVALID,
  EY_IDENTITY_KIND_TCKN,       /* T.C. Kimlik No */
  EY_IDENTITY_KIND_PASSPORT,   /* foreign staff */
} EyIdentityKind;

/**
 * ey_identity_check_tckn:
 * @text: exactly the 11 characters (no spaces)
 * @error: return location for an %EY_IDENTITY_ERROR
 *
 * Checks a T.C. Kimlik No: 11 ASCII digits, the first not 0, the 10th
 * digit = (7·(d1+d3+d5+d7+d9) − (d2+d4+d6+d8)) mod 10 and the 11th =
 * (d1+…+d10) mod 10.
 *
 * Returns: %TRUE if valid
 */
gboolean        ey_identity_check_tckn     (const char      *text,
                                            GError         **error);

/**
 * ey_identity_normalize:
 * @text: what the user typed
 * @kind: (out) (optional): what kind of number it is
 * @error: return location for an %EY_IDENTITY_ERROR
 *
 * Drops spaces, dashes and dots, upper-cases ASCII letters (byte-wise, never
 * by locale: no dotted/dotless i surprises) and checks the result as a
 * T.C. Kimlik No when all digits, else as a passport number.
 *
 * Returns: (transfer full): the normalised number, or %NULL with @error set
 */
char           *ey_identity_normalize      (const char      *text,
                                            EyIdentityKind  *kind,
                                            GError         **error);

/**
 * ey_identity_mask:
 * @identity: a normalised identity number
 *
 * Returns: (transfer full): the number with all but the first two and the
 *   last two characters replaced by "*", for logs and screens that need
 *   not show it all
 */
char           *ey_identity_mask           (const char      *identity);

/**
 * ey_phone_normalize:
 * @text: what the user typed ("0532 123 45 67", "+90 (532) 123-45-67")
 * @error: return location for an %EY_IDENTITY_ERROR_PHONE error
 *
 * Drops spaces, dashes, dots and parentheses and checks the rest against
 * `^(\+?90|0)?5\d{9}$`.
 *
 * Returns: (transfer full): the ten digits "5XXXXXXXXX", or %NULL with
 *   @error set
 */
char           *ey_phone_normalize         (const char      *text,
                                            GError         **error);

/**
 * ey_phone_format:
 * @phone: a normalised phone ("5321234567")
 *
 * Returns: (transfer full): "0532 123 45 67"
 */
char           *ey_phone_format            (const char      *phone);

G_END_DECLS
