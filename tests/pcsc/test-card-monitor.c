/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The card monitor against a real pcscd with vsmartcard's vpcd readers and our virtual
 * card (ey-vcard).  Needs $EY_PCSCD_CTL (build-aux/test sets it); stops and starts
 * pcscd, so it must not run in parallel with other pcscd users. */
#define G_LOG_DOMAIN "test-card-monitor"

#include "config.h"

#include <string.h>

#include "ey-card-monitor.h"
#include "ey-card-monitor-private.h"
#include "ey-vcard.h"
#include "ey-card-db-private.h"

#define AKIS_ATR     "3BBA11008131FE4D55454B41452056312E30AE"
#define AKIS_ATR2    "3B9F968131FE45806755454B41451221318073B3A180D9"
#define SAFENET_ATR  "3BD518008131FE7D8073C82110F4"
#define UNKNOWN_ATR  "3BF81300008131FE15597562696B657934D4"
/* Fails the test rather than hanging it; never a latency bound. */
#define SAFETY_TIMEOUT_US (20 * G_USEC_PER_SEC)

typedef struct
{
  char   *kind;
  char   *reader;
  char   *atr;
  char   *type_id;
  gint64  time;
} Event;

typedef struct
{
  EyCardMonitor *monitor;
  GPtrArray     *events;    /* Event */
  guint          cursor;    /* events before this one were consumed */
  GThread       *owner;
  guint          wrong_thread;
} Fixture;

static void
event_free (gpointer data)
{
  Event *ev = data;

  g_free (ev->kind);
  g_free (ev->reader);
  g_free (ev->atr);
  g_free (ev->type_id);
  g_free (ev);
}

static void
pcscd_ctl (const char *command)
{
  const char *ctl = g_getenv ("EY_PCSCD_CTL");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  const char *argv[] = { ctl, command, NULL };
  int status;

  g_assert_nonnull (ctl);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s %s failed: %s\n%s%s", ctl, command, error->message, out, err);
}

static void
record (Fixture    *f,
        const char *kind,
        const char *reader,
        GBytes     *atr,
        EyCardType *type)
{
  Event *ev = g_new0 (Event, 1);

  if (g_thread_self () != f->owner)
    f->wrong_thread++;
  ev->kind = g_strdup (kind);
  ev->reader = g_strdup (reader);
  ev->atr = atr != NULL ? ey_card_atr_to_hex (atr) : NULL;
  ev->type_id = type != NULL ? g_strdup (ey_card_type_get_id (type)) : NULL;
  ev->time = g_get_monotonic_time ();
  g_ptr_array_add (f->events, ev);
  g_test_message ("event %s %s %s %s", kind, reader ? reader : "", ev->atr ? ev->atr : "",
                  ev->type_id ? ev->type_id : "");
}

static void
reader_added_cb (EyCardMonitor *m, const char *reader, Fixture *f)
{
  g_assert_nonnull (ey_card_monitor_find_reader (m, reader));
  record (f, "reader-added", reader, NULL, NULL);
}

static void
reader_removed_cb (EyCardMonitor *m, const char *reader, Fixture *f)
{
  g_assert_null (ey_card_monitor_find_reader (m, reader));
  record (f, "reader-removed", reader, NULL, NULL);
}

static void
card_inserted_cb (EyCardMonitor *m, const char *reader, GBytes *atr, EyCardType *type,
                  Fixture *f)
{
  EyCardReader *r = ey_card_monitor_find_reader (m, reader);

  /* The reader object is updated before the signal. */
  g_assert_nonnull (r);
  g_assert_true (ey_card_reader_get_has_card (r));
  g_assert_true (ey_card_reader_get_card_type (r) == type);
  record (f, "card-inserted", reader, atr, type);
}

static void
card_removed_cb (EyCardMonitor *m, const char *reader, Fixture *f)
{
  record (f, "card-removed", reader, NULL, NULL);
}

static void
card_mute_cb (EyCardMonitor *m, const char *reader, Fixture *f)
{
  record (f, "card-mute", reader, NULL, NULL);
}

