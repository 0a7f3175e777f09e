/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ui-secrets"

#include "config.h"

#include <alloca.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcntl.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/prctl.h>

#include <glib/gstdio.h>

#include <p11-kit/p11-kit.h>

#include "ui-driver.h"
#include "ey-demo-token.h"
#include "ey-pin-entry.h"
#include "ey-secure-heap.h"
#include "ey-token-manager.h"
#include "ey-test-common.h"

/*
 * The E-Onay path through the real window with every debug message on: the access
 * password, the SMS codes, the PIN and the security word reach no log line and no file
 * under this run's HOME, XDG and temp folders, and the widgets forget them after their
 * step.  The same walk measures how long the main loop ever stalls while the token signs
 * and while the network is slow.
 */

#define AYSE_ID       "12345678950"
#define AYSE_PASS     "Ab3kT9qz"
#define FATMA_ID      "34567891238"
#define FATMA_PASS    "Fq4nR8ty"
/* Not the demo card's PIN (123456): the demo shows that one on the page, and it
 * starts Ayşe's identity number.  The walk sets it on the demo token first. */
#define PIN           "470319"
/* Not a run of one digit: memory fill patterns (MALLOC_PERTURB_, X atoms) would
 * look like it. */
#define WRONG_PIN     "852963"
#define SECURITY_WORD "mavi-kalem-7"   /* what ui_fill_form() types */
#define SLOW_MS       1500
#define SLOW_REQUESTS 3

static char      *root;        /* HOME, XDG_*_HOME and TMPDIR of this run */
static GMutex     log_lock;
static GPtrArray *log_lines;   /* "domain: message" of every log call */
static UiDriver  *shared;
/* The test's own copy of the SMS code, in a mapping the memory scan skips */
static char      *vault;
#define VAULT_SIZE 4096

/* Under AddressSanitizer (build-aux/sanitize) the scans below mean nothing and cannot
 * run: its allocator keeps freed chunks in quarantine instead of ours
 * (ey_secure_heap_init () stands aside), and reading its terabytes of shadow
 * reservations through /proc/self/mem was killed for memory (23 GB resident). */
#if defined(__SANITIZE_ADDRESS__)
# define SKIP_IF_SANITIZED() \
  G_STMT_START { g_test_skip ("the memory scan is for the shipped allocator, not ASan's"); \
                 return; } G_STMT_END
#else
# define SKIP_IF_SANITIZED() G_STMT_START { } G_STMT_END
#endif

static void
record_line (const char *domain,
             const char *text)
{
  g_mutex_lock (&log_lock);
  if (log_lines)
    g_ptr_array_add (log_lines, g_strdup_printf ("%s: %s", domain, text));
  g_mutex_unlock (&log_lock);
}

/* g_print() and g_printerr() too: nothing secret goes to stdout or stderr that way. */
static void
print_cb (const char *text)
{
  record_line ("(stdout)", text);
  fputs (text, stdout);
  fflush (stdout);
}

static void
printerr_cb (const char *text)
{
  record_line ("(stderr)", text);
  fputs (text, stderr);
}

/* Runs in any thread: the token and the network log from theirs too. */
static GLogWriterOutput
writer_cb (GLogLevelFlags   level,
           const GLogField *fields,
           gsize            n_fields,
           gpointer         user_data)
{
  const char *domain = "";
  const char *message = "";

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN") && fields[i].length < 0)
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
        message = fields[i].value;
    }
  record_line (domain, message);

  /* Debug lines only go to the record: all of them would flood the TAP output. */
  if (level & G_LOG_LEVEL_DEBUG)
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

/* A digits-only secret counts only where no other digit touches it (not inside a
 * longer number such as a time stamp); anything else counts anywhere. */
static gboolean
contains_secret (const char *haystack,
                 gsize       length,
                 const char *secret)
{
  gsize n = strlen (secret);
  gboolean digits = strspn (secret, "0123456789") == n;
  const char *end = haystack + length;

  for (const char *p = haystack; p && p + n <= end;
       p = memchr (p + 1, secret[0], end - p - 1))
    {
      if (p + n > end)
        break;
      if (memcmp (p, secret, n) != 0)
        continue;
      if (!digits)
        return TRUE;
      if ((p == haystack || !g_ascii_isdigit (p[-1])) && (p + n == end || !g_ascii_isdigit (p[n])))
        return TRUE;
    }
  return FALSE;
}

