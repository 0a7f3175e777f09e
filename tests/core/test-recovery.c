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

  /* No identity number in the file, only its keyed hash */
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

  {
    g_autofree char *key = g_build_filename (sub, "recovery.key", NULL);
    g_unlink (key);
  }
  g_rmdir (sub);
  g_rmdir (dir);
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_dir (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* The claim of ey-recovery.h: a keyed hash whose key is in another file, so
 * the note alone does not give the number away (it no longer matches
 * anything without the key), and no salt stored beside a plain hash. */
static void
test_keyed_hash (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ey-recovery-XXXXXX", &error);
  g_autofree char *notes = g_build_filename (dir, "pending-real", NULL);
  g_autofree char *elsewhere = g_build_filename (dir, "copied", NULL);
  g_autofree char *file = ey_recovery_path_for (notes, "12345678950", &error);
  g_autofree char *key_file = g_build_filename (notes, "recovery.key", NULL);
  g_autofree char *copy = g_build_filename (elsewhere, "note.ini", NULL);
  g_autofree char *text = NULL;
  g_autofree char *key = NULL;
  g_autofree char *plain = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "12345678950", -1);
  g_autoptr(EyRecovery) note = ey_recovery_new ("12345678950", "AYŞE YILMAZ", "basvuru.go?siparisNo=1001", "eonay");
  g_autoptr(EyRecovery) alone = NULL;
  gsize key_len = 0;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_nonnull (file);
  g_assert_true (ey_recovery_save (note, file, &error));
  g_assert_no_error (error);

  /* The key: random, 32 bytes, its own file, 0600 */
  g_assert_true (g_file_get_contents (key_file, &key, &key_len, NULL));
  g_assert_cmpuint (key_len, ==, 32);
  g_assert_cmpint (g_stat (key_file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_true (g_file_get_contents (file, &text, NULL, NULL));
  g_assert_null (strstr (text, "12345678950"));
  g_assert_null (strstr (text, "salt"));
  g_assert_null (strstr (text, plain));
  g_assert_nonnull (strstr (text, "identity-hmac"));
  /* the file name does not show the number either */
  g_assert_null (strstr (file, "12345678950"));

  /* The note copied alone: no key beside it, nothing to match with */
  g_assert_cmpint (g_mkdir_with_parents (elsewhere, 0700), ==, 0);
  g_assert_true (g_file_set_contents (copy, text, -1, NULL));
  alone = ey_recovery_load (copy, &error);
  g_assert_no_error (error);
  g_assert_false (ey_recovery_matches (alone, "12345678950"));

  remove_dir (dir);
}

/* One note per person in a mode's directory; the modes apart; older salted
 * notes still read. */
static void
test_per_person_and_mode (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ey-recovery-XXXXXX", &error);
  g_autofree char *demo = g_build_filename (dir, "pending-demo", NULL);
  g_autofree char *ayse = ey_recovery_path_for (demo, "12345678950", &error);
  g_autofree char *ali = ey_recovery_path_for (demo, "45678912316", &error);
  g_autofree char *real = ey_recovery_default_dir ("real");
  g_autofree char *demo_default = ey_recovery_default_dir ("demo");
  g_autofree char *old_file = g_build_filename (demo, "old.ini", NULL);
  g_autofree char *old_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                             "abcd:23456789138", -1);
  g_autofree char *old_text = NULL;
  g_autoptr(EyRecovery) a = ey_recovery_new ("12345678950", "AYŞE YILMAZ", "o1", "eonay");
  g_autoptr(EyRecovery) b = ey_recovery_new ("45678912316", "ALİ ÇELİK", "o2", "esigned");
  g_autoptr(GPtrArray) list = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (ayse, !=, ali);
  /* the same person, the same file */
  {
    g_autofree char *again = ey_recovery_path_for (demo, "12345678950", NULL);
    g_assert_cmpstr (again, ==, ayse);
  }
  g_assert_true (ey_recovery_save (a, ayse, NULL));
  g_assert_true (ey_recovery_save (b, ali, NULL));
  old_text = g_strdup_printf ("[pending]\nsalt=abcd\nidentity-hash=%s\nname=MEHMET\norder=o3\n"
                              "path=eonay\ncreated=2026-11-24T09:00:00Z\n", old_hash);
  g_assert_true (g_file_set_contents (old_file, old_text, -1, NULL));

  list = ey_recovery_list (demo);
  g_assert_cmpuint (list->len, ==, 3);
  for (guint i = 0; i < list->len; i++)
    {
      EyRecovery *n = g_ptr_array_index (list, i);
      const char *name = ey_recovery_get_display_name (n);

      g_assert_true (ey_recovery_matches (n, g_str_equal (name, "AYŞE YILMAZ") ? "12345678950"
                                             : g_str_equal (name, "ALİ ÇELİK") ? "45678912316"
                                             : "23456789138"));
      g_assert_false (ey_recovery_matches (n, "56789123416"));
      g_assert_nonnull (ey_recovery_get_file (n));
    }
  /* oldest first: the old note */
  g_assert_cmpstr (ey_recovery_get_display_name (g_ptr_array_index (list, 0)), ==, "MEHMET");

  /* The modes never share a directory */
  g_assert_cmpstr (real, !=, demo_default);
  g_assert_true (g_str_has_prefix (real, g_get_user_state_dir ()));
  g_assert_true (g_str_has_prefix (demo_default, g_get_user_state_dir ()));
  {
    g_autoptr(GPtrArray) none = ey_recovery_list (real);
    g_assert_cmpuint (none->len, ==, 0);
  }

  /* Forgetting one leaves the other */
  g_assert_true (ey_recovery_clear (ayse, NULL));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = ey_recovery_list (demo);
  g_assert_cmpuint (list->len, ==, 2);

  remove_dir (dir);
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

/* The single pending-application.ini of the version before per-mode notes: moved
 * once into the real mode's folder (the person still recognised), then gone. */
static void
test_migrate_legacy (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old = ey_recovery_default_path ();
  g_autofree char *real = ey_recovery_default_dir ("real");
  g_autofree char *demo = ey_recovery_default_dir ("demo");
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                         "5eed:12345678950", -1);
  g_autofree char *text = g_strdup_printf ("[pending]\nsalt=5eed\nidentity-hash=%s\n"
                                           "name=AYŞE YILMAZ\norder=/bs/siparis.go?id=1001\n"
                                           "path=eonay\ncreated=2026-11-24T09:00:00Z\n", hash);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) demo_list = NULL;
  g_autofree char *id = NULL;
  g_autofree char *dir = g_path_get_dirname (old);
  EyRecovery *note;

  /* Nothing to move: no error, nothing made */
  g_assert_true (ey_recovery_migrate_legacy (real, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (real, G_FILE_TEST_EXISTS));

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (old, text, -1, NULL));
  g_assert_true (ey_recovery_migrate_legacy (real, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (old, G_FILE_TEST_EXISTS));

  list = ey_recovery_list (real);
  g_assert_cmpuint (list->len, ==, 1);
  note = g_ptr_array_index (list, 0);
  g_assert_true (ey_recovery_matches (note, "12345678950"));
  g_assert_false (ey_recovery_matches (note, "45678912316"));
  g_assert_cmpstr (ey_recovery_get_display_name (note), ==, "AYŞE YILMAZ");
  g_assert_cmpstr (ey_recovery_get_order_id (note), ==, "/bs/siparis.go?id=1001");
  id = ey_recovery_get_id (note);
  g_assert_true (g_str_has_prefix (id, "legacy-"));
  g_assert_null (strstr (id, "12345678950"));
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (ey_recovery_get_file (note), &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
  /* The demo never sees it */
  demo_list = ey_recovery_list (demo);
  g_assert_cmpuint (demo_list->len, ==, 0);

  /* Once: a second start finds nothing more to move, the note stays one */
  g_assert_true (ey_recovery_migrate_legacy (real, &error));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = ey_recovery_list (real);
  g_assert_cmpuint (list->len, ==, 1);
  note = g_ptr_array_index (list, 0);

  /* An old file that cannot be read is left alone */
  g_assert_true (g_file_set_contents (old, "[pending]\nname=x\n", -1, NULL));
  g_assert_false (ey_recovery_migrate_legacy (real, &error));
  g_assert_error (error, EY_CORE_ERROR, EY_CORE_ERROR_RECOVERY);
  g_assert_true (g_file_test (old, G_FILE_TEST_EXISTS));
  g_unlink (old);
  g_assert_true (ey_recovery_clear (ey_recovery_get_file (note), NULL));
}

#ifdef __SANITIZE_ADDRESS__
/* G_TEST_OPTION_ISOLATE_DIRS makes g_set_user_dirs () keep the old folder strings on
 * purpose; the suppression in build-aux/lsan-suppressions can only see g_set_user_dirs
 * on a whole malloc stack, and Debian's GLib has no frame pointers.  Only this program
 * pays for the slow unwinder; build-aux/sanitize leaves the option unset for it. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}
#endif

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/recovery/round-trip", test_round_trip);
  g_test_add_func ("/recovery/corrupt", test_corrupt);
  g_test_add_func ("/recovery/keyed-hash", test_keyed_hash);
  g_test_add_func ("/recovery/per-person-and-mode", test_per_person_and_mode);
  g_test_add_func ("/recovery/default-path", test_default_path);
  g_test_add_func ("/recovery/migrate-legacy", test_migrate_legacy);
  return g_test_run ();
}
