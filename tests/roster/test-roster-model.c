/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "ey-roster-model-private.h"
#include "roster-fixture.h"
#include "ey-roster-private.h"

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change c = { position, removed, added };

  g_array_append_val (changes, c);
}

static const char *
name_at (GListModel *model,
         guint       i)
{
  g_autoptr(EyRosterEntry) entry = g_list_model_get_item (model, i);

  g_assert_nonnull (entry);
  /* The roster keeps the entry alive. */
  return ey_roster_entry_get_colleague (entry)->full_name;
}

static void
test_model (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EyRosterModel) model = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  GListModel *list;
  GDate today;
  EyColleague c = { 0 };
  Change *ch;

  fixture_add (f, "12345678950", "AYŞE YILMAZ", "2026-05-01");
  fixture_add (f, "23456789138", "MEHMET DEMİR", "2026-02-01");
  fixture_add (f, "U12345678", "JOHN SMITH", NULL);
  fixture_add (f, "34567891238", "IŞIL ÇAKIR", "2025-12-01");

  model = ey_roster_model_new (f->roster);
  list = G_LIST_MODEL (model);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, 1, 2026);
  ey_roster_model_set_today (model, &today);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), changes);

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 4);
  g_assert_true (g_list_model_get_item_type (list) == EY_TYPE_ROSTER_ENTRY);
  /* Sorted by end date, unknown last. */
  g_assert_cmpstr (name_at (list, 0), ==, "IŞIL ÇAKIR");
  g_assert_cmpstr (name_at (list, 1), ==, "MEHMET DEMİR");
  g_assert_cmpstr (name_at (list, 2), ==, "AYŞE YILMAZ");
  g_assert_cmpstr (name_at (list, 3), ==, "JOHN SMITH");
  g_assert_null (g_list_model_get_item (list, 4));

  /* Search: no case, no Turkish marks, never the locale's rules. */
  ey_roster_model_set_search (model, "isil");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_assert_cmpstr (name_at (list, 0), ==, "IŞIL ÇAKIR");
  ey_roster_model_set_search (model, "IŞIL");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  ey_roster_model_set_search (model, "yılmaz");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  ey_roster_model_set_search (model, "DEMIR");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  ey_roster_model_set_search (model, "123 456");   /* by number, typed with a space */
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  ey_roster_model_set_search (model, "nobody");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  ey_roster_model_set_search (model, "");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 4);

  /* Filters */
  ey_roster_model_set_filter (model, EY_ROSTER_FILTER_EXPIRED);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  ey_roster_model_set_filter (model, EY_ROSTER_FILTER_WINDOW_OPEN);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_assert_cmpstr (name_at (list, 0), ==, "MEHMET DEMİR");
  ey_roster_model_set_filter (model, EY_ROSTER_FILTER_DUE);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  ey_roster_model_set_filter (model, EY_ROSTER_FILTER_ALL);

  /* One row changes: only the items between its old and new place are touched,
   * in one consistent signal. */
  g_array_set_size (changes, 0);
  c.identity = "U12345678";
  c.full_name = "JOHN SMITH";
  c.expires = "2026-01-20";
  g_assert_true (ey_roster_save (f->roster, &c, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  ch = &g_array_index (changes, Change, 0);
  g_assert_cmpuint (ch->position, ==, 1);
  g_assert_cmpuint (ch->removed, ==, 3);
  g_assert_cmpuint (ch->added, ==, 3);
  /* A change in place touches one item. */
  g_array_set_size (changes, 0);
  c.notes = "x";
  g_assert_true (ey_roster_save (f->roster, &c, &error));
  g_assert_cmpuint (changes->len, ==, 1);
  ch = &g_array_index (changes, Change, 0);
  g_assert_cmpuint (ch->position, ==, 1);
  g_assert_cmpuint (ch->removed, ==, 1);
  g_assert_cmpuint (ch->added, ==, 1);
  g_assert_cmpstr (name_at (list, 1), ==, "JOHN SMITH");
  g_assert_cmpint (ey_roster_model_get_position (model, "U12345678"), ==, 1);

  /* An entry handed out earlier is updated in place. */
  {
    g_autoptr(EyRosterEntry) entry = g_list_model_get_item (list, 1);

    g_assert_true (ey_roster_set_status (f->roster, "U12345678", EY_ROSTER_STATUS_APPLIED,
                                         &error));
    g_assert_cmpint (ey_roster_entry_get_colleague (entry)->status, ==, EY_ROSTER_STATUS_APPLIED);
  }

  /* Removal and addition, under a filter. */
  ey_roster_model_set_filter (model, EY_ROSTER_FILTER_APPLIED);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_array_set_size (changes, 0);
  g_assert_true (ey_roster_remove (f->roster, "U12345678", &error));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_null (ey_roster_model_find (model, "U12345678"));
  g_assert_cmpuint (ey_roster_model_get_n_total (model), ==, 3);
  fixture_add (f, "45678912316", "ZEYNEP ŞEN", "2026-03-01");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_cmpuint (ey_roster_model_get_n_total (model), ==, 4);

  /* An import reloads everything. */
  ey_roster_model_set_filter (model, EY_ROSTER_FILTER_ALL);
  g_assert_true (ey_roster_import_csv (f->roster, "identity,name\nU12345678,JOHN SMITH\n", -1,
                                       NULL, NULL, NULL, &error));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 5);

  g_signal_handlers_disconnect_by_data (model, changes);
  g_assert_finalize_object (g_steal_pointer (&model));
}

