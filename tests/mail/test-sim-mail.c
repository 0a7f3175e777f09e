/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ey-email.h"
#include "ey-sim-server.h"

/* The demo hands the simulator's "KamuSM mail" to the same reader a pasted real
 * mail goes through: it must read the person, the password and a trusted link. */
static void
test_sim_mail_is_read (void)
{
  g_autofree char *people = g_build_filename (g_getenv ("EY_SOURCE_ROOT"), "data", "sim",
                                              "people.ini", NULL);
  g_autoptr(EySimServer) sim = NULL;
  g_autofree char *mail = NULL;
  g_autoptr(EyEmail) email = NULL;
  g_autoptr(GError) error = NULL;
  EySimOptions opts;

  ey_sim_options_init (&opts);
  opts.people_file = people;
  sim = ey_sim_server_new (&opts);
  g_assert_null (ey_sim_server_get_access_mail (sim, "12345678950"));
  g_assert_true (ey_sim_server_start (sim, 0, &error));
  g_assert_no_error (error);

  mail = ey_sim_server_get_access_mail (sim, "12345678950");
  g_assert_nonnull (mail);
  email = ey_email_parse (mail, -1);
  g_assert_true (ey_email_is_usable (email));
  g_assert_cmpstr (ey_email_get_full_name (email), ==, "AYŞE YILMAZ");
  g_assert_cmpstr (ey_email_get_institution (email), ==, "IĞDIR ÜNİVERSİTESİ REKTÖRLÜĞÜ");
  g_assert_cmpstr (ey_email_get_password (email), ==, "Ab3kT9qz");
  g_assert_cmpstr (ey_email_get_link (email), ==, "https://basvuru.kamusm.gov.tr/bs/login.go");
  g_assert_cmpstr (ey_email_get_sender (email), ==, "bilgilendirme@kamusm.gov.tr");

  g_assert_null (ey_sim_server_get_access_mail (sim, "99999999990"));
  ey_sim_server_stop (sim);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mail/sim-mail-is-read", test_sim_mail_is_read);
  return g_test_run ();
}
