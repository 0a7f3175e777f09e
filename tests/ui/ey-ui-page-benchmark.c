/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-ui-page-benchmark"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <valgrind/callgrind.h>

#include "ui-driver.h"
#include "ey-pin-entry.h"
#include "ey-test-common.h"

/* The longest main-loop stall at each page change of a demo E-Onay renewal: the work
 * done between two polls of the main context, from the iteration in which the window
 * names the new page (it fills the page in then) to the second frame painted with it on
 * screen (the stack shows it a frame later, ey_window_show_step ()), or to the end of
 * the stack's transition if that comes later.  Work of the
 * in-process simulator in those iterations counts too: it is the same loop.
 *
 * Each run is a fresh process (a person renews once per start of the program, so fonts,
 * styles and pages are as cold as they are for that person; SoftHSM also keeps its first
 * token per process).  The parent runs EY_BENCH_RUNS of them (5 by default) and prints,
 * per page, the median and worst of:
 *   - the wall-clock gap: what a person sees, but on a shared machine it also holds the
 *     time other processes had the CPU;
 *   - the main thread's CPU time in that gap: independent of the machine's load;
 *   - how many times a GtkLabel was measured (each one or more Pango layouts of its
 *     text) and the CPU time of those;
 *   - the longest layout and paint phase of a frame in those iterations (CPU), each
 *     from the phase's own start (the medians only);
 *   - the system CPU time and page faults of the longest gap.
 * The verdict is on the worst CPU time against the 16 ms of one frame at 60 Hz.
 *
 * EY_BENCH_PHASES=1 lists every iteration of each page change: its CPU time and the
 * frame phases it ran, each after the CPU ms spent before it began ("(shown)": where the
 * stack showed the page).
 * EY_BENCH_LABELS=1 (with --child) lists each page's costliest labels.  Under
 * `valgrind --tool=callgrind --collect-atstart=no` a child collects only during page
 * changes and dumps one profile per page (callgrind.out.PID.N, named after the page).
 * With EY_BENCH_ITERATIONS=1 and `--collect-atstart=yes --separate-threads=yes` instead,
 * it dumps one profile per main-loop iteration of each page change, whole iterations
 * (named "PAGE.N"): the biggest of a page's is its stall. */

#define AYSE_ID   "12345678950"
#define AYSE_PASS "Ab3kT9qz"
#define TARGET_MS 16.0

/* This thread's CPU time, µs. */
static gint64
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* This thread's system CPU time (µs) and minor page faults. */
static void
sys_now (gint64 *sys_us,
         gint64 *faults)
{
  struct rusage usage;

  getrusage (RUSAGE_THREAD, &usage);
  *sys_us = (gint64) usage.ru_stime.tv_sec * G_USEC_PER_SEC + usage.ru_stime.tv_usec;
  *faults = usage.ru_minflt;
}

static GPollFunc real_poll;
static gint64    woke_at;        /* when the last poll returned */
static gint64    woke_cpu;
static gboolean  tracking;
static gint64    longest;        /* of the page change being tracked, µs */
static gint64    longest_cpu;
static gint64    woke_sys, woke_faults;
static gint64    longest_sys, longest_faults;   /* of the iteration with the longest CPU */
static guint     frames;         /* painted since the stack showed the page */
static gboolean  switched;
static GtkStack *watched_stack;
static char     *page_name;
static gint64    layout_at, paint_at;   /* CPU µs when this frame's phase began, or 0 */
static gint64    longest_layout, longest_paint;
static gboolean  dump_iterations;
static guint     iteration;

/* EY_BENCH_PHASES: each iteration of a page change, with the frame phases it ran (the
 * CPU ms before each phase began, then after the last). */
static gboolean  show_phases;
static GString  *iter_phases;
static gint64    iter_phase_at;

static gboolean
any_phase_cb (GSignalInvocationHint *hint,
              guint                  n_params,
              const GValue          *params,
              gpointer               data)
{
  gint64 now = cpu_now ();

  g_string_append_printf (iter_phases, " %.1f %s",
                          (now - (iter_phase_at ? iter_phase_at : woke_cpu)) / 1000.0,
                          g_signal_name (hint->signal_id));
  iter_phase_at = now;
  return TRUE;
}