static void
state_cb (EyCardMonitor *m, GParamSpec *pspec, Fixture *f)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (EY_TYPE_CARD_MONITOR_STATE);

  record (f, g_enum_get_value (klass, ey_card_monitor_get_state (m))->value_nick, NULL, NULL,
          NULL);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->events = g_ptr_array_new_with_free_func (event_free);
  f->owner = g_thread_self ();
  f->monitor = ey_card_monitor_new ((EyCardDb *) data);
  g_signal_connect (f->monitor, "reader-added", G_CALLBACK (reader_added_cb), f);
  g_signal_connect (f->monitor, "reader-removed", G_CALLBACK (reader_removed_cb), f);
  g_signal_connect (f->monitor, "card-inserted", G_CALLBACK (card_inserted_cb), f);
  g_signal_connect (f->monitor, "card-removed", G_CALLBACK (card_removed_cb), f);
  g_signal_connect (f->monitor, "card-mute", G_CALLBACK (card_mute_cb), f);
  g_signal_connect (f->monitor, "notify::state", G_CALLBACK (state_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  ey_vcard_remove_all ();
  g_assert_finalize_object (g_steal_pointer (&f->monitor));
  /* Dispose joined the worker thread, running or not. */
  g_assert_cmpuint (_ey_card_monitor_count_threads (), ==, 0);
  g_assert_cmpuint (f->wrong_thread, ==, 0);
  g_ptr_array_unref (f->events);
  /* Leave pcscd running for whoever comes next. */
  pcscd_ctl ("start");
}

/* Spins the main context until an event @kind (for @reader, if given) arrives after
 * the cursor; moves the cursor past it. */
static Event *
wait_event (Fixture    *f,
            const char *kind,
            const char *reader)
{
  gint64 deadline = g_get_monotonic_time () + SAFETY_TIMEOUT_US;

  for (;;)
    {
      for (guint i = f->cursor; i < f->events->len; i++)
        {
          Event *ev = g_ptr_array_index (f->events, i);

          if (strcmp (ev->kind, kind) == 0 && (reader == NULL || g_strcmp0 (ev->reader, reader) == 0))
            {
              f->cursor = i + 1;
              return ev;
            }
        }
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s %s", kind, reader ? reader : "");
      g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
    }
}

static void
wait_state (Fixture            *f,
            EyCardMonitorState  state)
{
  gint64 deadline = g_get_monotonic_time () + SAFETY_TIMEOUT_US;

  while (ey_card_monitor_get_state (f->monitor) != state)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for state %d (now %d)", state,
                 ey_card_monitor_get_state (f->monitor));
      g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
    }
}

static void
wait_ready_with_vpcd (Fixture *f)
{
  wait_state (f, EY_CARD_MONITOR_STATE_READY);
  /* Both readers are announced before the state turns ready. */
  g_assert_nonnull (ey_card_monitor_find_reader (f->monitor, ey_vcard_reader_name (0)));
  g_assert_nonnull (ey_card_monitor_find_reader (f->monitor, ey_vcard_reader_name (1)));
}

/* Spins for @ms and returns how many events came meanwhile. */
static guint
settle (Fixture *f,
        guint    ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;
  guint before = f->events->len;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
  return f->events->len - before;
}

static void
insert_and_check (Fixture    *f,
                  guint       index,
                  const char *atr,
                  const char *type_id)
{
  const char *name = ey_vcard_reader_name (index);
  g_autoptr(GError) error = NULL;
  EyCardReader *reader;
  gint64 t0;
  Event *ev;

  t0 = g_get_monotonic_time ();
  ey_vcard_insert (index, atr, &error);
  g_assert_no_error (error);
  ev = wait_event (f, "card-inserted", name);
  g_test_message ("latency insert→card-inserted (%s, %s): %.1f ms", name, type_id,
                  (ev->time - t0) / 1000.0);
  g_assert_cmpstr (ev->atr, ==, atr);
  g_assert_cmpstr (ev->type_id, ==, type_id);

  reader = ey_card_monitor_find_reader (f->monitor, name);
  g_assert_true (ey_card_reader_get_has_card (reader));
  g_assert_false (ey_card_reader_get_mute (reader));
  g_assert_cmpstr (ey_card_reader_get_atr (reader), ==, atr);
  g_assert_cmpstr (ey_card_type_get_id (ey_card_reader_get_card_type (reader)), ==, type_id);
  g_assert_nonnull (ey_card_reader_get_card_type_name (reader));
  if (strcmp (type_id, "akis") == 0)
    {
      g_assert_cmpstr (ey_card_reader_get_status (reader), ==, "AKİS card");
      g_assert_cmpstr (ey_card_reader_get_hint (reader), ==, "");
    }
  else if (strcmp (type_id, "opensc") == 0)
    {
      g_assert_cmpstr (ey_card_reader_get_status (reader), ==, "Unknown card");
      g_assert_nonnull (strstr (ey_card_reader_get_hint (reader), "PKCS#11"));
    }
}

