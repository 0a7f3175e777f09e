/* SPDX-License-Identifier: GPL-3.0-or-later */
/* card-event-latency: inserts and removes a virtual card N times (default 50) in vpcd's
 * first reader and prints min/median/p95/max of the time from the card's TCP connect
 * (or close) to the monitor's card-inserted (card-removed) signal on the main context.
 * Needs pcscd with vpcd: $EY_PCSCD_CTL start is run first. */
#define G_LOG_DOMAIN "bench-card-events"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <winscard.h>

#include "ey-card-monitor.h"
#include "ey-vcard.h"

#define AKIS_ATR "3BBA11008131FE4D55454B41452056312E30AE"
#define SAFETY_TIMEOUT_US (20 * G_USEC_PER_SEC)

static gint64 last_event;
static guint n_inserted, n_removed;

static void
inserted_cb (EyCardMonitor *m, const char *reader, GBytes *atr, EyCardType *type, gpointer d)
{
  last_event = g_get_monotonic_time ();
  n_inserted++;
}

static void
removed_cb (EyCardMonitor *m, const char *reader, gpointer d)
{
  last_event = g_get_monotonic_time ();
  n_removed++;
}

static void
spin_until (guint *counter,
            guint  target,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + SAFETY_TIMEOUT_US;

  while (*counter < target)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
}

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        GArray     *ms)
{
  double *v = (double *) ms->data;
  guint n = ms->len;

  qsort (v, n, sizeof (double), cmp_double);
  g_print ("%-7s n=%u  min %.1f ms  median %.1f ms  p95 %.1f ms  max %.1f ms\n", what, n,
           v[0], n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2,
           v[MIN (n - 1, (guint) (0.95 * n + 0.5) - 1)], v[n - 1]);
}

/* The baseline: a bare SCardGetStatusChange loop on the same reader, timestamps into
 * a queue.  The monitor's share of the latency is the difference. */
typedef struct
{
  GAsyncQueue  *queue;      /* gint64 timestamp, sign = present/absent */
  SCARDCONTEXT  hcontext;
  gint          stop;
  gint          done;
} Raw;

static gpointer
raw_thread (gpointer data)
{
  Raw *raw = data;
  SCARD_READERSTATE rs = { 0 };

  rs.szReader = ey_vcard_reader_name (0);
  rs.dwCurrentState = SCARD_STATE_UNAWARE;
  while (!g_atomic_int_get (&raw->stop))
    {
      LONG rv = SCardGetStatusChange (raw->hcontext, INFINITE, &rs, 1);
      gint64 now = g_get_monotonic_time ();

      if (rv != SCARD_S_SUCCESS)
        break;
      rs.dwCurrentState = rs.dwEventState & ~SCARD_STATE_CHANGED;
      g_async_queue_push (raw->queue, g_memdup2 (&now, sizeof now));
      now = (rs.dwEventState & SCARD_STATE_PRESENT) ? 1 : 0;
      g_async_queue_push (raw->queue, g_memdup2 (&now, sizeof now));
    }
  g_atomic_int_set (&raw->done, 1);
  return NULL;
}

/* Pops events until the reader reports @present; returns that event's time. */
static gint64
raw_wait (Raw      *raw,
          gboolean  present)
{
  for (;;)
    {
      g_autofree gint64 *t = g_async_queue_timeout_pop (raw->queue, SAFETY_TIMEOUT_US);
      g_autofree gint64 *p = NULL;

      if (t == NULL)
        g_error ("timed out waiting for the bare PC/SC event");
      p = g_async_queue_pop (raw->queue);
      if ((*p != 0) == present)
        return *t;
    }
}

