"""Typing torture: a whole mini case typed into the editor with no waits, under load; where did every key land?

The keys of the keyboard run (``benchmarks/editor_keyboard_run.py``: the research
question and its resource kinds, abstracts, keywords, theory, the boundary,
actors in their forms with drop-downs, the product matrix, relations, the final
list of actors, problems with owners and resource ticks, tasks, values and
goals, solutions with strategies and target actors, the decision grid with a
reason for every score, the metrics, the conclusion, a discipline, a reference
and the case card) are sent into ``keykis edit`` in a real terminal (tmux,
80×24) in bursts of random size (the seed decides), with no wait for the
screen: the only pause is after Escape, as a terminal needs (``ESCDELAY``:
Escape and the next key within 100 ms read as Alt+key). Meanwhile two CPU
burners and a ``dd`` loop load the machine (``--load 0`` for none). Then the
saved ``case.yaml`` is compared, field by field, with what the keys meant; any
other value that differs from the skeleton is listed as a stray.

    python benchmarks/typing_torture.py --lang ru kk --runs 10
    python benchmarks/typing_torture.py --lang ru --runs 1 --load 0   # the short version the tests run
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.editor_keyboard_run import TEXTS, Author, write_case  # noqa: E402
from keykis.yamlsafe import loads  # noqa: E402

ESC_GAP = 0.3
"""Seconds after Escape before the next key (Textual reads Escape and a key within ESCDELAY, 100 ms, as Alt+key)."""
SIZE = (80, 24)
SLUG = "one-bus"


class Recorder:
    """Stands in for the terminal: keeps the keys instead of sending them."""

    def __init__(self) -> None:
        self.tokens: list[tuple[str, str]] = []
        """("key", tmux key name) or ("text", literal text)."""

    def keys(self, *keys: str) -> None:
        self.tokens += [("key", k) for k in keys]

    def type(self, text: str) -> None:
        self.tokens.append(("text", text))

    def screen(self) -> str:
        return ""

    def wait_for(self, pattern: str, timeout: float = 0) -> bool:
        return True


class Typist(Author):
    """The keyboard run's author, with every wait taken out."""

    def shot(self, title: str) -> None:
        pass

    def goto(self, n: int) -> None:
        while self.page != n:
            self.t.keys("C-n" if self.page < n else "C-b")
            self.page += 1 if self.page < n else -1


def case_keys(lang: str) -> list[tuple[str, str]]:
    """Every key of the mini case, in order, ending with save and quit."""
    rec = Recorder()
    write_case(Typist(rec, lang), TEXTS[lang])  # type: ignore[arg-type]
    rec.keys("C-s", "C-q")
    return rec.tokens


def bursts(tokens: list[tuple[str, str]], seed: int) -> list[list[tuple[str, str]]]:
    """Cut the keys into bursts of 1–60 keys (texts count as one); a burst ends at every Escape."""
    rnd = random.Random(seed)
    out: list[list[tuple[str, str]]] = [[]]
    size = rnd.randint(1, 60)
    for token in tokens:
        out[-1].append(token)
        if token == ("key", "Escape") or len(out[-1]) >= size:
            out.append([])
            size = rnd.randint(1, 60)
    return [b for b in out if b]


def send(session: str, burst: list[tuple[str, str]]) -> None:
    """One tmux call for the whole burst: the keys reach the terminal back to back."""
    cmd: list[str] = ["tmux"]
    for kind, value in burst:
        if len(cmd) > 1:
            cmd.append(";")
        cmd += ["send-keys", "-t", session, *(["-l", value] if kind == "text" else [value])]
    subprocess.run(cmd, check=True)