static void
remove_and_check (Fixture *f,
                  guint    index)
{
  const char *name = ey_vcard_reader_name (index);
  EyCardReader *reader;
  gint64 t0;
  Event *ev;

  t0 = g_get_monotonic_time ();
  ey_vcard_remove (index);
  ev = wait_event (f, "card-removed", name);
  g_test_message ("latency remove→card-removed (%s): %.1f ms", name, (ev->time - t0) / 1000.0);

  reader = ey_card_monitor_find_reader (f->monitor, name);
  g_assert_false (ey_card_reader_get_has_card (reader));
  g_assert_null (ey_card_reader_get_atr (reader));
  g_assert_null (ey_card_reader_get_card_type (reader));
  g_assert_null (ey_card_reader_get_card_type_name (reader));
  g_assert_cmpstr (ey_card_reader_get_status (reader), ==, "No card");
  g_assert_cmpstr (ey_card_reader_get_hint (reader), !=, "");
}

static void
test_insert_remove (Fixture       *f,
                    gconstpointer  data)
{
  pcscd_ctl ("start");
  ey_card_monitor_start (f->monitor);
  wait_ready_with_vpcd (f);
  g_assert_cmpuint (g_list_model_get_n_items (ey_card_monitor_get_readers (f->monitor)), ==, 2);

  insert_and_check (f, 0, AKIS_ATR, "akis");
  remove_and_check (f, 0);
  insert_and_check (f, 1, SAFENET_ATR, "safenet");
  remove_and_check (f, 1);
  insert_and_check (f, 0, UNKNOWN_ATR, "opensc");
  remove_and_check (f, 0);
  g_assert_cmpstr (ey_card_type_get_name (ey_card_db_lookup_hex (
                     ey_card_monitor_get_card_db (f->monitor), UNKNOWN_ATR)), !=, "");

  /* Both readers at once, and a signing card found among them. */
  insert_and_check (f, 0, UNKNOWN_ATR, "opensc");
  insert_and_check (f, 1, AKIS_ATR2, "akis");
  g_assert_cmpstr (ey_card_reader_get_name (ey_card_monitor_find_signing_card (f->monitor)), ==,
                   ey_vcard_reader_name (1));
  remove_and_check (f, 1);
  /* Only the unknown card is left: offered as a fallback. */
  g_assert_cmpstr (ey_card_reader_get_name (ey_card_monitor_find_signing_card (f->monitor)), ==,
                   ey_vcard_reader_name (0));
  remove_and_check (f, 0);
  g_assert_null (ey_card_monitor_find_signing_card (f->monitor));

  /* Nothing spurious once things are quiet. */
  g_assert_cmpuint (settle (f, 300), ==, 0);
}

