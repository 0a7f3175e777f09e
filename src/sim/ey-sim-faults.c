/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-sim-faults"

#include "config.h"

#include <glib/gi18n.h>

#include "ey-sim-faults-private.h"

typedef struct
{
  EySimFaultKind kind;
  char          *page;   /* NULL: every page */
  guint          left;   /* 0: unlimited */
} Fault;

struct _EySimFaults
{
  GPtrArray *list;
};

static const char *kind_names[] = {
  [EY_SIM_FAULT_NONE] = "clear",
  [EY_SIM_FAULT_SLOW] = "slow",
  [EY_SIM_FAULT_DROP] = "drop",
  [EY_SIM_FAULT_HTTP500] = "http500",
  [EY_SIM_FAULT_EXPIRE_SESSION] = "expire-session",
  [EY_SIM_FAULT_UNEXPECTED_PAGE] = "unexpected-page",
  [EY_SIM_FAULT_BIG_BODY] = "big-body",
  [EY_SIM_FAULT_GZIP_BOMB] = "gzip-bomb",
  [EY_SIM_FAULT_DRIP] = "drip",
};

static void
fault_free (Fault *f)
{
  g_free (f->page);
  g_free (f);
}

EySimFaults *
ey_sim_faults_new (void)
{
  EySimFaults *faults = g_new0 (EySimFaults, 1);

  faults->list = g_ptr_array_new_with_free_func ((GDestroyNotify) fault_free);
  return faults;
}

void
ey_sim_faults_free (EySimFaults *faults)
{
  if (faults == NULL)
    return;
  g_ptr_array_unref (faults->list);
  g_free (faults);
}

void
ey_sim_faults_add (EySimFaults    *faults,
                   EySimFaultKind  kind,
                   const char     *page,
                   guint           count)
{
  Fault *f;

  if (kind == EY_SIM_FAULT_NONE)
    {
      ey_sim_faults_clear (faults);
      return;
    }
  f = g_new0 (Fault, 1);
  f->kind = kind;
  f->page = (page && *page && g_strcmp0 (page, "*") != 0) ? g_strdup (page) : NULL;
  f->left = count;
  g_ptr_array_add (faults->list, f);
}

void
ey_sim_faults_clear (EySimFaults *faults)
{
  g_ptr_array_set_size (faults->list, 0);
}

EySimFaultKind
ey_sim_faults_take (EySimFaults *faults,
                    const char  *page)
{
  for (guint i = 0; i < faults->list->len; i++)
    {
      Fault *f = g_ptr_array_index (faults->list, i);
      EySimFaultKind kind = f->kind;

      if (f->page && g_strcmp0 (f->page, page) != 0)
        continue;
      if (f->left > 0 && --f->left == 0)
        g_ptr_array_remove_index (faults->list, i);
      return kind;
    }
  return EY_SIM_FAULT_NONE;
}

const char *
ey_sim_fault_kind_to_string (EySimFaultKind kind)
{
  return kind_names[kind];
}

EySimFaultKind
ey_sim_fault_kind_from_string (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (kind_names[i], name) == 0)
      return (EySimFaultKind) i;
  return (EySimFaultKind) -1;
}

gboolean
ey_sim_fault_parse_spec (const char      *spec,
                         EySimFaultKind  *kind,
                         char           **page,
                         guint           *count,
                         GError         **error)
{
  g_auto(GStrv) parts = g_strsplit (spec, ":", 3);
  guint64 n = 1;

  *kind = parts[0] ? ey_sim_fault_kind_from_string (parts[0]) : (EySimFaultKind) -1;
  if ((int) *kind < 0)
    {
      g_set_error (error, EY_SIM_ERROR, EY_SIM_ERROR_INVALID,
                   _("Unknown fault “%s”; use slow, drop, http500, expire-session, "
                     "unexpected-page, big-body, gzip-bomb, drip or clear"), spec);
      return FALSE;
    }
  if (parts[0] && parts[1] && parts[2] &&
      !g_ascii_string_to_unsigned (parts[2], 10, 0, G_MAXUINT, &n, NULL))
    {
      g_set_error (error, EY_SIM_ERROR, EY_SIM_ERROR_INVALID,
                   _("Fault count in “%s” is not a number"), spec);
      return FALSE;
    }
  *page = (parts[0] && parts[1]) ? g_strdup (parts[1]) : NULL;
  *count = (guint) n;
  return TRUE;
}
