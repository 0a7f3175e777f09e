/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-officer-demo"

#include "config.h"

#include <string.h>

#include "ui-driver.h"
#include "ey-test-common.h"
#include "ey-card-monitor.h"
#include "ey-certificate.h"
#include "ey-demo-token.h"
#include "ey-officer-import.h"
#include "ey-officer-print.h"
#include "ey-officer-window.h"
#include "ey-pin-entry.h"
#include "ey-sim-people.h"
#include "ey-token.h"
#include "ey-vcard.h"

/*
 * The officer's demo, end to end, in the real windows against the simulator: officer
 * mode is on when the demo starts, so the demo colleagues have cards (SoftHSM tokens)
 * beside the demo card.  Their names, numbers and end dates agree across the demo
 * roster, the cards and the simulator's people; an officer imports a list, reads the
 * cards, runs two colleagues' renewals side by side (one E-Onay with the colleague's
 * card, one on the wet path), sees both rows update by themselves, goes on with "Next
 * colleague", exports CSV and XLSX, and prints the wet forms with the cover list.
 *
 * With --reader (needs pcscd: EY_PCSCD_CTL, run alone): the card type read from the
 * reader's ATR (a virtual AKİS card through vpcd) with the demo card behind it.
 */

#define FATMA_ID   "34567891238"
#define FATMA_PASS "Fq4nR8ty"
#define EMRE_PASS  "Em6rT4ka"
#define NEW_ID     "91234567872"
#define AKIS_ATR   "3BBA11008131FE4D55454B41452056312E30AE"

static UiDriver *driver;

static EyOfficerWindow *
find_officer (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (driver->app)); l; l = l->next)
    if (EY_IS_OFFICER_WINDOW (l->data))
      return l->data;
  return NULL;
}

static gboolean
officer_open (gpointer data)
{
  return find_officer () != NULL;
}

static EyOfficerWindow *
officer (void)
{
  g_assert_true (ui_spin_until (officer_open, NULL, 10000));
  return find_officer ();
}

static EyRoster *
roster (void)
{
  return ey_officer_window_get_roster (officer ());
}

static char *
date_in (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) end = g_date_time_add_days (now, days);

  return g_date_time_format (end, "%Y-%m-%d");
}

/* Each demo colleague is the same person in the roster, on the card and at the site. */
static void
test_demo_colleagues (void)
{
  g_autofree char *people_path = ey_sim_people_default_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EySimPeople) people = ey_sim_people_load (people_path, &error);
  guint n = 0;
  const EyDemoColleague *colleagues = ey_demo_colleagues (&n);
  GPtrArray *certs;

  g_assert_no_error (error);
  g_assert_cmpuint (n, >=, 3);
  g_assert_true (ui_wait_certificates (driver));
  certs = ey_application_get_certificates (driver->app);
  for (guint i = 0; i < n; i++)
    {
      const EyDemoColleague *d = &colleagues[i];
      g_autoptr(EyColleague) c = ey_roster_lookup (roster (), d->identity, NULL);
      g_autofree char *expires = date_in (d->days);
      EySimPerson *p = ey_sim_people_lookup (people, d->identity);
      g_autofree char *site_name = NULL;
      EyCertificate *cert;

      g_test_message ("demo colleague %s (%s)", d->name, d->identity);
      /* The roster. */
      g_assert_nonnull (c);
      g_assert_cmpstr (c->full_name, ==, d->name);
      g_assert_cmpstr (c->expires, ==, expires);
      /* The card. */
      cert = ey_certificate_pick_signing (certs, d->identity, NULL);
      g_assert_nonnull (cert);
      g_assert_cmpstr (ey_certificate_get_holder_name (cert), ==, d->name);
      g_assert_cmpint (ey_certificate_get_expires_in_days (cert, NULL), >=, d->days - 1);
      g_assert_cmpint (ey_certificate_get_expires_in_days (cert, NULL), <=, d->days);
      g_assert_cmpstr (ey_token_get_label (ey_certificate_get_token (cert)), ==, d->label);
      /* The site: a valid certificate and an order open for the renewal. */
      g_assert_nonnull (p);
      site_name = g_strdup_printf ("%s %s", p->name, p->surname);
      g_assert_cmpstr (site_name, ==, d->name);
      g_assert_true (p->certificate_valid);
      g_assert_cmpuint (p->orders->len, >=, 1);
    }
}

