/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * ey-sim-server.h: kamusm-sim, the honest stand-in for the KamuSM renewal site,
 * usable in-process (tests, the UI's demo mode) on the caller's thread-default main
 * context.  The server never blocks that context.  See docs/kamusm-sim.md for the
 * site map, the state log events and the signing contract.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ey-sim-types.h"

G_BEGIN_DECLS

#define EY_SIM_ERROR (ey_sim_error_quark ())

typedef enum
{
  EY_SIM_ERROR_FAILED,
  EY_SIM_ERROR_PEOPLE,       /* people file missing or malformed */
  EY_SIM_ERROR_TLS,          /* certificate could not be made or loaded */
  EY_SIM_ERROR_LISTEN,       /* could not listen on the address/port */
  EY_SIM_ERROR_INVALID,      /* bad option value or fault spec */
} EySimError;

typedef enum
{
  EY_SIM_FAULT_NONE,
  EY_SIM_FAULT_SLOW,            /* answer after slow_ms (paused message, never blocks) */
  EY_SIM_FAULT_DROP,            /* close the connection without an answer */
  EY_SIM_FAULT_HTTP500,         /* 500 Internal Server Error page */
  EY_SIM_FAULT_EXPIRE_SESSION,  /* the session expires before this request */
  EY_SIM_FAULT_UNEXPECTED_PAGE, /* a 200 page that belongs to no step */
  EY_SIM_FAULT_BIG_BODY,        /* a 200 page of 24 MiB, chunked (no length announced) */
  EY_SIM_FAULT_GZIP_BOMB,       /* 1 MiB of gzip that inflates to 1 GiB */
  EY_SIM_FAULT_DRIP,            /* the answer one byte every slow_ms, for ever */
} EySimFaultKind;

/**
 * EySimOptions:
 * Initialise with ey_sim_options_init(), then override.  Strings are copied by
 * ey_sim_server_new(); NULL means the default.
 */
typedef struct
{
  const char         *address;         /* "127.0.0.1" */
  gboolean            http;            /* plain HTTP instead of HTTPS */
  const char         *tls_cert_file;   /* with tls_key_file; default: fresh self-signed */
  const char         *tls_key_file;
  const char         *people_file;     /* default: $EY_SIM_PEOPLE, build tree or pkgdatadir */
  const char * const *trust_ca_files;  /* NULL-terminated list of PEM files */
  guint               sms_ttl;         /* seconds, 236 */
  guint               code_ttl;        /* seconds, 260 */
  guint               session_idle;    /* seconds, 900 */
  const char         *captcha_text;    /* fixed CAPTCHA text; default random */
  const char         *charset;         /* "utf-8" | "iso-8859-9" | "windows-1254" */
  const char         *variant;         /* "default" (/bs/) | "alt" (/basvuru2/) */
  gboolean            control;         /* serve the /_sim/ control endpoints */
  const char         *log_file;        /* append the JSON-lines state log here */
  const char         *sms_file;        /* append one JSON line per simulated SMS */
  gboolean            print_sms;       /* print "SMS id masked code" lines on stdout */
  guint               slow_ms;         /* delay of the "slow" fault, 3000 */
  const char         *state_file;      /* keep the applications' progress here across
                                        * restarts (the demo); default: memory only */
  gboolean            demo;            /* the program's demo: the wet-signature form
                                        * carries a DEMO / TANITIM watermark */
} EySimOptions;

void ey_sim_options_init (EySimOptions *opts);

#define EY_TYPE_SIM_SERVER (ey_sim_server_get_type ())
G_DECLARE_FINAL_TYPE (EySimServer, ey_sim_server, EY, SIM_SERVER, GObject)

GQuark           ey_sim_error_quark               (void);

/* opts may be NULL (all defaults).  The people and CA files are read by _start(). */
EySimServer     *ey_sim_server_new                (const EySimOptions  *opts);

/* Listens (port 0: any free port) on the thread-default main context of the caller. */
gboolean         ey_sim_server_start              (EySimServer         *self,
                                                   guint                port,
                                                   GError             **error);
void             ey_sim_server_stop               (EySimServer         *self);

guint            ey_sim_server_get_port           (EySimServer         *self);
/* "https://127.0.0.1:PORT/bs/" (or "/basvuru2/" for the alt variant) */
const char      *ey_sim_server_get_base_url       (EySimServer         *self);
/* The server's TLS certificate (NULL with http) */
GTlsCertificate *ey_sim_server_get_certificate    (EySimServer         *self);
const char      *ey_sim_server_get_certificate_pem (EySimServer        *self);
/* "sha256:AB:CD:…" of the certificate's DER, uppercase hex */
const char      *ey_sim_server_get_fingerprint    (EySimServer         *self);

/* The last simulated SMS code sent to that identity, or NULL.  Free with g_free. */
char            *ey_sim_server_get_last_sms_code  (EySimServer         *self,
                                                   const char          *identity);
/* The mail KamuSM sends when an order is opened (name, institution, access password and
 * the site's address), as plain text, or NULL for an unknown identity.  The demo shows
 * it, since no real mail arrives there.  Free with g_free. */
char            *ey_sim_server_get_access_mail    (EySimServer         *self,
                                                   const char          *identity);
/* The current verification code (15 digits) of that identity's session, or NULL. */
char            *ey_sim_server_get_verification_code (EySimServer      *self,
                                                      const char       *identity);

/* State log: the events so far, in order.  Element type JsonObject (transfer none). */
GPtrArray       *ey_sim_server_get_log            (EySimServer         *self);
/* The same as JSON lines (one object a line), newly allocated. */
char            *ey_sim_server_get_log_text       (EySimServer         *self);
/* Events named @event whose member @key (may be NULL) equals the string @value. */
guint            ey_sim_server_count_events       (EySimServer         *self,
                                                   const char          *event,
                                                   const char          *key,
                                                   const char          *value);
/* The last such event, or NULL (transfer none). */
JsonObject      *ey_sim_server_find_event         (EySimServer         *self,
                                                   const char          *event,
                                                   const char          *key,
                                                   const char          *value);

/* page: a path relative to the base such as "imzayontemi.go", or NULL/"*" for every
 * page; count: how many requests it hits, 0 = every request until cleared. */
/* Harmless rewrites of every HTML answer (EySimVariation flags of ey-sim-variation.h:
 * upper case, no-break spaces, ASCII-folded Turkish, noise, wrapping, extra forms). */
void             ey_sim_server_set_variations     (EySimServer         *self,
                                                   guint                flags);
void             ey_sim_server_set_fault          (EySimServer         *self,
                                                   EySimFaultKind       kind,
                                                   const char          *page,
                                                   guint                count);
/* "kind[:page[:count]]" as on the command line, e.g. "http500:imzayontemi.go:1" */
gboolean         ey_sim_server_add_fault_spec     (EySimServer         *self,
                                                   const char          *spec,
                                                   GError             **error);
void             ey_sim_server_clear_faults       (EySimServer         *self);
/* Forgets every application's progress (form, SMS, E-Onay, submission), as if the
 * orders were new: for walking the same person through again (screenshots, demo). */
void             ey_sim_server_forget_applications (EySimServer        *self);
void             ey_sim_server_wipe_secrets       (EySimServer         *self,
                                                   const char          *identity);
/* A hostile site: the sign-data call (eimza/veri.go) answers, instead of the text, one of
 * "pdf" (a PDF promissory note), "other-name", "other-id", "other-code" (the text for
 * someone else or another page), "error-json" (the site's JSON error), "huge" (10 MB of
 * text), "control" (control characters and escape sequences); NULL: the honest text.
 * Returns FALSE for an unknown @mode. */
gboolean         ey_sim_server_set_hostile_veri   (EySimServer         *self,
                                                   const char          *mode);
void             ey_sim_server_set_slow_ms        (EySimServer         *self,
                                                   guint                ms);

/* what: "sms" or "code": every current SMS code / verification code expires now.
 * Returns FALSE for an unknown @what. */
gboolean         ey_sim_server_expire             (EySimServer         *self,
                                                   const char          *what);

/* Timers may also be changed while running (seconds; 0 leaves one unchanged). */
void             ey_sim_server_set_timers         (EySimServer         *self,
                                                   guint                sms_ttl,
                                                   guint                code_ttl,
                                                   guint                session_idle);

/*
 * Signals:
 *   "sms-sent"  (EySimServer*, const char *identity, const char *masked_phone,
 *                const char *code)  — the simulated SMS (demo shows it as a notification)
 *   "event"     (EySimServer*, JsonObject *event) — each state-log event as it is logged
 */

G_END_DECLS
