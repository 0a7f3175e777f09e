/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ey-sim-log-private.h: the simulator's JSON-lines state log (internal) */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _EySimLog EySimLog;
typedef void (*EySimLogFunc) (JsonObject *event, gpointer user_data);

EySimLog   *ey_sim_log_new        (const char   *path,
                                   EySimLogFunc  func,
                                   gpointer      user_data);
void        ey_sim_log_free       (EySimLog     *log);
/* Varargs: key, value string pairs, NULL-terminated.  Never pass secrets. */
JsonObject *ey_sim_log_event      (EySimLog     *log,
                                   const char   *event,
                                   const char   *session,
                                   const char   *identity,
                                   ...) G_GNUC_NULL_TERMINATED;
GPtrArray  *ey_sim_log_get_events (EySimLog     *log);
char       *ey_sim_log_to_text    (EySimLog     *log);
JsonObject *ey_sim_log_find       (EySimLog     *log,
                                   const char   *event,
                                   const char   *key,
                                   const char   *value,
                                   guint        *count);
char       *ey_sim_log_now_iso    (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EySimLog, ey_sim_log_free)

G_END_DECLS
