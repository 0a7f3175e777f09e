/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "eimza-yenile"

#include "config.h"

#include <string.h>

#include "ey-application.h"
#include "ey-reminder-app.h"
#include "ey-secure-heap.h"
#include "ey-site-client.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(EyApplication) app = NULL;
  gboolean demo = FALSE;
  gboolean check = FALSE;

  for (int i = 1; i < argc; i++)
    if (strcmp (argv[i], "--check-renewal") == 0)
      check = TRUE;
  /* First of all: it may start the program again.  Not for the login check, which
   * holds no secret and runs at every login. */
  if (!check)
    ey_secure_heap_init (argv);
  /* Before any thread starts (GTK, GIO and the demo's simulator start theirs) */
  ey_site_client_init_tls_policy ();
  ey_application_init_i18n ();
  /* The login check is a small program of its own: no display, no card monitor. */
  if (check)
    return ey_reminder_app_run (argc, argv);
  /* --demo decides the application ID and the demo token, both needed before the
   * application runs; GApplication parses it again for --help. */
  for (int i = 1; i < argc; i++)
    if (strcmp (argv[i], "--demo") == 0)
      demo = TRUE;
  app = ey_application_new (demo);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