static void
test_mute (Fixture       *f,
           gconstpointer  data)
{
  const char *name = ey_vcard_reader_name (1);
  g_autoptr(GError) error = NULL;
  EyCardReader *reader;

  pcscd_ctl ("start");
  ey_card_monitor_start (f->monitor);
  wait_ready_with_vpcd (f);

  ey_vcard_insert_mute (1, &error);
  g_assert_no_error (error);
  wait_event (f, "card-mute", name);
  reader = ey_card_monitor_find_reader (f->monitor, name);
  g_assert_true (ey_card_reader_get_has_card (reader));
  g_assert_true (ey_card_reader_get_mute (reader));
  g_assert_null (ey_card_reader_get_card_type (reader));
  g_assert_cmpstr (ey_card_reader_get_status (reader), ==, "The card does not respond");
  g_assert_nonnull (strstr (ey_card_reader_get_hint (reader), "insert it again"));

  ey_vcard_remove (1);
  wait_event (f, "card-removed", name);
  g_assert_false (ey_card_reader_get_mute (reader));

  /* A good card in the same reader afterwards is seen as usual. */
  insert_and_check (f, 1, AKIS_ATR, "akis");
  remove_and_check (f, 1);
}

static void
test_service_appears (Fixture       *f,
                      gconstpointer  data)
{
  gint64 t0;

  pcscd_ctl ("stop");
  ey_card_monitor_start (f->monitor);
  g_assert_cmpint (ey_card_monitor_get_state (f->monitor), ==, EY_CARD_MONITOR_STATE_STARTING);
  wait_state (f, EY_CARD_MONITOR_STATE_SERVICE_NOT_RUNNING);
  g_assert_cmpuint (g_list_model_get_n_items (ey_card_monitor_get_readers (f->monitor)), ==, 0);
  g_assert_cmpstr (ey_card_monitor_state_get_description (EY_CARD_MONITOR_STATE_SERVICE_NOT_RUNNING),
                   !=, "");

  /* Stays there quietly while pcscd is away (backoff, no event storm). */
  g_assert_cmpuint (settle (f, 500), ==, 0);

  /* Let the backoff grow past a second: pcscd's socket appearing must cut it short. */
  settle (f, 1200);
  t0 = g_get_monotonic_time ();
  pcscd_ctl ("start");
  wait_event (f, "reader-added", ey_vcard_reader_name (0));
  wait_ready_with_vpcd (f);
  g_test_message ("pcscd start (ready) → monitor ready: %.1f ms",
                  (g_get_monotonic_time () - t0) / 1000.0);

  insert_and_check (f, 0, AKIS_ATR, "akis");
  remove_and_check (f, 0);
}

static void
test_service_restart (Fixture       *f,
                      gconstpointer  data)
{
  guint mark;

  pcscd_ctl ("start");
  ey_card_monitor_start (f->monitor);
  wait_ready_with_vpcd (f);
  insert_and_check (f, 0, AKIS_ATR, "akis");

  mark = f->cursor;
  pcscd_ctl ("stop");
  wait_state (f, EY_CARD_MONITOR_STATE_SERVICE_NOT_RUNNING);
  /* The card and the readers went with the service. */
  wait_event (f, "reader-removed", ey_vcard_reader_name (0));
  f->cursor = mark;
  wait_event (f, "reader-removed", ey_vcard_reader_name (1));
  f->cursor = mark;
  wait_event (f, "card-removed", ey_vcard_reader_name (0));
  g_assert_cmpuint (g_list_model_get_n_items (ey_card_monitor_get_readers (f->monitor)), ==, 0);

  pcscd_ctl ("start");
  wait_ready_with_vpcd (f);
  /* A card inserted after the restart is seen. */
  insert_and_check (f, 1, SAFENET_ATR, "safenet");

  /* And a quick restart (stop + start in one go) while a card sits in the reader. */
  pcscd_ctl ("restart");
  wait_event (f, "card-removed", ey_vcard_reader_name (1));
  wait_ready_with_vpcd (f);
  insert_and_check (f, 0, AKIS_ATR2, "akis");
  remove_and_check (f, 0);
}

/* The monitor types cards with the DB it was given (e.g. one from $EY_CARD_DB). */
static void
test_custom_db (Fixture       *f,
                gconstpointer  data)
{
  pcscd_ctl ("start");
  g_assert_true (ey_card_monitor_get_card_db (f->monitor) == data);
  ey_card_monitor_start (f->monitor);
  wait_ready_with_vpcd (f);
  insert_and_check (f, 0, SAFENET_ATR, "custom");
  g_assert_cmpstr (ey_card_reader_get_card_type_name (
                     ey_card_monitor_find_reader (f->monitor, ey_vcard_reader_name (0))), ==,
                   "Custom Token");
  remove_and_check (f, 0);
}