static guint
count_log_leaks (const char * const *secrets)
{
  guint leaks = 0;

  g_mutex_lock (&log_lock);
  for (guint i = 0; i < log_lines->len; i++)
    {
      const char *line = g_ptr_array_index (log_lines, i);

      for (guint j = 0; secrets[j]; j++)
        if (contains_secret (line, strlen (line), secrets[j]))
          {
            /* Name the line, not the secret. */
            g_test_message ("log line %u carries secret #%u: %.40s…", i, j, line);
            leaks++;
          }
    }
  g_mutex_unlock (&log_lock);
  return leaks;
}

static void
count_file_leaks (const char          *path,
                  const char * const  *secrets,
                  guint               *files,
                  guint               *leaks)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_autofree char *data = NULL;
      gsize length = 0;

      if (g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          count_file_leaks (child, secrets, files, leaks);
          continue;
        }
      if (!g_file_get_contents (child, &data, &length, NULL))
        continue;
      (*files)++;
      for (guint j = 0; secrets[j]; j++)
        if (contains_secret (data, length, secrets[j]))
          {
            g_test_message ("file %s carries secret #%u", child + strlen (root), j);
            (*leaks)++;
          }
    }
}

/* The longest time between two runs of a high-priority 10 ms timer: how long the main
 * loop was ever kept from running. */
typedef struct
{
  gint64 last;
  gint64 max_gap;
  guint  id;
} GapMeter;

static gboolean
gap_tick_cb (gpointer data)
{
  GapMeter *meter = data;
  gint64 now = g_get_monotonic_time ();

  if (meter->last)
    meter->max_gap = MAX (meter->max_gap, now - meter->last);
  meter->last = now;
  return G_SOURCE_CONTINUE;
}

static void
gap_start (GapMeter *meter)
{
  meter->last = 0;
  meter->max_gap = 0;
  meter->id = g_timeout_add_full (G_PRIORITY_HIGH, 10, gap_tick_cb, meter, NULL);
}

static double
gap_stop (GapMeter   *meter,
          const char *what)
{
  double ms;

  g_clear_handle_id (&meter->id, g_source_remove);
  ms = meter->max_gap / 1000.0;
  g_test_message ("longest main-loop stall %s: %.1f ms", what, ms);
  return ms;
}

static const char *
text_of (UiDriver   *driver,
         const char *page,
         const char *child)
{
  return gtk_editable_get_text (GTK_EDITABLE (ui_child (driver, page, child)));
}

/* Mail, sign-in, form and SMS; returns the SMS code used. */
static char *
walk_to_eonay (UiDriver   *driver,
               const char *name,
               const char *password,
               const char *identity)
{
  char *code;

  g_assert_true (ui_wait_page (driver, "welcome"));
  code = ui_walk_to_sms_code (driver, name, password, identity);
  g_assert_nonnull (code);
  ui_set_text (driver, "sms", "code_row", code);
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "eonay"));
  return code;
}

/* The demo token's user PIN becomes @new_pin (SoftHSM2 is one instance per
 * process: the application's token sees the change).  Never finalized here: the
 * application owns the module. */
static void
change_demo_pin (const char *old_pin,
                 const char *new_pin)
{
  g_autofree char *path = ey_token_manager_find_module_path ("softhsm2");
  CK_FUNCTION_LIST *module;
  CK_SLOT_ID slots[32];
  CK_ULONG n_slots = G_N_ELEMENTS (slots);
  CK_RV rv;
  gboolean changed = FALSE;

  g_assert_nonnull (path);
  module = p11_kit_module_load (path, P11_KIT_MODULE_UNMANAGED);
  g_assert_nonnull (module);
  rv = module->C_Initialize (NULL);
  g_assert_true (rv == CKR_OK || rv == CKR_CRYPTOKI_ALREADY_INITIALIZED);
  g_assert_cmpuint (module->C_GetSlotList (CK_TRUE, slots, &n_slots), ==, CKR_OK);
  for (CK_ULONG i = 0; i < n_slots; i++)
    {
      CK_TOKEN_INFO info;
      CK_SESSION_HANDLE session;
      g_autofree char *label = NULL;

      if (module->C_GetTokenInfo (slots[i], &info) != CKR_OK)
        continue;
      label = g_strstrip (g_strndup ((const char *) info.label, sizeof info.label));
      if (g_strcmp0 (label, EY_DEMO_LABEL) != 0)
        continue;
      g_assert_cmpuint (module->C_OpenSession (slots[i], CKF_SERIAL_SESSION | CKF_RW_SESSION,
                                               NULL, NULL, &session), ==, CKR_OK);
      g_assert_cmpuint (module->C_SetPIN (session, (CK_UTF8CHAR_PTR) old_pin, strlen (old_pin),
                                          (CK_UTF8CHAR_PTR) new_pin, strlen (new_pin)), ==, CKR_OK);
      module->C_CloseSession (session);
      changed = TRUE;
    }
  g_assert_true (changed);
}

