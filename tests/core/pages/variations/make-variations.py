#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the variation corpus: harmless rewrites of the recorded pages in
tests/core/pages, each one a way a real site may differ from the simulator
without changing meaning.  test-variations reads every page here and checks
that it is recognised and read the same as the page it came from.

Each rule is written by hand from what browsers accept; none is derived from
the client's site profile.  Run it from this directory after changing a page;
commit its output.

File names: BASE--VARIATION.html, BASE being the original without ".html".
A "--header-…" page has no charset in its markup: the test passes the
charset in the Content-Type header, as a server would.
"""

import glob
import os
import random
import re

HERE = os.path.dirname(os.path.abspath(__file__))
PAGES = os.path.dirname(HERE)

TR_ASCII = str.maketrans("çÇğĞıİöÖşŞüÜâÂîÎûÛ", "cCgGiIoOsSuUaAiIuU")

# Pages that are themselves charset tests keep their own encoding.
SKIP = ("iso-8859-9", "windows-1254", "malformed", "unexpected")

DEFAULT_VARIATIONS = ["upper", "mixed-case", "spaces", "ascii-fold", "header-iso-8859-9",
                      "meta-windows-1254", "wrapped", "extra-forms", "noise"]
ALT_VARIATIONS = ["upper", "spaces", "ascii-fold", "noise"]


def tr_upper(s):
    return s.replace("i", "İ").replace("ı", "I").upper()


def tr_lower(s):
    return s.replace("I", "ı").replace("İ", "i").lower()


def mixed(s):
    words = s.split(" ")
    return " ".join(tr_upper(w) if i % 2 == 0 else tr_lower(w) for i, w in enumerate(words))


def spaces(s, rng):
    # Every single space becomes a run of other white space; entities are
    # written as the site would (&nbsp;), raw U+202F and tabs too.
    out = []
    for ch in s:
        if ch == " ":
            out.append(rng.choice(["  ", "&nbsp;", "\u00a0 ", "\u202f", " \t", "\n  "]))
        else:
            out.append(ch)
    return "".join(out)


def ascii_fold(s):
    return s.translate(TR_ASCII)


TOKEN = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
ENTITY = re.compile(r"(&[#a-zA-Z0-9]+;)")


def map_text(html, fn):
    """Applies fn to text outside tags, comments, scripts, styles, textareas
    and entities; and to the value of submit buttons (their label)."""
    parts = TOKEN.split(html)
    raw = None
    out = []
    for part in parts:
        if part.startswith("<"):
            low = part.lower()
            m = re.match(r"<(script|style|textarea)\b", low)
            if m and raw is None:
                raw = m.group(1)
            elif raw and low.startswith("</" + raw):
                raw = None
            if raw is None and re.match(r"<input\b", low) and re.search(r"type=\"submit\"", low):
                part = re.sub(r'value="([^"]*)"', lambda v: 'value="%s"' % fn(v.group(1)), part)
            out.append(part)
        elif raw is not None or part.strip() == "":
            out.append(part)
        else:
            out.append("".join(p if ENTITY.fullmatch(p) else fn(p) for p in ENTITY.split(part)))
    return "".join(out)


def drop_meta_charset(html):
    html = re.sub(r'<meta charset="[^"]*">\n?', "", html, flags=re.I)
    return re.sub(r'<meta http-equiv="Content-Type"[^>]*>\n?', "", html, flags=re.I)


def wrapped(html):
    html = re.sub(r"<body>", '<body>\n<table class="yerlesim"><tr><td class="sol"></td><td class="orta">'
                  '<div class="kapsayici"><div class="ic">', html, count=1)
    html = re.sub(r"</body>", "</div></div></td></tr></table>\n</body>", html, count=1)
    html = re.sub(r"<form\b", '<div class="kutu"><fieldset><legend>Form</legend><form', html)
    html = re.sub(r"</form>", "</form></fieldset></div>", html)
    html = re.sub(r"(<input\b[^>]*>)", r'<span class="alan"><span>\1</span></span>', html)
    html = re.sub(r"(<h1\b[^>]*>.*?</h1>)", r'<header><div class="baslikKutu">\1</div></header>', html)
    return html


EXTRA_BEFORE = """<form action="ara.go" method="get" id="aramaFormu"><input type="text" name="aranan" value="">\
<input type="hidden" name="dil" value="tr"><input type="submit" name="ara" value="Ara"></form>
<form action="dil.go" method="post"><select name="secilenDil"><option value="tr" selected>Türkçe</option>\
<option value="en">English</option></select><input type="submit" name="dilDegistir" value="Değiştir"></form>
<input type="hidden" name="sayfaKimligi" value="p-42">
"""
EXTRA_AFTER = """<form action="geribildirim.go" method="post"><textarea name="gorus"></textarea>\
<input type="hidden" name="kaynak" value="alt"><button type="submit" name="gonderGorus">Görüş Gönder</button></form>
"""


def extra_forms(html):
    html = re.sub(r"<body>\n?", "<body>\n" + EXTRA_BEFORE, html, count=1)
    html = re.sub(r"</body>", EXTRA_AFTER + "</body>", html, count=1)
    # Hidden fields inside the page's own forms too, as frameworks add them.
    html = re.sub(r"(<form\b[^>]*>)", r'\1<input type="hidden" name="__izleme" value="x9">', html)
    return html


NOISE_SCRIPT = """<script type="text/javascript">
// <form action="sahte.go"><input name="parola"></form> Giriş hata
var mesaj = "<div class='hata'>Oturumunuzun süresi doldu</div>";
if (1 < 2 && "a" > "b") { document.title = "</h1>"; }
</script>
<noscript><p>JavaScript kapalı.</p></noscript>
"""


def noise(html):
    html = re.sub(r"</head>", "<style>/* <h1>Gizli</h1> */ .hata { color: red }</style>\n"
                  "<script src=\"ortak.js\"></script>\n</head>", html, count=1)
    html = re.sub(r"<body>\n?", "<body>\n<!-- <h1>Eski Başlık</h1> <input name=\"smsKodu\"> -->\n"
                  + NOISE_SCRIPT, html, count=1)
    lines = html.split("\n")
    out = []
    inside = None
    for i, line in enumerate(lines):
        out.append(line)
        low = line.lower()
        for tag in ("script", "style", "textarea", "select"):
            if "<" + tag in low and "</" + tag not in low:
                inside = tag
            if inside == tag and "</" + tag in low:
                inside = None
        if inside is None and line.rstrip().endswith(">") and "<body" not in low and i > 3:
            out.append("<!-- n%d: <div class=\"hata\">yorum</div> -->" % i)
    html = "\n".join(out)
    return re.sub(r"</body>", "<script>window.onload = function () { /* </form> */ };</script>\n</body>",
                  html, count=1)


def variation(html, name, rng):
    if name == "upper":
        return map_text(html, tr_upper), "utf-8"
    if name == "mixed-case":
        return map_text(html, mixed), "utf-8"
    if name == "spaces":
        return map_text(html, lambda s: spaces(s, rng)), "utf-8"
    if name == "ascii-fold":
        return map_text(html, ascii_fold), "utf-8"
    if name == "header-iso-8859-9":
        return drop_meta_charset(html), "iso-8859-9"
    if name == "meta-windows-1254":
        html = drop_meta_charset(html)
        html = re.sub(r"<head>\n?", '<head>\n<meta http-equiv="Content-Type" '
                      'content="text/html; charset=windows-1254">\n', html, count=1)
        return html, "windows-1254"
    if name == "wrapped":
        return wrapped(html), "utf-8"
    if name == "extra-forms":
        return extra_forms(html), "utf-8"
    if name == "noise":
        return noise(html), "utf-8"
    raise ValueError(name)


def main():
    for old in glob.glob(os.path.join(HERE, "*.html")):
        os.remove(old)
    for path in sorted(glob.glob(os.path.join(PAGES, "*.html"))):
        base = os.path.basename(path)[:-5]
        if any(s in base for s in SKIP):
            continue
        names = DEFAULT_VARIATIONS if base.startswith("default-") else ALT_VARIATIONS
        with open(path, encoding="utf-8") as f:
            html = f.read()
        for name in names:
            rng = random.Random(base + name)
            text, charset = variation(html, name, rng)
            data = text.encode(charset, errors="xmlcharrefreplace")
            with open(os.path.join(HERE, "%s--%s.html" % (base, name)), "wb") as f:
                f.write(data)


if __name__ == "__main__":
    main()
