"""Search finds a case by another form of a word its text uses (Russian, Kazakh, English), and only by that word."""

from __future__ import annotations

import sqlite3

import pytest

from keykis.search import search
from keykis.search.live import index_cases
from keykis.search.stems import query_stems, stem
from tests.helpers import CASES

# Each query is a form of a word the case's text (as a student reads it) holds in another form:
# «очередями» for its «очереди», «әкімдігі» for «әкімдігінің» (к/г voicing), «ауылдарда» for «ауылдың».
QUERIES = [
    ("очередями", "ozerny-service-centre"),
    ("кезектер", "zhambyl-public-consent"),
    ("акиматом", "aktobe-akimat-communication"),
    ("акиму", "almaty-city-diplomacy"),
    ("жителю", "ozerny-service-centre"),
    ("кандидатам", "civil-service-recruitment"),
    ("конкурсу", "civil-service-recruitment"),
    ("побратимство", "almaty-city-diplomacy"),
    ("бюджетом", "almaty-city-diplomacy"),
    ("әкімдігі", "aktobe-akimat-communication"),
    ("ауылдарда", "zhambyl-public-consent"),
    ("тұрғындарға", "zhambyl-public-consent"),
    ("бюджетке", "zhambyl-public-consent"),
    ("консультации", "ozerny-service-centre"),
    ("общественности", "aktobe-akimat-communication"),
    ("ауылының", "zhambyl-public-consent"),
    ("queue", "ozerny-service-centre"),
    ("cities", "astana-world-city"),
    ("recruitment", "civil-service-recruitment"),
    ("жителями", "aktobe-akimat-communication"),
]


@pytest.fixture(scope="module")
def bundled() -> sqlite3.Connection:
    conn, skipped = index_cases([CASES])
    assert not skipped
    return conn


@pytest.mark.slow
def test_recall_on_the_cases_own_words(bundled: sqlite3.Connection) -> None:
    found = [q for q, slug in QUERIES if slug in {h.slug for h in search(bundled, q)}]
    assert len(found) == len(QUERIES) == 20, sorted({q for q, _ in QUERIES} - set(found))


@pytest.mark.slow
def test_the_office_is_not_the_official(bundled: sqlite3.Connection) -> None:
    office = {h.slug for h in search(bundled, "акимат")}
    official = {h.slug for h in search(bundled, "акима")}
    assert "aktobe-akimat-communication" in office
    assert {"civil-service-recruitment", "zhambyl-public-consent"} <= official - office


def test_stems_join_forms_and_keep_words_apart() -> None:
    assert stem("очередями", "ru") == stem("очереди", "ru")
    assert stem("әкімдігінің", "kk") == stem("әкімдігі", "kk") == "әкімдік"  # г back to к
    assert stem("орталығы", "kk") == "орталық" and stem("кітабы", "kk") == "кітап"  # ғ to қ, б to п
    assert stem("ауылдарында", "kk") == "ауыл"
    assert stem("акимат", "ru") != stem("акима", "ru") == stem("аким", "ru")
    assert "акимат" in query_stems("акиматом") and "аким" not in query_stems("акиматом")
