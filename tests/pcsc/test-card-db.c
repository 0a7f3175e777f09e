/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-card-db"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "ey-card-db-private.h"
#include "ey-card-type-private.h"

/* The ATRs of shared/design/domain-facts.md, typed in again on purpose: the test must
 * not read the list it checks from the file under test. */
static const char * const akis_atrs[] = {
  "3BBA11008131FE4D55454B41452056312E30AE",
  "3B9F968131FE45806755454B41451112318073B3A180E9",
  "3B9F968131FE45806755454B41451212318073B3A180EA",
  "3B9F968131FE45806755454B41451213318073B3A180EB",
  "3B9F968131FE45806755454B41451252318073B3A180AA",
  "3B9F968131FE45806755454B41451253318073B3A180AB",
  "3B9F158131FE45806755454B41451221318073B3A1805A",
  "3B9F968131FE45806755454B41451221318073B3A180D9",
  "3B9F138131FE45806755454B41451221318073B3A1805C",
  "3B9F138131FE45806755454B41451261318073B3A1801C",
  "3B9F158131FE45806755454B41451261318073B3A1801A",
  "3B9F968131FE45806755454B41451261318073B3A18099",
  "3B9F968131FE458065544320201231C073F621808105B3",
  "3B9F968131FE45806755454B41451292318073B3A1806A",
  "3B9F968131FE45806755454B41451293318073B3A1806B",
  "3B9F968131FE45806755454B41451312318073B3A180EB",
  "3B9F968131FE45806755454B414512A4318073B3A1805C",
  "3B9F968131FE45806755454B414512A5318073B3A1805D",
  "3B9F978131FE458065544312210031C073F62180810593",
  "3B9F978131FE458065544312210731C073F62180810594",
  "3B9F978131FE458065544312210731C073F62180810595",
  "3B9F978131FE4580655443D2210831C073F6218081015F",
  "3B9F978131FE458065544312210831C073F6218081019F",
  "3B9F978131FE4580655443D2210831C073F6218081055B",
  "3B9F978131FE4580655443E4210831C073F6218081056D",
  "3B9F968131FE4580655443D3210831C073F6218081055B",
  "3B9F968131FE4580655443D2210831C073F6218081055A",
  "3B9F978131FE458065544312210831C073F6218081059B",
  "3B9F978131FE458065544353228231C073F62180810553",
  "3B9F978131FE4580655443D3230231C073F62180810552",
};

static const struct
{
  const char *atr;
  const char *id;
} other_atrs[] = {
  { "3BD5180081313A7D8073C8211030", "safenet" },
  { "3BD518008131FE7D8073C82110F4", "safenet" },
  { "3B7F96000080318065B0846160FB120FFD829000", "safenet" },
  { "3B7D94000080318065B08301029083009000", "gemplus" },
  { "3B6D000080318065B08301029083009000", "gemplus" },
  { "3BFF9600008131804380318065B0850300EF120FFE82900066", "gemalto-idprime" },
  { "3BBB1800C01031FE4580670412B00303000081053C", "safesign" },
  { "3BFA1800FF8131FE454A434F5032315632333165", "safesign" },
  { "3BFD1800008031FE4553434536302D43443134352D46CD", "safesign" },
  { "3BF2180002C10A31FE58C80874", "tkart" },
  { "3BFF1100008131FE4D8025A00000005657444B3333300600D0", "datakey" },
  { "3BB79400C03E31FE6553504B32339000AE", "keycorp" },
  { "3BBE9600004105200000000000000000009000", "acs-acos" },
};

