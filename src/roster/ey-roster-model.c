/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-roster-model"

#include "config.h"

#include <string.h>

#include "ey-roster-model.h"
#include "ey-roster-private.h"

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
};

enum {
  PROP_0,
  PROP_ROSTER,
  PROP_SEARCH,
  PROP_FILTER,
  PROP_N_ITEMS,
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

static void
rebuild_visible (EyRosterModel *self)
{
  g_ptr_array_set_size (self->visible, 0);
  for (guint i = 0; i < self->all->len; i++)
    {
      EyRosterEntry *entry = g_ptr_array_index (self->all, i);

      if (matches (self, entry))
        g_ptr_array_add (self->visible, entry);
    }
}

static void
refilter (EyRosterModel *self)
{
  g_autoptr(GPtrArray) old = g_ptr_array_copy (self->visible, NULL, NULL);
  guint before = self->visible->len;
  guint first = 0;
  guint last_old, last_new;

  update_today (self);
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

static void
roster_changed_cb (EyRosterModel *self,
                   const char    *identity,
                   EyRoster      *roster)
{
  if (identity == NULL)
    ey_roster_model_reload (self, NULL);
  else
    update_one (self, identity);
}

gboolean
ey_roster_model_reload (EyRosterModel  *self,
                        GError        **error)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (EY_IS_ROSTER_MODEL (self), FALSE);

  list = ey_roster_list (self->roster, error);
  if (list == NULL)
    return FALSE;
  g_hash_table_remove_all (self->by_id);
  g_ptr_array_set_size (self->all, 0);
  for (guint i = 0; i < list->len; i++)
    {
      EyColleague *c = g_steal_pointer (&g_ptr_array_index (list, i));
      EyRosterEntry *entry = ey_roster_entry_new (c);

      g_ptr_array_add (self->all, entry);
      g_hash_table_insert (self->by_id, g_strdup (c->identity), entry);
    }
  refilter (self);
  return TRUE;
}

static void
ey_roster_model_dispose (GObject *object)
{
  EyRosterModel *self = (EyRosterModel *)object;

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
  g_return_if_fail (EY_IS_ROSTER_MODEL (self));

  if (g_strcmp0 (self->search, search) == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (search);
  g_free (self->folded);
  self->folded = _ey_roster_search_needle (search);
  refilter (self);
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
  refilter (self);
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
  refilter (self);
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
