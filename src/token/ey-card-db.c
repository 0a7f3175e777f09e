/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ey-card-db"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ey-card-db-private.h"
#include "ey-card-type-private.h"
#include "ey-token-resources.h"

#define CARD_DB_RESOURCE "/io/github/eimzayenile/EimzaYenile/token/cards.xml"

typedef enum
{
  RULE_ATR,         /* (atr & mask) == value, same length */
  RULE_TEXT,        /* the ATR contains value */
  RULE_HISTORICAL,  /* the historical bytes start with value under mask */
  N_RULE_KINDS
} RuleKind;

typedef struct
{
  GBytes     *value;
  GBytes     *mask;       /* NULL for RULE_TEXT */
  EyCardType *type;       /* owned by the DB's list */
} Rule;

struct _EyCardDb
{
  GObject     parent_instance;

  GListStore *types;
  GArray     *rules[N_RULE_KINDS];
  EyCardType *fallback;
};

G_DEFINE_FINAL_TYPE (EyCardDb, ey_card_db, G_TYPE_OBJECT)
G_DEFINE_QUARK (ey-card-db-error-quark, ey_card_db_error)

static void
rule_clear (gpointer data)
{
  Rule *rule = data;

  g_clear_pointer (&rule->value, g_bytes_unref);
  g_clear_pointer (&rule->mask, g_bytes_unref);
}

static void
ey_card_db_finalize (GObject *object)
{
  EyCardDb *self = (EyCardDb *) object;

  for (guint i = 0; i < N_RULE_KINDS; i++)
    g_clear_pointer (&self->rules[i], g_array_unref);
  g_clear_object (&self->types);

  G_OBJECT_CLASS (ey_card_db_parent_class)->finalize (object);
}

static void
ey_card_db_class_init (EyCardDbClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ey_card_db_finalize;
}

static void
ey_card_db_init (EyCardDb *self)
{
  self->types = g_list_store_new (EY_TYPE_CARD_TYPE);
  for (guint i = 0; i < N_RULE_KINDS; i++)
    {
      self->rules[i] = g_array_new (FALSE, TRUE, sizeof (Rule));
      g_array_set_clear_func (self->rules[i], rule_clear);
    }
}

/* ---- hex ---------------------------------------------------------------------- */

/* Parses hex with optional separators (space, ':', '-').  With @mask_out, "." is a
 * wildcard nibble: 0 in the value, 0 in the mask.  Locale-independent. */
static gboolean
parse_hex_pattern (const char  *text,
                   GBytes     **value_out,
                   GBytes     **mask_out)
{
  g_autoptr(GByteArray) value = g_byte_array_new ();
  g_autoptr(GByteArray) mask = g_byte_array_new ();
  guint8 v = 0, m = 0;
  gboolean high = TRUE;

  for (const char *p = text; *p != '\0'; p++)
    {
      int digit;
      guint8 nibble_mask = 0xF;

      if (*p == ' ' || *p == ':' || *p == '-' || *p == '\t' || *p == '\n' || *p == '\r')
        {
          if (!high)
            return FALSE;   /* a separator inside a byte */
          continue;
        }

      if (*p == '.' && mask_out != NULL)
        {
          digit = 0;
          nibble_mask = 0;
        }
      else if ((digit = g_ascii_xdigit_value (*p)) < 0)
        return FALSE;

      if (high)
        {
          v = (guint8) (digit << 4);
          m = (guint8) (nibble_mask << 4);
        }
      else
        {
          v |= (guint8) digit;
          m |= nibble_mask;
          g_byte_array_append (value, &v, 1);
          g_byte_array_append (mask, &m, 1);
        }
      high = !high;
    }

  if (!high || value->len == 0)
    return FALSE;

  *value_out = g_byte_array_free_to_bytes (g_steal_pointer (&value));
  if (mask_out != NULL)
    *mask_out = g_byte_array_free_to_bytes (g_steal_pointer (&mask));
  return TRUE;
}

GBytes *
ey_card_atr_from_hex (const char *hex)
{
  GBytes *bytes = NULL;

  g_return_val_if_fail (hex != NULL, NULL);

  if (!parse_hex_pattern (hex, &bytes, NULL))
    return NULL;
  return bytes;
}

char *
ey_card_atr_to_hex (GBytes *atr)
{
  static const char digits[] = "0123456789ABCDEF";
  const guint8 *data;
  gsize len;
  char *hex;

  g_return_val_if_fail (atr != NULL, NULL);

  data = g_bytes_get_data (atr, &len);
  hex = g_malloc (len * 2 + 1);
  for (gsize i = 0; i < len; i++)
    {
      hex[2 * i] = digits[data[i] >> 4];
      hex[2 * i + 1] = digits[data[i] & 0xF];
    }
  hex[len * 2] = '\0';
  return hex;
}

