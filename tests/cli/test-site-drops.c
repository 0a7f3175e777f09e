/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-site-drops"

#include "config.h"

#include "ey-core-error.h"
#include "ey-site-client.h"
#include "ey-site-profile.h"
#include "test-helpers.h"

#define AYSE    "12345678950"
#define AYSE_PW "Ab3kT9qz"

static void
test_drop_after_sign_in (void)
{
  for (int i = 0; i < 30; i++)
    {
      Bed bed;
      g_autoptr(GError) error = NULL;
      gboolean ok;

      bed_init (&bed, NULL, NULL);
      g_assert_true (s_load_sign_in (bed.session, &error));
      ey_sim_server_set_fault (bed.sim, EY_SIM_FAULT_DROP, "siparis.go", 0);
      ok = s_sign_in (bed.session, BED_CAPTCHA, AYSE, AYSE_PW, &error);
      g_test_message ("run %d: %s %s", i, ok ? "ok" : "failed", error ? error->message : "");
      bed_clear (&bed);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/site-drops/after-sign-in", test_drop_after_sign_in);
  return g_test_run ();
}
