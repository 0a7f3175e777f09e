/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-officer-slots"

#include "config.h"

#include "ey-officer-slots.h"

struct _EyOfficerSlots
{
  GObject        parent_instance;

  EyRosterModel *model;
  guint          n_items;   /* what the view was last told */
  GPtrArray     *slots;     /* EyOfficerSlot or NULL, by position; made when asked for */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EyOfficerSlots, ey_officer_slots, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *list)
{
  return EY_TYPE_OFFICER_SLOT;
}

static guint
get_n_items (GListModel *list)
{
  return EY_OFFICER_SLOTS (list)->n_items;
}

static gpointer
get_item (GListModel *list,
          guint       position)
{
  EyOfficerSlots *self = EY_OFFICER_SLOTS (list);
  EyOfficerSlot *slot;

  if (position >= self->n_items)
    return NULL;
  if (position >= self->slots->len)
    g_ptr_array_set_size (self->slots, position + 1);
  slot = g_ptr_array_index (self->slots, position);
  if (slot == NULL)
    {
      g_autoptr(EyRosterEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->model), position);

      slot = _ey_officer_slot_new (entry);
      g_ptr_array_index (self->slots, position) = slot;
    }
  return g_object_ref (slot);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
model_items_changed_cb (EyOfficerSlots *self,
                        guint           position,
                        guint           removed,
                        guint           added,
                        GListModel     *model)
{
  guint before = self->n_items;
  guint after = g_list_model_get_n_items (model);

  /* The slots in the changed part show their new colleague; a slot only this list
   * holds (no row shows it) is dropped and made again when asked for. */
  for (guint i = position; i < self->slots->len; i++)
    {
      EyOfficerSlot *slot = g_ptr_array_index (self->slots, i);

      if (slot == NULL)
        continue;
      if (i >= after || G_OBJECT (slot)->ref_count == 1)
        {
          g_clear_object (&g_ptr_array_index (self->slots, i));
          continue;
        }
      if (i < position + MIN (removed, added) || removed != added)
        {
          g_autoptr(EyRosterEntry) entry = g_list_model_get_item (model, i);

          /* A colleague changed in place (a save, a card read) is the same entry: its
           * row is drawn again all the same. */
          if (removed == added && ey_officer_slot_get_entry (slot) == entry)
            g_object_notify (G_OBJECT (slot), "entry");
          else
            _ey_officer_slot_set_entry (slot, entry);
        }
    }
  if (self->slots->len > after)
    g_ptr_array_set_size (self->slots, after);
  self->n_items = after;
  if (after < before)
    g_list_model_items_changed (G_LIST_MODEL (self), after, before - after, 0);
  else if (after > before)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, after - before);
}

static void
ey_officer_slots_dispose (GObject *object)
{
  EyOfficerSlots *self = EY_OFFICER_SLOTS (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (ey_officer_slots_parent_class)->dispose (object);
}

static void
ey_officer_slots_finalize (GObject *object)
{
  g_ptr_array_unref (EY_OFFICER_SLOTS (object)->slots);

  G_OBJECT_CLASS (ey_officer_slots_parent_class)->finalize (object);
}

static void
ey_officer_slots_class_init (EyOfficerSlotsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ey_officer_slots_dispose;
  object_class->finalize = ey_officer_slots_finalize;
}

static void
slot_unref (gpointer slot)
{
  if (slot != NULL)
    g_object_unref (slot);
}

static void
ey_officer_slots_init (EyOfficerSlots *self)
{
  self->slots = g_ptr_array_new_with_free_func (slot_unref);
}

EyOfficerSlots *
ey_officer_slots_new (EyRosterModel *model)
{
  EyOfficerSlots *self;

  g_return_val_if_fail (EY_IS_ROSTER_MODEL (model), NULL);

  self = g_object_new (EY_TYPE_OFFICER_SLOTS, NULL);
  self->model = g_object_ref (model);
  self->n_items = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_signal_connect_object (model, "items-changed", G_CALLBACK (model_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}