static EyCardDb *
builtin_db (void)
{
  g_autoptr(GError) error = NULL;
  EyCardDb *db;

  g_unsetenv ("EY_CARD_DB");
  db = ey_card_db_new_default (&error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

static void
test_akis_atrs (void)
{
  g_autoptr(EyCardDb) db = builtin_db ();

  for (guint i = 0; i < G_N_ELEMENTS (akis_atrs); i++)
    {
      EyCardType *type = ey_card_db_lookup_hex (db, akis_atrs[i]);

      g_test_message ("%s", akis_atrs[i]);
      g_assert_nonnull (type);
      g_assert_cmpstr (ey_card_type_get_id (type), ==, "akis");
      g_assert_cmpstr (ey_card_type_get_name (type), ==, "AKİS");
      g_assert_true (ey_card_type_is_nes_signing (type));
      g_assert_false (ey_card_type_is_fallback (type));
    }
}

static void
test_akis_module_and_quirks (void)
{
  g_autoptr(EyCardDb) db = builtin_db ();
  EyCardType *akis = ey_card_db_get_type_by_id (db, "akis");
  const char * const *linux_modules, * const *dirs;
  g_auto(GStrv) paths = NULL;

  g_assert_nonnull (akis);
  linux_modules = ey_card_type_get_modules (akis, EY_CARD_OS_LINUX);
  g_assert_cmpstr (linux_modules[0], ==, "libakisp11.so");
  g_assert_cmpstr (ey_card_type_get_modules (akis, EY_CARD_OS_WINDOWS)[0], ==, "akisp11.dll");
  g_assert_cmpstr (ey_card_type_get_modules (akis, EY_CARD_OS_MACOS)[0], ==, "libakisp11.dylib");

  dirs = ey_card_type_get_module_dirs (akis, EY_CARD_OS_LINUX);
  g_assert_true (g_strv_contains (dirs, "/usr/lib"));
  g_assert_true (g_strv_contains (dirs, "/usr/local/lib"));
  g_assert_true (g_strv_contains (dirs, "/usr/lib/x86_64-linux-gnu"));
  g_assert_true (g_strv_contains (dirs, "/opt/Akia"));

  paths = ey_card_type_dup_module_paths (akis);
  g_assert_true (g_strv_contains ((const char * const *) paths, "/usr/lib/libakisp11.so"));
  g_assert_true (g_strv_contains ((const char * const *) paths,
                                  "/usr/local/lib/libakisp11.so"));

  g_assert_true (ey_card_type_has_quirk (akis, EY_CARD_QUIRK_INIT_NULL_ARGS));
  g_assert_true (ey_card_type_has_quirk (akis, EY_CARD_QUIRK_LOGIN_PER_SESSION));
  g_assert_true (ey_card_type_has_quirk (ey_card_db_get_type_by_id (db, "safesign"),
                                         EY_CARD_QUIRK_LOGIN_PER_SESSION));
  g_assert_false (ey_card_type_has_quirk (ey_card_db_get_type_by_id (db, "safesign"),
                                          EY_CARD_QUIRK_INIT_NULL_ARGS));
  g_assert_cmpint (ey_card_type_get_quirks (ey_card_db_get_type_by_id (db, "safenet")), ==,
                   EY_CARD_QUIRK_NONE);
}

static void
test_other_atrs (void)
{
  g_autoptr(EyCardDb) db = builtin_db ();

  for (guint i = 0; i < G_N_ELEMENTS (other_atrs); i++)
    {
      EyCardType *type = ey_card_db_lookup_hex (db, other_atrs[i].atr);

      g_test_message ("%s", other_atrs[i].atr);
      g_assert_nonnull (type);
      g_assert_cmpstr (ey_card_type_get_id (type), ==, other_atrs[i].id);
      g_assert_true (ey_card_type_is_nes_signing (type));
    }

  /* Absolute module paths come first and as they are. */
  {
    g_auto(GStrv) paths =
      ey_card_type_dup_module_paths (ey_card_db_get_type_by_id (db, "acs-acos"));

    g_assert_cmpstr (paths[0], ==, "/lib/libacospkcs11.so");
  }
  g_assert_cmpstr (ey_card_type_get_modules (ey_card_db_get_type_by_id (db, "safenet"),
                                             EY_CARD_OS_LINUX)[0], ==, "libeTPkcs11.so");
}

static void
test_identity_card (void)
{
  g_autoptr(EyCardDb) db = builtin_db ();
  EyCardType *tckk = ey_card_db_get_type_by_id (db, "tckk");

  g_assert_nonnull (tckk);
  g_assert_false (ey_card_type_is_nes_signing (tckk));
  g_assert_cmpstr (ey_card_type_get_modules (tckk, EY_CARD_OS_LINUX)[0], ==, "libtckkp11.so");
}

static void
test_generic_akis_rules (void)
{
  g_autoptr(EyCardDb) db = builtin_db ();
  static const char * const generic[] = {
    /* "UEKAE" somewhere, new version bytes */
    "3BBA11008131FE4D55454B41452056322E30AD",
    /* lower-case "uekae" */
    "3B8A800175656B616520563120202020209A",
    /* historical 806755454B4145 .. .. 318073B3A180 with unlisted version 1399 */
    "3B9F968131FE45806755454B41451399318073B3A18000",
    /* historical 80655443 ...... 31C073F6218081 .. with unlisted bytes */
    "3B9F968131FE4580655443AABBCC31C073F62180810700",
    /* 8066683209......31958105 and 8066683249......31958105 */
    "3B8C8001806668320901020331958105FF",
    "3B8C8001806668324901020331958105BF",
  };

  for (guint i = 0; i < G_N_ELEMENTS (generic); i++)
    {
      g_test_message ("%s", generic[i]);
      g_assert_cmpstr (ey_card_type_get_id (ey_card_db_lookup_hex (db, generic[i])), ==, "akis");
    }
}

static void
test_unknown_atr (void)
{
  g_autoptr(EyCardDb) db = builtin_db ();
  EyCardType *type;

  /* A Yubikey-like ATR and a near miss of a SafeNet ATR (last byte differs). */
  type = ey_card_db_lookup_hex (db, "3BF81300008131FE15597562696B657934D4");
  g_assert_true (type == ey_card_db_get_fallback (db));
  g_assert_cmpstr (ey_card_type_get_id (type), ==, "opensc");
  g_assert_true (ey_card_type_is_fallback (type));
  g_assert_false (ey_card_type_is_nes_signing (type));
  g_assert_cmpstr (ey_card_type_get_modules (type, EY_CARD_OS_LINUX)[0], ==, "opensc-pkcs11.so");

  g_assert_true (ey_card_db_lookup_hex (db, "3BD5180081313A7D8073C8211031") ==
                 ey_card_db_get_fallback (db));
  /* Too short to have historical bytes: still the fallback, no crash. */
  g_assert_true (ey_card_db_lookup_hex (db, "3B") == ey_card_db_get_fallback (db));
  g_assert_true (ey_card_db_lookup_hex (db, "3BFF") == ey_card_db_get_fallback (db));
  /* Not hex at all. */
  g_assert_null (ey_card_db_lookup_hex (db, "3BZZ"));
  g_assert_null (ey_card_db_lookup_hex (db, "3B9"));
}

static void
test_hex_helpers (void)
{
  g_autoptr(GBytes) atr = ey_card_atr_from_hex ("3b:ba 11");
  g_autofree char *hex = NULL;

  g_assert_nonnull (atr);
  g_assert_cmpuint (g_bytes_get_size (atr), ==, 3);
  hex = ey_card_atr_to_hex (atr);
  g_assert_cmpstr (hex, ==, "3BBA11");
}

static const char masked_db[] =
  "<cards version='1'>"
  "  <card id='masked' name='Masked' nes-signing='true'>"
  "    <module os='linux'>libmasked.so</module>"
  "    <atr mask='FFFF00FF'>3B8F00AA</atr>"
  "    <atr>3B7711..</atr>"
  "  </card>"
  "  <card id='text' name='Text'>"
  "    <atr-text>HELLO</atr-text>"
  "  </card>"
  "  <card id='hist' name='Hist'>"
  "    <historical>4142..44</historical>"
  "  </card>"
  "  <card id='other' name='Other' fallback='true'/>"
  "</cards>";

static void
test_masks_and_patterns (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EyCardDb) db = ey_card_db_new_from_data (masked_db, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ey_card_type_get_id (ey_card_db_lookup_hex (db, "3B8F00AA")), ==, "masked");
  g_assert_cmpstr (ey_card_type_get_id (ey_card_db_lookup_hex (db, "3B8F7FAA")), ==, "masked");
  g_assert_cmpstr (ey_card_type_get_id (ey_card_db_lookup_hex (db, "3B8F7FAB")), ==, "other");
  /* The mask does not make a longer ATR match. */
  g_assert_cmpstr (ey_card_type_get_id (ey_card_db_lookup_hex (db, "3B8F00AA00")), ==, "other");
  /* "." nibbles in the ATR itself */
  g_assert_cmpstr (ey_card_type_get_id (ey_card_db_lookup_hex (db, "3B7711E5")), ==, "masked");
  g_assert_cmpstr (ey_card_type_get_id (ey_card_db_lookup_hex (db, "3B7712E5")), ==, "other");
  /* ATR text, case-sensitive and byte-wise */
  g_assert_cmpstr (ey_card_type_get_id (ey_card_db_lookup_hex (db, "3B050048454C4C4F")), ==,
                   "text");
  g_assert_cmpstr (ey_card_type_get_id (ey_card_db_lookup_hex (db, "3B050068656C6C6F")), ==,
                   "other");
  /* historical bytes: T0=0x84 → TD1 present, 4 historical bytes */
  g_assert_cmpstr (ey_card_type_get_id (ey_card_db_lookup_hex (db, "3B840041429944")), ==,
                   "hist");
  /* the same bytes outside the historical bytes do not count */
  g_assert_cmpstr (ey_card_type_get_id (ey_card_db_lookup_hex (db, "3B0441429944")), ==,
                   "hist");
  g_assert_cmpstr (ey_card_type_get_id (ey_card_db_lookup_hex (db, "3B8441429944")), ==,
                   "other");
}

static void
test_file_override (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ey-card-db-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(EyCardDb) db = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "cards.xml", NULL);
  g_assert_true (g_file_set_contents (path, masked_db, -1, &error));
  g_assert_no_error (error);

  g_setenv ("EY_CARD_DB", path, TRUE);
  db = ey_card_db_new_default (&error);
  g_unsetenv ("EY_CARD_DB");
  g_assert_no_error (error);
  g_assert_nonnull (ey_card_db_get_type_by_id (db, "masked"));
  g_assert_null (ey_card_db_get_type_by_id (db, "akis"));
  g_assert_cmpuint (g_list_model_get_n_items (ey_card_db_get_types (db)), ==, 4);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);

  /* A missing override is an error, not a silent fall back to the built-in DB. */
  g_clear_object (&db);
  g_setenv ("EY_CARD_DB", path, TRUE);
  db = ey_card_db_new_default (&error);
  g_unsetenv ("EY_CARD_DB");
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_null (db);
}

