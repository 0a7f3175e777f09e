/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Exit codes of eimza-yenile-cli (also in --help and docs/cli.md). */
typedef enum
{
  EY_CLI_EXIT_OK            = 0,   /* done: the site confirmed / the input is valid */
  EY_CLI_EXIT_FAILED        = 1,   /* something else went wrong */
  EY_CLI_EXIT_USAGE         = 2,   /* wrong command line */
  EY_CLI_EXIT_INVALID       = 3,   /* the mail or identity number is not valid */
  EY_CLI_EXIT_SITE          = 4,   /* the site, network or TLS failed; nothing submitted */
  EY_CLI_EXIT_NOT_SUBMITTED = 5,   /* the renewal cannot go on (no order, refused …) */
  EY_CLI_EXIT_CANCELLED     = 130, /* the user stopped (Ctrl+C, end of input) */
} EyCliExit;

/**
 * EyCliCommand: one row of the command table (ey-cli.c). To add a
 * command, write ey-cli-NAME.c with its run function and add one row.
 */
typedef struct
{
  const char *name;
  const char *synopsis;   /* "[--json] ID" */
  const char *summary;    /* N_() */
  int       (*run)       (int argc, char **argv);   /* argv[0] is the command name */
} EyCliCommand;

/* One line of a --help "Exit status:" list; @text marked with N_(). */
typedef struct
{
  int         code;
  const char *text;
} EyCliExitStatus;

/* Prints "Exit status:" and @statuses, the texts lined up after the widest code. */
void  ey_cli_print_exit_statuses (const EyCliExitStatus *statuses,
                                  gsize                  n_statuses);

int   ey_cli_main            (int argc, char **argv);

/* Writes @builder's document to standard output, indented, then a newline.  JSON is
 * UTF-8 by definition, so the bytes go out as they are, whatever the locale's charset
 * (g_print () would convert them and lose the Turkish letters under LC_ALL=C). */
void  ey_cli_print_json      (JsonBuilder *builder);

/* Parses the options of a command that takes no arguments and only --json (@json_help,
 * marked with N_()); prints the problem and returns FALSE on a usage error. */
gboolean ey_cli_parse_json_only (int         *argc,
                                 char      ***argv,
                                 const char  *summary,
                                 const char  *json_help,
                                 gboolean    *json);

int   ey_cli_parse_email     (int argc, char **argv);
int   ey_cli_check_id        (int argc, char **argv);
int   ey_cli_renew           (int argc, char **argv);
int   ey_cli_doctor          (int argc, char **argv);
int   ey_cli_cards           (int argc, char **argv);
int   ey_cli_roster          (int argc, char **argv);
int   ey_cli_pending         (int argc, char **argv);

/* Terminal helpers (ey-cli-term.c) */

/* A line from stdin without its newline; NULL at end of input. */
char *ey_cli_prompt          (const char *question,
                              const char *default_value);
/* Like ey_cli_prompt() without echo; the result is a secret: free it with
 * ey_cli_secret_free(). */
char *ey_cli_prompt_secret   (const char *question);
void  ey_cli_secret_free     (char       *secret);

/* PIN lengths when the token reports none */
#define EY_CLI_PIN_MIN 4
#define EY_CLI_PIN_MAX 16
typedef struct _EyPin EyPin;
/* Digits only, @min_length to @max_length of them */
gboolean ey_cli_pin_is_valid (const char *pin,
                              gsize       length,
                              guint       min_length,
                              guint       max_length);
/* Asks until the PIN is well formed (@min_length 0: 4–16); read with read(2) from
 * @fd (the terminal without echo for stdin) into locked, wiped memory.  NULL at the
 * end of input. */
EyPin *ey_cli_prompt_pin_fd  (int         fd,
                              const char *question,
                              guint       min_length,
                              guint       max_length);
/* @text without terminal escape sequences and control characters (but line
 * breaks and tabs), valid UTF-8 */
char *ey_cli_strip_controls  (const char *text,
                              gssize      length);
/* Not dumpable, no core, unbuffered stdin, printing strips terminal controls:
 * called first thing by ey_cli_main(). */
void  ey_cli_harden_process  (void);
/* yes/no question; @def is the answer to an empty line; -1 at end of input */
int   ey_cli_ask_yes_no      (const char *question,
                              gboolean    def);
/* On Ctrl+C, SIGTERM or hang-up: restore the terminal, remove @file and
 * @dir (a private temporary folder), exit 130. */
void  ey_cli_on_interrupt_remove (const char *dir,
                                  const char *file);
/* …and print @text (NULL: nothing) before exiting. */
void  ey_cli_on_interrupt_say    (const char *text);
/* Spins the default main context until *result is set. */
GAsyncResult *ey_cli_wait    (GAsyncResult **result);
void  ey_cli_store_result_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data);

G_END_DECLS
