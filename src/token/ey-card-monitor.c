/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-card-monitor"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/inotify.h>

#include <winscard.h>
#include <pcsclite.h>

#include <glib/gi18n.h>

#include "ey-card-monitor.h"
#include "ey-card-monitor-private.h"
#include "ey-card-reader-private.h"
#include "ey-card-db-private.h"

#define PNP_READER          "\\\\?PnP?\\Notification"
/* Where pcsc-lite's client library connects (PCSCLITE_CSOCK_NAME overrides it, as in
 * libpcsclite itself). */
#define PCSCD_SOCKET        "/run/pcscd/pcscd.comm"
#define BACKOFF_MIN_MS      100
#define BACKOFF_MAX_MS      5000
/* A connection that lived this long was healthy: the next loss starts the backoff
 * again from the minimum. */
#define HEALTHY_US          (5 * G_USEC_PER_SEC)
/* How often stop () repeats SCardCancel: a cancel sent while the worker is between
 * two calls is lost, the next one is not. */
#define CANCEL_REPEAT_US    (20 * G_TIME_SPAN_MILLISECOND)

typedef enum
{
  EVENT_STATE,
  EVENT_READER_ADDED,
  EVENT_READER_REMOVED,
  EVENT_CARD_INSERTED,
  EVENT_CARD_REMOVED,
  EVENT_CARD_MUTE,
} EventKind;

typedef struct
{
  EventKind           kind;
  EyCardMonitorState  state;
  char               *reader;
  GBytes             *atr;
  EyCardType         *type;
} Event;

/* What the worker knows about one reader. */
typedef struct
{
  char   *name;
  DWORD   current_state;   /* last dwEventState, including pcsc-lite's event counter */
  GBytes *atr;
  guint   present : 1;
  guint   mute : 1;
} WorkerReader;

struct _EyCardMonitor
{
  GObject             parent_instance;

  /* Owner side: touched only on @context's thread. */
  GMainContext       *context;
  EyCardDb           *db;
  GListStore         *readers;
  EyCardMonitorState  state;
  GThread            *thread;
  guint               generation;   /* bumped by stop (): events of an older run are dropped */

  /* Shared with the worker, under @mutex. */
  GMutex              mutex;
  GCond               cond;
  GQueue              events;
  GSource            *delivery;     /* pending idle on @context, or NULL */
  SCARDCONTEXT        hcontext;
  GCancellable       *cancellable;  /* cancelled by stop (): wakes the backoff wait */
  guint               hcontext_valid : 1;
  guint               stopping : 1;
  guint               worker_done : 1;
};

G_DEFINE_FINAL_TYPE (EyCardMonitor, ey_card_monitor, G_TYPE_OBJECT)

static gint live_threads;

guint
_ey_card_monitor_count_threads (void)
{
  return g_atomic_int_get (&live_threads);
}

enum {
  PROP_0,
  PROP_STATE,
  PROP_CARD_DB,
  N_PROPS
};

enum {
  READER_ADDED,
  READER_REMOVED,
  CARD_INSERTED,
  CARD_REMOVED,
  CARD_MUTE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ---- state texts -------------------------------------------------------------- */

const char *
ey_card_monitor_state_get_description (EyCardMonitorState state)
{
  switch (state)
    {
    case EY_CARD_MONITOR_STATE_STOPPED:
      return _("Card monitoring is off.");
    case EY_CARD_MONITOR_STATE_STARTING:
      return _("Looking for card readers…");
    case EY_CARD_MONITOR_STATE_SERVICE_NOT_RUNNING:
      return _("The card service (pcscd) is not running.");
    case EY_CARD_MONITOR_STATE_NO_READER:
      return _("No card reader is connected.");
    case EY_CARD_MONITOR_STATE_READY:
      return _("The card reader is ready.");
    default:
      g_return_val_if_reached ("");
    }
}

const char *
ey_card_monitor_state_get_hint (EyCardMonitorState state)
{
  switch (state)
    {
    case EY_CARD_MONITOR_STATE_STOPPED:
    case EY_CARD_MONITOR_STATE_STARTING:
      return "";
    case EY_CARD_MONITOR_STATE_SERVICE_NOT_RUNNING:
      return _("Install and start it: sudo apt install pcscd && "
               "sudo systemctl enable --now pcscd.socket");
    case EY_CARD_MONITOR_STATE_NO_READER:
      return _("Plug in your card reader. If it is plugged in, install its driver: "
               "sudo apt install libccid");
    case EY_CARD_MONITOR_STATE_READY:
      return _("Insert your e-signature card into the reader.");
    default:
      g_return_val_if_reached ("");
    }
}

/* ---- events: worker → owner context ------------------------------------------- */

static void
event_free (Event *event)
{
  g_free (event->reader);
  g_clear_pointer (&event->atr, g_bytes_unref);
  g_clear_object (&event->type);
  g_free (event);
}

static EyCardReader *
find_reader (EyCardMonitor *self,
             const char    *name,
             guint         *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->readers));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EyCardReader) reader = g_list_model_get_item (G_LIST_MODEL (self->readers), i);

      if (strcmp (ey_card_reader_get_name (reader), name) == 0)
        {
          if (position != NULL)
            *position = i;
          return reader;   /* the store keeps it alive */
        }
    }
  return NULL;
}