static void
test_eonay_secrets (void)
{
  UiDriver *driver = shared;
  g_autofree char *code = NULL;
  EyPinEntry *pin;
  GapMeter meter = { 0, };
  guint files = 0, file_leaks = 0, log_leaks;
  double signing_ms;

  g_assert_true (ui_wait_certificates (driver));
  change_demo_pin (EY_DEMO_PIN, PIN);
  code = walk_to_eonay (driver, "AYŞE YILMAZ", AYSE_PASS, AYSE_ID);
  g_strlcpy (vault, code, VAULT_SIZE);
  explicit_bzero (code, strlen (code));

  /* The access password and the SMS code do not stay in the widgets of done steps. */
  g_assert_cmpstr (text_of (driver, "mail", "password_row"), ==, "");
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (ui_child (driver, "mail", "mail_view")));
    GtkTextIter start, end;
    g_autofree char *mail = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    mail = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_null (strstr (mail, AYSE_PASS));
  }
  g_assert_cmpstr (text_of (driver, "sign-in", "password_row"), ==, "");
  g_assert_cmpstr (text_of (driver, "sms", "code_row"), ==, "");

  gtk_check_button_set_active (GTK_CHECK_BUTTON (ui_child (driver, "eonay", "yes_check")), TRUE);
  g_assert_true (ui_walk_eonay_to_signing (driver));
  pin = EY_PIN_ENTRY (ui_child (driver, "signing", "pin_entry"));

  /* A wrong PIN first (the token refuses it), then the right one; the main loop is
   * watched the whole time the token works. */
  gap_start (&meter);
  gtk_editable_set_text (GTK_EDITABLE (ey_pin_entry_get_entry (pin)), WRONG_PIN);
  ui_next (driver);
  g_assert_true (ui_spin_until (ui_pin_refused, pin, 20000));
  ui_wait_idle (driver);
  /* A refused PIN is not kept in the field either. */
  g_assert_cmpstr (ey_pin_entry_get_pin (pin), ==, "");
  gtk_editable_set_text (GTK_EDITABLE (ey_pin_entry_get_entry (pin)), PIN);
  ui_next (driver);
  g_assert_true (ui_spin_until (ui_done_or_failed, driver, 30000));
  signing_ms = gap_stop (&meter, "while the token signs (SoftHSM)");
  g_assert_cmpstr (ey_window_get_visible_page_name (driver->window), ==, "done");
  g_assert_cmpfloat (signing_ms, <, 1000.0);

  /* The PIN is wiped from the widget after signing. */
  g_assert_cmpstr (ey_pin_entry_get_pin (pin), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ey_pin_entry_get_entry (pin))), ==, "");

  {
    const char *secrets[] = { AYSE_PASS, vault, PIN, WRONG_PIN, SECURITY_WORD, NULL };

    log_leaks = count_log_leaks (secrets);
    count_file_leaks (root, secrets, &files, &file_leaks);
    g_test_message ("%u log lines and %u files checked", log_lines->len, files);
    /* The check itself works: the log is full, and the password is in no line. */
    g_assert_cmpuint (log_lines->len, >, 50);
    g_assert_cmpuint (files, >, 0);
    g_assert_cmpuint (log_leaks, ==, 0);
    g_assert_cmpuint (file_leaks, ==, 0);
  }
}

/* How often @secret stands in this process's writable memory as a whole (no digit
 * or letter right before or after it: Ayşe's identity number starts with the demo
 * PIN's digits).  Read through /proc/self/mem; the needle and the read buffer live in
 * one mapping that the scan skips, so the scan does not find itself. */
/* Of the last count_in_memory(): inside a form POST body, in a line of the pasted mail */
static guint   body_hits;
static guint   mail_hits;
static guint   gateway_hits;
#define MAIL_LABEL_END "z : "
#define GATEWAY_LABEL "\"code\":\""

