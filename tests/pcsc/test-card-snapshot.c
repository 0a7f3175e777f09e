/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ey_card_snapshot_read () against a real pcscd with vsmartcard's vpcd readers and our
 * virtual card (ey-vcard).  Needs $EY_PCSCD_CTL (build-aux/test sets it); stops and
 * starts pcscd, so it must not run in parallel with other pcscd users. */
#define G_LOG_DOMAIN "test-card-snapshot"

#include "config.h"

#include "ey-card-snapshot.h"
#include "ey-vcard.h"

#define AKIS_ATR "3BBA11008131FE4D55454B41452056312E30AE"
/* Fails the test rather than hanging it; never a latency bound. */
#define SAFETY_TIMEOUT_US (20 * G_USEC_PER_SEC)
/* What the CLI passes: long enough for pcscd to power up a just-inserted card. */
#define WAIT_MS 5000

static void
pcscd_ctl (const char *command)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) ctl = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error,
                                                 g_getenv ("EY_PCSCD_CTL"), command, NULL);

  g_assert_no_error (error);
  g_subprocess_wait_check (ctl, NULL, &error);
  g_assert_no_error (error);
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The async pair, as the CLI uses it: the main context spins meanwhile. */
static GPtrArray *
read_async (EyCardMonitorState *state)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + SAFETY_TIMEOUT_US;
  GPtrArray *readers;

  ey_card_snapshot_read_async (NULL, WAIT_MS, NULL, store_result_cb, &result);
  while (result == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  readers = ey_card_snapshot_read_finish (result, state, &error);
  g_assert_no_error (error);
  g_assert_nonnull (readers);
  return readers;
}

/* The blocking call, as a worker thread would make it; @expected: the state it must tell. */
static GPtrArray *
read_blocking (EyCardMonitorState expected)
{
  g_autoptr(GError) error = NULL;
  EyCardMonitorState state = EY_CARD_MONITOR_STATE_STOPPED;
  GPtrArray *readers = ey_card_snapshot_read (NULL, WAIT_MS, &state, &error);

  g_assert_no_error (error);
  g_assert_nonnull (readers);
  g_assert_cmpint (state, ==, expected);
  return readers;
}

static EyCardReader *
find (GPtrArray  *readers,
      const char *name)
{
  for (guint i = 0; i < readers->len; i++)
    if (g_strcmp0 (ey_card_reader_get_name (g_ptr_array_index (readers, i)), name) == 0)
      return g_ptr_array_index (readers, i);
  return NULL;
}

/* vpcd reports a card (or its removal) some hundred milliseconds after the TCP
 * connection: takes snapshots until reader @index shows @has_card. */
static GPtrArray *
read_until (guint    index,
            gboolean has_card)
{
  gint64 deadline = g_get_monotonic_time () + SAFETY_TIMEOUT_US;

  for (;;)
    {
      EyCardMonitorState state;
      g_autoptr(GPtrArray) readers = read_async (&state);
      EyCardReader *reader = find (readers, ey_vcard_reader_name (index));

      /* Right after a start pcscd may not have announced vpcd's readers yet. */
      if (state == EY_CARD_MONITOR_STATE_READY && reader != NULL &&
          ey_card_reader_get_has_card (reader) == has_card)
        return g_steal_pointer (&readers);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (50 * 1000);
    }
}

static void
test_no_card (void)
{
  g_autoptr(GPtrArray) readers = NULL;

  pcscd_ctl ("start");
  ey_vcard_remove_all ();
  g_ptr_array_unref (read_until (0, FALSE));
  g_ptr_array_unref (read_until (1, FALSE));

  readers = read_blocking (EY_CARD_MONITOR_STATE_READY);
  for (guint i = 0; i < EY_VCARD_N_READERS; i++)
    {
      EyCardReader *reader = find (readers, ey_vcard_reader_name (i));

      g_assert_nonnull (reader);
      g_assert_false (ey_card_reader_get_has_card (reader));
      g_assert_false (ey_card_reader_get_mute (reader));
      g_assert_null (ey_card_reader_get_atr (reader));
      g_assert_null (ey_card_reader_get_card_type (reader));
      g_assert_cmpstr (ey_card_reader_get_status (reader), ==, "No card");
      g_assert_cmpstr (ey_card_reader_get_hint (reader), !=, "");
    }
}

static void
test_akis_and_mute (void)
{
  g_autoptr(GPtrArray) readers = NULL;
  g_autoptr(GError) error = NULL;
  EyCardReader *reader;

  pcscd_ctl ("start");
  ey_vcard_insert (0, AKIS_ATR, &error);
  g_assert_no_error (error);
  ey_vcard_insert_mute (1, &error);
  g_assert_no_error (error);
  g_ptr_array_unref (read_until (1, TRUE));
  readers = read_until (0, TRUE);

  reader = find (readers, ey_vcard_reader_name (0));
  g_assert_false (ey_card_reader_get_mute (reader));
  g_assert_cmpstr (ey_card_reader_get_atr (reader), ==, AKIS_ATR);
  g_assert_cmpstr (ey_card_type_get_id (ey_card_reader_get_card_type (reader)), ==, "akis");
  g_assert_cmpstr (ey_card_reader_get_card_type_name (reader), ==, "AKİS");
  g_assert_cmpstr (ey_card_reader_get_status (reader), ==, "AKİS card");
  g_assert_cmpstr (ey_card_reader_get_hint (reader), ==, "");

  reader = find (readers, ey_vcard_reader_name (1));
  g_assert_true (ey_card_reader_get_mute (reader));
  g_assert_null (ey_card_reader_get_atr (reader));
  g_assert_null (ey_card_reader_get_card_type (reader));
  g_assert_cmpstr (ey_card_reader_get_status (reader), ==, "The card does not respond");

  ey_vcard_remove_all ();
}

static void
service_stopped_checks (void)
{
  g_autoptr(GPtrArray) readers = NULL;

  pcscd_ctl ("stop");
  readers = read_blocking (EY_CARD_MONITOR_STATE_SERVICE_NOT_RUNNING);
  g_assert_cmpuint (readers->len, ==, 0);
  g_clear_pointer (&readers, g_ptr_array_unref);

  /* Back again: the next look sees it without any reconnecting on our side. */
  pcscd_ctl ("start");
  g_ptr_array_unref (read_until (0, FALSE));
}

/* The checks run in a subprocess so that pcscd is restarted even when one fails. */
static void
test_service_stopped (void)
{
  if (g_test_subprocess ())
    {
      service_stopped_checks ();
      return;
    }
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  pcscd_ctl ("start");
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  /* Not a skip: a suite run without pcscd control would test nothing. */
  if (g_getenv ("EY_PCSCD_CTL") == NULL)
    g_error ("EY_PCSCD_CTL is not set: run the suite through build-aux/test");

  g_test_add_func ("/card-snapshot/no-card", test_no_card);
  g_test_add_func ("/card-snapshot/akis-and-mute", test_akis_and_mute);
  g_test_add_func ("/card-snapshot/service-stopped", test_service_stopped);

  status = g_test_run ();
  ey_vcard_remove_all ();
  return status;
}
