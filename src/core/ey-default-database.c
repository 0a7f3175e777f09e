/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-default-database"

#include "config.h"

#include "ey-default-database-private.h"

/* The process's default TLS database: the system's trust, as the TLS backend's own
 * default database has it, behind a type that is not the backend's.
 *
 * Why: every new GTlsConnection starts with the default database.  glib-networking
 * 2.74's GnuTLS backend gives a connection whose database is its own kind
 * (GTlsDatabaseGnutls) credentials with a trust list made afresh
 * (g_tls_database_gnutls_get_credentials → create_trust_list →
 * gnutls_x509_trust_list_add_system_trust: the whole CA bundle decoded, about 66 M
 * instructions) in g_tls_connection_gnutls_initable_init, and libsoup 3.2 sets the
 * session's database only after that (soup-connection.c, new_tls_connection), which
 * makes the credentials again for the database set.  A pinned or file database paid
 * for the system's store it never used, once per connection, on the main thread; and
 * the site client makes one connection per exchange (ey-site-client.c, request_send).
 * A connection whose database is any other type gets empty credentials instead.
 *
 * The site client sets the system's database itself on its sessions when no other
 * was chosen, so its connections verify with the backend's own database as before
 * (in the TLS session: GnuTLS's checks of name constraints, key usage, stapled OCSP).
 * Anything else in the process that uses the default still verifies against the
 * system's trust, through g_tls_database_verify_chain () of the same database. */
struct _EyDefaultDatabase
{
  GTlsDatabase parent_instance;
};

G_DEFINE_FINAL_TYPE (EyDefaultDatabase, ey_default_database, G_TYPE_TLS_DATABASE)

/**
 * _ey_default_database_get_system:
 *
 * The TLS backend's own default database (the system's trust store), whatever the
 * process's default is.  The first call reads the store: it blocks, so a program that
 * cares calls it in a worker early (ey_site_client_warm_tls ()).  The backend keeps
 * it under its own lock.
 *
 * Returns: (transfer full) (nullable): the database, or %NULL when there is no TLS
 * backend or the store cannot be read
 */
GTlsDatabase *
_ey_default_database_get_system (void)
{
  GTlsBackend *backend = g_tls_backend_get_default ();
  GTlsBackendInterface *iface = G_TLS_BACKEND_GET_INTERFACE (backend);

  if (iface->get_default_database == NULL)
    return NULL;
  return iface->get_default_database (backend);
}

static GTlsCertificateFlags
ey_default_database_verify_chain (GTlsDatabase             *database,
                                  GTlsCertificate          *chain,
                                  const char               *purpose,
                                  GSocketConnectable       *identity,
                                  GTlsInteraction          *interaction,
                                  GTlsDatabaseVerifyFlags   flags,
                                  GCancellable             *cancellable,
                                  GError                  **error)
{
  g_autoptr(GTlsDatabase) system = _ey_default_database_get_system ();

  if (system == NULL)
    {
      g_set_error_literal (error, G_TLS_ERROR, G_TLS_ERROR_UNAVAILABLE,
                           "The system's trust store is not available");
      return G_TLS_CERTIFICATE_UNKNOWN_CA;
    }
  return g_tls_database_verify_chain (system, chain, purpose, identity, interaction, flags,
                                      cancellable, error);
}

static char *
ey_default_database_create_certificate_handle (GTlsDatabase    *database,
                                               GTlsCertificate *certificate)
{
  g_autoptr(GTlsDatabase) system = _ey_default_database_get_system ();

  return system ? g_tls_database_create_certificate_handle (system, certificate) : NULL;
}

static GTlsCertificate *
ey_default_database_lookup_certificate_for_handle (GTlsDatabase             *database,
                                                   const char               *handle,
                                                   GTlsInteraction          *interaction,
                                                   GTlsDatabaseLookupFlags   flags,
                                                   GCancellable             *cancellable,
                                                   GError                  **error)
{
  g_autoptr(GTlsDatabase) system = _ey_default_database_get_system ();

  if (system == NULL)
    return NULL;
  return g_tls_database_lookup_certificate_for_handle (system, handle, interaction, flags,
                                                       cancellable, error);
}

static GTlsCertificate *
ey_default_database_lookup_certificate_issuer (GTlsDatabase             *database,
                                               GTlsCertificate          *certificate,
                                               GTlsInteraction          *interaction,
                                               GTlsDatabaseLookupFlags   flags,
                                               GCancellable             *cancellable,
                                               GError                  **error)
{
  g_autoptr(GTlsDatabase) system = _ey_default_database_get_system ();

  if (system == NULL)
    return NULL;
  return g_tls_database_lookup_certificate_issuer (system, certificate, interaction, flags,
                                                   cancellable, error);
}

static GList *
ey_default_database_lookup_certificates_issued_by (GTlsDatabase             *database,
                                                   GByteArray               *issuer_raw_dn,
                                                   GTlsInteraction          *interaction,
                                                   GTlsDatabaseLookupFlags   flags,
                                                   GCancellable             *cancellable,
                                                   GError                  **error)
{
  g_autoptr(GTlsDatabase) system = _ey_default_database_get_system ();

  if (system == NULL)
    return NULL;
  return g_tls_database_lookup_certificates_issued_by (system, issuer_raw_dn, interaction,
                                                       flags, cancellable, error);
}

static void
ey_default_database_class_init (EyDefaultDatabaseClass *klass)
{
  GTlsDatabaseClass *database_class = G_TLS_DATABASE_CLASS (klass);

  database_class->verify_chain = ey_default_database_verify_chain;
  database_class->create_certificate_handle = ey_default_database_create_certificate_handle;
  database_class->lookup_certificate_for_handle = ey_default_database_lookup_certificate_for_handle;
  database_class->lookup_certificate_issuer = ey_default_database_lookup_certificate_issuer;
  database_class->lookup_certificates_issued_by = ey_default_database_lookup_certificates_issued_by;
}

static void
ey_default_database_init (EyDefaultDatabase *self)
{
}

/**
 * _ey_default_database_install:
 *
 * Makes an #EyDefaultDatabase the process's default TLS database, once; cheap (it
 * does not read the trust store).  Safe on any thread: GLib keeps the default under
 * a lock, and a connection made before sees the backend's own, as without this.
 */
void
_ey_default_database_install (void)
{
  static gsize installed;

  if (g_once_init_enter (&installed))
    {
      GTlsBackend *backend = g_tls_backend_get_default ();

      if (g_tls_backend_supports_tls (backend))
        {
          g_autoptr(GTlsDatabase) db = g_object_new (EY_TYPE_DEFAULT_DATABASE, NULL);

          g_tls_backend_set_default_database (backend, db);
        }
      g_once_init_leave (&installed, 1);
    }
}