/* ---- parsing ------------------------------------------------------------------ */

typedef struct
{
  EyCardDb   *db;
  const char *origin;       /* file name, for messages */
  EyCardType *card;         /* the <card> being read, owned by db->types */
  GString    *text;         /* character data of the current leaf element */
  char       *leaf;         /* name of the current leaf element */
  char       *leaf_os;
  char       *leaf_mask;
  gboolean    in_cards;
} ParseState;

static gboolean
set_invalid (GMarkupParseContext  *context,
             ParseState           *state,
             GError              **error,
             const char           *format,
             ...) G_GNUC_PRINTF (4, 5);

static gboolean
set_invalid (GMarkupParseContext  *context,
             ParseState           *state,
             GError              **error,
             const char           *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;
  int line, column;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_markup_parse_context_get_position (context, &line, &column);
  g_set_error (error, EY_CARD_DB_ERROR, EY_CARD_DB_ERROR_INVALID,
               "%s:%d:%d: %s", state->origin, line, column, message);
  return FALSE;
}

static gboolean
parse_os (const char *text,
          EyCardOs   *os)
{
  if (g_strcmp0 (text, "linux") == 0)
    *os = EY_CARD_OS_LINUX;
  else if (g_strcmp0 (text, "windows") == 0)
    *os = EY_CARD_OS_WINDOWS;
  else if (g_strcmp0 (text, "macos") == 0)
    *os = EY_CARD_OS_MACOS;
  else
    return FALSE;
  return TRUE;
}

static gboolean
parse_bool (const char *text,
            gboolean   *value)
{
  if (text == NULL || strcmp (text, "false") == 0)
    *value = FALSE;
  else if (strcmp (text, "true") == 0)
    *value = TRUE;
  else
    return FALSE;
  return TRUE;
}

static gboolean
is_leaf (const char *name)
{
  static const char * const leaves[] = {
    "quirk", "module", "dir", "atr", "atr-text", "historical", NULL
  };

  return g_strv_contains (leaves, name);
}

static void
start_element (GMarkupParseContext  *context,
               const char           *element_name,
               const char          **attribute_names,
               const char          **attribute_values,
               gpointer              user_data,
               GError              **error)
{
  ParseState *state = user_data;

  if (state->leaf != NULL)
    {
      set_invalid (context, state, error, "<%s> may not contain <%s>",
                   state->leaf, element_name);
      return;
    }

  if (strcmp (element_name, "cards") == 0)
    {
      const char *version = NULL;

      if (state->in_cards || state->card != NULL)
        {
          set_invalid (context, state, error, "<cards> may only be the root element");
          return;
        }
      if (!g_markup_collect_attributes (element_name, attribute_names, attribute_values,
                                        error,
                                        G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                        "version", &version,
                                        G_MARKUP_COLLECT_INVALID))
        return;
      if (version != NULL && strcmp (version, "1") != 0)
        {
          set_invalid (context, state, error, "unsupported card DB version “%s”", version);
          return;
        }
      state->in_cards = TRUE;
    }
  else if (strcmp (element_name, "card") == 0)
    {
      const char *id = NULL, *name = NULL;
      const char *translatable = NULL, *nes = NULL, *fallback = NULL;
      gboolean translatable_b, nes_b, fallback_b;
      g_autoptr(EyCardType) card = NULL;

      if (!state->in_cards || state->card != NULL)
        {
          set_invalid (context, state, error, "<card> must be a child of <cards>");
          return;
        }
      if (!g_markup_collect_attributes (element_name, attribute_names, attribute_values,
                                        error,
                                        G_MARKUP_COLLECT_STRING, "id", &id,
                                        G_MARKUP_COLLECT_STRING, "name", &name,
                                        G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                        "translatable", &translatable,
                                        G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                        "nes-signing", &nes,
                                        G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                        "fallback", &fallback,
                                        G_MARKUP_COLLECT_INVALID))
        return;
      if (*id == '\0' || *name == '\0')
        {
          set_invalid (context, state, error, "<card> needs a non-empty id and name");
          return;
        }
      if (ey_card_db_get_type_by_id (state->db, id) != NULL)
        {
          set_invalid (context, state, error, "card id “%s” is used twice", id);
          return;
        }
      if (!parse_bool (translatable, &translatable_b) || !parse_bool (nes, &nes_b) ||
          !parse_bool (fallback, &fallback_b))
        {
          set_invalid (context, state, error,
                       "card “%s”: boolean attributes must be “true” or “false”", id);
          return;
        }
      if (fallback_b && state->db->fallback != NULL)
        {
          set_invalid (context, state, error, "card “%s”: a second fallback card (“%s” is one)",
                       id, ey_card_type_get_id (state->db->fallback));
          return;
        }

      card = _ey_card_type_new (id, name, translatable_b, nes_b, fallback_b);
      g_list_store_append (state->db->types, card);
      state->card = card;
      if (fallback_b)
        state->db->fallback = card;
    }
  else if (is_leaf (element_name))
    {
      const char *os = NULL, *mask = NULL;
      gboolean needs_os = strcmp (element_name, "module") == 0 ||
                          strcmp (element_name, "dir") == 0;

      if (state->card == NULL)
        {
          set_invalid (context, state, error, "<%s> must be inside a <card>", element_name);
          return;
        }
      if (needs_os)
        {
          if (!g_markup_collect_attributes (element_name, attribute_names, attribute_values,
                                            error,
                                            G_MARKUP_COLLECT_STRING, "os", &os,
                                            G_MARKUP_COLLECT_INVALID))
            return;
        }
      else if (strcmp (element_name, "atr") == 0)
        {
          if (!g_markup_collect_attributes (element_name, attribute_names, attribute_values,
                                            error,
                                            G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                            "mask", &mask,
                                            G_MARKUP_COLLECT_INVALID))
            return;
        }
      else if (!g_markup_collect_attributes (element_name, attribute_names, attribute_values,
                                             error, G_MARKUP_COLLECT_INVALID, NULL))
        return;

      state->leaf = g_strdup (element_name);
      state->leaf_os = g_strdup (os);
      state->leaf_mask = g_strdup (mask);
      g_string_truncate (state->text, 0);
    }
  else
    set_invalid (context, state, error, "unknown element <%s>", element_name);
}