/* GtkLabel measurements while a page change is tracked. */
typedef struct
{
  char  *text;
  guint  calls;
  gint64 us;
} LabelStat;

static void (*real_label_measure) (GtkWidget *, GtkOrientation, int, int *, int *, int *, int *);
static GHashTable *label_stats;
static guint       label_calls;
static gint64      label_us;

static void
label_stat_free (gpointer data)
{
  LabelStat *stat = data;

  g_free (stat->text);
  g_free (stat);
}

/* A count that does not depend on the load: the size cache answers repeated questions,
 * so each call that reaches the label is Pango work. */
static void
counting_label_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  gint64 start = cpu_now ();
  LabelStat *stat;

  real_label_measure (widget, orientation, for_size, minimum, natural, minimum_baseline,
                      natural_baseline);
  if (!tracking)
    return;
  label_calls++;
  label_us += cpu_now () - start;
  stat = g_hash_table_lookup (label_stats, widget);
  if (stat == NULL)
    {
      stat = g_new0 (LabelStat, 1);
      stat->text = g_strndup (gtk_label_get_text (GTK_LABEL (widget)), 48);
      g_hash_table_insert (label_stats, widget, stat);
    }
  stat->calls++;
  stat->us += cpu_now () - start;
}

static void
print_label_stats (void)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, label_stats);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      LabelStat *stat = value;

      if (stat->us >= 1000)
        printf ("#   %6.1f ms CPU, %4u measures: %s\n", stat->us / 1000.0, stat->calls, stat->text);
    }
}

static gint
timed_poll (GPollFD *fds,
            guint    nfds,
            gint     timeout)
{
  gint64 now = g_get_monotonic_time ();
  gint ret;

  if (tracking && woke_at)
    {
      gint64 cpu = cpu_now () - woke_cpu;
      gint64 sys_us, faults;

      longest = MAX (longest, now - woke_at);
      if (cpu >= longest_cpu)
        {
          sys_now (&sys_us, &faults);
          longest_cpu = cpu;
          longest_sys = sys_us - woke_sys;
          longest_faults = faults - woke_faults;
        }
    }
  if (iter_phases && tracking)
    printf ("#   %s: %.1f ms CPU:%s %.1f\n", page_name, (cpu_now () - woke_cpu) / 1000.0,
            iter_phases->str, (cpu_now () - (iter_phase_at ? iter_phase_at : woke_cpu)) / 1000.0);
  if (iter_phases)
    g_string_truncate (iter_phases, 0);
  iter_phase_at = 0;
  if (dump_iterations)
    {
      /* The iteration that ends here: kept when it belongs to a page change. */
      if (tracking)
        {
          g_autofree char *name = g_strdup_printf ("%s.%u", page_name, ++iteration);

          CALLGRIND_DUMP_STATS_AT (name);
        }
      else
        CALLGRIND_ZERO_STATS;
    }
  ret = real_poll (fds, nfds, timeout);
  woke_at = g_get_monotonic_time ();
  woke_cpu = cpu_now ();
  sys_now (&woke_sys, &woke_faults);
  return ret;
}

static void
report (void)
{
  if (page_name == NULL)
    return;
  if (!dump_iterations)
    {
      CALLGRIND_DUMP_STATS_AT (page_name);
      CALLGRIND_TOGGLE_COLLECT;
    }
  /* One line per page for the parent: name, gap wall µs, gap CPU µs, label measures,
   * their CPU µs, then the phases (CPU µs), then the system part of the gap's CPU (µs)
   * and its page faults. */
  printf ("PAGE %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %u %" G_GINT64_FORMAT
          " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
          "\n",
          page_name, longest, longest_cpu, label_calls, label_us,
          longest_layout, longest_paint, longest_sys, longest_faults);
  if (getenv ("EY_BENCH_LABELS"))
    print_label_stats ();
  fflush (stdout);
  g_hash_table_remove_all (label_stats);
  label_calls = 0;
  label_us = 0;
  longest_layout = longest_paint = 0;
  tracking = FALSE;
  g_clear_pointer (&page_name, g_free);
}

