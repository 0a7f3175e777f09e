/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-sim-server.h"
#include "ey-test-common.h"

G_BEGIN_DECLS

/* ey_sim_options_init () and what every test wants on top: the test PKI's CA trusted
 * for signatures and a fixed CAPTCHA (@captcha). */
void         ey_test_sim_options  (EySimOptions       *opts,
                                   const char         *captcha);
/* An in-process simulator on a free loopback port, started (asserted). */
EySimServer *ey_test_sim_start    (const EySimOptions *opts);

G_END_DECLS