static void
add_rule (EyCardDb   *self,
          RuleKind    kind,
          GBytes     *value,
          GBytes     *mask,
          EyCardType *type)
{
  Rule rule = { value, mask, type };

  g_array_append_val (self->rules[kind], rule);
}

static void
end_leaf (GMarkupParseContext  *context,
          ParseState           *state,
          GError              **error)
{
  g_autofree char *text = g_strstrip (g_strdup (state->text->str));
  const char *leaf = state->leaf;
  const char *id = ey_card_type_get_id (state->card);

  if (*text == '\0')
    {
      set_invalid (context, state, error, "card “%s”: empty <%s>", id, leaf);
      return;
    }

  if (strcmp (leaf, "quirk") == 0)
    {
      EyCardQuirks quirk = _ey_card_quirk_from_string (text);

      if (quirk == EY_CARD_QUIRK_NONE)
        set_invalid (context, state, error, "card “%s”: unknown quirk “%s”", id, text);
      else
        _ey_card_type_add_quirks (state->card, quirk);
    }
  else if (strcmp (leaf, "module") == 0 || strcmp (leaf, "dir") == 0)
    {
      EyCardOs os;

      if (!parse_os (state->leaf_os, &os))
        set_invalid (context, state, error,
                     "card “%s”: os must be linux, windows or macos, not “%s”",
                     id, state->leaf_os);
      else if (leaf[0] == 'm')
        _ey_card_type_add_module (state->card, os, text);
      else
        _ey_card_type_add_dir (state->card, os, text);
    }
  else if (strcmp (leaf, "atr") == 0 || strcmp (leaf, "historical") == 0)
    {
      g_autoptr(GBytes) value = NULL;
      g_autoptr(GBytes) mask = NULL;

      if (!parse_hex_pattern (text, &value, &mask))
        {
          set_invalid (context, state, error, "card “%s”: <%s> “%s” is not hex", id, leaf, text);
          return;
        }
      if (state->leaf_mask != NULL)
        {
          g_autoptr(GBytes) explicit_mask = ey_card_atr_from_hex (state->leaf_mask);
          g_autoptr(GByteArray) combined = NULL;
          const guint8 *m1, *m2;
          gsize len;

          if (explicit_mask == NULL ||
              g_bytes_get_size (explicit_mask) != g_bytes_get_size (value))
            {
              set_invalid (context, state, error,
                           "card “%s”: mask “%s” is not hex of the ATR's length", id,
                           state->leaf_mask);
              return;
            }
          m1 = g_bytes_get_data (mask, &len);
          m2 = g_bytes_get_data (explicit_mask, NULL);
          combined = g_byte_array_sized_new (len);
          for (gsize i = 0; i < len; i++)
            {
              guint8 b = m1[i] & m2[i];
              g_byte_array_append (combined, &b, 1);
            }
          g_clear_pointer (&mask, g_bytes_unref);
          mask = g_byte_array_free_to_bytes (g_steal_pointer (&combined));
        }
      add_rule (state->db, leaf[0] == 'a' ? RULE_ATR : RULE_HISTORICAL,
                g_steal_pointer (&value), g_steal_pointer (&mask), state->card);
    }
  else if (strcmp (leaf, "atr-text") == 0)
    {
      /* Byte-wise: protocol data, no case folding. */
      add_rule (state->db, RULE_TEXT, g_bytes_new (text, strlen (text)), NULL, state->card);
    }
  else
    g_assert_not_reached ();
}

