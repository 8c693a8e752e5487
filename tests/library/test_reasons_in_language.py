"""A build in Russian or Kazakh says why a case failed in that language: the reasons recorded, the progress lines,
the bar and the summary, with only the technical parts (paths, exception names, rule ids) left as they are."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console

from keykis.cli import main
from keykis.cli.build_progress import BarProgress, print_summary
from keykis.errors import CaseFileError
from keykis.library import BuildOptions, BuildReport, build_database
from keykis.library.executors import DaskExecutor, LocalPool
from keykis.library.job import Job
from keykis.model import load_case
from keykis.vocabulary import error_message
from tests.library import standin
from tests.library.conftest import add_case

BOOM = "RuntimeError: the layout engine gave up"
"""The stand-in renderer's exception: technical, never translated."""
WORDS = {
    "ru": {
        "checks": "ошибок проверки: 1; первая в строке ",
        "render": f"вёрстка не удалась: {BOOM}",
        "died": "рабочий процесс аварийно завершился (код выхода 3)",
        "name": ": это имя уже занято папкой ",
        "number": ": номер кейса case-2 уже занят кейсом ",
        "stranger": ": в результате уже есть папка с таким именем и файлами, которые сборка не писала (notes.txt)",
        "timed_out": "не собран за 3 с и остановлен",
        "failed": "ОШИБКА",
        "building": "сборка",
        "built": "собран",
    },
    "kk": {
        "checks": "тексеру қателері: 1; біріншісі ",
        "render": f"беттеу сәтсіз аяқталды: {BOOM}",
        "died": "жұмыс процесі апатты түрде аяқталды (шығу коды 3)",
        "name": ": бұл атау бос емес, оны ",
        "number": ": case-2 кейс нөмірін ",
        "stranger": ": нәтижеде осы атаулы бума бар, онда құрастыру жазбаған файлдар бар (notes.txt)",
        "timed_out": "3 с ішінде жиналмай, тоқтатылды",
        "failed": "ҚАТЕ",
        "building": "жиналуда",
        "built": "жиналды",
    },
}
ENGLISH = re.compile(r"\b(the|is|not|already|used|failed|check|errors?|line|first|worker|process|died|timed|after|"
                     r"rename|folder|number|render|built|building|catalogue|unchanged|output)\b", re.IGNORECASE)
"""English words of the build's own sentences: none is left once the technical parts are taken out."""


def english_left(text: str, *technical: str) -> list[str]:
    """English words in ``text`` outside its technical parts (paths, the ``technical`` texts, rule ids in brackets)."""
    for part in technical:
        text = text.replace(part, " ")
    text = re.sub(r"/[^\s;]+", " ", text)  # a path, the case folder's name (a slug) with it
    return ENGLISH.findall(re.sub(r"\[[a-z0-9-]+\]", " ", text))


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_every_failure_reason_of_a_build_is_in_the_messages_language(db: Path, opts: BuildOptions, tmp_path: Path,
                                                                       lang: str) -> None:
    words = WORDS[lang]
    (db / "broken-yaml").mkdir()
    (db / "broken-yaml" / "case.yaml").write_text("keykis: 1\ntitle: [unclosed\n", encoding="utf-8")
    add_case(db, "fails-checks", replace={"main_actor: ivanov": "main_actor: nobody"})
    add_case(db, "render-error", short_title="boom")
    add_case(db, "crashes", short_title="crash")
    add_case(db, "dup-number", replace={'number: "dup-number"': 'number: "case-2"'})
    add_case(db, "stranger")
    (opts.outdir / "stranger").mkdir(parents=True)
    (opts.outdir / "stranger" / "notes.txt").write_text("an author's notes\n", encoding="utf-8")
    add_case(tmp_path / "more", "case-1")
    opts.messages = lang
    screen = io.StringIO()
    report = build_database([db, tmp_path / "more"], opts, BarProgress(Console(file=screen, width=300), lang))

    failed = {o.slug: o.reason for o in report.outcomes if o.status == "failed"}
    assert sorted(failed) == ["broken-yaml", "case-1", "crashes", "dup-number", "fails-checks", "render-error", "stranger"]
    with pytest.raises(CaseFileError) as raised:
        load_case(db / "broken-yaml" / "case.yaml")
    assert failed["broken-yaml"] == raised.value.where() + error_message(raised.value, lang)
    assert failed["broken-yaml"].startswith(f"{db / 'broken-yaml' / 'case.yaml'}:3:1: ")
    assert failed["fails-checks"].startswith(words["checks"]) and "nobody" in failed["fails-checks"]
    assert failed["render-error"] == words["render"]
    assert failed["crashes"] == words["died"]
    assert failed["case-1"].startswith(f"{tmp_path / 'more' / 'case-1'}{words['name']}")
    assert failed["dup-number"].startswith(f"{db / 'dup-number'}{words['number']}")
    assert failed["stranger"].startswith(f"{opts.outdir / 'stranger'}{words['stranger']}; ")
    for slug, reason in failed.items():
        assert re.search("[а-яәіңғүұқөһ]", reason), (slug, reason)
        assert not english_left(reason, BOOM, "UTF-8", "YAML"), (slug, reason)

    shown = screen.getvalue()
    assert f"{words['failed']} render-error: {words['render']}" in shown
    assert f"{words['failed']} crashes: {words['died']}" in shown
    assert words["building"] in shown and "building" not in shown and "failed" not in shown


