/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-sim-log"

#include "config.h"

#include <stdarg.h>

#include "ey-sim-log-private.h"

struct _EySimLog
{
  GPtrArray        *events;   /* JsonObject */
  GFileOutputStream *out;
  EySimLogFunc      func;
  gpointer          user_data;
};

EySimLog *
ey_sim_log_new (const char   *path,
                EySimLogFunc  func,
                gpointer      user_data)
{
  EySimLog *log = g_new0 (EySimLog, 1);

  log->events = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  log->func = func;
  log->user_data = user_data;
  if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;

      log->out = g_file_append_to (file, G_FILE_CREATE_NONE, NULL, &error);
      if (log->out == NULL)
        g_warning ("Cannot write the state log %s: %s", path, error->message);
    }
  return log;
}

void
ey_sim_log_free (EySimLog *log)
{
  if (log == NULL)
    return;
  g_clear_object (&log->out);
  g_ptr_array_unref (log->events);
  g_free (log);
}

/* Milliseconds, not GLib's microseconds: a six-digit fraction reads as an SMS code
 * or a PIN to anyone (and any test) looking for one in the log. */
char *
ey_sim_log_now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *seconds = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (now) / 1000);
}

static char *
event_to_line (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

JsonObject *
ey_sim_log_event (EySimLog   *log,
                  const char *event,
                  const char *session,
                  const char *identity,
                  ...)
{
  JsonObject *object = json_object_new ();
  g_autofree char *time = ey_sim_log_now_iso ();
  g_autofree char *line = NULL;
  const char *key;
  va_list ap;

  json_object_set_string_member (object, "time", time);
  json_object_set_string_member (object, "event", event);
  if (session)
    json_object_set_string_member (object, "session", session);
  if (identity)
    json_object_set_string_member (object, "identity", identity);
  va_start (ap, identity);
  while ((key = va_arg (ap, const char *)) != NULL)
    {
      const char *value = va_arg (ap, const char *);

      json_object_set_string_member (object, key, value ? value : "");
    }
  va_end (ap);

  g_ptr_array_add (log->events, object);
  line = event_to_line (object);
  g_debug ("%s", line);
  if (log->out)
    {
      g_autofree char *with_nl = g_strconcat (line, "\n", NULL);

      /* Small local writes: a synchronous append keeps lines in order. */
      g_output_stream_write_all (G_OUTPUT_STREAM (log->out), with_nl, strlen (with_nl),
                                 NULL, NULL, NULL);
      g_output_stream_flush (G_OUTPUT_STREAM (log->out), NULL, NULL);
    }
  if (log->func)
    log->func (object, log->user_data);
  return object;
}

GPtrArray *
ey_sim_log_get_events (EySimLog *log)
{
  return log->events;
}

char *
ey_sim_log_to_text (EySimLog *log)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < log->events->len; i++)
    {
      g_autofree char *line = event_to_line (g_ptr_array_index (log->events, i));

      g_string_append_printf (text, "%s\n", line);
    }
  return g_string_free (text, FALSE);
}

JsonObject *
ey_sim_log_find (EySimLog   *log,
                 const char *event,
                 const char *key,
                 const char *value,
                 guint      *count)
{
  JsonObject *last = NULL;
  guint n = 0;

  for (guint i = 0; i < log->events->len; i++)
    {
      JsonObject *object = g_ptr_array_index (log->events, i);

      if (event && g_strcmp0 (json_object_get_string_member_with_default (object, "event", ""),
                              event) != 0)
        continue;
      if (key && g_strcmp0 (json_object_get_string_member_with_default (object, key, NULL),
                            value) != 0)
        continue;
      last = object;
      n++;
    }
  if (count)
    *count = n;
  return last;
}
