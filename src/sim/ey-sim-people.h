/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ey-sim-people.h: the simulated applicants and their orders (the demo and the tests read them too) */
#pragma once

#include <glib.h>

#include "ey-sim-types.h"

G_BEGIN_DECLS

struct _EySimOrder
{
  guint  number;
  char  *date;          /* "02.11.2026" as the site shows it */
  char  *institution;
  gboolean renewal;     /* "Yenileme Başvurusu" vs "Yeni Başvuru" */
};

struct _EySimPerson
{
  char      *group;
  char      *identity;
  char      *password;
  char      *name;
  char      *surname;
  char      *birth_date;
  char      *phone;
  char      *email;
  char      *address;
  char      *city;
  char      *district;
  char      *postal_code;
  char      *title;
  char      *institution;
  gboolean   certificate_valid;
  GPtrArray *orders;    /* EySimOrder */
};

char        *ey_sim_people_default_path (void);
EySimPeople *ey_sim_people_load         (const char   *path,
                                         GError      **error);
void         ey_sim_people_free         (EySimPeople  *people);
EySimPerson *ey_sim_people_lookup       (EySimPeople  *people,
                                         const char   *identity);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EySimPeople, ey_sim_people_free)

G_END_DECLS
