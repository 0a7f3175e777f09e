/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What every test program needs: waiting on real events with a timeout that fails the
 * test (never a sleep), removing a temporary tree, the test PKI, SoftHSM tokens. */

typedef gboolean (*EyTestCondition) (gpointer data);

/* Spins the default main context until @condition returns TRUE or @timeout_ms pass;
 * TRUE if the condition came (the caller decides what a timeout means). */
gboolean      ey_test_spin_until       (EyTestCondition   condition,
                                        gpointer          data,
                                        guint             timeout_ms);
/* Spins until *@flag is TRUE; fails the test, naming @what, after @timeout_s seconds. */
void          ey_test_wait_flag        (const gboolean   *flag,
                                        guint             timeout_s,
                                        const char       *what);
/* Spins until *@result is set (by ey_test_store_result_cb); fails the test after
 * @timeout_s seconds.  Returns *@result. */
GAsyncResult *ey_test_wait_result      (GAsyncResult    **result,
                                        guint             timeout_s);
/* A GAsyncReadyCallback storing a reference to the result in *(GAsyncResult **) @user_data. */
void          ey_test_store_result_cb  (GObject          *source,
                                        GAsyncResult     *result,
                                        gpointer          user_data);

/* The median and the largest of @values (doubles, at least one), for the benchmarks'
 * repeats; @values is left as it was. */
void          ey_test_median_worst     (GArray           *values,
                                        double           *median,
                                        double           *worst);

/* The text of the PDF at @path as `pdftotext -layout` reads it; fails the test if
 * pdftotext is missing or fails. */
char         *ey_test_pdf_text         (const char       *path);

/* Removes @path and everything below it, without following symbolic links. */
void          ey_test_remove_tree      (const char       *path);

/* A file of the test PKI (tests/fixtures in the build tree, or $EY_TEST_PKI_DIR):
 * "ca.pem", "ayse-rsa.pem" … interned. */
const char   *ey_test_pki_file         (const char       *name);

/* Makes a SoftHSM2 token in @dir with tests/pkcs11/make-token (@script): @label, user
 * PIN @pin, the key and certificate of @pki_name ("ayse-rsa") from @pki_dir (NULL: the
 * test PKI above); @id the CKA_ID in hex or NULL.  Fails the test if the script fails. */
void          ey_test_make_token       (const char       *script,
                                        const char       *dir,
                                        const char       *pki_dir,
                                        const char       *label,
                                        const char       *pin,
                                        const char       *pki_name,
                                        const char       *id);

/* Starts the kamusm-sim program, @argv (NULL-terminated, the program first), through
 * @launcher (made with G_SUBPROCESS_FLAGS_STDOUT_PIPE), the child killed when the test
 * dies; returns when it is ready, with the base URL and the path of its certificate
 * (PEM) from its "URL" and "CERT" lines. */
GSubprocess  *ey_test_sim_spawn        (GSubprocessLauncher *launcher,
                                        const char *const   *argv,
                                        char               **url,
                                        char               **cert);
/* Stops it (SIGTERM, as a session ends) and waits for it. */
void          ey_test_sim_stop_process (GSubprocess      *process);

G_END_DECLS