static guint
count_in_memory (const char *secret)
{
  const gsize chunk = 1024 * 1024;
  gsize len = strlen (secret);
  gsize map_size = chunk + 2 * 4096;
  guint8 *area = mmap (NULL, map_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  guint8 *needle;
  guint8 *buf;
  g_autofree char *maps = NULL;
  g_auto(GStrv) lines = NULL;
  guint hits = 0;
  int fd;

  g_assert_true (area != MAP_FAILED);
  body_hits = 0;
  mail_hits = 0;
  gateway_hits = 0;
  needle = area;
  buf = area + 4096;
  for (gsize i = 0; i < len; i++)
    needle[i] = (guint8) secret[i];
  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  lines = g_strsplit (maps, "\n", -1);
  fd = open ("/proc/self/mem", O_RDONLY);
  g_assert_cmpint (fd, >=, 0);

  for (guint i = 0; lines[i] && *lines[i]; i++)
    {
      guint64 start, end;
      char perms[5] = { 0 };

      if (sscanf (lines[i], "%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x %4s", &start, &end, perms) != 3)
        continue;
      if (perms[0] != 'r' || perms[1] != 'w' || strstr (lines[i], "[vvar]") ||
          strstr (lines[i], "[vsyscall]") || start == (guint64) (guintptr) area ||
          start == (guint64) (guintptr) vault)
        continue;
      for (guint64 at = start; at < end; at += chunk - len)
        {
          gsize want = MIN (chunk, end - at);
          gssize got = pread (fd, buf, want, (off_t) at);

          if (got < (gssize) len)
            break;
          for (guint8 *p = buf; (p = memmem (p, got - (p - buf), needle, len)) != NULL; p++)
            {
              gboolean before = p > buf && g_ascii_isalnum (p[-1]);
              gboolean after = p + len < buf + got && g_ascii_isalnum (p[len]);
              /* Not a secret: a CSS colour (#111111) */
              gboolean colour = p > buf && p[-1] == '#';
              /* The kernel may merge the test's own mappings with their neighbours */
              guint64 addr = at + (p - buf);
              gboolean own = (addr >= (guintptr) area && addr < (guintptr) area + map_size) ||
                             (addr >= (guintptr) vault && addr < (guintptr) vault + VAULT_SIZE);

              if (!before && !after && !colour && !own)
                {
                  g_autoptr(GString) around = g_string_new (NULL);
                  guint8 *from = p - MIN ((gsize) (p - buf), 24);
                  guint8 *to = MIN (p + len + 24, buf + got);

                  /* Where it was, for whoever fixes it (the secret's own bytes masked) */
                  for (guint8 *q = from; q < to; q++)
                    g_string_append_printf (around, q >= p && q < p + len ? "*"
                                            : g_ascii_isprint (*q) ? "%c" : "\\x%02x", *q);
                  g_test_message ("found at %s +0x%" G_GINT64_MODIFIER "x: %s", lines[i],
                                  (guint64) (at + (p - buf) - start), around->str);
                  hits++;
                  /* "…&field=SECRET&…": a copy of a urlencoded POST body */
                  if (p > buf && p[-1] == '=' && (p + len == buf + got || p[len] == '&' ||
                                                  p[len] == '\0'))
                    body_hits++;
                  /* "…"code":"SECRET"}": the demo's SMS gateway record, which the demo's
                   * inbox reads (json-glib's copies are freed unwiped); in real mode the
                   * code comes by phone and there is no such record */
                  else if ((gsize) (p - buf) >= strlen (GATEWAY_LABEL) &&
                           memcmp (p - strlen (GATEWAY_LABEL), GATEWAY_LABEL,
                                   strlen (GATEWAY_LABEL)) == 0 &&
                           p + len < buf + got && p[len] == '"')
                    gateway_hits++;
                  /* "…Parolanız : SECRET\n": a freed line of the pasted mail, whose
                   * first bytes the allocator may have reused since ("anız : " is left) */
                  else if ((gsize) (p - buf) >= strlen (MAIL_LABEL_END) &&
                           memcmp (p - strlen (MAIL_LABEL_END), MAIL_LABEL_END,
                                   strlen (MAIL_LABEL_END)) == 0 &&
                           p + len < buf + got && (p[len] == '\n' || p[len] == '\r'))
                    mail_hits++;
                }
            }
          if (at + want >= end)
            break;
        }
    }
  close (fd);
  explicit_bzero (area, map_size);
  munmap (area, map_size);
  return hits;
}

/* The dead part of this thread's stack, below this frame.  The in-process simulator's
 * libsoup server reads every request body into an 8 KiB array on this stack
 * (soup-server-message-io-http1.c, io_read ()), a copy that is KamuSM's in real
 * life; the GUI's own sends go through the heap. */
static void __attribute__ ((noinline))
scrub_dead_stack (void)
{
  g_autofree char *maps = NULL;
  const char *line;
  guint64 low = 0;
  volatile char here = 0;
  gsize depth;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  line = strstr (maps, "[stack]");
  g_assert_nonnull (line);
  while (line > maps && line[-1] != '\n')
    line--;
  g_assert_cmpint (sscanf (line, "%" G_GINT64_MODIFIER "x-", &low), ==, 1);
  depth = (guintptr) &here - (guintptr) low;
  /* Room for explicit_bzero ()'s own frame */
  if (depth > 2048)
    {
      char *area = alloca (depth - 2048);

      explicit_bzero (area, depth - 2048);
    }
  (void) here;
}

/* After a whole signing (a wrong PIN, then the right one): neither PIN, nor the
 * access password, the SMS code or the security word is left anywhere in the
 * process, and the process writes no core dump.  The simulator runs in this
 * process too: its own copies (the site knows the password and the codes it
 * sent) are wiped first. */
static void
test_secrets_not_in_memory (void)
{
  const struct { const char *what, *secret; } secrets[] = {
    { "the PIN", PIN },
    { "the wrong PIN", WRONG_PIN },
    { "the access password", AYSE_PASS },
    { "the SMS code", vault },
    { "the security word", SECURITY_WORD },
  };

  SKIP_IF_SANITIZED ();
  g_assert_true (ey_secure_heap_get_active ());
  /* What the programs start (a browser, the demo's simulator) gets the usual allocator */
  g_assert_null (g_getenv ("EY_SECURE_HEAP"));
  g_assert_null (strstr (g_getenv ("GLIBC_TUNABLES") ? g_getenv ("GLIBC_TUNABLES") : "",
                         "tcache_count=0"));
  ey_sim_server_wipe_secrets (shared->sim, AYSE_ID);
  scrub_dead_stack ();
  g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      guint hits = count_in_memory (secrets[i].secret);

      g_test_message ("%s: found %u times, %u of them in a form body, %u in a line of the "
                      "pasted mail, %u in the demo's SMS gateway record", secrets[i].what, hits,
                      body_hits, mail_hits, gateway_hits);
      /* The kinds are named for whoever has to find a copy: GIO's splice buffer that
       * carried a form body, GtkTextView's layouts of the pasted mail's lines, the
       * demo's SMS inbox reading the gateway record through json-glib.  All of them
       * are freed memory, which the programs' allocator overwrites
       * (ey_secure_heap_init). */
      g_assert_cmpuint (hits, ==, 0);
    }
}

