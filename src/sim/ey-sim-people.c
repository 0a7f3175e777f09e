/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-sim-people"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ey-sim-people-private.h"
#include "ey-sim-server.h"

struct _EySimPeople
{
  GHashTable *by_identity;  /* identity → EySimPerson */
};

static void
order_free (EySimOrder *order)
{
  g_free (order->date);
  g_free (order->institution);
  g_free (order);
}

static void
person_free (EySimPerson *p)
{
  g_free (p->group);
  g_free (p->identity);
  if (p->password)
    explicit_bzero (p->password, strlen (p->password));
  g_free (p->password);
  g_free (p->name);
  g_free (p->surname);
  g_free (p->birth_date);
  g_free (p->phone);
  g_free (p->email);
  g_free (p->address);
  g_free (p->city);
  g_free (p->district);
  g_free (p->postal_code);
  g_free (p->title);
  g_free (p->institution);
  g_ptr_array_unref (p->orders);
  g_free (p);
}

/* Installed: pkgdatadir.  A build tree's programs get the source tree's copy through
 * $EY_SIM_PEOPLE (the tests' environment, `meson devenv`, build-aux/demo): no path of
 * the build machine is compiled into the installed simulator. */
char *
ey_sim_people_default_path (void)
{
  const char *env = g_getenv ("EY_SIM_PEOPLE");

  if (env && *env)
    return g_strdup (env);
  return g_build_filename (PKGDATADIR, "sim", "people.ini", NULL);
}

static char *
get (GKeyFile   *kf,
     const char *group,
     const char *key)
{
  char *value = g_key_file_get_string (kf, group, key, NULL);

  return value ? value : g_strdup ("");
}

static gboolean
load_orders (GKeyFile     *kf,
             EySimPerson  *p,
             GError      **error)
{
  gsize n = 0;
  g_auto(GStrv) numbers = g_key_file_get_string_list (kf, p->group, "orders", &n, NULL);

  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *group = g_strconcat ("order ", numbers[i], NULL);
      g_autofree char *kind = NULL;
      EySimOrder *order;

      if (!g_key_file_has_group (kf, group))
        {
          g_set_error (error, EY_SIM_ERROR, EY_SIM_ERROR_PEOPLE,
                       _("Person “%s” names order %s, which has no [%s] group"),
                       p->group, numbers[i], group);
          return FALSE;
        }
      order = g_new0 (EySimOrder, 1);
      order->number = (guint) g_ascii_strtoull (numbers[i], NULL, 10);
      order->date = get (kf, group, "date");
      order->institution = get (kf, group, "institution");
      kind = get (kf, group, "kind");
      order->renewal = g_strcmp0 (kind, "new") != 0;
      g_ptr_array_add (p->orders, order);
    }
  return TRUE;
}

EySimPeople *
ey_sim_people_load (const char  *path,
                    GError     **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(EySimPeople) people = g_new0 (EySimPeople, 1);
  g_auto(GStrv) groups = NULL;

  people->by_identity = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                               (GDestroyNotify) person_free);
  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  groups = g_key_file_get_groups (kf, NULL);
  for (guint i = 0; groups[i]; i++)
    {
      EySimPerson *p;
      g_autofree char *cert = NULL;

      if (g_str_has_prefix (groups[i], "order "))
        continue;
      p = g_new0 (EySimPerson, 1);
      p->orders = g_ptr_array_new_with_free_func ((GDestroyNotify) order_free);
      p->group = g_strdup (groups[i]);
      p->identity = get (kf, p->group, "identity");
      p->password = get (kf, p->group, "password");
      p->name = get (kf, p->group, "name");
      p->surname = get (kf, p->group, "surname");
      p->birth_date = get (kf, p->group, "birth-date");
      p->phone = get (kf, p->group, "phone");
      p->email = get (kf, p->group, "email");
      p->address = get (kf, p->group, "address");
      p->city = get (kf, p->group, "city");
      p->district = get (kf, p->group, "district");
      p->postal_code = get (kf, p->group, "postal-code");
      p->title = get (kf, p->group, "title");
      p->institution = get (kf, p->group, "institution");
      cert = get (kf, p->group, "certificate");
      p->certificate_valid = g_strcmp0 (cert, "valid") == 0;
      if (*p->identity == '\0' || *p->password == '\0' ||
          g_hash_table_contains (people->by_identity, p->identity))
        {
          g_set_error (error, EY_SIM_ERROR, EY_SIM_ERROR_PEOPLE,
                       _("%s: person “%s” has no identity or password, or a duplicate identity"),
                       path, p->group);
          person_free (p);
          return NULL;
        }
      g_hash_table_insert (people->by_identity, p->identity, p);
      if (!load_orders (kf, p, error))
        return NULL;
    }
  return g_steal_pointer (&people);
}

void
ey_sim_people_free (EySimPeople *people)
{
  if (people == NULL)
    return;
  g_clear_pointer (&people->by_identity, g_hash_table_unref);
  g_free (people);
}

EySimPerson *
ey_sim_people_lookup (EySimPeople *people,
                      const char  *identity)
{
  if (identity == NULL)
    return NULL;
  return g_hash_table_lookup (people->by_identity, identity);
}

EySimOrder *
ey_sim_person_find_order (EySimPerson *person,
                          guint        number)
{
  for (guint i = 0; i < person->orders->len; i++)
    {
      EySimOrder *order = g_ptr_array_index (person->orders, i);

      if (order->number == number)
        return order;
    }
  return NULL;
}
