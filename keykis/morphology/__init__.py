"""Reading Russian, Kazakh and English text as language, for the method's language rules.

- ``script``: Latin look-alike letters in Cyrillic words (folded before analysis, reported as mixed script).
- ``russian``: lemmas and grammemes from pymorphy3 and its Russian dictionary (loaded lazily, once).
- ``kazakh``: a small suffix grammar with vowel harmony variants and consonant changes
  (docs/language.md says why it is ours).
- ``names``: every form of a real name — Russian inflection, Kazakh suffix chains, Latin transliteration.
- ``stems``: search keys of a word (lemmas, Kazakh stems, light English stems) for the site's offline search.
- ``decides``: who decides in a sentence — a concrete person, or an institution (core idea 2).
"""