static void
end_element (GMarkupParseContext  *context,
             const char           *element_name,
             gpointer              user_data,
             GError              **error)
{
  ParseState *state = user_data;

  if (state->leaf != NULL)
    {
      end_leaf (context, state, error);
      g_clear_pointer (&state->leaf, g_free);
      g_clear_pointer (&state->leaf_os, g_free);
      g_clear_pointer (&state->leaf_mask, g_free);
    }
  else if (strcmp (element_name, "card") == 0)
    state->card = NULL;
  else if (strcmp (element_name, "cards") == 0)
    state->in_cards = FALSE;
}

static void
text (GMarkupParseContext  *context,
      const char           *text_data,
      gsize                 text_len,
      gpointer              user_data,
      GError              **error)
{
  ParseState *state = user_data;

  if (state->leaf != NULL)
    g_string_append_len (state->text, text_data, text_len);
  else
    {
      for (gsize i = 0; i < text_len; i++)
        if (!g_ascii_isspace (text_data[i]))
          {
            set_invalid (context, state, error, "unexpected text outside an element");
            return;
          }
    }
}

static const GMarkupParser parser = {
  start_element, end_element, text, NULL, NULL
};

static EyCardDb *
load (const char  *data,
      gssize       length,
      const char  *origin,
      GError     **error)
{
  g_autoptr(EyCardDb) self = g_object_new (EY_TYPE_CARD_DB, NULL);
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) text_buf = g_string_new (NULL);
  ParseState state = { self, origin, NULL, text_buf, NULL, NULL, NULL, FALSE };

  context = g_markup_parse_context_new (&parser, G_MARKUP_DEFAULT_FLAGS,
                                        &state, NULL);
  if (!g_markup_parse_context_parse (context, data, length, &local_error) ||
      !g_markup_parse_context_end_parse (context, &local_error))
    {
      g_free (state.leaf);
      g_free (state.leaf_os);
      g_free (state.leaf_mask);

      if (local_error->domain == EY_CARD_DB_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, EY_CARD_DB_ERROR, EY_CARD_DB_ERROR_PARSE,
                     "%s: not a well-formed card DB: %s", origin, local_error->message);
      return NULL;
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (self->types)) == 0)
    {
      g_set_error (error, EY_CARD_DB_ERROR, EY_CARD_DB_ERROR_INVALID,
                   "%s: no <cards> with <card> elements", origin);
      return NULL;
    }
  if (self->fallback == NULL)
    {
      g_set_error (error, EY_CARD_DB_ERROR, EY_CARD_DB_ERROR_NO_FALLBACK,
                   "%s: no card has fallback=\"true\" (needed for unknown ATRs)", origin);
      return NULL;
    }

  return g_steal_pointer (&self);
}

EyCardDb *
ey_card_db_new_from_data (const char  *data,
                          gssize       length,
                          GError     **error)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load (data, length, "(data)", error);
}

EyCardDb *
ey_card_db_new_from_file (const char  *path,
                          GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  return load (contents, length, path, error);
}

static EyCardDb *
new_builtin (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize length;

  /* Looked up in our own bundle (not the global registry): in a static library the
   * resource's object file is only linked in when something refers to it. */
  bytes = g_resource_lookup_data (ey_token_get_resource (), CARD_DB_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &length);
  return load (data, length, "resource://" CARD_DB_RESOURCE, error);
}

EyCardDb *
ey_card_db_new_default (GError **error)
{
  const char *override = g_getenv ("EY_CARD_DB");

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (override != NULL && *override != '\0')
    return ey_card_db_new_from_file (override, error);
  return new_builtin (error);
}