static void
test_stop_start (Fixture       *f,
                 gconstpointer  data)
{
  gint64 t0;

  pcscd_ctl ("start");
  g_assert_cmpuint (_ey_card_monitor_count_threads (), ==, 0);
  ey_card_monitor_start (f->monitor);
  g_assert_cmpuint (_ey_card_monitor_count_threads (), ==, 1);
  wait_ready_with_vpcd (f);
  insert_and_check (f, 0, AKIS_ATR, "akis");

  /* The worker is blocked in SCardGetStatusChange: stop must cut it short, and join
   * the thread rather than leave it behind (issue 9). */
  settle (f, 100);
  t0 = g_get_monotonic_time ();
  ey_card_monitor_stop (f->monitor);
  g_test_message ("stop took %.1f ms", (g_get_monotonic_time () - t0) / 1000.0);
  g_assert_cmpuint (_ey_card_monitor_count_threads (), ==, 0);
  g_assert_false (ey_card_monitor_is_running (f->monitor));
  g_assert_cmpint (ey_card_monitor_get_state (f->monitor), ==, EY_CARD_MONITOR_STATE_STOPPED);
  g_assert_cmpuint (g_list_model_get_n_items (ey_card_monitor_get_readers (f->monitor)), ==, 0);

  /* No signal after stop. */
  f->cursor = f->events->len;
  ey_vcard_remove (0);
  g_assert_cmpuint (settle (f, 300), ==, 0);

  /* Start again: the state of the world is read afresh. */
  ey_card_monitor_start (f->monitor);
  wait_ready_with_vpcd (f);
  insert_and_check (f, 1, AKIS_ATR, "akis");
  ey_card_monitor_start (f->monitor);   /* no-op */

  /* Dispose while running (teardown checks finalization). */
}

static void
test_stop_while_service_down (Fixture       *f,
                              gconstpointer  data)
{
  gint64 t0;

  pcscd_ctl ("stop");
  ey_card_monitor_start (f->monitor);
  wait_state (f, EY_CARD_MONITOR_STATE_SERVICE_NOT_RUNNING);
  /* Let the backoff grow past a second: stop must not wait for it. */
  settle (f, 1700);
  t0 = g_get_monotonic_time ();
  ey_card_monitor_stop (f->monitor);
  g_test_message ("stop during backoff took %.1f ms", (g_get_monotonic_time () - t0) / 1000.0);
  g_assert_cmpuint (_ey_card_monitor_count_threads (), ==, 0);
  g_assert_cmpint (ey_card_monitor_get_state (f->monitor), ==, EY_CARD_MONITOR_STATE_STOPPED);
}

/* A monitor created in another thread with its own main context delivers there. */
typedef struct
{
  GMainContext *context;
  guint         inserted;
  guint         ready;
  gboolean      wrong_thread;
  GThread      *thread;
} OtherThread;

static void
other_inserted_cb (EyCardMonitor *m, const char *reader, GBytes *atr, EyCardType *type,
                   OtherThread *o)
{
  o->wrong_thread |= g_thread_self () != o->thread;
  o->inserted++;
}