static gboolean
cards_read (gpointer data)
{
  guint n = 0;
  const EyDemoColleague *colleagues = ey_demo_colleagues (&n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EyColleague) c = ey_roster_lookup (roster (), colleagues[i].identity, NULL);

      if (c == NULL || c->card_type == NULL || *c->card_type == '\0')
        return FALSE;
    }
  return TRUE;
}

/* The wet path and the E-Onay path both reach these steps the same way. */
static void
start (EyWindow   *window,
       const char *name,
       const char *password)
{
  driver->window = window;
  g_assert_true (ui_wait_page (driver, "welcome"));
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "mail"));
  if (name != NULL)
    ui_paste_mail (driver, name, password);
  else
    {
      /* The demo's mail button gives the colleague's own mail, not the demo person's. */
      g_signal_emit_by_name (ui_child (driver, "mail", "demo_mail_button"), "clicked");
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_child (driver, "mail",
                                                                      "password_row"))),
                       ==, password);
    }
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "sign-in"));
}

static void
sign_in (EyWindow   *window,
         const char *identity)
{
  driver->window = window;
  g_assert_true (ui_sign_in (driver, identity, UI_DRIVER_CAPTCHA));
  g_assert_true (ui_spin_until (ui_signed_in, driver, 20000));
  g_assert_true (ui_walk_to_form (driver));
}

static void
form_and_sms (EyWindow   *window,
              const char *identity)
{
  g_autofree char *code = NULL;

  driver->window = window;
  g_assert_true (ui_walk_form_to_sms_sent (driver));
  code = ui_sms_code (driver, identity);
  g_assert_nonnull (code);
  ui_set_text (driver, "sms", "code_row", code);
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "eonay"));
}

static gboolean
row_applied (gpointer data)
{
  EyRosterEntry *entry = ey_roster_model_find (ey_officer_window_get_model (officer ()), data);

  return entry != NULL &&
         ey_roster_entry_get_colleague (entry)->status == EY_ROSTER_STATUS_APPLIED;
}

static char *
export_line (const char *csv,
             const char *identity)
{
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], identity) != NULL)
      return g_strdup (lines[i]);
  return NULL;
}

