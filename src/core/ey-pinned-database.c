/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-pinned-database"

#include "config.h"

#include "ey-pinned-database-private.h"

struct _EyPinnedDatabase
{
  GTlsDatabase     parent_instance;
  GTlsCertificate *certificate;
};

G_DEFINE_FINAL_TYPE (EyPinnedDatabase, ey_pinned_database, G_TYPE_TLS_DATABASE)

/* Only the leaf matters: the pinned certificate is compared whole, so its
 * issuer, host name and dates add nothing that the exact match does not. */
static GTlsCertificateFlags
ey_pinned_database_verify_chain (GTlsDatabase             *database,
                                 GTlsCertificate          *chain,
                                 const char               *purpose,
                                 GSocketConnectable       *identity,
                                 GTlsInteraction          *interaction,
                                 GTlsDatabaseVerifyFlags   flags,
                                 GCancellable             *cancellable,
                                 GError                  **error)
{
  EyPinnedDatabase *self = EY_PINNED_DATABASE (database);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return G_TLS_CERTIFICATE_GENERIC_ERROR;

  if (chain != NULL && g_tls_certificate_is_same (chain, self->certificate))
    return 0;

  return G_TLS_CERTIFICATE_UNKNOWN_CA;
}

static void
ey_pinned_database_finalize (GObject *object)
{
  EyPinnedDatabase *self = EY_PINNED_DATABASE (object);

  g_clear_object (&self->certificate);

  G_OBJECT_CLASS (ey_pinned_database_parent_class)->finalize (object);
}

static void
ey_pinned_database_class_init (EyPinnedDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GTlsDatabaseClass *database_class = G_TLS_DATABASE_CLASS (klass);

  object_class->finalize = ey_pinned_database_finalize;
  database_class->verify_chain = ey_pinned_database_verify_chain;
}

static void
ey_pinned_database_init (EyPinnedDatabase *self)
{
}

GTlsDatabase *
ey_pinned_database_new (GTlsCertificate *certificate)
{
  EyPinnedDatabase *self;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  self = g_object_new (EY_TYPE_PINNED_DATABASE, NULL);
  self->certificate = g_object_ref (certificate);

  return G_TLS_DATABASE (self);
}
