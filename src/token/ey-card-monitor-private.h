/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ey-card-monitor.h"

G_BEGIN_DECLS

/* Tests: how many monitor worker threads were started and have not returned yet, in
 * the whole process.
 * Decremented as the thread's very last step, so it is 0 right after stop () or
 * dispose only if they joined the thread. */
guint _ey_card_monitor_count_threads (void);

EyCardDb           *ey_card_monitor_get_card_db (EyCardMonitor *self);

/* GListModel of EyCardReader in the order pcscd lists them. transfer none */
GListModel         *ey_card_monitor_get_readers (EyCardMonitor *self);

G_END_DECLS
