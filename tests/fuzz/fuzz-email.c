/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-email"

#include "config.h"

#include "fuzz-common.h"
#include "ey-email-private.h"

/* The mail reader (ey-email.c) on a pasted or dropped mail, and the link and sender
 * checks on the whole input as one string. */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(EyEmail) email = NULL;
  g_autofree char *text = NULL;
  g_autofree char *reason = NULL;

  fuzz_init_once ();

  email = ey_email_parse ((const char *)data, size);
  g_assert (email != NULL);
  (void)ey_email_get_full_name (email);
  (void)ey_email_get_institution (email);
  (void)ey_email_get_password (email);
  (void)ey_email_get_sender (email);
  (void)ey_email_get_link (email);
  (void)ey_email_get_untrusted_link (email);
  (void)ey_email_get_warnings (email);
  for (EyEmailWarning w = EY_EMAIL_WARNING_NO_NAME; w <= EY_EMAIL_WARNING_SEVERAL_PASSWORDS; w++)
    (void)ey_email_has_warning (email, w);
  (void)ey_email_is_usable (email);

  text = fuzz_strndup (data, size);
  (void)ey_email_check_link (text, &reason);
  (void)ey_email_check_sender (text);
  return 0;
}
