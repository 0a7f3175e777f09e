/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * One text normalisation for everything the program compares with what the
 * site or a mail wrote: page recognisers and markers, button labels, error
 * texts, order link texts, mail phrases.  Never locale-dependent: the
 * program runs under tr_TR.UTF-8, where a locale case fold turns "i" into
 * "İ" and "I" into "ı".
 */

/** ey_text_equal_loose: whether @a and @b have the same ey_text_fold() key (%NULL equals only %NULL). */
gboolean  ey_text_equal_loose       (const char *a,
                                     const char *b);

G_END_DECLS