@pytest.mark.slow
def test_the_command_line_prints_progress_reasons_and_summary_in_kazakh(db: Path, tmp_path: Path, capsys,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEYKIS_LANG", "kk")
    add_case(db, "render-error", short_title="boom")
    add_case(db, "fails-checks", replace={"main_actor: ivanov": "main_actor: nobody"})
    code = main(["build", str(db), "-o", str(tmp_path / "out"), "--renderer", standin.SPEC, "--executor", "inline"])
    printed = capsys.readouterr()
    err, out = printed.err, " ".join(printed.out.replace("│", " ").split())
    words = WORDS["kk"]
    assert code == 1 and "Traceback" not in err
    assert re.search(rf"\] {words['failed']} +render-error \(\d+\.\d с\): {re.escape(words['render'])}$", err, re.M)
    assert re.search(rf"\] {words['failed']} +fails-checks \(\d+\.\d с\): {words['checks']}", err)
    assert f"render-error {words['render']}" in out and f"каталог {words['built']}" in out
    assert not english_left(err + out, BOOM, "keykis build", "render-error", "fails-checks")


def test_a_catalogue_that_failed_is_said_in_the_messages_language(tmp_path: Path) -> None:
    for lang, said in (("ru", "не собран: OSError: disk full"), ("kk", "жиналмады: OSError: disk full"),
                       ("en", "failed: OSError: disk full")):
        stream = io.StringIO()
        print_summary(BuildReport(tmp_path, catalogue="failed: OSError: disk full"), stream, lang)
        assert said in stream.getvalue()


@pytest.mark.slow
def test_a_worker_past_its_timeout_is_said_in_the_jobs_language(db: Path, opts: BuildOptions) -> None:
    add_case(db, "hangs", short_title="hang")  # the stand-in sleeps a minute; the pool kills it after 3 s
    pool = LocalPool(1, timeout=3, preload=["tests.library.standin"])
    job = Job("hangs", str(db / "hangs"), str(opts.outdir), "k", renderer=standin.render, lang="kk")
    [result] = list(pool.run([job]))
    assert not result.ok and result.reason == WORDS["kk"]["timed_out"]


@pytest.mark.slow
def test_a_case_no_dask_worker_finishes_is_said_in_russian(tmp_path: Path) -> None:
    from distributed import LocalCluster

    add_case(tmp_path / "cases", "stuck", short_title="hang")
    opts = BuildOptions(outdir=tmp_path / "out", renderer=standin.render, messages="ru")
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp",
                      dashboard_address=None) as cluster:
        opts.executor = DaskExecutor(cluster.scheduler_address, timeout=3)
        report = build_database([tmp_path / "cases"], opts)
    [outcome] = report.outcomes
    assert outcome.status == "failed" and outcome.reason.startswith("не собран за 3 с на кластере Dask (")
    assert not english_left(outcome.reason, "Dask")
