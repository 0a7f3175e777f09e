/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ey-sim-cairo-private.h"

cairo_status_t
_ey_sim_cairo_append (void                *closure,
                      const unsigned char *data,
                      unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}
