/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define EY_DEMO_IDENTITY "12345678950"
#define EY_DEMO_NAME     "AYŞE YILMAZ"
#define EY_DEMO_LABEL    "DEMO"
#define EY_DEMO_PIN      "123456"
#define EY_DEMO_SO_PIN   "12345678"

/**
 * EyDemoColleague:
 * @identity: the T.C. Kimlik No on the card, in the demo roster and at the simulator
 * @name: the holder's name, as on the certificate and in the demo roster
 * @label: the demo card's token label
 * @days: the certificate ends this many days after the demo starts
 *
 * A colleague of the demo officer: a demo card of their own and a person in the
 * simulator (data/sim/people.ini), all three saying the same name and number.
 */
typedef struct
{
  const char *identity;
  const char *name;
  const char *label;
  int         days;
} EyDemoColleague;

/* The demo colleagues (EMRE ARSLAN, ELİF KOÇ, HASAN ÖZTÜRK); static data. */
const EyDemoColleague *ey_demo_colleagues (guint *n_colleagues);

#define EY_TYPE_DEMO_TOKEN (ey_demo_token_get_type ())
G_DECLARE_FINAL_TYPE (EyDemoToken, ey_demo_token, EY, DEMO_TOKEN, GObject)

/**
 * ey_demo_token_new:
 * @directory: an existing, writable folder (its "softhsm" subfolder is replaced)
 *
 * For `eimza-yenile --demo`: makes a demo CA, a demo NES certificate for
 * EY_DEMO_NAME / EY_DEMO_IDENTITY valid for 60 days (so the renewal window is open)
 * and a SoftHSM2 token labelled EY_DEMO_LABEL (user PIN EY_DEMO_PIN) holding the key
 * and certificate.  Sets SOFTHSM2_CONF for the process, so call it early in main(),
 * before any PKCS#11 module is loaded and before threads start.  Blocking (about a
 * second).
 */
EyDemoToken *ey_demo_token_new                  (const char  *directory,
                                                 GError     **error);
/**
 * ey_demo_token_add_colleagues:
 *
 * For the officer's demo: a card (token) for each of ey_demo_colleagues (), signed by
 * the same demo CA, in the same SoftHSM folder.  Call it before any PKCS#11 module is
 * loaded; it sets no environment, so threads may run.  Blocking (about a second per card).
 */
gboolean     ey_demo_token_add_colleagues       (EyDemoToken *self,
                                                 GError     **error);
/* PEM of the demo CA: give it to the simulator as a trusted CA. */
const char  *ey_demo_token_get_ca_file          (EyDemoToken *self);

G_END_DECLS
