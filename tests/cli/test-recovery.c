/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The recovery record: written 0600, read back, matched by identity
 * without holding it, cleared. */
#define G_LOG_DOMAIN "test-recovery"

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "ey-core-error.h"
#include "ey-recovery.h"

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ey-recovery-XXXXXX", &error);
  g_autofree char *sub = g_build_filename (dir, "eimza-yenile", NULL);
  g_autofree char *file = g_build_filename (sub, "pending.ini", NULL);
  g_autofree char *text = NULL;
  g_autoptr(EyRecovery) note = NULL;
  g_autoptr(EyRecovery) back = NULL;
  GStatBuf st;

  g_assert_no_error (error);
  /* Nothing yet: no record, no error */
  g_assert_null (ey_recovery_load (file, &error));
  g_assert_no_error (error);

  note = ey_recovery_new ("12345678950", "AYŞE YILMAZ", "https://h/bs/basvuru.go?siparisNo=1001",
                          "eonay");
  g_assert_true (ey_recovery_save (note, file, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_stat (file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (sub, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* No identity number in the file, only its salted hash */
  g_assert_true (g_file_get_contents (file, &text, NULL, NULL));
  g_assert_null (strstr (text, "12345678950"));
  g_assert_nonnull (strstr (text, "AYŞE YILMAZ"));

  back = ey_recovery_load (file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_true (ey_recovery_matches (back, "12345678950"));
  g_assert_false (ey_recovery_matches (back, "23456789138"));
  g_assert_false (ey_recovery_matches (back, NULL));
  g_assert_cmpstr (ey_recovery_get_display_name (back), ==, "AYŞE YILMAZ");
  g_assert_cmpstr (ey_recovery_get_order_id (back), ==, "https://h/bs/basvuru.go?siparisNo=1001");
  g_assert_cmpstr (ey_recovery_get_path_nick (back), ==, "eonay");
  g_assert_nonnull (ey_recovery_get_created (back));

  g_assert_true (ey_recovery_clear (file, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
  /* Clearing twice is fine */
  g_assert_true (ey_recovery_clear (file, &error));

  g_rmdir (sub);
  g_rmdir (dir);
}

static void
test_corrupt (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ey-recovery-XXXXXX", &error);
  g_autofree char *file = g_build_filename (dir, "pending.ini", NULL);

  g_assert_true (g_file_set_contents (file, "[pending]\nname=x\n", -1, NULL));
  g_assert_null (ey_recovery_load (file, &error));
  g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_RECOVERY);
  g_unlink (file);
  g_rmdir (dir);
}

static void
test_default_path (void)
{
  g_autofree char *path = ey_recovery_default_path ();

  g_assert_true (g_str_has_prefix (path, g_get_user_state_dir ()));
  g_assert_nonnull (strstr (path, "eimza-yenile"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/recovery/round-trip", test_round_trip);
  g_test_add_func ("/recovery/corrupt", test_corrupt);
  g_test_add_func ("/recovery/default-path", test_default_path);
  return g_test_run ();
}
