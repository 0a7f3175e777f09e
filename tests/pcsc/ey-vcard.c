/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-vcard"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <gio/gio.h>

#include "ey-vcard.h"

typedef struct
{
  int       fd;
  GBytes   *atr;
  gboolean  mute;
  GThread  *thread;
} Card;

/* vpcd asks for the ATR to check that the card is still there (every presence poll)
 * and once more right after power-on.  A mute card answers the presence checks, so it
 * stays "present", but answers the one after power-on with more than the 33 bytes an
 * ATR may have: vpcd rejects it and pcscd reports the card as mute (power-up failed).
 * Not answering at all would not do: vpcd would count the card as absent, and block
 * the reader while waiting. */
#define OVERSIZED_ATR_LEN 40

static GMutex lock;
static Card *cards[EY_VCARD_N_READERS];

const char *
ey_vcard_reader_name (guint reader_index)
{
  static const char * const names[EY_VCARD_N_READERS] = {
    "Virtual PCD 00 00", "Virtual PCD 00 01"
  };

  g_return_val_if_fail (reader_index < EY_VCARD_N_READERS, NULL);
  return names[reader_index];
}

static gboolean
read_all (int     fd,
          guint8 *buf,
          gsize   len)
{
  while (len > 0)
    {
      ssize_t n = read (fd, buf, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      buf += n;
      len -= (gsize) n;
    }
  return TRUE;
}

static gboolean
send_frame (int           fd,
            const guint8 *data,
            gsize         len)
{
  guint8 header[2] = { (guint8) (len >> 8), (guint8) len };
  g_autofree guint8 *frame = g_malloc (len + 2);
  const guint8 *p = frame;
  gsize left = len + 2;

  memcpy (frame, header, 2);
  memcpy (frame + 2, data, len);
  while (left > 0)
    {
      ssize_t n = send (fd, p, left, MSG_NOSIGNAL);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      left -= (gsize) n;
    }
  return TRUE;
}

/* The vpcd protocol: 2-byte big-endian length, then the payload.  One byte is a
 * control code (0 off, 1 on, 2 reset, 4 "send your ATR"); more is an APDU. */
static gpointer
card_thread (gpointer data)
{
  Card *card = data;
  guint8 last_control = 0xFF;

  for (;;)
    {
      guint8 header[2];
      g_autofree guint8 *payload = NULL;
      gsize len;

      if (!read_all (card->fd, header, 2))
        break;
      len = ((gsize) header[0] << 8) | header[1];
      payload = g_malloc (MAX (len, 1));
      if (!read_all (card->fd, payload, len))
        break;

      if (len == 1)
        {
          if (payload[0] == 4 && card->mute && last_control == 1)
            {
              guint8 junk[OVERSIZED_ATR_LEN] = { 0x3B };

              if (!send_frame (card->fd, junk, sizeof junk))
                break;
            }
          else if (payload[0] == 4)
            {
              gsize atr_len;
              const guint8 *atr = g_bytes_get_data (card->atr, &atr_len);

              if (!send_frame (card->fd, atr, atr_len))
                break;
            }
          /* power off/on, reset: no answer */
          last_control = payload[0];
        }
      else if (len > 1)
        {
          static const guint8 not_supported[] = { 0x6D, 0x00 };

          if (!send_frame (card->fd, not_supported, sizeof not_supported))
            break;
        }
    }

  return NULL;
}

static GBytes *
bytes_from_hex (const char *hex)
{
  g_autoptr(GByteArray) array = g_byte_array_new ();
  int hi = -1;

  for (const char *p = hex; *p != '\0'; p++)
    {
      int v;

      if (*p == ' ' || *p == ':')
        continue;
      v = g_ascii_xdigit_value (*p);
      if (v < 0)
        return NULL;
      if (hi < 0)
        hi = v;
      else
        {
          guint8 b = (guint8) (hi << 4 | v);

          g_byte_array_append (array, &b, 1);
          hi = -1;
        }
    }
  if (hi >= 0 || array->len == 0)
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&array));
}

static int
connect_reader (guint    reader_index,
                GError **error)
{
  struct sockaddr_in addr = { 0 };
  int fd, one = 1;

  fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "socket: %s",
                   g_strerror (errno));
      return -1;
    }
  /* Small frames both ways: do not let Nagle delay them. */
  setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

  addr.sin_family = AF_INET;
  addr.sin_port = htons ((guint16) (EY_VCARD_PORT_BASE + reader_index));
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (connect (fd, (struct sockaddr *) &addr, sizeof addr) < 0)
    {
      int saved = errno;

      close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot reach vpcd reader %u on 127.0.0.1:%u (is pcscd with "
                   "vsmartcard-vpcd running?): %s",
                   reader_index, EY_VCARD_PORT_BASE + reader_index, g_strerror (saved));
      return -1;
    }
  return fd;
}

static void
card_free (Card *card)
{
  shutdown (card->fd, SHUT_RDWR);
  g_thread_join (card->thread);
  close (card->fd);
  g_clear_pointer (&card->atr, g_bytes_unref);
  g_free (card);
}

static gboolean
insert (guint     reader_index,
        GBytes   *atr,
        gboolean  mute,
        GError  **error)
{
  Card *card;
  int fd;

  ey_vcard_remove (reader_index);

  fd = connect_reader (reader_index, error);
  if (fd < 0)
    return FALSE;

  card = g_new0 (Card, 1);
  card->fd = fd;
  card->atr = g_bytes_ref (atr);
  card->mute = mute;
  card->thread = g_thread_new ("ey-vcard", card_thread, card);

  g_mutex_lock (&lock);
  g_assert (cards[reader_index] == NULL);
  cards[reader_index] = card;
  g_mutex_unlock (&lock);
  return TRUE;
}

gboolean
ey_vcard_insert (guint        reader_index,
                 const char  *atr_hex,
                 GError     **error)
{
  g_autoptr(GBytes) atr = NULL;

  g_return_val_if_fail (reader_index < EY_VCARD_N_READERS, FALSE);
  g_return_val_if_fail (atr_hex != NULL, FALSE);

  atr = bytes_from_hex (atr_hex);
  if (atr == NULL || g_bytes_get_size (atr) > 33)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not an ATR in hex", atr_hex);
      return FALSE;
    }
  return insert (reader_index, atr, FALSE, error);
}

gboolean
ey_vcard_insert_mute (guint    reader_index,
                      GError **error)
{
  static const guint8 some_atr[] = { 0x3B, 0x02, 0x14, 0x50 };
  g_autoptr(GBytes) atr = g_bytes_new_static (some_atr, sizeof some_atr);

  g_return_val_if_fail (reader_index < EY_VCARD_N_READERS, FALSE);
  return insert (reader_index, atr, TRUE, error);
}

void
ey_vcard_remove (guint reader_index)
{
  Card *card;

  g_return_if_fail (reader_index < EY_VCARD_N_READERS);

  g_mutex_lock (&lock);
  card = g_steal_pointer (&cards[reader_index]);
  g_mutex_unlock (&lock);

  if (card != NULL)
    card_free (card);
}

void
ey_vcard_remove_all (void)
{
  for (guint i = 0; i < EY_VCARD_N_READERS; i++)
    ey_vcard_remove (i);
}
