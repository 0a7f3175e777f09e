/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The little DER the token layer needs: reading QC statements and public keys,
 * writing the signing-certificate-v2 attribute.  Not a general ASN.1 library. */

typedef struct
{
  const guint8 *data;   /* remaining input */
  gsize         length;
} EyDerReader;

typedef struct
{
  guint         tag;      /* first identifier octet (class | constructed | number) */
  const guint8 *content;
  gsize         content_length;
  const guint8 *whole;    /* tag + length + content */
  gsize         whole_length;
} EyDerItem;

void      _ey_der_reader_init (EyDerReader  *reader,
                               const guint8 *data,
                               gsize         length);
/* Reads the next TLV; FALSE at the end or on malformed input. */
gboolean  _ey_der_read        (EyDerReader  *reader,
                               EyDerItem    *item);
/* Dotted text of an OBJECT IDENTIFIER's content octets, or NULL if malformed. */
char     *_ey_der_oid_to_string (const guint8 *content,
                                 gsize         length);

void      _ey_der_append_tlv  (GByteArray   *out,
                               guint8        tag,
                               const guint8 *content,
                               gsize         length);

G_END_DECLS