# -- what the keys meant -----------------------------------------------------------------------------------------
def intended(t: dict[str, str]) -> dict[str, Any]:
    """Dotted path → the value the keys were meant to leave there."""
    words = lambda key: [w.strip() for w in t[key].split(";")]  # noqa: E731
    return {
        "title": t["question"],
        "matrix.questions.items.0.text": t["question"],
        "matrix.questions.items.0.resources": ["time", "materials"],
        "abstract.ru.draft": t["abstract_ru"], "abstract.kk.draft": t["abstract_kk"], "abstract.en.draft": t["abstract_en"],
        "keywords.ru": words("keywords_ru"), "keywords.kk": words("keywords_kk"), "keywords.en": words("keywords_en"),
        "theory": t["theory"],
        "boundary.description": t["boundary"], "boundary.difficulty": t["difficulty"],
        "actors.0.name": t["main_name"], "actors.0.role": t["main_role"],
        "actors.1.name": t["a2"], "actors.1.environment": "internal", "actors.1.kind": "group",
        "actors.2.name": t["a3"], "actors.2.environment": "external", "actors.2.kind": "group",
        "objects.0.name": t["object"], "objects.0.environment": "internal", "objects.0.owner": "main",
        "activity.product_matrix.0.text": t["product"], "activity.product_matrix.0.product": "services",
        "activity.product_matrix.0.activity": "main",
        "relations.0.from": "main", "relations.0.to": "a2", "relations.0.type": "control", "relations.0.label": t["r1"],
        "relations.1.from": "a3", "relations.1.to": "main", "relations.1.type": "information",
        "relations.1.label": t["r2"],
        "external_models": t["models"],
        "characters": ["main", "a2", "a3"],
        **{f"matrix.problems.items.{i}.{k}": v for i, (pid, owner, res) in enumerate(
            (("p1", "main", ["time", "materials"]), ("p2", "a2", ["time"]), ("p3", "a3", ["time"])))
           for k, v in (("text", t[pid]), ("owner", owner), ("resources", res))},
        "matrix.problems.items.0.contradiction.text": t["c1"],
        "matrix.problems.items.0.contradiction.between": ["time", "materials"],
        "matrix.problems.chosen": "p1",
        "matrix.tasks.items.0.text": t["t1"], "matrix.tasks.items.0.problem": "p1",
        "matrix.tasks.items.0.what": t["t1_what"], "matrix.tasks.items.0.who": "main",
        "matrix.tasks.items.0.when": t["t1_when"], "matrix.tasks.items.0.where": t["t1_where"],
        "matrix.tasks.items.0.how_much": t["t1_much"], "matrix.tasks.items.0.resources": ["time"],
        "matrix.tasks.items.1.text": t["t2"], "matrix.tasks.items.1.problem": "p1",
        "matrix.tasks.items.1.resources": ["time"],
        "matrix.tasks.chosen": "t1",
        "time_place.time": t["time"], "time_place.place": t["place"],
        "values.0.text": t["value"], "goals.0.text": t["goal"],
        **{f"matrix.solutions.items.{i}.{k}": v for i, (sid, task, strategy, target, res) in enumerate(
            (("s1", "t1", "cooperation", "a3", "time"), ("s2", "t1", "cooperation", "a3", "materials"),
             ("s3", "t1", "accommodation", "a2", "time"), ("s4", "t2", "compromise", "a3", "technology")))
           for k, v in (("text", t[sid]), ("task", task), ("strategy", [strategy]), ("directed_at", [target]),
                        ("resources", [res]))},
        **{f"decision.scores.{sid}.{col}": {"score": score, "reason": t[f"{sid}{'g' if col == 'g1' else 'v'}"]}
           for sid, (g, v) in (("s1", (2, 2)), ("s2", (1, 1)), ("s3", (-1, -1)))
           for col, score in (("g1", g), ("v1", v))},
        "matrix.solutions.chosen": "s1", "decision.choice_reason": t["reason"],
        **{f"metrics.{m}.{k}": v for m, key in (("observability", "obs"), ("controllability", "con"), ("manageability", "man"))
           for k, v in (("text", t[key]), ("indicators", [t[f"{key}_i"]]))},
        "conclusion": t["conclusion"],
        "abstract.ru.final": t["final_ru"], "abstract.kk.final": t["final_kk"], "abstract.en.final": t["final_en"],
        "disciplines.0.name": t["discipline"], "disciplines.0.courses": [t["courses"]],
        "references.0.text": t["reference"], "acknowledgements": t["thanks"],
        "meta.short_title": t["short"], "meta.authors.0.name": t["author"],
    }