static void
test_malformed (void)
{
  static const struct
  {
    const char *xml;
    int         code;
    const char *in_message;
  } cases[] = {
    { "<cards><card id='a' name='A' fallback='true'>", EY_CARD_DB_ERROR_PARSE, "well-formed" },
    { "", EY_CARD_DB_ERROR_PARSE, "well-formed" },
    { "<cards><card id='a' name='A' fallback='true'></cards>", EY_CARD_DB_ERROR_PARSE, NULL },
    { "<cards><card id='a' name='A' fallback='true'><atr>3BXY</atr></card></cards>",
      EY_CARD_DB_ERROR_INVALID, "not hex" },
    { "<cards><card id='a' name='A' fallback='true'><atr mask='FF'>3B00</atr></card></cards>",
      EY_CARD_DB_ERROR_INVALID, "mask" },
    { "<cards><card id='a' name='A' fallback='true'><quirk>fast</quirk></card></cards>",
      EY_CARD_DB_ERROR_INVALID, "unknown quirk" },
    { "<cards><card id='a' name='A' fallback='true'><module os='beos'>x</module></card></cards>",
      EY_CARD_DB_ERROR_INVALID, "beos" },
    { "<cards><card id='a' name='A' fallback='true'/><card id='a' name='B'/></cards>",
      EY_CARD_DB_ERROR_INVALID, "twice" },
    { "<cards><card id='a' name='A'/></cards>", EY_CARD_DB_ERROR_NO_FALLBACK, "fallback" },
    { "<cards><card id='a' name='A' fallback='yes'/></cards>", EY_CARD_DB_ERROR_INVALID, NULL },
    { "<cards><reader/></cards>", EY_CARD_DB_ERROR_INVALID, "unknown element" },
    { "<cards><atr>3B</atr></cards>", EY_CARD_DB_ERROR_INVALID, "inside a <card>" },
    { "<cards version='2'/>", EY_CARD_DB_ERROR_INVALID, "version" },
    { "<cards/>", EY_CARD_DB_ERROR_INVALID, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EyCardDb) db = ey_card_db_new_from_data (cases[i].xml, -1, &error);

      g_test_message ("case %u: %s → %s", i, cases[i].xml, error ? error->message : "(no error)");
      g_assert_null (db);
      g_assert_error (error, EY_CARD_DB_ERROR, cases[i].code);
      if (cases[i].in_message != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].in_message));
    }
}

static void
test_default_shared (void)
{
  EyCardDb *db = ey_card_db_get_default ();

  g_assert_true (EY_IS_CARD_DB (db));
  g_assert_true (db == ey_card_db_get_default ());
  g_assert_nonnull (ey_card_db_get_type_by_id (db, "akis"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/card-db/akis-atrs", test_akis_atrs);
  g_test_add_func ("/card-db/akis-module-quirks", test_akis_module_and_quirks);
  g_test_add_func ("/card-db/other-atrs", test_other_atrs);
  g_test_add_func ("/card-db/identity-card", test_identity_card);
  g_test_add_func ("/card-db/generic-akis", test_generic_akis_rules);
  g_test_add_func ("/card-db/unknown", test_unknown_atr);
  g_test_add_func ("/card-db/hex", test_hex_helpers);
  g_test_add_func ("/card-db/masks-patterns", test_masks_and_patterns);
  g_test_add_func ("/card-db/file-override", test_file_override);
  g_test_add_func ("/card-db/malformed", test_malformed);
  g_test_add_func ("/card-db/default", test_default_shared);

  return g_test_run ();
}