static gpointer
other_thread_main (gpointer data)
{
  OtherThread *o = data;
  g_autoptr(EyCardMonitor) monitor = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + SAFETY_TIMEOUT_US;

  o->thread = g_thread_self ();
  g_main_context_push_thread_default (o->context);
  monitor = ey_card_monitor_new (NULL);
  g_signal_connect (monitor, "card-inserted", G_CALLBACK (other_inserted_cb), o);
  ey_card_monitor_start (monitor);

  while (ey_card_monitor_get_state (monitor) != EY_CARD_MONITOR_STATE_READY &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (o->context, FALSE) || (g_usleep (1000), TRUE);
  o->ready = ey_card_monitor_get_state (monitor) == EY_CARD_MONITOR_STATE_READY;

  if (o->ready)
    {
      ey_vcard_insert (1, AKIS_ATR, &error);
      g_assert_no_error (error);
      while (o->inserted == 0 && g_get_monotonic_time () < deadline)
        g_main_context_iteration (o->context, FALSE) || (g_usleep (1000), TRUE);
      ey_vcard_remove (1);
    }

  ey_card_monitor_stop (monitor);
  g_clear_object (&monitor);
  g_main_context_pop_thread_default (o->context);
  return NULL;
}

static void
test_other_context (void)
{
  OtherThread o = { g_main_context_new (), 0 };
  GThread *thread;
  guint default_dispatches = 0;

  pcscd_ctl ("start");
  thread = g_thread_new ("other", other_thread_main, &o);
  g_thread_join (thread);
  g_assert_cmpuint (_ey_card_monitor_count_threads (), ==, 0);
  /* The default context saw nothing from that monitor. */
  while (g_main_context_iteration (NULL, FALSE))
    default_dispatches++;
  g_main_context_unref (o.context);

  g_assert_true (o.ready);
  g_assert_cmpuint (o.inserted, ==, 1);
  g_assert_false (o.wrong_thread);
  g_assert_cmpuint (default_dispatches, ==, 0);
}

static void
test_state_texts (void)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (EY_TYPE_CARD_MONITOR_STATE);

  for (guint i = 0; i < klass->n_values; i++)
    {
      EyCardMonitorState state = klass->values[i].value;

      g_assert_cmpstr (ey_card_monitor_state_get_description (state), !=, "");
      g_assert_nonnull (ey_card_monitor_state_get_hint (state));
    }
  g_assert_nonnull (strstr (ey_card_monitor_state_get_hint (EY_CARD_MONITOR_STATE_SERVICE_NOT_RUNNING),
                            "apt install pcscd"));
  g_assert_nonnull (strstr (ey_card_monitor_state_get_description (EY_CARD_MONITOR_STATE_SERVICE_NOT_RUNNING),
                            "pcscd"));
}

int
main (int   argc,
      char *argv[])
{
  EyCardDb *custom_db = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("EY_PCSCD_CTL") == NULL)
    {
      /* Not a skip: a suite run without pcscd control would test nothing. */
      g_printerr ("EY_PCSCD_CTL is not set.  Run the suite with build-aux/test, or export "
                  "EY_PCSCD_CTL=<source>/build-aux/pcscd-ctl and EY_PCSCD_DIR=<a temp dir>.\n");
      g_print ("Bail out! EY_PCSCD_CTL is not set (run through build-aux/test)\n");
      return 1;
    }

  g_test_add_func ("/card-monitor/state-texts", test_state_texts);
  g_test_add ("/card-monitor/insert-remove", Fixture, NULL,
              fixture_setup, test_insert_remove, fixture_teardown);
  g_test_add ("/card-monitor/mute", Fixture, NULL,
              fixture_setup, test_mute, fixture_teardown);
  g_test_add ("/card-monitor/service-appears", Fixture, NULL,
              fixture_setup, test_service_appears, fixture_teardown);
  g_test_add ("/card-monitor/service-restart", Fixture, NULL,
              fixture_setup, test_service_restart, fixture_teardown);
  {
    static const char custom_xml[] =
      "<cards><card id='custom' name='Custom Token' nes-signing='true'>"
      "<atr>" SAFENET_ATR "</atr></card>"
      "<card id='other' name='Other' fallback='true'/></cards>";
    g_autoptr(GError) error = NULL;

    custom_db = ey_card_db_new_from_data (custom_xml, -1, &error);
    g_assert_no_error (error);
  }
  g_test_add ("/card-monitor/custom-db", Fixture, custom_db,
              fixture_setup, test_custom_db, fixture_teardown);
  g_test_add ("/card-monitor/stop-start", Fixture, NULL,
              fixture_setup, test_stop_start, fixture_teardown);
  g_test_add ("/card-monitor/stop-while-service-down", Fixture, NULL,
              fixture_setup, test_stop_while_service_down, fixture_teardown);
  g_test_add_func ("/card-monitor/other-context", test_other_context);

  status = g_test_run ();
  g_clear_object (&custom_db);
  return status;
}
