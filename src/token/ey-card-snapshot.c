/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-card-snapshot"

#include "config.h"

#include <string.h>

#include <winscard.h>
#include <pcsclite.h>

#include <glib/gi18n.h>

#include "ey-card-snapshot.h"
#include "ey-card-reader-private.h"
#include "ey-token-error.h"
#include "ey-token-private.h"
#include "ey-card-db-private.h"

static gboolean
is_service_error (LONG rv)
{
  return rv == SCARD_E_NO_SERVICE || rv == SCARD_E_SERVICE_STOPPED ||
         rv == SCARD_F_COMM_ERROR || rv == SCARD_E_INVALID_HANDLE;
}

static GError *
snapshot_error_new (const char *what,
                    LONG        rv)
{
  g_autofree char *detail = g_strdup_printf ("%s: %s (0x%lx)", what,
                                             pcsc_stringify_error (rv), (gulong) rv);

  return _ey_token_error_new (EY_TOKEN_ERROR_FAILED, detail,
                              _("The card readers could not be asked for a card. "
                                "Restart the smart card service."));
}

static EyCardReader *
reader_from_state (EyCardDb                *db,
                   const SCARD_READERSTATE *state,
                   gboolean                 known)
{
  EyCardReader *reader = _ey_card_reader_new (state->szReader);
  /* After a timeout the state is not known: shown as an empty reader. */
  DWORD ev = known ? state->dwEventState : 0;
  gboolean gone = (ev & (SCARD_STATE_UNKNOWN | SCARD_STATE_UNAVAILABLE |
                         SCARD_STATE_IGNORE)) != 0;
  gboolean present = !gone && (ev & SCARD_STATE_PRESENT) != 0;
  gboolean mute = present && (ev & SCARD_STATE_MUTE) != 0;
  g_autoptr(GBytes) atr = NULL;

  /* Present without an ATR and not mute: no usable card, as the monitor sees it. */
  if (present && !mute && state->cbAtr > 0)
    atr = g_bytes_new (state->rgbAtr, MIN (state->cbAtr, sizeof state->rgbAtr));
  _ey_card_reader_set_card (reader, atr, atr != NULL ? ey_card_db_lookup (db, atr) : NULL,
                            mute);
  return reader;
}

