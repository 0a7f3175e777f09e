/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ey-card-db.h"
#include "ey-card-reader.h"
#include "ey-card-type.h"

G_BEGIN_DECLS

/**
 * EyCardMonitorState:
 * @EY_CARD_MONITOR_STATE_STOPPED: not started (or stopped again).
 * @EY_CARD_MONITOR_STATE_STARTING: started; the first answer from pcscd is pending.
 * @EY_CARD_MONITOR_STATE_SERVICE_NOT_RUNNING: pcscd is missing, stopped, restarting,
 *   or was lost (e.g. over suspend/resume).  The monitor keeps retrying by itself
 *   (100 ms doubling to 5 s; at once when pcscd's socket appears) and moves on when
 *   pcscd answers again.
 * @EY_CARD_MONITOR_STATE_NO_READER: pcscd runs but sees no reader.
 * @EY_CARD_MONITOR_STATE_READY: at least one reader.
 */
typedef enum
{
  EY_CARD_MONITOR_STATE_STOPPED,
  EY_CARD_MONITOR_STATE_STARTING,
  EY_CARD_MONITOR_STATE_SERVICE_NOT_RUNNING,
  EY_CARD_MONITOR_STATE_NO_READER,
  EY_CARD_MONITOR_STATE_READY,
} EyCardMonitorState;


/* A translated one-line description of @state ("The card service (pcscd) is not
 * running.") and a translated hint that says what to do ("Install and start it: sudo
 * apt install pcscd"; "" when nothing is to be done).  Static strings. */
const char *ey_card_monitor_state_get_description (EyCardMonitorState state);
const char *ey_card_monitor_state_get_hint        (EyCardMonitorState state);

#define EY_TYPE_CARD_MONITOR (ey_card_monitor_get_type ())
G_DECLARE_FINAL_TYPE (EyCardMonitor, ey_card_monitor, EY, CARD_MONITOR, GObject)

/*
 * EyCardMonitor watches PC/SC readers and cards in a worker thread (blocking in
 * SCardGetStatusChange, including the "\\?PnP?\Notification" pseudo reader: no
 * polling) and delivers everything on the GMainContext that was thread-default when
 * ey_card_monitor_new () was called.  Signals and property notifications are only ever
 * emitted there; unref the monitor on that context's thread too.
 *
 * Signals (all run-last, emitted on the owner's context, in the order they happened):
 *   "reader-added"   (EyCardMonitor *, const char *reader_name)
 *   "reader-removed" (EyCardMonitor *, const char *reader_name)
 *   "card-inserted"  (EyCardMonitor *, const char *reader_name, GBytes *atr,
 *                     EyCardType *card_type)           card_type never NULL
 *   "card-removed"   (EyCardMonitor *, const char *reader_name)
 *   "card-mute"      (EyCardMonitor *, const char *reader_name)   a card is present but
 *                                                      gave no ATR
 * The reader list (ey_card_monitor_get_readers ()) is updated before each signal, so a
 * handler sees the new state.  When pcscd is lost the readers are removed (with
 * "card-removed"/"reader-removed") and come back with "reader-added"/"card-inserted"
 * when it is back.
 *
 * Properties: "state" (EyCardMonitorState, read-only), "card-db" (EyCardDb,
 * construct-only; NULL = ey_card_db_get_default ()).
 */
EyCardMonitor      *ey_card_monitor_new        (EyCardDb      *db);
/* Start the worker thread.  No-op when running. */
void                ey_card_monitor_start      (EyCardMonitor *self);
/* Stop the worker thread (returns within milliseconds: SCardCancel), clear the reader
 * list without emitting signals, state → STOPPED.  No-op when stopped.  Dispose calls it. */
void                ey_card_monitor_stop       (EyCardMonitor *self);
gboolean            ey_card_monitor_is_running (EyCardMonitor *self);
EyCardMonitorState  ey_card_monitor_get_state  (EyCardMonitor *self);
/* The reader called @name, or NULL. transfer none */
EyCardReader       *ey_card_monitor_find_reader (EyCardMonitor *self,
                                                 const char    *name);
/* The first reader holding an NES signing card (not mute), or NULL. transfer none */
EyCardReader       *ey_card_monitor_find_signing_card (EyCardMonitor *self);

G_END_DECLS
