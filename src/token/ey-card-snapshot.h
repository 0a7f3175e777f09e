/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ey-card-db.h"
#include "ey-card-monitor.h"
#include "ey-card-reader.h"

G_BEGIN_DECLS

/*
 * One look at PC/SC: the readers and their cards as they are now, for callers that
 * list once (the CLI, the doctor) rather than watch (EyCardMonitor).  The monitor
 * cannot tell when every reader's first state is in (an empty reader emits nothing);
 * a snapshot asks all readers at once with SCardGetStatusChange and so knows.
 *
 * Returns EyCardReader objects (transfer full; name, has-card, mute, atr, card-type,
 * status and hint read exactly as the monitor's readers do), in pcscd's order, and
 * sets *@state to
 *   SERVICE_NOT_RUNNING  pcscd is missing, stopped or went away (no readers returned),
 *   NO_READER            pcscd runs but sees no reader (empty array),
 *   READY                at least one reader.
 *
 * @timeout_ms: how long pcscd may take to tell the states.  It answers at once unless a
 * card is being powered up: a short wait (a few seconds) lets a just-inserted or mute
 * card be reported as such.  0 reads the current state without waiting.  Readers whose
 * state is still unknown when the time is up are listed without a card.
 *
 * Errors (EY_TOKEN_ERROR_FAILED, with the PC/SC text in ey_token_error_get_detail ())
 * only when pcscd runs but refuses the question for another reason: then NULL is
 * returned and *@state is left as it was.  A stopped service is a state, not an error.
 * After ey_token_layer_shutdown (): G_IO_ERROR_CANCELLED.
 * @db NULL: ey_card_db_get_default ().
 */
GPtrArray *ey_card_snapshot_read         (EyCardDb             *db,
                                          guint                 timeout_ms,
                                          EyCardMonitorState   *state,
                                          GError              **error);

/* ey_card_snapshot_read () in a worker thread (PC/SC calls block). */
void       ey_card_snapshot_read_async   (EyCardDb             *db,
                                          guint                 timeout_ms,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
GPtrArray *ey_card_snapshot_read_finish  (GAsyncResult         *result,
                                          EyCardMonitorState   *state,
                                          GError              **error);

G_END_DECLS