static void
test_end_to_end (void)
{
  static const char list[] =
    "Kimlik No;Ad Soyad;Birim;Cep Telefonu\n"
    FATMA_ID ";FATMA KAYA;Personel Daire Başkanlığı;05439876543\n"
    "67891234594;EMRE ARSLAN;İktisadi ve İdari Bilimler Fakültesi;05061112299\n"
    NEW_ID ";KEMAL YURT;Hukuk Müşavirliği;05091234567\n";
  const EyDemoColleague *emre_card = &ey_demo_colleagues (NULL)[0];
  const char *emre_id = emre_card->identity;
  EyWindow *main_window = driver->window;
  EyWindow *emre;
  EyWindow *fatma;
  GtkWindow *dialog;
  g_autoptr(EyColleague) c = NULL;
  int before;

  /* 1. Import a list: one colleague new, two updated, shown before it is written. */
  before = ey_roster_count (roster (), NULL);
  dialog = ey_officer_window_preview_import (officer (), list, strlen (list));
  g_assert_true (EY_IS_OFFICER_IMPORT (dialog));
  g_assert_cmpint (ey_roster_count (roster (), NULL), ==, before);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.apply", NULL));
  ui_spin_for (50);
  g_assert_cmpint (ey_roster_count (roster (), NULL), ==, before + 1);
  c = ey_roster_lookup (roster (), NEW_ID, NULL);
  g_assert_cmpstr (c->full_name, ==, "KEMAL YURT");
  g_clear_pointer (&c, ey_colleague_free);
  c = ey_roster_lookup (roster (), emre_id, NULL);
  g_assert_cmpstr (c->phone, ==, "5061112299");
  g_assert_null (c->card_type);
  g_clear_pointer (&c, ey_colleague_free);

  /* 2. Read the cards: each colleague's row gets the card type, name and end date. */
  g_assert_true (ui_wait_certificates (driver));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (officer ()), "officer.read-card", NULL));
  g_assert_true (ui_spin_until (cards_read, NULL, 20000));
  c = ey_roster_lookup (roster (), emre_id, NULL);
  {
    g_autofree char *expires = date_in (emre_card->days);

    g_assert_cmpstr (c->full_name, ==, emre_card->name);
    g_assert_cmpstr (c->expires, ==, expires);
    g_test_message ("card type read: %s", c->card_type);
  }
  g_clear_pointer (&c, ey_colleague_free);

  /* 3. Two colleagues' renewals side by side, each step taken in turn. */
  emre = EY_WINDOW (ey_officer_window_start_renewal (officer (), emre_id));
  fatma = EY_WINDOW (ey_officer_window_start_renewal (officer (), FATMA_ID));
  g_assert_nonnull (emre);
  g_assert_nonnull (fatma);
  ui_spin_for (200);
  start (emre, NULL, EMRE_PASS);
  start (fatma, "FATMA KAYA", FATMA_PASS);
  sign_in (emre, emre_id);
  sign_in (fatma, FATMA_ID);
  form_and_sms (fatma, FATMA_ID);
  form_and_sms (emre, emre_id);
  /* Both are open at once, each on its own page. */
  g_assert_cmpstr (ey_window_get_visible_page_name (emre), ==, "eonay");
  g_assert_cmpstr (ey_window_get_visible_page_name (fatma), ==, "eonay");

  /* Emre's card is in: E-Onay, signed with it. */
  driver->window = emre;
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (ui_child (driver, "eonay",
                                                                          "yes_check"))));
  g_assert_true (ui_walk_eonay_to_signing (driver));

  /* Meanwhile Fatma (no card of hers): the wet form. */
  driver->window = fatma;
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "wet"));
  g_assert_true (ui_spin_until (row_applied, FATMA_ID, 20000));

  driver->window = emre;
  gtk_editable_set_text (GTK_EDITABLE (ey_pin_entry_get_entry (EY_PIN_ENTRY (
    ui_child (driver, "signing", "pin_entry")))), EY_DEMO_PIN);
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "done"));

  /* 4. Both rows updated by themselves: applied, how, the order, the date. */
  g_assert_true (ui_spin_until (row_applied, (gpointer)emre_id, 20000));
  c = ey_roster_lookup (roster (), emre_id, NULL);
  g_assert_cmpint (c->application, ==, EY_ROSTER_APPLICATION_EONAY);
  g_assert_cmpstr (c->order, ==, "1011");
  g_assert_nonnull (c->changed);
  g_clear_pointer (&c, ey_colleague_free);
  c = ey_roster_lookup (roster (), FATMA_ID, NULL);
  g_assert_cmpint (c->status, ==, EY_ROSTER_STATUS_APPLIED);
  g_assert_cmpint (c->application, ==, EY_ROSTER_APPLICATION_WET);
  g_assert_cmpstr (c->order, ==, "1003");
  g_assert_nonnull (c->wet[EY_ROSTER_WET_PRINTED]);
  g_clear_pointer (&c, ey_colleague_free);

  /* 5. "Next colleague" on Emre's Done page: the next row's renewal opens. */
  {
    EyRosterModel *model = ey_officer_window_get_model (officer ());
    int position = ey_roster_model_get_position (model, emre_id);
    g_autoptr(EyRosterEntry) next = g_list_model_get_item (G_LIST_MODEL (model), position + 1);
    gboolean found = FALSE;

    g_assert_nonnull (next);
    g_assert_true (gtk_widget_get_visible (ui_child (driver, "done", "next_colleague_button")));
    g_assert_true (gtk_widget_activate_action (ui_child (driver, "done", "next_colleague_button"),
                                               "officer.next-colleague", NULL));
    ui_spin_for (200);
    g_assert_cmpstr (ey_officer_window_get_selected (officer ()), ==,
                     ey_roster_entry_get_identity (next));
    for (GList *l = gtk_application_get_windows (GTK_APPLICATION (driver->app)); l; l = l->next)
      if (EY_IS_WINDOW (l->data) && l->data != (gpointer)main_window && l->data != (gpointer)fatma)
        {
          g_assert_cmpstr (ey_session_get_identity (ey_window_get_session (l->data)), ==,
                           ey_roster_entry_get_identity (next));
          gtk_window_destroy (l->data);
          found = TRUE;
          break;
        }
    g_assert_true (found);
  }
  gtk_window_destroy (GTK_WINDOW (fatma));
  driver->window = main_window;

  /* 6. Export the result, CSV and XLSX, and read the statuses back. */
  {
    g_autofree char *csv_path = g_build_filename (driver->tmpdir, "result.csv", NULL);
    g_autofree char *xlsx_path = g_build_filename (driver->tmpdir, "result.xlsx", NULL);
    g_autofree char *csv = NULL;
    g_autofree char *xlsx = NULL;
    gsize length = 0;
    g_autoptr(GError) error = NULL;
    g_autoptr(EyRosterImport) back = NULL;
    const char *ids[] = { emre_id, FATMA_ID };

    g_assert_true (ey_roster_export_csv_file (roster (), csv_path, ';', &error));
    g_assert_no_error (error);
    g_assert_true (ey_roster_export_xlsx_file (roster (), xlsx_path, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
    for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
      {
        g_autofree char *line = export_line (csv, ids[i]);

        g_assert_nonnull (line);
        g_assert_nonnull (strstr (line, ";applied;"));
      }
    {
      g_autofree char *line = export_line (csv, NEW_ID);

      g_assert_nonnull (strstr (line, ";pending;"));
    }
    g_assert_true (g_file_get_contents (xlsx_path, &xlsx, &length, NULL));
    back = ey_roster_preview_bytes (NULL, xlsx, length, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (back->n_refused, ==, 0);
    for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
      {
        gboolean seen = FALSE;

        for (guint j = 0; j < back->rows->len; j++)
          {
            EyRosterImportRow *row = g_ptr_array_index (back->rows, j);

            if (row->colleague != NULL && g_strcmp0 (row->colleague->identity, ids[i]) == 0)
              {
                g_assert_cmpint (row->colleague->status, ==, EY_ROSTER_STATUS_APPLIED);
                g_assert_nonnull (row->colleague->order);
                seen = TRUE;
              }
          }
        g_assert_true (seen);
      }
  }
}

/* Several colleagues' wet forms and the cover list, in one job, as a PDF. */
static void
test_forms_pdf (void)
{
  guint n = 0;
  const EyDemoColleague *colleagues = ey_demo_colleagues (&n);
  g_autofree char *path = g_build_filename (driver->tmpdir, "forms.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pages = NULL;
  guint forms = 0;

  /* Two demo colleagues go the wet way. */
  for (guint i = 1; i < 3 && i < n; i++)
    {
      g_autoptr(EyColleague) c = ey_roster_lookup (roster (), colleagues[i].identity, NULL);

      c->application = EY_ROSTER_APPLICATION_WET;
      g_assert_true (ey_roster_save (roster (), c, &error));
      g_assert_no_error (error);
    }
  waiting = ey_officer_waiting_wet (roster (), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (waiting->len, >=, 2);
  g_ptr_array_add (waiting, NULL);
  g_assert_true (ey_officer_export_forms_pdf (roster (), (const char * const *)waiting->pdata,
                                              ey_application_get_demo (driver->app), path,
                                              &error));
  g_assert_no_error (error);

  text = ey_test_pdf_text (path);
  pages = g_strsplit (text, "\f", -1);
  /* One page per colleague, each with the name, the number and the DEMO mark; then the
   * cover list naming them all. */
  for (guint i = 0; waiting->pdata[i] != NULL; i++)
    {
      g_autoptr(EyColleague) c = ey_roster_lookup (roster (), waiting->pdata[i], NULL);

      g_assert_nonnull (pages[i]);
      g_assert_nonnull (strstr (pages[i], c->full_name));
      g_assert_nonnull (strstr (pages[i], c->identity));
      g_assert_nonnull (strstr (pages[i], "DEMO"));
      g_assert_nonnull (strstr (pages[i], "blue pen"));
      g_assert_nonnull (strstr (pages[waiting->len - 1], c->full_name));
      /* Printing ticks the checklist's first box. */
      g_assert_nonnull (c->wet[EY_ROSTER_WET_PRINTED]);
      forms++;
    }
  g_assert_nonnull (strstr (pages[forms], "sent to KamuSM"));
  g_assert_nonnull (strstr (pages[forms], "DEMO"));
  g_test_message ("%u forms and the cover list in %s", forms, path);
}

/* --reader: the card type comes from the card database by the reader's ATR. */
static gboolean
signing_card_seen (gpointer data)
{
  return ey_card_monitor_find_signing_card (data) != NULL;
}

static gboolean
card_type_read (gpointer data)
{
  g_autoptr(EyColleague) c = ey_roster_lookup (roster (), EY_DEMO_IDENTITY, NULL);

  return c != NULL && g_strcmp0 (c->card_type, data) == 0;
}

static void
test_card_type_from_reader (void)
{
  EyCardMonitor *monitor = ey_application_get_card_monitor (driver->app);
  g_autoptr(EyColleague) c = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (ui_wait_certificates (driver));
  g_assert_true (ey_vcard_insert (0, AKIS_ATR, &error));
  g_assert_no_error (error);
  ey_card_monitor_start (monitor);
  g_assert_true (ui_spin_until (signing_card_seen, monitor, 20000));

  c = ey_roster_lookup (roster (), EY_DEMO_IDENTITY, NULL);
  g_free (c->card_type);
  c->card_type = NULL;
  g_assert_true (ey_roster_save (roster (), c, &error));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (officer ()), "officer.read-card", NULL));
  g_assert_true (ui_spin_until (card_type_read, (gpointer)"AKİS", 20000));
  ey_card_monitor_stop (monitor);
  ey_vcard_remove_all ();
}

static void
pcscd_ctl (const char *command)
{
  const char *argv[] = { g_getenv ("EY_PCSCD_CTL"), command, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

int
main (int   argc,
      char *argv[])
{
  gboolean reader = FALSE;
  int status;

  for (int i = 1; i < argc; i++)
    if (g_strcmp0 (argv[i], "--reader") == 0)
      reader = TRUE;
  ey_application_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  if (reader && g_getenv ("EY_PCSCD_CTL") == NULL)
    {
      /* Not a skip: without pcscd this would test nothing. */
      g_print ("Bail out! EY_PCSCD_CTL is not set (run through build-aux/test)\n");
      return 1;
    }
  /* Officer mode on before the demo starts: its colleagues' cards are made with it.
   * With --reader it is switched on later: only the demo card, the one card behind
   * the reader. */
  {
    g_autoptr(GSettings) settings = g_settings_new ("io.github.eimzayenile.EimzaYenile");

    if (reader)
      {
        pcscd_ctl ("start");
        ey_vcard_remove_all ();
      }
    else
      g_settings_set_boolean (settings, "officer-mode", TRUE);
    driver = ui_driver_new ();
    if (reader)
      g_settings_set_boolean (settings, "officer-mode", TRUE);
  }

  if (reader)
    g_test_add_func ("/ui/officer-demo/card-type-from-reader", test_card_type_from_reader);
  else
    {
      g_test_add_func ("/ui/officer-demo/demo-colleagues", test_demo_colleagues);
      g_test_add_func ("/ui/officer-demo/end-to-end", test_end_to_end);
      g_test_add_func ("/ui/officer-demo/forms-pdf", test_forms_pdf);
    }
  status = g_test_run ();

  ui_driver_free (driver);
  if (reader)
    pcscd_ctl ("stop");
  return status;
}
