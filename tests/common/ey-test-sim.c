/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-test-sim"

#include "config.h"

#include "ey-test-sim.h"

void
ey_test_sim_options (EySimOptions *opts,
                     const char   *captcha)
{
  /* Interned by ey_test_pki_file (), so the list may live as long as the process. */
  static const char *trust[2];

  trust[0] = ey_test_pki_file ("ca.pem");
  ey_sim_options_init (opts);
  opts->captcha_text = captcha;
  opts->trust_ca_files = trust;
}

EySimServer *
ey_test_sim_start (const EySimOptions *opts)
{
  g_autoptr(GError) error = NULL;
  EySimServer *sim = ey_sim_server_new (opts);

  g_assert_true (ey_sim_server_start (sim, 0, &error));
  g_assert_no_error (error);
  return sim;
}