static void
bench_raw (guint n)
{
  g_autoptr(GArray) insert_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) remove_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  Raw raw = { g_async_queue_new_full (g_free), 0, 0, 0 };
  GThread *thread;

  if (SCardEstablishContext (SCARD_SCOPE_SYSTEM, NULL, NULL, &raw.hcontext) != SCARD_S_SUCCESS)
    g_error ("SCardEstablishContext failed");
  thread = g_thread_new ("raw", raw_thread, &raw);
  raw_wait (&raw, FALSE);

  for (guint i = 0; i < n; i++)
    {
      gint64 t0;
      double ms;

      t0 = g_get_monotonic_time ();
      if (!ey_vcard_insert (0, AKIS_ATR, &error))
        g_error ("%s", error->message);
      ms = (raw_wait (&raw, TRUE) - t0) / 1000.0;
      g_array_append_val (insert_ms, ms);

      t0 = g_get_monotonic_time ();
      ey_vcard_remove (0);
      ms = (raw_wait (&raw, FALSE) - t0) / 1000.0;
      g_array_append_val (remove_ms, ms);
    }

  g_atomic_int_set (&raw.stop, 1);
  /* Repeat: a cancel sent before the thread blocks again would be lost. */
  while (!g_atomic_int_get (&raw.done))
    {
      SCardCancel (raw.hcontext);
      g_usleep (20 * G_TIME_SPAN_MILLISECOND);
    }
  g_thread_join (thread);
  SCardReleaseContext (raw.hcontext);
  g_async_queue_unref (raw.queue);

  g_print ("baseline: bare SCardGetStatusChange on the same reader, %u cycles\n", n);
  report ("insert", insert_ms);
  report ("remove", remove_ms);
}

int
main (int   argc,
      char *argv[])
{
  const char *ctl = g_getenv ("EY_PCSCD_CTL");
  g_autoptr(EyCardMonitor) monitor = NULL;
  g_autoptr(GArray) insert_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) remove_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 50;
  gint64 deadline;

  if (ctl == NULL)
    {
      g_printerr ("EY_PCSCD_CTL is not set: run through build-aux/test (or export it and "
                  "EY_PCSCD_DIR).\n");
      return 1;
    }
  {
    const char *start_argv[] = { ctl, "start", NULL };
    int status;

    if (!g_spawn_sync (NULL, (char **) start_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL,
                       NULL, &status, &error) ||
        !g_spawn_check_wait_status (status, &error))
      g_error ("%s start: %s", ctl, error->message);
  }
  if (n == 0)
    n = 50;

  monitor = ey_card_monitor_new (NULL);
  g_signal_connect (monitor, "card-inserted", G_CALLBACK (inserted_cb), NULL);
  g_signal_connect (monitor, "card-removed", G_CALLBACK (removed_cb), NULL);
  ey_card_monitor_start (monitor);

  deadline = g_get_monotonic_time () + SAFETY_TIMEOUT_US;
  while (ey_card_monitor_find_reader (monitor, ey_vcard_reader_name (0)) == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("vpcd reader “%s” did not appear", ey_vcard_reader_name (0));
      g_main_context_iteration (NULL, TRUE);
    }

  for (guint i = 0; i < n; i++)
    {
      gint64 t0;
      double ms;

      t0 = g_get_monotonic_time ();
      if (!ey_vcard_insert (0, AKIS_ATR, &error))
        g_error ("%s", error->message);
      spin_until (&n_inserted, i + 1, "card-inserted");
      ms = (last_event - t0) / 1000.0;
      g_array_append_val (insert_ms, ms);

      t0 = g_get_monotonic_time ();
      ey_vcard_remove (0);
      spin_until (&n_removed, i + 1, "card-removed");
      ms = (last_event - t0) / 1000.0;
      g_array_append_val (remove_ms, ms);
    }

  ey_card_monitor_stop (monitor);

  g_print ("card-event-latency: %u insert/remove cycles, vpcd reader “%s”\n", n,
           ey_vcard_reader_name (0));
  report ("insert", insert_ms);
  report ("remove", remove_ms);

  bench_raw (MIN (n, 20));
  return 0;
}