static void
set_state (EyCardMonitor      *self,
           EyCardMonitorState  state)
{
  if (self->state == state)
    return;

  g_debug ("state: %s", ey_card_monitor_state_get_description (state));
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
deliver (EyCardMonitor *self,
         Event         *event)
{
  EyCardReader *reader = NULL;
  guint position = 0;

  if (event->reader != NULL)
    reader = find_reader (self, event->reader, &position);

  switch (event->kind)
    {
    case EVENT_STATE:
      set_state (self, event->state);
      break;

    case EVENT_READER_ADDED:
      if (reader == NULL)
        {
          g_autoptr(EyCardReader) added = _ey_card_reader_new (event->reader);

          g_list_store_append (self->readers, added);
          g_signal_emit (self, signals[READER_ADDED], 0, event->reader);
        }
      break;

    case EVENT_READER_REMOVED:
      if (reader != NULL)
        {
          g_list_store_remove (self->readers, position);
          g_signal_emit (self, signals[READER_REMOVED], 0, event->reader);
        }
      break;

    case EVENT_CARD_INSERTED:
      if (reader != NULL)
        {
          _ey_card_reader_set_card (reader, event->atr, event->type, FALSE);
          g_signal_emit (self, signals[CARD_INSERTED], 0, event->reader, event->atr,
                         event->type);
        }
      break;

    case EVENT_CARD_REMOVED:
      if (reader != NULL)
        {
          _ey_card_reader_set_card (reader, NULL, NULL, FALSE);
          g_signal_emit (self, signals[CARD_REMOVED], 0, event->reader);
        }
      break;

    case EVENT_CARD_MUTE:
      if (reader != NULL)
        {
          _ey_card_reader_set_card (reader, NULL, NULL, TRUE);
          g_signal_emit (self, signals[CARD_MUTE], 0, event->reader);
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
deliver_cb (gpointer user_data)
{
  g_autoptr(EyCardMonitor) self = g_object_ref (user_data);
  GQueue events = G_QUEUE_INIT;
  guint generation = self->generation;
  Event *event;

  g_mutex_lock (&self->mutex);
  events = self->events;
  g_queue_init (&self->events);
  g_clear_pointer (&self->delivery, g_source_unref);
  g_mutex_unlock (&self->mutex);

  while ((event = g_queue_pop_head (&events)) != NULL)
    {
      /* A handler may have stopped (and restarted) the monitor: drop what is left. */
      if (self->thread != NULL && self->generation == generation)
        deliver (self, event);
      event_free (event);
    }

  return G_SOURCE_REMOVE;
}

/* Worker thread: queue @event and make sure one idle on the owner's context drains the
 * queue.  One queue keeps the events in order. */
static void
post (EyCardMonitor *self,
      Event         *event)
{
  g_mutex_lock (&self->mutex);
  g_queue_push_tail (&self->events, event);
  if (self->delivery == NULL)
    {
      self->delivery = g_idle_source_new ();
      g_source_set_priority (self->delivery, G_PRIORITY_DEFAULT);
      g_source_set_callback (self->delivery, deliver_cb, self, NULL);
      g_source_set_static_name (self->delivery, "[ey-card-monitor] deliver");
      g_source_attach (self->delivery, self->context);
    }
  g_mutex_unlock (&self->mutex);
}

static void
post_simple (EyCardMonitor *self,
             EventKind      kind,
             const char    *reader)
{
  Event *event = g_new0 (Event, 1);

  event->kind = kind;
  event->reader = g_strdup (reader);
  post (self, event);
}

typedef struct
{
  EyCardMonitor      *self;
  GCancellable       *cancellable;
  GPtrArray          *readers;      /* WorkerReader */
  EyCardMonitorState  posted_state;
  DWORD               pnp_state;
  int                 inotify_fd;   /* watches pcscd's socket folder, or -1 */
  char               *socket_name;  /* basename of pcscd's socket */
} Worker;

static void
worker_post_state (Worker             *w,
                   EyCardMonitorState  state)
{
  Event *event;

  if (w->posted_state == state)
    return;

  w->posted_state = state;
  event = g_new0 (Event, 1);
  event->kind = EVENT_STATE;
  event->state = state;
  post (w->self, event);
}

/* ---- worker ------------------------------------------------------------------- */

static void
worker_reader_free (gpointer data)
{
  WorkerReader *reader = data;

  g_free (reader->name);
  g_clear_pointer (&reader->atr, g_bytes_unref);
  g_free (reader);
}

static gboolean
is_stopping (EyCardMonitor *self)
{
  gboolean stopping;

  g_mutex_lock (&self->mutex);
  stopping = self->stopping;
  g_mutex_unlock (&self->mutex);
  return stopping;
}

typedef enum
{
  WAIT_STOPPED,
  WAIT_TIMEOUT,
  WAIT_SOCKET_APPEARED,
} WaitResult;

/* Starts watching the folder of pcscd's socket, so that a pcscd (or systemd's
 * pcscd.socket) coming up ends the backoff at once instead of after up to 5 s. */
static void
worker_watch_socket (Worker *w)
{
  const char *path = g_getenv ("PCSCLITE_CSOCK_NAME");
  g_autofree char *dir = NULL;

  if (path == NULL || *path == '\0')
    path = PCSCD_SOCKET;
  dir = g_path_get_dirname (path);
  w->socket_name = g_path_get_basename (path);

  w->inotify_fd = inotify_init1 (IN_CLOEXEC | IN_NONBLOCK);
  if (w->inotify_fd < 0)
    return;
  if (inotify_add_watch (w->inotify_fd, dir, IN_CREATE | IN_MOVED_TO | IN_ATTRIB) < 0)
    {
      /* No such folder (pcscd was never installed): timed retries only. */
      g_debug ("not watching %s: %s", dir, g_strerror (errno));
      close (w->inotify_fd);
      w->inotify_fd = -1;
    }
}

static gboolean
socket_event_seen (Worker *w)
{
  char buf[4096] __attribute__ ((aligned (__alignof__ (struct inotify_event))));
  gboolean seen = FALSE;
  ssize_t len;

  while ((len = read (w->inotify_fd, buf, sizeof buf)) > 0)
    {
      for (char *p = buf; p < buf + len;)
        {
          const struct inotify_event *event = (const struct inotify_event *) p;

          if (event->len > 0 && strcmp (event->name, w->socket_name) == 0)
            seen = TRUE;
          p += sizeof (struct inotify_event) + event->len;
        }
    }
  return seen;
}

/* Waits @ms, less if pcscd's socket appears, returns at once on stop (). */
static WaitResult
wait_backoff (Worker *w,
              guint   ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;
  GPollFD fds[2];
  guint n_fds = 0;

  if (!g_cancellable_make_pollfd (w->cancellable, &fds[n_fds++]))
    g_assert_not_reached ();
  if (w->inotify_fd >= 0)
    {
      fds[n_fds].fd = w->inotify_fd;
      fds[n_fds].events = G_IO_IN;
      n_fds++;
    }

  for (;;)
    {
      gint64 now = g_get_monotonic_time ();
      int timeout_ms;

      if (g_cancellable_is_cancelled (w->cancellable))
        break;
      if (now >= deadline)
        {
          g_cancellable_release_fd (w->cancellable);
          return WAIT_TIMEOUT;
        }
      timeout_ms = (int) ((deadline - now + 999) / 1000);
      for (guint i = 0; i < n_fds; i++)
        fds[i].revents = 0;
      if (g_poll (fds, n_fds, timeout_ms) > 0 && n_fds > 1 && (fds[1].revents & G_IO_IN) &&
          socket_event_seen (w))
        {
          g_debug ("pcscd's socket appeared");
          g_cancellable_release_fd (w->cancellable);
          return WAIT_SOCKET_APPEARED;
        }
    }

  g_cancellable_release_fd (w->cancellable);
  return WAIT_STOPPED;
}

/* After a wait: the next backoff step, or the minimum again when pcscd just came up. */
static guint
next_backoff (guint      backoff_ms,
              WaitResult result)
{
  if (result == WAIT_SOCKET_APPEARED)
    return BACKOFF_MIN_MS;
  return MIN (backoff_ms * 2, BACKOFF_MAX_MS);
}

static void
forget_reader (Worker       *w,
               WorkerReader *reader,
               gboolean      announce)
{
  if (announce)
    {
      if (reader->present)
        post_simple (w->self, EVENT_CARD_REMOVED, reader->name);
      post_simple (w->self, EVENT_READER_REMOVED, reader->name);
    }
  g_ptr_array_remove (w->readers, reader);
}

static void
forget_all_readers (Worker   *w,
                    gboolean  announce)
{
  while (w->readers->len > 0)
    forget_reader (w, g_ptr_array_index (w->readers, 0), announce);
}

/* Brings the worker's reader list in line with @names (a PC/SC multi-string). */
static void
sync_readers (Worker     *w,
              const char *names)
{
  g_autoptr(GPtrArray) current = g_ptr_array_new ();

  for (const char *p = names; p != NULL && *p != '\0'; p += strlen (p) + 1)
    g_ptr_array_add (current, (gpointer) p);

  for (guint i = w->readers->len; i > 0; i--)
    {
      WorkerReader *reader = g_ptr_array_index (w->readers, i - 1);
      gboolean still_there = FALSE;

      for (guint j = 0; j < current->len && !still_there; j++)
        still_there = strcmp (reader->name, g_ptr_array_index (current, j)) == 0;
      if (!still_there)
        forget_reader (w, reader, TRUE);
    }

  for (guint j = 0; j < current->len; j++)
    {
      const char *name = g_ptr_array_index (current, j);
      gboolean known = FALSE;

      for (guint i = 0; i < w->readers->len && !known; i++)
        known = strcmp (((WorkerReader *) g_ptr_array_index (w->readers, i))->name, name) == 0;
      if (!known)
        {
          WorkerReader *reader = g_new0 (WorkerReader, 1);

          reader->name = g_strdup (name);
          reader->current_state = SCARD_STATE_UNAWARE;
          g_ptr_array_add (w->readers, reader);
          post_simple (w->self, EVENT_READER_ADDED, name);
        }
    }
}

/* Turns one reader's new PC/SC state into card events. */
static void
reader_changed (Worker                    *w,
                WorkerReader              *reader,
                const SCARD_READERSTATE   *rs)
{
  DWORD ev = rs->dwEventState;
  gboolean gone = (ev & (SCARD_STATE_UNKNOWN | SCARD_STATE_UNAVAILABLE | SCARD_STATE_IGNORE)) != 0;
  gboolean present = !gone && (ev & SCARD_STATE_PRESENT) != 0;
  gboolean mute = present && (ev & SCARD_STATE_MUTE) != 0;
  g_autoptr(GBytes) atr = NULL;
  gboolean replaced;

  if (present && !mute && rs->cbAtr > 0)
    atr = g_bytes_new (rs->rgbAtr, MIN (rs->cbAtr, sizeof rs->rgbAtr));

  /* pcsc-lite counts insertions and removals in the high word: a different count
   * with a card still present means it was swapped between two waits. */
  replaced = reader->present && present &&
             ((reader->current_state >> 16) != (ev >> 16) ||
              reader->mute != mute ||
              !(reader->atr == atr || (reader->atr != NULL && atr != NULL &&
                                       g_bytes_equal (reader->atr, atr))));

  g_debug ("%s: state 0x%lx → 0x%lx", reader->name,
           (unsigned long) reader->current_state, (unsigned long) ev);
  reader->current_state = ev & ~SCARD_STATE_CHANGED;

  if (reader->present && (!present || replaced))
    post_simple (w->self, EVENT_CARD_REMOVED, reader->name);

  if (present && (!reader->present || replaced))
    {
      if (mute)
        post_simple (w->self, EVENT_CARD_MUTE, reader->name);
      else if (atr != NULL)
        {
          Event *event = g_new0 (Event, 1);

          event->kind = EVENT_CARD_INSERTED;
          event->reader = g_strdup (reader->name);
          event->atr = g_bytes_ref (atr);
          event->type = g_object_ref (ey_card_db_lookup (w->self->db, atr));
          post (w->self, event);
        }
      else
        {
          /* Present but neither mute nor with an ATR (not seen with pcsc-lite, which
           * publishes the ATR with the card): report it with the next change rather
           * than as a card without an ATR.  current_state keeps PRESENT, so the wait
           * does not spin. */
          g_debug ("%s: card present without an ATR", reader->name);
          present = FALSE;
        }
    }

  reader->present = present;
  reader->mute = mute;
  g_clear_pointer (&reader->atr, g_bytes_unref);
  reader->atr = g_steal_pointer (&atr);
}

static gboolean
is_transient (LONG rv)
{
  /* A reader vanished between listing and waiting, or the wait was cancelled or
   * timed out: list again. */
  return rv == SCARD_E_CANCELLED || rv == SCARD_E_TIMEOUT || rv == SCARD_E_UNKNOWN_READER ||
         rv == SCARD_E_READER_UNAVAILABLE || rv == SCARD_E_NO_READERS_AVAILABLE;
}

/* Watches readers on @hcontext until pcscd is lost (returns its error) or stop. */
static LONG
watch (Worker       *w,
       SCARDCONTEXT  hcontext)
{
  guint transient_in_a_row = 0;

  while (!is_stopping (w->self))
    {
      LPSTR names = NULL;
      DWORD names_len = SCARD_AUTOALLOCATE;
      g_autofree SCARD_READERSTATE *states = NULL;
      guint n;
      LONG rv;

      rv = SCardListReaders (hcontext, NULL, (LPSTR) &names, &names_len);
      if (rv == SCARD_S_SUCCESS)
        {
          sync_readers (w, names);
          SCardFreeMemory (hcontext, names);
        }
      else if (rv == SCARD_E_NO_READERS_AVAILABLE)
        sync_readers (w, NULL);
      else
        return rv;

      worker_post_state (w, w->readers->len > 0 ? EY_CARD_MONITOR_STATE_READY
                                                 : EY_CARD_MONITOR_STATE_NO_READER);

      n = w->readers->len;
      states = g_new0 (SCARD_READERSTATE, n + 1);
      for (guint i = 0; i < n; i++)
        {
          WorkerReader *reader = g_ptr_array_index (w->readers, i);

          states[i].szReader = reader->name;
          states[i].dwCurrentState = reader->current_state;
        }
      states[n].szReader = PNP_READER;
      states[n].dwCurrentState = w->pnp_state;

      /* Blocks until something changes; stop () breaks it with SCardCancel. */
      rv = SCardGetStatusChange (hcontext, INFINITE, states, n + 1);
      if (rv != SCARD_S_SUCCESS)
        {
          if (!is_transient (rv))
            return rv;
          /* Should never spin, but a safety net costs nothing. */
          if (++transient_in_a_row > 10 && wait_backoff (w, BACKOFF_MIN_MS) == WAIT_STOPPED)
            break;
          continue;
        }
      transient_in_a_row = 0;

      w->pnp_state = states[n].dwEventState & ~SCARD_STATE_CHANGED;
      for (guint i = 0; i < n; i++)
        if (states[i].dwEventState & SCARD_STATE_CHANGED)
          reader_changed (w, g_ptr_array_index (w->readers, i), &states[i]);
    }

  return SCARD_E_CANCELLED;
}

static gpointer
worker_thread (gpointer data)
{
  EyCardMonitor *self = data;
  Worker w = { self, NULL, g_ptr_array_new_with_free_func (worker_reader_free),
               EY_CARD_MONITOR_STATE_STARTING, 0, -1, NULL };
  guint backoff_ms = BACKOFF_MIN_MS;

  g_mutex_lock (&self->mutex);
  w.cancellable = g_object_ref (self->cancellable);
  g_mutex_unlock (&self->mutex);
  worker_watch_socket (&w);

  while (!is_stopping (self))
    {
      SCARDCONTEXT hcontext;
      gint64 connected_at;
      WaitResult waited;
      LONG rv;

      rv = SCardEstablishContext (SCARD_SCOPE_SYSTEM, NULL, NULL, &hcontext);
      if (rv != SCARD_S_SUCCESS)
        {
          g_debug ("SCardEstablishContext: %s (0x%lx); retrying in %u ms",
                   pcsc_stringify_error (rv), (unsigned long) rv, backoff_ms);
          worker_post_state (&w, EY_CARD_MONITOR_STATE_SERVICE_NOT_RUNNING);
          if ((waited = wait_backoff (&w, backoff_ms)) == WAIT_STOPPED)
            break;
          backoff_ms = next_backoff (backoff_ms, waited);
          continue;
        }

      g_mutex_lock (&self->mutex);
      self->hcontext = hcontext;
      self->hcontext_valid = TRUE;
      g_mutex_unlock (&self->mutex);

      connected_at = g_get_monotonic_time ();
      w.pnp_state = 0;
      rv = watch (&w, hcontext);

      g_mutex_lock (&self->mutex);
      self->hcontext_valid = FALSE;
      g_mutex_unlock (&self->mutex);
      SCardReleaseContext (hcontext);

      if (is_stopping (self))
        break;

      /* pcscd went away (stopped, restarted, crashed, lost over suspend): say so first,
       * then drop the readers it had; they come back with the service. */
      g_debug ("lost pcscd: %s (0x%lx)", pcsc_stringify_error (rv), (unsigned long) rv);
      worker_post_state (&w, EY_CARD_MONITOR_STATE_SERVICE_NOT_RUNNING);
      forget_all_readers (&w, TRUE);

      if (g_get_monotonic_time () - connected_at > HEALTHY_US)
        backoff_ms = BACKOFF_MIN_MS;
      if ((waited = wait_backoff (&w, backoff_ms)) == WAIT_STOPPED)
        break;
      backoff_ms = next_backoff (backoff_ms, waited);
    }

  forget_all_readers (&w, FALSE);
  g_ptr_array_unref (w.readers);
  if (w.inotify_fd >= 0)
    close (w.inotify_fd);
  g_free (w.socket_name);
  g_object_unref (w.cancellable);

  g_mutex_lock (&self->mutex);
  self->worker_done = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);

  /* Last: only a joined thread is sure to have got here (stop () returns after the
   * join, never after worker_done alone). */
  g_atomic_int_add (&live_threads, -1);
  return NULL;
}

/* ---- public ------------------------------------------------------------------- */

void
ey_card_monitor_start (EyCardMonitor *self)
{
  g_return_if_fail (EY_IS_CARD_MONITOR (self));

  if (self->thread != NULL)
    return;

  set_state (self, EY_CARD_MONITOR_STATE_STARTING);
  g_mutex_lock (&self->mutex);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_mutex_unlock (&self->mutex);
  g_atomic_int_inc (&live_threads);
  self->thread = g_thread_new ("ey-card-monitor", worker_thread, self);
}

void
ey_card_monitor_stop (EyCardMonitor *self)
{
  g_return_if_fail (EY_IS_CARD_MONITOR (self));

  if (self->thread == NULL)
    return;

  g_mutex_lock (&self->mutex);
  self->stopping = TRUE;
  g_cancellable_cancel (self->cancellable);
  while (!self->worker_done)
    {
      if (self->hcontext_valid)
        SCardCancel (self->hcontext);
      g_cond_wait_until (&self->cond, &self->mutex,
                         g_get_monotonic_time () + CANCEL_REPEAT_US);
    }
  g_mutex_unlock (&self->mutex);

  g_thread_join (g_steal_pointer (&self->thread));
  self->generation++;

  g_mutex_lock (&self->mutex);
  self->stopping = FALSE;
  self->worker_done = FALSE;
  if (self->delivery != NULL)
    {
      g_source_destroy (self->delivery);
      g_clear_pointer (&self->delivery, g_source_unref);
    }
  g_queue_clear_full (&self->events, (GDestroyNotify) event_free);
  g_mutex_unlock (&self->mutex);

  g_list_store_remove_all (self->readers);
  set_state (self, EY_CARD_MONITOR_STATE_STOPPED);
}

gboolean
ey_card_monitor_is_running (EyCardMonitor *self)
{
  g_return_val_if_fail (EY_IS_CARD_MONITOR (self), FALSE);
  return self->thread != NULL;
}

EyCardMonitorState
ey_card_monitor_get_state (EyCardMonitor *self)
{
  g_return_val_if_fail (EY_IS_CARD_MONITOR (self), EY_CARD_MONITOR_STATE_STOPPED);
  return self->state;
}

EyCardDb *
ey_card_monitor_get_card_db (EyCardMonitor *self)
{
  g_return_val_if_fail (EY_IS_CARD_MONITOR (self), NULL);
  return self->db;
}

GListModel *
ey_card_monitor_get_readers (EyCardMonitor *self)
{
  g_return_val_if_fail (EY_IS_CARD_MONITOR (self), NULL);
  return G_LIST_MODEL (self->readers);
}

EyCardReader *
ey_card_monitor_find_reader (EyCardMonitor *self,
                             const char    *name)
{
  g_return_val_if_fail (EY_IS_CARD_MONITOR (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  return find_reader (self, name, NULL);
}

EyCardReader *
ey_card_monitor_find_signing_card (EyCardMonitor *self)
{
  GListModel *model;
  EyCardReader *unknown = NULL;
  guint n;

  g_return_val_if_fail (EY_IS_CARD_MONITOR (self), NULL);

  model = G_LIST_MODEL (self->readers);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EyCardReader) reader = g_list_model_get_item (model, i);
      EyCardType *type = ey_card_reader_get_card_type (reader);

      if (type == NULL)
        continue;
      if (ey_card_type_is_nes_signing (type))
        return reader;
      if (unknown == NULL && ey_card_type_is_fallback (type))
        unknown = reader;
    }
  return unknown;
}

EyCardMonitor *
ey_card_monitor_new (EyCardDb *db)
{
  g_return_val_if_fail (db == NULL || EY_IS_CARD_DB (db), NULL);
  return g_object_new (EY_TYPE_CARD_MONITOR, "card-db", db, NULL);
}

/* ---- GObject ------------------------------------------------------------------ */

static void
ey_card_monitor_constructed (GObject *object)
{
  EyCardMonitor *self = (EyCardMonitor *) object;

  G_OBJECT_CLASS (ey_card_monitor_parent_class)->constructed (object);

  if (self->db == NULL)
    self->db = g_object_ref (ey_card_db_get_default ());
}

static void
ey_card_monitor_dispose (GObject *object)
{
  EyCardMonitor *self = (EyCardMonitor *) object;

  ey_card_monitor_stop (self);

  G_OBJECT_CLASS (ey_card_monitor_parent_class)->dispose (object);
}

static void
ey_card_monitor_finalize (GObject *object)
{
  EyCardMonitor *self = (EyCardMonitor *) object;

  g_assert (self->thread == NULL);
  g_assert (self->delivery == NULL);

  g_clear_object (&self->readers);
  g_clear_object (&self->db);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (ey_card_monitor_parent_class)->finalize (object);
}

static void
ey_card_monitor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EyCardMonitor *self = EY_CARD_MONITOR (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_CARD_DB:
      g_value_set_object (value, self->db);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ey_card_monitor_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  EyCardMonitor *self = EY_CARD_MONITOR (object);

  switch (prop_id)
    {
    case PROP_CARD_DB:
      self->db = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ey_card_monitor_class_init (EyCardMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ey_card_monitor_constructed;
  object_class->dispose = ey_card_monitor_dispose;
  object_class->finalize = ey_card_monitor_finalize;
  object_class->get_property = ey_card_monitor_get_property;
  object_class->set_property = ey_card_monitor_set_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       EY_TYPE_CARD_MONITOR_STATE, EY_CARD_MONITOR_STATE_STOPPED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CARD_DB] =
    g_param_spec_object ("card-db", NULL, NULL, EY_TYPE_CARD_DB,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[READER_ADDED] =
    g_signal_new ("reader-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[READER_REMOVED] =
    g_signal_new ("reader-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[CARD_INSERTED] =
    g_signal_new ("card-inserted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_STRING, G_TYPE_BYTES, EY_TYPE_CARD_TYPE);
  signals[CARD_REMOVED] =
    g_signal_new ("card-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[CARD_MUTE] =
    g_signal_new ("card-mute", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
ey_card_monitor_init (EyCardMonitor *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->readers = g_list_store_new (EY_TYPE_CARD_READER);
  self->state = EY_CARD_MONITOR_STATE_STOPPED;
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  g_queue_init (&self->events);
}
