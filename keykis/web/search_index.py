"""The site's offline search index: search keys -> cases, written as one script file.

Each case contributes a table of its keys with weights (a word of the title
counts 10, of the keywords 5, of the disciplines and setting 3, of the
handout 1) and the forms it holds with their keys. The site's
``search-index.js`` sets ``window.keykisIndex`` to the union, so the search
works from the files themselves (``file://`` too: a ``<script>`` is not a
fetch) without a server.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

from keykis.morphology.stems import WORD, grammar, keys

WEIGHTS = {"title": 10, "keywords": 5, "facets": 3, "body": 1}


def case_terms(parts: Iterable[tuple[str, str, str]]) -> dict[str, Any]:
    """Keys with weights and forms with keys of one case, from (part, language, text) pieces."""
    weights: Counter[str] = Counter()
    forms: dict[str, list[str]] = {}
    for part, lang, text in parts:
        for match in WORD.finditer(text):
            word = match.group(0)
            found = keys(word, lang)
            for k in found:
                weights[k] += WEIGHTS[part]
            if list(found) != [word.lower()]:
                forms[word.lower()] = list(found)
    return {"keys": dict(sorted(weights.items())), "forms": dict(sorted(forms.items()))}


def index_script(docs: list[dict[str, str]], terms: list[dict[str, Any]]) -> str:
    """The text of ``search-index.js`` for ``docs`` (url, title, language, line) and their ``terms``."""
    postings: dict[str, list[int]] = {}
    forms: dict[str, list[str]] = {}
    for n, t in enumerate(terms):
        for key, weight in t.get("keys", {}).items():
            postings.setdefault(key, []).extend((n, int(weight)))
        for form, ks in t.get("forms", {}).items():
            known = forms.setdefault(form, [])
            known.extend(k for k in ks if k not in known)
    data = {"docs": docs, "keys": dict(sorted(postings.items())), "forms": dict(sorted(forms.items())),
            "grammar": grammar()}
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return "window.keykisIndex = " + body.replace("</", "<\\/") + ";\n"