EyCardDb *
ey_card_db_get_default (void)
{
  static EyCardDb *shared;

  if (g_once_init_enter (&shared))
    {
      g_autoptr(GError) error = NULL;
      EyCardDb *db = ey_card_db_new_default (&error);

      if (db == NULL)
        {
          g_warning ("Card DB not loaded, using the built-in one: %s", error->message);
          g_clear_error (&error);
          db = new_builtin (&error);
          if (db == NULL)
            g_error ("The built-in card DB is broken: %s", error->message);
        }
      g_once_init_leave (&shared, db);
    }

  return shared;
}

/* ---- lookup ------------------------------------------------------------------- */

static gboolean
masked_equal (const guint8 *data,
              gsize         data_len,
              GBytes       *value,
              GBytes       *mask)
{
  gsize len;
  const guint8 *v = g_bytes_get_data (value, &len);
  const guint8 *m = g_bytes_get_data (mask, NULL);

  if (data_len < len)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if ((data[i] & m[i]) != (v[i] & m[i]))
      return FALSE;
  return TRUE;
}

/* The historical bytes of an ATR (ISO/IEC 7816-3): after TS, T0 and the interface
 * bytes that the Y nibbles announce; T0's low nibble counts them. */
static gboolean
atr_historical_bytes (const guint8  *atr,
                      gsize          len,
                      const guint8 **hist,
                      gsize         *hist_len)
{
  gsize i = 2;
  guint8 y;
  gsize k;

  if (len < 2)
    return FALSE;

  y = atr[1] >> 4;
  k = atr[1] & 0x0F;
  for (;;)
    {
      i += (y & 1) + ((y >> 1) & 1) + ((y >> 2) & 1);
      if ((y & 8) == 0)
        break;
      if (i >= len)
        return FALSE;
      y = atr[i] >> 4;
      i++;
    }
  if (i > len)
    return FALSE;

  *hist = atr + i;
  *hist_len = MIN (k, len - i);
  return TRUE;
}

EyCardType *
ey_card_db_lookup (EyCardDb *self,
                   GBytes   *atr)
{
  const guint8 *data, *hist;
  gsize len, hist_len;
  GArray *rules;

  g_return_val_if_fail (EY_IS_CARD_DB (self), NULL);
  g_return_val_if_fail (atr != NULL, NULL);

  data = g_bytes_get_data (atr, &len);

  rules = self->rules[RULE_ATR];
  for (guint i = 0; i < rules->len; i++)
    {
      Rule *rule = &g_array_index (rules, Rule, i);

      if (g_bytes_get_size (rule->value) == len && masked_equal (data, len, rule->value, rule->mask))
        return rule->type;
    }

  rules = self->rules[RULE_TEXT];
  for (guint i = 0; i < rules->len; i++)
    {
      Rule *rule = &g_array_index (rules, Rule, i);
      gsize needle_len;
      const guint8 *needle = g_bytes_get_data (rule->value, &needle_len);

      if (len > 0 && memmem (data, len, needle, needle_len) != NULL)
        return rule->type;
    }

  if (atr_historical_bytes (data, len, &hist, &hist_len))
    {
      rules = self->rules[RULE_HISTORICAL];
      for (guint i = 0; i < rules->len; i++)
        {
          Rule *rule = &g_array_index (rules, Rule, i);

          if (masked_equal (hist, hist_len, rule->value, rule->mask))
            return rule->type;
        }
    }

  return self->fallback;
}

EyCardType *
ey_card_db_lookup_hex (EyCardDb   *self,
                       const char *atr_hex)
{
  g_autoptr(GBytes) atr = NULL;

  g_return_val_if_fail (EY_IS_CARD_DB (self), NULL);
  g_return_val_if_fail (atr_hex != NULL, NULL);

  atr = ey_card_atr_from_hex (atr_hex);
  if (atr == NULL)
    return NULL;
  return ey_card_db_lookup (self, atr);
}

EyCardType *
ey_card_db_get_fallback (EyCardDb *self)
{
  g_return_val_if_fail (EY_IS_CARD_DB (self), NULL);
  return self->fallback;
}

EyCardType *
ey_card_db_get_type_by_id (EyCardDb   *self,
                           const char *id)
{
  guint n;

  g_return_val_if_fail (EY_IS_CARD_DB (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->types));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EyCardType) type = g_list_model_get_item (G_LIST_MODEL (self->types), i);

      if (strcmp (ey_card_type_get_id (type), id) == 0)
        return type;   /* still owned by the list */
    }
  return NULL;
}

GListModel *
ey_card_db_get_types (EyCardDb *self)
{
  g_return_val_if_fail (EY_IS_CARD_DB (self), NULL);
  return G_LIST_MODEL (self->types);
}
