/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-step-list"

#include "config.h"

#include <glib/gi18n.h>

#include "ey-step-list.h"

/* The steps of the renewal as a list: done (check mark), current (highlighted), to do.
 * Rows are not activatable: the order is the site's, the user cannot jump ahead. */
struct _EyStepList
{
  GtkWidget   parent_instance;

  GtkListBox *list;
  GPtrArray  *rows;   /* GtkListBoxRow */
  int         current;
};

G_DEFINE_FINAL_TYPE (EyStepList, ey_step_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CURRENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
ey_step_list_get_state_name (EyStepList *self,
                             int         index)
{
  g_return_val_if_fail (EY_IS_STEP_LIST (self), NULL);

  if (index < self->current)
    return "done";
  if (index == self->current)
    return "current";
  return "todo";
}

static void
ey_step_list_update (EyStepList *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *icon = g_object_get_data (G_OBJECT (row), "icon");
      const char *title = g_object_get_data (G_OBJECT (row), "title");
      const char *state = ey_step_list_get_state_name (self, i);
      g_autofree char *name = NULL;

      /* Only what changed: each class change restyles the row. */
      if (!gtk_widget_has_css_class (row, state))
        {
          gtk_widget_remove_css_class (row, "done");
          gtk_widget_remove_css_class (row, "current");
          gtk_widget_remove_css_class (row, "todo");
          gtk_widget_add_css_class (row, state);
        }

      if ((int) i < self->current)
        {
          gtk_image_set_from_icon_name (GTK_IMAGE (icon), "object-select-symbolic");
          /* Translators: a step of the renewal in the step list, already done */
          name = g_strdup_printf (_("%s (done)"), title);
        }
      else if ((int) i == self->current)
        {
          gtk_image_set_from_icon_name (GTK_IMAGE (icon), "go-next-symbolic");
          /* Translators: the step of the renewal the user is at */
          name = g_strdup_printf (_("%s (current step)"), title);
        }
      else
        {
          gtk_image_set_from_icon_name (GTK_IMAGE (icon), NULL);
          /* Translators: a step of the renewal still to come */
          name = g_strdup_printf (_("%s (to do)"), title);
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      if ((int) i == self->current)
        gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                                     GTK_ACCESSIBLE_STATE_SELECTED, TRUE, -1);
      else
        gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_SELECTED);
    }
}

void
ey_step_list_set_steps (EyStepList         *self,
                        const char * const *titles)
{
  GtkWidget *child;

  g_return_if_fail (EY_IS_STEP_LIST (self));

  /* Called at every page change: new rows each time (their CSS and text layout) were
   * the longest stall of a page change.  The same number of steps only relabels. */
  if (titles && g_strv_length ((char **) titles) == self->rows->len)
    {
      for (guint i = 0; i < self->rows->len; i++)
        {
          GtkWidget *row = g_ptr_array_index (self->rows, i);
          GtkLabel *label = g_object_get_data (G_OBJECT (row), "label");

          if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "title"), titles[i]) == 0)
            continue;
          gtk_label_set_text (label, titles[i]);
          g_object_set_data_full (G_OBJECT (row), "title", g_strdup (titles[i]), g_free);
        }
      ey_step_list_update (self);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; titles && titles[i]; i++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *number;
      GtkWidget *label = gtk_label_new (titles[i]);
      GtkWidget *icon = gtk_image_new ();
      g_autofree char *n = g_strdup_printf ("%u", i + 1);

      number = gtk_label_new (n);
      gtk_widget_add_css_class (number, "step-number");
      gtk_widget_add_css_class (number, "numeric");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), number);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), icon);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
      g_object_set_data (G_OBJECT (row), "icon", icon);
      g_object_set_data (G_OBJECT (row), "label", label);
      g_object_set_data_full (G_OBJECT (row), "title", g_strdup (titles[i]), g_free);
      gtk_list_box_append (self->list, row);
      g_ptr_array_add (self->rows, row);
    }
  ey_step_list_update (self);
}

guint
ey_step_list_get_n_steps (EyStepList *self)
{
  g_return_val_if_fail (EY_IS_STEP_LIST (self), 0);
  return self->rows->len;
}

void
ey_step_list_set_current (EyStepList *self,
                          int         current)
{
  g_return_if_fail (EY_IS_STEP_LIST (self));

  if (self->current == current)
    return;
  self->current = current;
  ey_step_list_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
}

int
ey_step_list_get_current (EyStepList *self)
{
  g_return_val_if_fail (EY_IS_STEP_LIST (self), 0);

  return self->current;
}

GtkWidget *
ey_step_list_new (void)
{
  return g_object_new (EY_TYPE_STEP_LIST, NULL);
}

static void
ey_step_list_dispose (GObject *object)
{
  EyStepList *self = EY_STEP_LIST (object);

  g_clear_pointer ((GtkWidget **) &self->list, gtk_widget_unparent);
  G_OBJECT_CLASS (ey_step_list_parent_class)->dispose (object);
}

static void
ey_step_list_finalize (GObject *object)
{
  EyStepList *self = EY_STEP_LIST (object);

  g_ptr_array_unref (self->rows);
  G_OBJECT_CLASS (ey_step_list_parent_class)->finalize (object);
}

static void
ey_step_list_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  EyStepList *self = EY_STEP_LIST (object);

  switch (prop_id)
    {
    case PROP_CURRENT:
      g_value_set_int (value, self->current);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ey_step_list_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  EyStepList *self = EY_STEP_LIST (object);

  switch (prop_id)
    {
    case PROP_CURRENT:
      ey_step_list_set_current (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ey_step_list_class_init (EyStepListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ey_step_list_dispose;
  object_class->finalize = ey_step_list_finalize;
  object_class->get_property = ey_step_list_get_property;
  object_class->set_property = ey_step_list_set_property;

  properties[PROP_CURRENT] =
    g_param_spec_int ("current", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "steplist");
}

static void
ey_step_list_init (EyStepList *self)
{
  self->rows = g_ptr_array_new ();
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Steps of the renewal"), -1);
  gtk_widget_set_parent (GTK_WIDGET (self->list), GTK_WIDGET (self));
}