static gboolean
too_long_cb (gpointer data)
{
  g_error ("the rest of the roster was never read");
  return G_SOURCE_REMOVE;
}

static void
wait_loaded (EyRosterModel *model)
{
  guint timeout = g_timeout_add_seconds (20, too_long_cb, NULL);

  while (ey_roster_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

/* A long roster: the first colleagues at once, the rest from a thread as one change
 * after them; a search typed and a row changed meanwhile both hold afterwards. */
/* Typing narrows the search: only the items are looked at again, and the items are
 * what a fresh model with that search shows, whatever was typed before (a longer
 * search, a shorter one, a different one). */
static void
test_narrowing (Fixture       *f,
                gconstpointer  data)
{
  static const char *typed[] = { "a", "ay", "ayş", "ayşe", "ayşe ", "ayşe y", "yılmaz",
                                 "ayşe y", "a", "", "12", "123", "123 456", "1", "ç", "çak",
                                 "ka", "" };
  g_autoptr(EyRosterModel) model = NULL;

  fixture_add (f, "12345678950", "AYŞE YILMAZ", "2026-05-01");
  fixture_add (f, "23456789138", "MEHMET DEMİR", "2026-02-01");
  fixture_add (f, "U12345678", "AYHAN SMITH", NULL);
  fixture_add (f, "34567891238", "IŞIL ÇAKIR", "2025-12-01");
  fixture_add (f, "45678912316", "AYŞE KAYA", "2026-03-01");
  model = ey_roster_model_new (f->roster);

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autoptr(EyRosterModel) fresh = ey_roster_model_new (f->roster);
      GListModel *a = G_LIST_MODEL (model), *b = G_LIST_MODEL (fresh);

      ey_roster_model_set_search (model, typed[i]);
      ey_roster_model_set_search (fresh, typed[i]);
      g_assert_cmpuint (g_list_model_get_n_items (a), ==, g_list_model_get_n_items (b));
      for (guint k = 0; k < g_list_model_get_n_items (a); k++)
        g_assert_cmpstr (name_at (a, k), ==, name_at (b, k));
    }
  ey_roster_model_set_search (model, "ayşe");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  ey_roster_model_set_search (model, "ayşe k");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
}

static void
test_deferred (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EyRosterModel) model = NULL;
  g_autoptr(EyRosterModel) all_at_once = NULL;
  g_autoptr(EyRosterEntry) first = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  GListModel *list;
  Change *ch;

  fixture_add (f, "12345678950", "AYŞE YILMAZ", "2026-05-01");
  fixture_add (f, "23456789138", "MEHMET DEMİR", "2026-02-01");
  fixture_add (f, "U12345678", "JOHN SMITH", NULL);
  fixture_add (f, "34567891238", "IŞIL ÇAKIR", "2025-12-01");
  fixture_add (f, "45678912316", "ZEYNEP ŞEN", "2026-03-01");
  all_at_once = ey_roster_model_new (f->roster);
  g_assert_false (ey_roster_model_get_loading (all_at_once));

  /* Only the first screenful until told to read the rest (a window: after its
   * first frame). */
  model = ey_roster_model_new_first (f->roster, 2);
  g_assert_false (ey_roster_model_get_loading (model));
  g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (ey_roster_model_get_n_total (model), ==, 2);
  list = G_LIST_MODEL (model);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), changes);
  ey_roster_model_read_rest (model);
  g_assert_true (ey_roster_model_get_loading (model));
  g_assert_cmpuint (ey_roster_model_get_n_total (model), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  g_assert_cmpstr (name_at (list, 0), ==, "IŞIL ÇAKIR");
  g_assert_cmpstr (name_at (list, 1), ==, "MEHMET DEMİR");
  first = g_list_model_get_item (list, 0);

  /* The rest comes after the first screenful, which stays as it is. */
  wait_loaded (model);
  g_assert_cmpuint (ey_roster_model_get_n_total (model), ==, 5);
  g_assert_cmpuint (changes->len, ==, 1);
  ch = &g_array_index (changes, Change, 0);
  g_assert_cmpuint (ch->position, ==, 2);
  g_assert_cmpuint (ch->removed, ==, 0);
  g_assert_cmpuint (ch->added, ==, 3);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpstr (name_at (list, i), ==, name_at (G_LIST_MODEL (all_at_once), i));
  {
    g_autoptr(EyRosterEntry) again = g_list_model_get_item (list, 0);

    g_assert_true (again == first);
  }
  g_signal_handlers_disconnect_by_data (model, changes);
  g_assert_finalize_object (g_steal_pointer (&model));

  /* Typed and changed while the rest is read. */
  model = ey_roster_model_new_deferred (f->roster, 2);
  list = G_LIST_MODEL (model);
  ey_roster_model_set_search (model, "s");
  g_assert_true (ey_roster_set_status (f->roster, "U12345678", EY_ROSTER_STATUS_APPLIED, &error));
  g_assert_no_error (error);
  wait_loaded (model);
  g_assert_cmpuint (ey_roster_model_get_n_total (model), ==, 5);
  /* AYŞE YILMAZ, IŞIL ÇAKIR, JOHN SMITH, ZEYNEP ŞEN (by end date, unknown last). */
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 4);
  g_assert_cmpstr (name_at (list, 0), ==, "IŞIL ÇAKIR");
  g_assert_cmpstr (name_at (list, 3), ==, "JOHN SMITH");
  {
    g_autoptr(EyRosterEntry) john = g_list_model_get_item (list, 3);

    g_assert_cmpint (ey_roster_entry_get_colleague (john)->status, ==, EY_ROSTER_STATUS_APPLIED);
  }
  ey_roster_model_set_filter (model, EY_ROSTER_FILTER_APPLIED);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);

  /* A reload while reading gives the whole roster at once. */
  g_clear_object (&model);
  model = ey_roster_model_new_deferred (f->roster, 2);
  g_assert_true (ey_roster_model_reload (model, &error));
  g_assert_no_error (error);
  g_assert_false (ey_roster_model_get_loading (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 5);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/roster/model", Fixture, NULL, fixture_set_up, test_model, fixture_tear_down);
  g_test_add ("/roster/model/narrowing", Fixture, NULL, fixture_set_up, test_narrowing,
              fixture_tear_down);
  g_test_add ("/roster/model/deferred", Fixture, NULL, fixture_set_up, test_deferred,
              fixture_tear_down);
  return g_test_run ();
}
