"""Kazakh hyphenation: the shipped patterns, on words from the Kazakh source articles and in a PDF."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from keykis.render.hyphenation import CONSONANTS, DICTIONARY, VOWELS, hyphenate, patterns
from tests.helpers import DATA

WORDS = [w for w in (DATA / "kazakh-words.txt").read_text(encoding="utf-8").split("\n") if w and not w.startswith("#")]


def test_the_shipped_dictionary_is_the_generated_one() -> None:
    assert DICTIONARY.read_text(encoding="utf-8") == patterns()


@pytest.mark.parametrize("word, expected", [
    ("мемлекеттік", "мем-ле-кет-тік"), ("басқару", "бас-қа-ру"), ("қызметшілердің", "қыз-мет-ші-лер-дің"),
    ("ынтымақтастық", "ын-ты-мақ-тас-тық"), ("Қаракемер", "Қа-ра-ке-мер"), ("айтты", "айт-ты"),
    ("стратегия", "стра-те-гия"), ("жергілікті", "жер-гі-лік-ті"), ("тілін", "ті-лін"),
])
def test_words_break_between_syllables(word: str, expected: str) -> None:
    assert hyphenate(word) == expected


def test_every_part_of_every_seed_word_is_a_syllable() -> None:
    assert len(WORDS) >= 300
    broken = 0
    for word in WORDS:
        parts = hyphenate(word).split("-")
        broken += len(parts) > 1
        for i, part in enumerate(parts):
            assert any(ch in VOWELS for ch in part), (word, parts)
            assert len(part) >= 2, (word, parts)
            if i:
                assert not (part[0] in CONSONANTS and part[1] in CONSONANTS), (word, parts)
    assert broken >= 0.95 * len(WORDS)


def test_kazakh_text_is_hyphenated_in_print(tmp_path: Path) -> None:
    from keykis.render.engine import PdfJob, write_pdf

    words = " ".join(WORDS[:120])
    html = (f'<html lang="kk"><body><p style="width: 60mm; text-align: justify; hyphens: auto">{words}</p>'
            f'<p lang="kk-KZ" style="width: 60mm; hyphens: auto">{words}</p></body></html>')
    write_pdf(PdfJob(html=html, target=tmp_path / "kk.pdf"))
    lines = subprocess.run(["pdftotext", str(tmp_path / "kk.pdf"), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\n")
    ends = [ln for ln in lines if ln.strip()]
    hyphenated = [ln for ln in ends if ln.rstrip().endswith(("-", "\u2010"))]
    assert len(hyphenated) >= len(ends) / 5, (len(hyphenated), len(ends))