static GPtrArray *
snapshot_read_entered (EyCardDb            *db,
                       guint                timeout_ms,
                       EyCardMonitorState  *state,
                       GError             **error)
{
  g_autoptr(GPtrArray) readers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) names_list = g_ptr_array_new ();
  g_autofree SCARD_READERSTATE *states = NULL;
  GError *failure = NULL;
  SCARDCONTEXT context;
  LPSTR names = NULL;
  DWORD names_len = SCARD_AUTOALLOCATE;
  LONG rv;

  if (db == NULL)
    db = ey_card_db_get_default ();

  /* On Debian pcscd is socket-activated: establishing a context starts it if the
   * socket unit is enabled, so this is what the card monitor will see too. */
  rv = SCardEstablishContext (SCARD_SCOPE_SYSTEM, NULL, NULL, &context);
  if (rv != SCARD_S_SUCCESS)
    {
      g_debug ("SCardEstablishContext: %s (0x%lx)", pcsc_stringify_error (rv), (gulong) rv);
      *state = EY_CARD_MONITOR_STATE_SERVICE_NOT_RUNNING;
      return g_steal_pointer (&readers);
    }

  rv = SCardListReaders (context, NULL, (LPSTR) &names, &names_len);
  if (rv != SCARD_S_SUCCESS)
    {
      g_debug ("SCardListReaders: %s (0x%lx)", pcsc_stringify_error (rv), (gulong) rv);
      SCardReleaseContext (context);
      if (is_service_error (rv))
        *state = EY_CARD_MONITOR_STATE_SERVICE_NOT_RUNNING;
      else if (rv == SCARD_E_NO_READERS_AVAILABLE)
        *state = EY_CARD_MONITOR_STATE_NO_READER;
      else
        {
          g_propagate_error (error, snapshot_error_new ("SCardListReaders", rv));
          return NULL;
        }
      return g_steal_pointer (&readers);
    }

  for (const char *p = names; *p != '\0'; p += strlen (p) + 1)
    g_ptr_array_add (names_list, (gpointer) p);
  states = g_new0 (SCARD_READERSTATE, MAX (names_list->len, 1));
  for (guint i = 0; i < names_list->len; i++)
    {
      states[i].szReader = g_ptr_array_index (names_list, i);
      states[i].dwCurrentState = SCARD_STATE_UNAWARE;
    }

  /* With every reader UNAWARE this returns as soon as pcscd has told all states. */
  rv = names_list->len > 0 ? SCardGetStatusChange (context, timeout_ms, states,
                                                   names_list->len)
                           : SCARD_E_NO_READERS_AVAILABLE;
  if (rv != SCARD_S_SUCCESS)
    g_debug ("SCardGetStatusChange: %s (0x%lx)", pcsc_stringify_error (rv), (gulong) rv);

  if (is_service_error (rv))
    *state = EY_CARD_MONITOR_STATE_SERVICE_NOT_RUNNING;
  else if (rv == SCARD_E_NO_READERS_AVAILABLE)
    *state = EY_CARD_MONITOR_STATE_NO_READER;
  else if (rv != SCARD_S_SUCCESS && rv != SCARD_E_TIMEOUT)
    failure = snapshot_error_new ("SCardGetStatusChange", rv);
  else
    {
      *state = EY_CARD_MONITOR_STATE_READY;
      for (guint i = 0; i < names_list->len; i++)
        g_ptr_array_add (readers, reader_from_state (db, &states[i], rv == SCARD_S_SUCCESS));
    }

  SCardFreeMemory (context, names);
  SCardReleaseContext (context);
  if (failure != NULL)
    {
      g_propagate_error (error, failure);
      return NULL;
    }
  return g_steal_pointer (&readers);
}

GPtrArray *
ey_card_snapshot_read (EyCardDb            *db,
                       guint                timeout_ms,
                       EyCardMonitorState  *state,
                       GError             **error)
{
  GPtrArray *readers;

  g_return_val_if_fail (db == NULL || EY_IS_CARD_DB (db), NULL);
  g_return_val_if_fail (state != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* ey_token_layer_shutdown () waits for PC/SC calls too. */
  if (!_ey_token_layer_enter (error))
    return NULL;
  readers = snapshot_read_entered (db, timeout_ms, state, error);
  _ey_token_layer_leave ();
  return readers;
}

/* ---- async ------------------------------------------------------------------------ */

typedef struct
{
  EyCardDb           *db;
  guint               timeout_ms;
  EyCardMonitorState  state;
} ReadData;

static void
read_data_free (ReadData *data)
{
  g_clear_object (&data->db);
  g_free (data);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadData *data = task_data;
  GError *error = NULL;
  GPtrArray *readers;

  readers = ey_card_snapshot_read (data->db, data->timeout_ms, &data->state, &error);
  if (readers == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, readers, (GDestroyNotify) g_ptr_array_unref);
}

void
ey_card_snapshot_read_async (EyCardDb            *db,
                             guint                timeout_ms,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReadData *data;

  g_return_if_fail (db == NULL || EY_IS_CARD_DB (db));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ey_card_snapshot_read_async);
  data = g_new0 (ReadData, 1);
  data->db = db != NULL ? g_object_ref (db) : NULL;
  data->timeout_ms = timeout_ms;
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);
  g_task_run_in_thread (task, read_thread);
}

GPtrArray *
ey_card_snapshot_read_finish (GAsyncResult        *result,
                              EyCardMonitorState  *state,
                              GError             **error)
{
  ReadData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ey_card_snapshot_read_async,
                        NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (state != NULL && !g_task_had_error (G_TASK (result)))
    *state = data->state;
  return g_task_propagate_pointer (G_TASK (result), error);
}