/* The scan finds what is there: a copy on the heap is seen */
static void
test_memory_scan_works (void)
{
  char *copy;
  guint hits;

  SKIP_IF_SANITIZED ();
  copy = g_strdup_printf ("%s", "x" SECURITY_WORD "!");
  copy[0] = ' ';
  hits = count_in_memory (SECURITY_WORD "-probe");
  g_assert_cmpuint (hits, ==, 0);
  /* Its copies must not count in the scans after it */
  explicit_bzero (copy, strlen (copy));
  g_free (copy);
  copy = g_strdup_printf (" %s-%s ", SECURITY_WORD, "probe");
  hits = count_in_memory (SECURITY_WORD "-probe");
  explicit_bzero (copy, strlen (copy));
  g_free (copy);
  g_assert_cmpuint (hits, >=, 1);
}

/* A label that shows @text (whatever its markup flag: what the user sees) */
static GtkLabel *
find_label (GtkWidget  *parent,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (parent); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found;

      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return GTK_LABEL (child);
      if ((found = find_label (child, text)))
        return found;
    }
  return NULL;
}

static gboolean
label_shown (gpointer data)
{
  gpointer *args = data;

  return find_label (args[0], args[1]) != NULL;
}

/* Text from the mail (and the site) is shown as text: an institution "AR&GE <b>…</b>"
 * appears literally, in the mail page’s rows and in a toast. */
