/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "ey-text-private.h"
#include "ey-xml-private.h"

char *
_ey_xml_attr (xmlNode    *node,
              const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *)name);
  char *ret;

  if (value == NULL)
    return NULL;
  ret = g_strdup ((const char *)value);
  xmlFree (value);
  return ret;
}

char *
_ey_xml_text (xmlNode *node)
{
  xmlChar *content;
  char *ret;

  if (node == NULL)
    return NULL;
  content = xmlNodeGetContent (node);
  ret = ey_text_normalize ((const char *)content);
  xmlFree (content);
  return ret;
}
