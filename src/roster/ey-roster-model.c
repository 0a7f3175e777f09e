/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-roster-model"

#include "config.h"

#include <string.h>

#include "ey-roster-model-private.h"
#include "ey-roster-private.h"
#include "ey-roster-entry-private.h"

struct _EyRosterModel
{
  GObject         parent_instance;

  EyRoster       *roster;
  GPtrArray      *all;       /* EyRosterEntry, in roster order */
  GPtrArray      *visible;   /* the items: a subset of @all, same order, no refs */
  GHashTable     *by_id;     /* identity → EyRosterEntry (in @all) */
  char           *search;
  char           *folded;    /* @search folded, NULL when empty */
  EyRosterFilter  filter;
  GDate           today;
  gboolean        fixed_today;
  guint           first;     /* read at once; the rest in a thread (0: all at once) */
  GCancellable   *loading;   /* while the rest is read */
  gboolean        rest;      /* the rest is still to read (ey_roster_model_read_rest()) */
  gboolean        stale;     /* the roster changed while it was read */
};

enum {
  PROP_0,
  PROP_ROSTER,
  PROP_SEARCH,
  PROP_FILTER,
  PROP_N_ITEMS,
  PROP_FIRST,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EyRosterModel, ey_roster_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return EY_TYPE_ROSTER_ENTRY;
}

