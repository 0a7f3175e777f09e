/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-identity"

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "ey-identity-private.h"

/* Identity numbers and phone numbers as typed, pasted or read from a roster or a
 * certificate.  A line break splits the input into a phone number and a site's
 * mask ("0 (5**) *** ** 67") for ey_phone_matches_mask. */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autofree char *normal = NULL;
  EyIdentityKind kind = EY_IDENTITY_KIND_INVALID;
  char *newline;

  fuzz_init_once ();
  text = fuzz_strndup (data, size);

  (void)ey_identity_check_tckn (text, NULL);
  (void)ey_identity_check_passport (text, NULL);
  normal = ey_identity_normalize (text, &kind, NULL);
  g_assert ((normal != NULL) == (kind != EY_IDENTITY_KIND_INVALID));
  g_free (ey_identity_mask (text));
  g_free (ey_phone_normalize (text, NULL));
  g_free (ey_phone_format (text));

  newline = strchr (text, '\n');
  if (newline != NULL)
    {
      *newline = '\0';
      (void)ey_phone_matches_mask (text, newline + 1);
    }
  return 0;
}