static void
test_markup_literal (void)
{
  UiDriver *driver = shared;
  /* (no "</": that would make the paste HTML) */
  static const char institution[] = "AR&GE <i>BİRİMİ & Co";
  g_autofree char *mail = g_strdup_printf ("Kimden: bilgilendirme@kamusm.gov.tr\n"
                                           "Sayın AYŞE YILMAZ,\n"
                                           "%s için kullanılacak;\n"
                                           "Başvuru Formu Erişim Parolanız : Ab3kT9qz\n",
                                           institution);
  GtkWidget *row;
  GtkLabel *label;
  gpointer args[2];

  ui_driver_new_window (driver, 1000, 700);
  g_assert_true (ui_wait_page (driver, "welcome"));
  ui_next (driver);
  g_assert_true (ui_wait_page (driver, "mail"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (ui_child (driver, "mail", "mail_view"))),
                            mail, -1);
  row = ui_child (driver, "mail", "institution_row");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, institution);
  label = find_label (row, institution);
  g_assert_nonnull (label);
  g_assert_false (gtk_label_get_use_markup (label));
  g_assert_cmpstr (gtk_label_get_text (label), ==, institution);

  ey_window_add_toast (driver->window, institution);
  args[0] = driver->window;
  args[1] = (gpointer) institution;
  g_assert_true (ui_spin_until (label_shown, args, 5000));
  label = find_label (GTK_WIDGET (driver->window), institution);
  g_assert_cmpstr (gtk_label_get_text (label), ==, institution);
}

static void
test_slow_network (void)
{
  UiDriver *driver = shared;
  g_autofree char *code = NULL;
  GapMeter meter = { 0, };
  gint64 start;
  double ms;

  ui_driver_new_window (driver, 1000, 700);
  ey_sim_server_set_slow_ms (driver->sim, SLOW_MS);
  /* The first requests of the walk (sign-in page, CAPTCHA, sign-in) are slow. */
  ey_sim_server_set_fault (driver->sim, EY_SIM_FAULT_SLOW, "*", SLOW_REQUESTS);
  gap_start (&meter);
  start = g_get_monotonic_time ();
  code = walk_to_eonay (driver, "FATMA KAYA", FATMA_PASS, FATMA_ID);
  ms = gap_stop (&meter, "with requests 1500 ms slow");
  ey_sim_server_clear_faults (driver->sim);
  /* The fault did slow the walk down: the slow requests came one after the other. */
  g_test_message ("walk took %.1f s", (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, SLOW_REQUESTS * SLOW_MS * 1000);
  g_assert_cmpfloat (ms, <, 1000.0);
}

int
main (int   argc,
      char *argv[])
{
  const char *base = getenv ("TMPDIR");
  const struct { const char *variable, *folder; } homes[] = {
    { "HOME", "home" },
    { "XDG_DATA_HOME", "data" },
    { "XDG_CONFIG_HOME", "config" },
    { "XDG_CACHE_HOME", "cache" },
    { "XDG_STATE_HOME", "state" },
    { "TMPDIR", "tmp" },
  };
  int status;

  /* As the programs do: it starts this test again, with the allocator the scan
   * below expects */
  ey_secure_heap_init (argv);
  /* Before anything logs or asks GLib for a folder (GLib keeps the first answer). */
  g_log_set_writer_func (writer_cb, NULL, NULL);
  g_set_print_handler (print_cb);
  g_set_printerr_handler (printerr_cb);
  log_lines = g_ptr_array_new_with_free_func (g_free);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  root = g_strdup_printf ("%s/eimza-secrets-XXXXXX", base && *base ? base : "/tmp");
  g_assert_nonnull (g_mkdtemp (root));
  for (guint i = 0; i < G_N_ELEMENTS (homes); i++)
    {
      g_autofree char *path = g_build_filename (root, homes[i].folder, NULL);

      g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
      g_setenv (homes[i].variable, path, TRUE);
    }

  ey_application_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The driver's own temp folder lands under root/tmp. */
  shared = ui_driver_new ();
  vault = mmap (NULL, VAULT_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  g_assert_true (vault != MAP_FAILED);

  g_test_add_func ("/ui/secrets/eonay-path", test_eonay_secrets);
  g_test_add_func ("/ui/secrets/memory-scan-works", test_memory_scan_works);
  g_test_add_func ("/ui/secrets/not-in-memory", test_secrets_not_in_memory);
  g_test_add_func ("/ui/markup/literal", test_markup_literal);
  g_test_add_func ("/ui/main-loop/slow-network", test_slow_network);
  status = g_test_run ();

  ui_driver_free (shared);
  g_mutex_lock (&log_lock);
  g_clear_pointer (&log_lines, g_ptr_array_unref);
  g_mutex_unlock (&log_lock);
  ey_test_remove_tree (root);
  g_free (root);
  explicit_bzero (vault, VAULT_SIZE);
  munmap (vault, VAULT_SIZE);
  return status;
}