static guint
get_n_items (GListModel *model)
{
  return EY_ROSTER_MODEL (model)->visible->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  EyRosterModel *self = EY_ROSTER_MODEL (model);

  if (position >= self->visible->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->visible, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* The roster's order (ey_roster_list()): end date, unknown last, name, number. */
static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const EyColleague *ca = ey_roster_entry_get_colleague (*(EyRosterEntry **)a);
  const EyColleague *cb = ey_roster_entry_get_colleague (*(EyRosterEntry **)b);
  int cmp;

  if ((ca->expires == NULL) != (cb->expires == NULL))
    return ca->expires == NULL ? 1 : -1;
  if ((cmp = g_strcmp0 (ca->expires, cb->expires)) != 0 ||
      (cmp = g_strcmp0 (ca->full_name, cb->full_name)) != 0)
    return cmp;
  return g_strcmp0 (ca->identity, cb->identity);
}

static gboolean
matches (EyRosterModel *self,
         EyRosterEntry *entry)
{
  if (self->folded != NULL && strstr (ey_roster_entry_get_search_key (entry), self->folded) == NULL)
    return FALSE;
  return ey_colleague_matches_filter (ey_roster_entry_get_colleague (entry), self->filter,
                                      &self->today);
}

static void
update_today (EyRosterModel *self)
{
  if (!self->fixed_today)
    {
      g_date_clear (&self->today, 1);
      g_date_set_time_t (&self->today, time (NULL));
    }
}

/* The items: those of @from (@all, or fewer when the search only narrowed) that match. */
static void
rebuild_visible_from (EyRosterModel *self,
                      GPtrArray     *from)
{
  g_ptr_array_set_size (self->visible, 0);
  for (guint i = 0; i < from->len; i++)
    {
      EyRosterEntry *entry = g_ptr_array_index (from, i);

      if (matches (self, entry))
        g_ptr_array_add (self->visible, entry);
    }
}

static void
rebuild_visible (EyRosterModel *self)
{
  rebuild_visible_from (self, self->all);
}

/* @narrowed: the search only grew around what it was (typing), so whoever matches now
 * matched before: only the items need a look, not the whole roster. */
static void
refilter (EyRosterModel *self,
          gboolean       narrowed)
{
  g_autoptr(GPtrArray) old = g_ptr_array_copy (self->visible, NULL, NULL);
  guint before = self->visible->len;
  guint first = 0;
  guint last_old, last_new;
  GDate was = self->today;

  update_today (self);
  if (narrowed && g_date_valid (&was) && g_date_compare (&was, &self->today) == 0)
    rebuild_visible_from (self, old);
  else
    rebuild_visible (self);
  /* Only the part that differs: a view keeps the rows around it ("ayşe" → "ayşe "
   * changes nothing at all). */
  while (first < before && first < self->visible->len &&
         g_ptr_array_index (old, first) == g_ptr_array_index (self->visible, first))
    first++;
  last_old = before;
  last_new = self->visible->len;
  while (last_old > first && last_new > first &&
         g_ptr_array_index (old, last_old - 1) == g_ptr_array_index (self->visible, last_new - 1))
    {
      last_old--;
      last_new--;
    }
  if (last_old > first || last_new > first)
    g_list_model_items_changed (G_LIST_MODEL (self), first, last_old - first, last_new - first);
  if (before != self->visible->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static int
visible_position (EyRosterModel *self,
                  EyRosterEntry *entry)
{
  guint index;

  if (entry != NULL && g_ptr_array_find (self->visible, entry, &index))
    return index;
  return -1;
}

/* One row changed: move only that item so the rest of the view stays. */
static void
update_one (EyRosterModel *self,
            const char    *identity)
{
  g_autoptr(EyColleague) c = ey_roster_lookup (self->roster, identity, NULL);
  EyRosterEntry *entry = g_hash_table_lookup (self->by_id, identity);
  guint before = self->visible->len;
  int old_pos = visible_position (self, entry);
  int new_pos;

  if (entry != NULL)
    {
      g_object_ref (entry);
      g_ptr_array_remove (self->all, entry);
      if (c == NULL)
        g_hash_table_remove (self->by_id, identity);
    }
  if (c != NULL)
    {
      if (entry == NULL)
        {
          entry = ey_roster_entry_new (g_steal_pointer (&c));
          g_hash_table_insert (self->by_id, g_strdup (ey_roster_entry_get_identity (entry)), entry);
        }
      else
        ey_roster_entry_set_colleague (entry, g_steal_pointer (&c));
      {
        /* Binary search for the place in the sorted list. */
        guint lo = 0, hi = self->all->len;

        while (lo < hi)
          {
            guint mid = (lo + hi) / 2;

            if (compare_entries (&g_ptr_array_index (self->all, mid), &entry) < 0)
              lo = mid + 1;
            else
              hi = mid;
          }
        g_ptr_array_insert (self->all, lo, g_object_ref (entry));
      }
    }
  rebuild_visible (self);
  new_pos = -1;
  if (entry != NULL && g_hash_table_lookup (self->by_id, identity) == entry)
    new_pos = visible_position (self, entry);

  /* One signal that takes the model from its old state to the new one, so a view
   * that reads the model inside the handler sees what the signal says. */
  if (old_pos >= 0 && new_pos >= 0)
    {
      int first = MIN (old_pos, new_pos);
      int n = ABS (old_pos - new_pos) + 1;

      g_list_model_items_changed (G_LIST_MODEL (self), first, n, n);
    }
  else if (old_pos >= 0)
    g_list_model_items_changed (G_LIST_MODEL (self), old_pos, 1, 0);
  else if (new_pos >= 0)
    g_list_model_items_changed (G_LIST_MODEL (self), new_pos, 0, 1);
  if (before != self->visible->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_clear_object (&entry);
}

/* What one read of the roster gives: the entries in order and by identity.  Made on
 * the loading thread too (entries, folded search keys and all), handed over whole. */
typedef struct
{
  GPtrArray  *all;
  GHashTable *by_id;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->all, g_ptr_array_unref);
  g_clear_pointer (&loaded->by_id, g_hash_table_unref);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

static Loaded *
make_loaded (GPtrArray *list)
{
  Loaded *loaded;

  loaded = g_new0 (Loaded, 1);
  loaded->all = g_ptr_array_new_full (list->len, g_object_unref);
  loaded->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < list->len; i++)
    {
      EyColleague *c = g_steal_pointer (&g_ptr_array_index (list, i));
      EyRosterEntry *entry = ey_roster_entry_new (c);

      g_ptr_array_add (loaded->all, entry);
      g_hash_table_insert (loaded->by_id, g_strdup (c->identity), entry);
    }
  return loaded;
}

static Loaded *
load_entries (EyRoster  *roster,
              guint      limit,
              GError   **error)
{
  g_autoptr(GPtrArray) list = _ey_roster_list_first (roster, limit, error);

  return list ? make_loaded (list) : NULL;
}

/* The list becomes @loaded.  Entries whose colleague did not change are kept, so
 * a view sees only the rows that differ (the first screenful it already shows
 * stays, and so does its selection). */
static void
take_loaded (EyRosterModel *self,
             Loaded        *loaded)
{
  /* Freed after refilter(): @visible still points into them. */
  g_autoptr(GPtrArray) old_all = g_steal_pointer (&self->all);
  g_autoptr(GHashTable) old_by_id = g_steal_pointer (&self->by_id);

  for (guint i = 0; old_by_id != NULL && i < loaded->all->len; i++)
    {
      EyRosterEntry *entry = g_ptr_array_index (loaded->all, i);
      const char *identity = ey_roster_entry_get_identity (entry);
      EyRosterEntry *kept = g_hash_table_lookup (old_by_id, identity);
      const EyColleague *a, *b;

      if (kept == NULL)
        continue;
      a = ey_roster_entry_get_colleague (kept);
      b = ey_roster_entry_get_colleague (entry);
      if (!_ey_roster_colleague_equal (a, b) || g_strcmp0 (a->changed, b->changed) != 0)
        continue;
      g_hash_table_insert (loaded->by_id, g_strdup (identity), kept);
      g_ptr_array_index (loaded->all, i) = g_object_ref (kept);
      g_object_unref (entry);
    }
  self->all = g_steal_pointer (&loaded->all);
  self->by_id = g_steal_pointer (&loaded->by_id);
  loaded_free (loaded);
  refilter (self, FALSE);
}

static void
stop_loading (EyRosterModel *self)
{
  if (self->loading == NULL)
    return;
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->stale = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  g_autoptr(GPtrArray) list = _ey_roster_list_file (task_data, &error);

  if (list == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, make_loaded (list), (GDestroyNotify)loaded_free);
}

static void start_loading (EyRosterModel *self);

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  EyRosterModel *self = user_data;
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(Loaded) loaded = g_task_propagate_pointer (G_TASK (result), &error);

  /* Cancelled: reload() or dispose took over (and @self may be gone). */
  if (g_cancellable_is_cancelled (cancellable) || cancellable != self->loading)
    return;
  if (loaded != NULL && self->stale)
    {
      /* A change while it was read may be missing from what was read: again. */
      self->stale = FALSE;
      start_loading (self);
      return;
    }
  g_clear_object (&self->loading);
  self->stale = FALSE;
  if (loaded != NULL)
    take_loaded (self, g_steal_pointer (&loaded));
  else
    {
      g_autoptr(GError) again = NULL;

      g_debug ("reading the roster in a thread: %s", error->message);
      if (!ey_roster_model_reload (self, &again))
        g_warning ("%s", again->message);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
start_loading (EyRosterModel *self)
{
  g_autoptr(GTask) task = NULL;
  gboolean was_loading = self->loading != NULL;

  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();
  /* No reference to @self: dispose cancels, and a cancelled task never touches it. */
  task = g_task_new (NULL, self->loading, load_cb, self);
  g_task_set_source_tag (task, start_loading);
  g_task_set_task_data (task, g_strdup (ey_roster_get_path (self->roster)), g_free);
  g_task_run_in_thread (task, load_thread);
  if (!was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
roster_changed_cb (EyRosterModel *self,
                   const char    *identity,
                   EyRoster      *roster)
{
  if (identity == NULL)
    ey_roster_model_reload (self, NULL);
  else
    {
      /* While the rest is read the row may come again, older: read once more. */
      if (self->loading != NULL)
        self->stale = TRUE;
      update_one (self, identity);
    }
}

gboolean
ey_roster_model_reload (EyRosterModel  *self,
                        GError        **error)
{
  Loaded *loaded;

  g_return_val_if_fail (EY_IS_ROSTER_MODEL (self), FALSE);

  stop_loading (self);
  self->rest = FALSE;
  loaded = load_entries (self->roster, 0, error);
  if (loaded == NULL)
    return FALSE;
  take_loaded (self, loaded);
  return TRUE;
}

static void
ey_roster_model_dispose (GObject *object)
{
  EyRosterModel *self = (EyRosterModel *)object;

  stop_loading (self);
  if (self->roster != NULL)
    g_signal_handlers_disconnect_by_data (self->roster, self);
  g_clear_object (&self->roster);

  G_OBJECT_CLASS (ey_roster_model_parent_class)->dispose (object);
}

static void
ey_roster_model_finalize (GObject *object)
{
  EyRosterModel *self = (EyRosterModel *)object;

  g_clear_pointer (&self->visible, g_ptr_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->all, g_ptr_array_unref);
  g_free (self->search);
  g_free (self->folded);

  G_OBJECT_CLASS (ey_roster_model_parent_class)->finalize (object);
}

static void
ey_roster_model_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EyRosterModel *self = EY_ROSTER_MODEL (object);

  switch (prop_id)
    {
    case PROP_ROSTER:
      g_value_set_object (value, self->roster);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_FILTER:
      g_value_set_int (value, self->filter);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->visible->len);
      break;
    case PROP_FIRST:
      g_value_set_uint (value, self->first);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ey_roster_model_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  EyRosterModel *self = EY_ROSTER_MODEL (object);

  switch (prop_id)
    {
    case PROP_ROSTER:
      self->roster = g_value_dup_object (value);
      break;
    case PROP_SEARCH:
      ey_roster_model_set_search (self, g_value_get_string (value));
      break;
    case PROP_FILTER:
      ey_roster_model_set_filter (self, g_value_get_int (value));
      break;
    case PROP_FIRST:
      self->first = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ey_roster_model_constructed (GObject *object)
{
  EyRosterModel *self = (EyRosterModel *)object;
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (ey_roster_model_parent_class)->constructed (object);

  g_return_if_fail (EY_IS_ROSTER (self->roster));
  g_signal_connect_object (self->roster, "changed", G_CALLBACK (roster_changed_cb), self,
                           G_CONNECT_SWAPPED);
  if (self->first > 0)
    {
      /* The first screenful now, so a window shows at once; the rest in a thread. */
      Loaded *loaded = load_entries (self->roster, self->first, &error);

      if (loaded != NULL)
        {
          self->rest = loaded->all->len >= self->first;
          take_loaded (self, loaded);
          return;
        }
      g_debug ("%s", error->message);
      g_clear_error (&error);
    }
  if (!ey_roster_model_reload (self, &error))
    g_warning ("%s", error->message);
}

static void
ey_roster_model_class_init (EyRosterModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ey_roster_model_constructed;
  object_class->dispose = ey_roster_model_dispose;
  object_class->finalize = ey_roster_model_finalize;
  object_class->get_property = ey_roster_model_get_property;
  object_class->set_property = ey_roster_model_set_property;

  properties[PROP_ROSTER] =
    g_param_spec_object ("roster", NULL, NULL, EY_TYPE_ROSTER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILTER] =
    g_param_spec_int ("filter", NULL, NULL, EY_ROSTER_FILTER_ALL, EY_ROSTER_FILTER_DUE,
                      EY_ROSTER_FILTER_ALL,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIRST] =
    g_param_spec_uint ("first", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ey_roster_model_init (EyRosterModel *self)
{
  self->all = g_ptr_array_new_with_free_func (g_object_unref);
  self->visible = g_ptr_array_new ();
  self->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_date_clear (&self->today, 1);
  g_date_set_time_t (&self->today, time (NULL));
}

EyRosterModel *
ey_roster_model_new (EyRoster *roster)
{
  g_return_val_if_fail (EY_IS_ROSTER (roster), NULL);

  return g_object_new (EY_TYPE_ROSTER_MODEL, "roster", roster, NULL);
}

EyRosterModel *
ey_roster_model_new_first (EyRoster *roster,
                           guint     first)
{
  g_return_val_if_fail (EY_IS_ROSTER (roster), NULL);

  return g_object_new (EY_TYPE_ROSTER_MODEL, "roster", roster, "first", first, NULL);
}

EyRosterModel *
ey_roster_model_new_deferred (EyRoster *roster,
                              guint     first)
{
  EyRosterModel *self = ey_roster_model_new_first (roster, first);

  ey_roster_model_read_rest (self);
  return self;
}

void
ey_roster_model_read_rest (EyRosterModel *self)
{
  g_return_if_fail (EY_IS_ROSTER_MODEL (self));

  if (!self->rest)
    return;
  self->rest = FALSE;
  start_loading (self);
}

gboolean
ey_roster_model_get_loading (EyRosterModel *self)
{
  g_return_val_if_fail (EY_IS_ROSTER_MODEL (self), FALSE);
  return self->loading != NULL;
}

EyRoster *
ey_roster_model_get_roster (EyRosterModel *self)
{
  g_return_val_if_fail (EY_IS_ROSTER_MODEL (self), NULL);
  return self->roster;
}

const char *
ey_roster_model_get_search (EyRosterModel *self)
{
  g_return_val_if_fail (EY_IS_ROSTER_MODEL (self), NULL);
  return self->search;
}

void
ey_roster_model_set_search (EyRosterModel *self,
                            const char    *search)
{
  char *needle;
  gboolean narrowed;

  g_return_if_fail (EY_IS_ROSTER_MODEL (self));

  if (g_strcmp0 (self->search, search) == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (search);
  needle = _ey_roster_search_needle (search);
  narrowed = self->folded != NULL && needle != NULL && strstr (needle, self->folded) != NULL;
  g_free (self->folded);
  self->folded = needle;
  refilter (self, narrowed);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

EyRosterFilter
ey_roster_model_get_filter (EyRosterModel *self)
{
  g_return_val_if_fail (EY_IS_ROSTER_MODEL (self), EY_ROSTER_FILTER_ALL);
  return self->filter;
}

void
ey_roster_model_set_filter (EyRosterModel  *self,
                            EyRosterFilter  filter)
{
  g_return_if_fail (EY_IS_ROSTER_MODEL (self));
  g_return_if_fail (filter <= EY_ROSTER_FILTER_DUE);

  if (self->filter == filter)
    return;
  self->filter = filter;
  refilter (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

void
ey_roster_model_set_today (EyRosterModel *self,
                           const GDate   *today)
{
  g_return_if_fail (EY_IS_ROSTER_MODEL (self));

  self->fixed_today = today != NULL;
  if (today != NULL)
    self->today = *today;
  refilter (self, FALSE);
}

guint
ey_roster_model_get_n_total (EyRosterModel *self)
{
  g_return_val_if_fail (EY_IS_ROSTER_MODEL (self), 0);
  return self->all->len;
}

EyRosterEntry *
ey_roster_model_find (EyRosterModel *self,
                      const char    *identity)
{
  g_return_val_if_fail (EY_IS_ROSTER_MODEL (self), NULL);
  g_return_val_if_fail (identity != NULL, NULL);

  return g_hash_table_lookup (self->by_id, identity);
}

int
ey_roster_model_get_position (EyRosterModel *self,
                              const char    *identity)
{
  g_return_val_if_fail (EY_IS_ROSTER_MODEL (self), -1);

  return visible_position (self, ey_roster_model_find (self, identity));
}