/* A frame runs only the phases something asked for: a frame may paint without a
 * layout.  Each phase is timed from its own start, which an emission hook sees before
 * any handler (GTK's included) runs. */
static gboolean
phase_started_cb (GSignalInvocationHint *hint,
                  guint                  n_params,
                  const GValue          *params,
                  gpointer               data)
{
  gint64 *at = data;

  /* GDK repeats the layout phase while it is asked again: one phase, from its first */
  if (*at == 0)
    *at = cpu_now ();
  return TRUE;
}

static void
after_layout_cb (GdkFrameClock *clock)
{
  if (tracking && layout_at)
    longest_layout = MAX (longest_layout, cpu_now () - layout_at);
}

static void
after_paint_cb (GdkFrameClock *clock)
{
  gint64 painted = paint_at ? cpu_now () - paint_at : 0;

  layout_at = paint_at = 0;
  if (!tracking)
    return;
  longest_paint = MAX (longest_paint, painted);
  /* Through the stack's transition, if it has one: each of its frames draws both pages. */
  if (switched && ++frames >= 2 && !gtk_stack_get_transition_running (watched_stack))
    report ();
}

/* The window fills the page in, then shows it a frame later: the change counts from
 * the start of the iteration that began it to the second frame painted with the page on
 * screen. */
static void
on_page_name_cb (EyWindow *window)
{
  report ();
  page_name = g_strdup (ey_window_get_visible_page_name (window));
  if (!dump_iterations)
    CALLGRIND_TOGGLE_COLLECT;
  iteration = 0;
  tracking = TRUE;
  longest = g_get_monotonic_time () - woke_at;
  longest_cpu = cpu_now () - woke_cpu;
  sys_now (&longest_sys, &longest_faults);
  longest_sys -= woke_sys;
  longest_faults -= woke_faults;
  frames = 0;
  switched = FALSE;
}

static void
on_visible_child_cb (GtkStack *stack)
{
  if (!tracking || g_strcmp0 (gtk_stack_get_visible_child_name (stack), page_name) != 0)
    return;
  switched = TRUE;
  frames = 0;
  if (iter_phases)
    g_string_append_printf (iter_phases, " %.1f (shown)",
                            (cpu_now () - (iter_phase_at ? iter_phase_at : woke_cpu)) / 1000.0);
}


static void
watch (UiDriver *driver)
{
  GtkWidget *stack = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (driver->window),
                                                                  EY_TYPE_WINDOW, "stack");
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (driver->window));

  watched_stack = GTK_STACK (stack);
  g_signal_connect (driver->window, "notify::page-name", G_CALLBACK (on_page_name_cb), NULL);
  g_signal_connect (stack, "notify::visible-child", G_CALLBACK (on_visible_child_cb), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  g_signal_add_emission_hook (g_signal_lookup ("layout", GDK_TYPE_FRAME_CLOCK), 0,
                              phase_started_cb, &layout_at, NULL);
  g_signal_add_emission_hook (g_signal_lookup ("paint", GDK_TYPE_FRAME_CLOCK), 0,
                              phase_started_cb, &paint_at, NULL);
  g_signal_connect_after (clock, "layout", G_CALLBACK (after_layout_cb), NULL);
  if (show_phases)
    {
      const char *phases[] = { "flush-events", "before-paint", "update", "layout", "paint",
                               "after-paint", "resume-events" };

      iter_phases = g_string_new (NULL);
      for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
        g_signal_add_emission_hook (g_signal_lookup (phases[i], GDK_TYPE_FRAME_CLOCK), 0,
                                    any_phase_cb, NULL, NULL);
    }
}

