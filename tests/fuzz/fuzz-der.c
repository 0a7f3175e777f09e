/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "fuzz-der"

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "ey-der-private.h"

/* The token layer's little DER reader (ey-der.c): walks every TLV, into every
 * constructed one, and reads every OBJECT IDENTIFIER as text. */

static void
walk (const guint8 *data,
      gsize         length,
      guint         depth)
{
  EyDerReader reader;
  EyDerItem item;

  if (depth > 64)
    return;

  _ey_der_reader_init (&reader, data, length);
  while (_ey_der_read (&reader, &item))
    {
      g_assert (item.whole >= data && item.whole + item.whole_length <= data + length);
      g_assert (item.content + item.content_length == item.whole + item.whole_length);

      if (item.tag == 0x06)
        g_free (_ey_der_oid_to_string (item.content, item.content_length));
      else if (item.tag & 0x20)
        walk (item.content, item.content_length, depth + 1);
      else if (item.tag == 0x04 || item.tag == 0x03)
        /* OCTET/BIT STRINGs often wrap more DER (extensions, keys). */
        walk (item.content, item.content_length, depth + 1);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  EyDerReader reader;
  EyDerItem item;

  fuzz_init_once ();
  walk (data, size, 0);
  g_free (_ey_der_oid_to_string (data, size));

  /* Writing what was read gives back the same bytes for short-form lengths. */
  _ey_der_reader_init (&reader, data, size);
  if (_ey_der_read (&reader, &item) && item.whole_length - item.content_length == 2)
    {
      _ey_der_append_tlv (out, item.tag, item.content, item.content_length);
      g_assert (out->len == item.whole_length);
      g_assert (memcmp (out->data, item.whole, out->len) == 0);
    }
  return 0;
}
