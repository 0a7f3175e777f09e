/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ey-cli.h"
#include "ey-secure-heap.h"
#include "ey-site-client.h"

int
main (int    argc,
      char **argv)
{
  /* First of all: it may start the program again */
  ey_secure_heap_init (argv);
  /* Before any thread starts: it sets an environment variable. */
  ey_site_client_init_tls_policy ();
  return ey_cli_main (argc, argv);
}
