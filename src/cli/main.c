/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ey-cli.h"

int
main (int    argc,
      char **argv)
{
  return ey_cli_main (argc, argv);
}