def flat(data: Any, prefix: str = "") -> dict[str, Any]:
    """Dotted path → leaf (lists of scalars are leaves)."""
    if isinstance(data, dict):
        out: dict[str, Any] = {}
        for k, v in data.items():
            out.update(flat(v, f"{prefix}{k}."))
        return out
    if isinstance(data, list) and any(isinstance(v, (dict, list)) for v in data):
        out = {}
        for i, v in enumerate(data):
            out.update(flat(v, f"{prefix}{i}."))
        return out
    return {prefix.rstrip("."): data}


def get(data: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        if isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        elif isinstance(data, dict) and part in data:
            data = data[part]
        else:
            return None
    return data


def norm(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


@dataclass
class Result:
    lang: str
    seed: int
    fields: int = 0
    wrong: list[tuple[str, Any, Any]] = field(default_factory=list)
    strays: list[tuple[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    keys: int = 0
    bursts: int = 0
    error: str = ""

    @property
    def ok(self) -> bool:
        return not (self.wrong or self.strays or self.error)


def compare(saved: dict[str, Any], skeleton: dict[str, Any], want: dict[str, Any], result: Result) -> None:
    """Fill ``result`` with the fields that differ from what was meant, and values nobody typed."""
    result.fields = len(want)
    for path, value in want.items():
        got = get(saved, path)
        if isinstance(value, dict):
            got = {k: norm(got.get(k)) for k in value} if isinstance(got, dict) else got
            value = {k: norm(v) for k, v in value.items()}
        if norm(got) != norm(value):
            result.wrong.append((path, value, got))
    base = flat(skeleton)
    for path, value in flat(saved).items():
        meant = any(path == p or path.startswith(p + ".") for p in want)
        if meant or base.get(path) == value or path.endswith(".id") or path.split(".")[0] in ("reflection",):
            continue
        if path.startswith(("opening.", "card.")) and base.get(path) == value:
            continue
        result.strays.append((path, value))


# -- load ----------------------------------------------------------------------------------------------------------
def burners(n_cpu: int, folder: Path) -> list[subprocess.Popen[bytes]]:
    """``n_cpu`` busy loops and one disk writer, until stopped."""
    procs = [subprocess.Popen([sys.executable, "-c", "while 1: pass"]) for _ in range(n_cpu)]
    if n_cpu:
        procs.append(subprocess.Popen(["sh", "-c", f"while :; do dd if=/dev/zero of={folder}/dd.bin bs=1M count=64 "
                                       "conv=fsync 2>/dev/null; done"]))
    return procs


def stop(procs: list[subprocess.Popen[bytes]]) -> None:
    for p in procs:
        p.terminate()
    for p in procs:
        p.wait(timeout=10)


# -- one run -------------------------------------------------------------------------------------------------------
def run_once(lang: str, seed: int, *, timeout: float = 900.0, keep: Path | None = None) -> Result:
    """Type the mini case in ``lang`` with the bursts of ``seed``; compare the saved file with the intent."""
    result = Result(lang, seed)
    tokens = case_keys(lang)
    chunks = bursts(tokens, seed)
    result.keys = sum(len(v) if k == "text" else 1 for k, v in tokens)
    result.bursts = len(chunks)
    with tempfile.TemporaryDirectory(prefix=f"keykis-torture-{lang}-") as tmp:
        folder = Path(tmp)
        env = f"PYTHONPATH={ROOT} KEYKIS_STATE_DIR={folder / 'state'}"
        keykis = f"{env} {sys.executable} -m keykis"
        subprocess.run(f"{keykis} new {SLUG} --lang {lang}", shell=True, cwd=folder, check=True, capture_output=True)
        case = folder / "cases" / SLUG / "case.yaml"
        skeleton = loads(case.read_text(encoding="utf-8"))
        done = folder / "done"
        session = f"keykis-torture-{os.getpid()}-{lang}-{seed}"
        width, height = SIZE
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True, check=False)
        subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", str(width), "-y", str(height),
                        f"cd {folder} && {keykis} edit cases/{SLUG} --lang {lang}; touch {done}; sleep 600"],
                       check=True)
        started = time.monotonic()
        try:
            end = time.monotonic() + 60
            while "1/25" not in _screen(session) and time.monotonic() < end:  # the editor is up: typing starts
                time.sleep(0.1)
            started = time.monotonic()
            for chunk in chunks:
                send(session, chunk)
                if chunk[-1] == ("key", "Escape"):
                    time.sleep(ESC_GAP)
            end = time.monotonic() + timeout
            while not done.exists() and time.monotonic() < end:
                time.sleep(0.2)
            result.seconds = time.monotonic() - started
            if not done.exists():
                result.error = "the editor did not quit: " + _screen(session).replace("\n", " | ")[-300:]
        finally:
            subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True, check=False)
        text = case.read_text(encoding="utf-8")
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
            (keep / f"{lang}-{seed}.yaml").write_text(text, encoding="utf-8")
        compare(loads(text), skeleton, intended(TEXTS[lang]), result)
    return result