/* One renewal, one line per page change. */
static int
run_child (void)
{
  UiDriver *driver;
  g_autofree char *code = NULL;
  GtkWidgetClass *label_class;
  EyPinEntry *pin;

  ey_application_init_i18n ();
  gtk_init ();
  adw_init ();

  dump_iterations = getenv ("EY_BENCH_ITERATIONS") != NULL;
  show_phases = getenv ("EY_BENCH_PHASES") != NULL;
  real_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, timed_poll);
  label_stats = g_hash_table_new_full (NULL, NULL, NULL, label_stat_free);
  label_class = g_type_class_ref (GTK_TYPE_LABEL);
  real_label_measure = label_class->measure;
  label_class->measure = counting_label_measure;

  driver = ui_driver_new ();
  ui_driver_new_window (driver, 1000, 700);
  ui_wait_certificates (driver);
  ui_spin_for (500);
  watch (driver);

  ui_walk_to_sign_in (driver, "AYŞE YILMAZ", AYSE_PASS);
  ui_sign_in (driver, AYSE_ID, UI_DRIVER_CAPTCHA);
  ui_wait_page (driver, "form");
  ui_fill_form (driver);
  ui_next (driver);
  ui_wait_page (driver, "sms");
  ui_next (driver);
  ui_wait_idle (driver);
  code = ui_sms_code (driver, AYSE_ID);
  ui_set_text (driver, "sms", "code_row", code);
  ui_next (driver);
  ui_wait_page (driver, "eonay");
  ui_walk_eonay_to_signing (driver);
  pin = EY_PIN_ENTRY (ui_child (driver, "signing", "pin_entry"));
  gtk_editable_set_text (GTK_EDITABLE (ey_pin_entry_get_entry (pin)), "123456");
  ui_next (driver);
  ui_spin_until (ui_done_or_failed, driver, 30000);
  ui_spin_for (300);
  report ();
  printf ("END %s\n", ey_window_get_visible_page_name (driver->window));
  ui_driver_free (driver);
  return 0;
}

typedef struct
{
  char   *name;
  GArray *wall, *cpu, *calls, *label_cpu;   /* double, ms or count */
  GArray *layout, *paint;                   /* double, ms */
  GArray *sys, *faults;                     /* double, ms or count */
} PageRuns;

static void
page_runs_free (gpointer data)
{
  PageRuns *runs = data;

  g_free (runs->name);
  g_array_unref (runs->wall);
  g_array_unref (runs->cpu);
  g_array_unref (runs->calls);
  g_array_unref (runs->label_cpu);
  g_array_unref (runs->layout);
  g_array_unref (runs->paint);
  g_array_unref (runs->sys);
  g_array_unref (runs->faults);
  g_free (runs);
}

