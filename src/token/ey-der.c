/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-der"

#include "config.h"

#include "ey-der-private.h"

void
_ey_der_reader_init (EyDerReader  *reader,
                     const guint8 *data,
                     gsize         length)
{
  reader->data = data;
  reader->length = length;
}

gboolean
_ey_der_read (EyDerReader *reader,
              EyDerItem   *item)
{
  const guint8 *p = reader->data;
  gsize left = reader->length;
  gsize len = 0;
  gsize header;

  if (left < 2)
    return FALSE;
  /* High tag numbers (0x1f) never occur in what we read. */
  if ((p[0] & 0x1f) == 0x1f)
    return FALSE;

  if (p[1] < 0x80)
    {
      len = p[1];
      header = 2;
    }
  else
    {
      guint n = p[1] & 0x7f;

      if (n == 0 || n > sizeof (gsize) || left < 2 + n)
        return FALSE;
      for (guint i = 0; i < n; i++)
        len = (len << 8) | p[2 + i];
      header = 2 + n;
    }

  if (len > left - header)
    return FALSE;

  item->tag = p[0];
  item->whole = p;
  item->whole_length = header + len;
  item->content = p + header;
  item->content_length = len;

  reader->data = p + header + len;
  reader->length = left - header - len;
  return TRUE;
}

char *
_ey_der_oid_to_string (const guint8 *content,
                       gsize         length)
{
  GString *s;
  guint64 value = 0;
  gboolean first = TRUE;

  if (length == 0)
    return NULL;

  s = g_string_new (NULL);
  for (gsize i = 0; i < length; i++)
    {
      if (value > (G_MAXUINT64 >> 7))
        {
          g_string_free (s, TRUE);
          return NULL;
        }
      value = (value << 7) | (content[i] & 0x7f);
      if (content[i] & 0x80)
        continue;

      if (first)
        {
          guint arc1 = value < 40 ? 0 : value < 80 ? 1 : 2;

          g_string_append_printf (s, "%u.%" G_GUINT64_FORMAT, arc1, value - arc1 * 40);
          first = FALSE;
        }
      else
        g_string_append_printf (s, ".%" G_GUINT64_FORMAT, value);
      value = 0;
    }

  /* A last octet with the continuation bit is malformed. */
  if (content[length - 1] & 0x80)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

void
_ey_der_append_tlv (GByteArray   *out,
                    guint8        tag,
                    const guint8 *content,
                    gsize         length)
{
  guint8 header[6];
  guint n = 0;

  header[n++] = tag;
  if (length < 0x80)
    header[n++] = length;
  else
    {
      guint8 bytes[4];
      guint count = 0;

      g_assert (length <= G_MAXUINT32);
      for (gsize l = length; l > 0; l >>= 8)
        bytes[count++] = l & 0xff;
      header[n++] = 0x80 | count;
      while (count > 0)
        header[n++] = bytes[--count];
    }

  g_byte_array_append (out, header, n);
  if (length > 0)
    g_byte_array_append (out, content, length);
}