def _screen(session: str) -> str:
    return subprocess.run(["tmux", "capture-pane", "-t", session, "-p"], capture_output=True, text=True,
                          check=False).stdout


def _short(value: Any, n: int = 34) -> str:
    s = " ".join(str(value).split())
    return s if len(s) <= n else s[: n - 1] + "…"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lang", nargs="+", default=["ru", "kk"])
    parser.add_argument("--runs", type=int, default=10, help="seeds per language (1, 2, …)")
    parser.add_argument("--load", type=int, default=2, help="CPU burners (plus one dd loop when > 0)")
    parser.add_argument("--keep", type=Path, default=None, help="copy each saved case.yaml here")
    args = parser.parse_args()
    if not shutil.which("tmux"):
        print("tmux is needed", file=sys.stderr)
        return 2
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="keykis-torture-load-") as tmp:
        load = burners(args.load, Path(tmp))
        try:
            for lang in args.lang:
                for seed in range(1, args.runs + 1):
                    r = run_once(lang, seed, keep=args.keep)
                    results.append(r)
                    state = "pass" if r.ok else "FAIL"
                    print(f"{lang} seed {seed}: {state} — {r.fields - len(r.wrong)}/{r.fields} fields, "
                          f"{len(r.strays)} stray, {r.keys} keys in {r.bursts} bursts, {r.seconds:.0f} s"
                          + (f" ({r.error})" if r.error else ""), flush=True)
                    for path, want, got in r.wrong:
                        print(f"    {path:<42} meant {_short(want)!s:<36} saved {_short(got)}")
                    for path, got in r.strays:
                        print(f"    {path:<42} stray {_short(got)}")
        finally:
            stop(load)
    print()
    print("| language | runs passed | fields right | strays | keys per run | seconds per run (median) |")
    print("|---|---|---|---|---|---|")
    for lang in args.lang:
        rs = [r for r in results if r.lang == lang]
        secs = sorted(r.seconds for r in rs)
        print(f"| {lang} | {sum(r.ok for r in rs)}/{len(rs)} | {sum(r.fields - len(r.wrong) for r in rs)}/"
              f"{sum(r.fields for r in rs)} | {sum(len(r.strays) for r in rs)} | {rs[0].keys} | "
              f"{secs[len(secs) // 2]:.0f} |")
    print(f"\nload: {args.load} CPU burner(s)" + (" and a dd loop" if args.load else "") + f"; {os.cpu_count()} CPUs; "
          f"load average at the end {os.getloadavg()[0]:.1f}")
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