static void
add (GArray *array,
     double  value)
{
  g_array_append_val (array, value);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (page_runs_free);
  const char *runs_env = g_getenv ("EY_BENCH_RUNS");
  guint n_runs = runs_env ? (guint) MAX (1, atoi (runs_env)) : 5;
  guint passed = 0, missed = 0;
  double worst_cpu_all = 0, worst_wall_all = 0;

  if (argc > 1 && strcmp (argv[1], "--child") == 0)
    return run_child ();

  for (guint run = 0; run < n_runs; run++)
    {
      char *child_argv[] = { argv[0], (char *) "--child", NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) lines = NULL;
      int status;

      if (!g_spawn_sync (NULL, child_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                         &status, &error) ||
          !g_spawn_check_wait_status (status, &error))
        {
          fprintf (stderr, "run %u failed: %s\n%s", run + 1, error->message, err ? err : "");
          return 1;
        }
      lines = g_strsplit (out, "\n", -1);
      for (guint i = 0; lines[i]; i++)
        {
          g_auto(GStrv) f = NULL;
          PageRuns *runs = NULL;

          if (g_str_has_prefix (lines[i], "END "))
            {
              if (strcmp (lines[i] + 4, "done") != 0)
                {
                  fprintf (stderr, "run %u ended at page %s\n", run + 1, lines[i] + 4);
                  return 1;
                }
              continue;
            }
          if (g_str_has_prefix (lines[i], "#") && g_getenv ("EY_BENCH_PHASES"))
            printf ("# run %u %s\n", run + 1, lines[i] + 1);
          if (!g_str_has_prefix (lines[i], "PAGE "))
            continue;
          f = g_strsplit (lines[i], " ", -1);
          if (g_strv_length (f) < 10)
            continue;
          for (guint p = 0; p < pages->len && !runs; p++)
            if (strcmp (((PageRuns *) pages->pdata[p])->name, f[1]) == 0)
              runs = pages->pdata[p];
          if (runs == NULL)
            {
              runs = g_new0 (PageRuns, 1);
              runs->name = g_strdup (f[1]);
              runs->wall = g_array_new (FALSE, FALSE, sizeof (double));
              runs->cpu = g_array_new (FALSE, FALSE, sizeof (double));
              runs->calls = g_array_new (FALSE, FALSE, sizeof (double));
              runs->label_cpu = g_array_new (FALSE, FALSE, sizeof (double));
              runs->layout = g_array_new (FALSE, FALSE, sizeof (double));
              runs->paint = g_array_new (FALSE, FALSE, sizeof (double));
              runs->sys = g_array_new (FALSE, FALSE, sizeof (double));
              runs->faults = g_array_new (FALSE, FALSE, sizeof (double));
              g_ptr_array_add (pages, runs);
            }
          add (runs->wall, g_ascii_strtod (f[2], NULL) / 1000.0);
          add (runs->cpu, g_ascii_strtod (f[3], NULL) / 1000.0);
          add (runs->calls, g_ascii_strtod (f[4], NULL));
          add (runs->label_cpu, g_ascii_strtod (f[5], NULL) / 1000.0);
          add (runs->layout, g_ascii_strtod (f[6], NULL) / 1000.0);
          add (runs->paint, g_ascii_strtod (f[7], NULL) / 1000.0);
          add (runs->sys, g_ascii_strtod (f[8], NULL) / 1000.0);
          add (runs->faults, g_ascii_strtod (f[9], NULL));
        }
    }

  printf ("Page changes of a demo E-Onay renewal, %u runs (fresh process each), "
          "GSK_RENDERER=%s; target %.0f ms\n", n_runs,
          g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default", TARGET_MS);
  printf ("%-9s | %-17s | %-17s | %-14s | %-21s | %-15s | %s\n", "", "gap wall (ms)",
          "gap CPU (ms)", "of it, median", "label measures", "frame CPU (ms)", "verdict");
  printf ("%-9s | %8s %8s | %8s %8s | %6s %7s | %8s %12s | %7s %7s | %s\n", "page", "median",
          "worst", "median", "worst", "sys ms", "faults", "median", "CPU med (ms)", "layout",
          "paint", "(worst CPU)");
  for (guint p = 0; p < pages->len; p++)
    {
      PageRuns *runs = pages->pdata[p];
      double wall_med, wall_worst, cpu_med, cpu_worst, calls_med, calls_worst, lcpu_med, lcpu_worst;
      double layout_med, layout_worst, paint_med, paint_worst;
      double sys_med, sys_worst, faults_med, faults_worst;
      gboolean pass;

      ey_test_median_worst (runs->wall, &wall_med, &wall_worst);
      ey_test_median_worst (runs->cpu, &cpu_med, &cpu_worst);
      ey_test_median_worst (runs->calls, &calls_med, &calls_worst);
      ey_test_median_worst (runs->label_cpu, &lcpu_med, &lcpu_worst);
      ey_test_median_worst (runs->layout, &layout_med, &layout_worst);
      ey_test_median_worst (runs->paint, &paint_med, &paint_worst);
      ey_test_median_worst (runs->sys, &sys_med, &sys_worst);
      ey_test_median_worst (runs->faults, &faults_med, &faults_worst);
      pass = cpu_worst <= TARGET_MS;
      if (pass)
        passed++;
      else
        missed++;
      worst_cpu_all = MAX (worst_cpu_all, cpu_worst);
      worst_wall_all = MAX (worst_wall_all, wall_worst);
      printf ("%-9s | %8.1f %8.1f | %8.1f %8.1f | %6.1f %7.0f | %8.0f %12.1f | %7.1f %7.1f | %s\n",
              runs->name, wall_med, wall_worst, cpu_med, cpu_worst, sys_med, faults_med,
              calls_med, lcpu_med, layout_med, paint_med, pass ? "PASS" : "MISS");
    }
  printf ("%u of %u page changes within %.0f ms of main-thread CPU; worst %.1f ms CPU, "
          "%.1f ms wall\n", passed, passed + missed, TARGET_MS, worst_cpu_all, worst_wall_all);
  return 0;
}
