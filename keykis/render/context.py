"""What the templates see: a public view of the case plus the words around it.

The templates get plain data and a few small helpers (an actor's public
name, a resource kind's name…), never the raw case with real names. One
``EditionContext`` serves the student edition, the teacher edition and the
graph page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from keykis.check.rules import decision
from keykis.graph import fan_matrix
from keykis.method import Step, method, name
from keykis.model import Case, value_at
from keykis.render.labels import editions
from keykis.render.markup import plain
from keykis.vocabulary import LANGS, known, label, say, section

FAN_MATRIX_MAX_ACTORS = 40
"""Above this many actors the actor × actor table is left out of the case (its cells would not fit a page)."""


@dataclass
class Abstract:
    """The abstract and keywords in one language."""

    lang: str
    heading: str
    text: str
    keywords_heading: str
    keywords: list[str]
    title: str


@dataclass
class StepView:
    """One step of the algorithm as an edition prints it."""

    n: int
    id: str
    title: str
    narrative: str
    filled: bool
    """Whether the case has anything for this step (prose or data)."""


@dataclass
class StoryPart:
    """One part of the student handout's story (``handout`` in templates/editions.yaml)."""

    id: str
    """``background``, ``protagonist``, ``people``…: the heading is vocabulary ``edition.h_<id>``."""
    heading: str
    texts: list[str]
    """The prose of the part's steps, in order (only those with text)."""
    fields: list[str]
    """What the part prints besides the prose: ``time_place``, ``boundary``, ``actors``, ``graph``."""


@dataclass
class EditionContext:
    """Everything a template needs to print one edition of a case."""

    case: Case
    """The public case (aliases applied)."""
    lang: str
    """Language of the headings and captions."""
    L: dict[str, str]
    """The edition's words in ``lang`` (vocabulary section ``edition``), as ``L.abstract`` in templates."""
    title: str
    short_title: str
    authors: list[dict[str, Any]]
    abstracts: list[Abstract]
    introduction: list[StepView]
    """Steps whose prose opens the student edition (title, abstract, keywords), only those with prose."""
    student_steps: list[StepView]
    teacher_steps: list[StepView]
    back_matter: list[str]
    research_steps: list[StepView]
    """Every step the research edition prints, in the method's order."""
    story: list[StoryPart]
    """The parts of the student handout, in the story's order."""
    synopsis: str
    """The synopsis in ``lang`` (or the case's language): what the handout and the catalogue say about the case."""
    keywords_meta: str
    show_contents: bool
    graph_url: str = ""
    """The concept graph drawn for its own page."""
    figure_url: str = ""
    """The concept graph as a figure among the case's text."""
    graph_landscape: bool = False
    graph_box_mm: float = 0.0
    """Height of the drawing on the graph page in mm (0: let the page decide)."""
    """Whether the concept graph is wider than tall (its own page turns landscape)."""
    fan_url: str = ""
    citations: dict[str, int] = field(default_factory=dict)
    exhibits: dict[str, str] = field(default_factory=dict)
    """Appendix id → the exhibit's name as the text cites it («приложение 2», "Exhibit 2")."""
    """Reference id -> its number in the printed list, for ``[ref-id]`` in text."""
    fan_order: list[str] = field(default_factory=list)
    fan_cells: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    """Cells of the fan matrix: relation names, or their short codes when the columns are narrow."""
    fan_legend: list[tuple[str, str]] = field(default_factory=list)
    """(code, relation name) for the codes used in ``fan_cells``; empty when cells carry full names."""
    fan_wide_heads: bool = True
    """Whether the row heads take the wider share of the table (few actors)."""
    printed_ids: dict[str, str] = field(default_factory=dict)
    """Item id -> what the editions print for it (``s1`` -> ``Р1``, ``d2`` -> ``2``), for ids in prose."""
    relations: list[tuple[int, str, str, str, str]] = field(default_factory=list)
    """Numbered edges of the concept graph: (number, from, to, relation name, the case's label)."""
    relation_lines: list[tuple[str, Any]] = field(default_factory=list)
    """The legend of the concept graph: (relation type's name, its :class:`~keykis.render.graph_dot.Line`)."""

    # helpers the templates call ---------------------------------------
    @property
    def number(self) -> str:
        """The case's number in the catalogue (``meta.number``, or derived from its id)."""
        from keykis.model import case_number

        return case_number(self.case)

    @property
    def draft(self) -> bool:
        """Whether the case is not finished: it prints with a draft mark and without a number."""
        return not self.case.complete

    @property
    def copyright(self) -> str:
        """«© 2026 Authors», the year of the revision (or of the events)."""
        year = str(self.case.meta.get("revision") or "")[:4] or str((self.case.meta.get("setting") or {}).get("year") or "")
        holder = "; ".join(str(a.get("name")) for a in self.authors if a.get("name"))
        return say("edition.copyright", self.lang, year=year, holder=holder).strip() if holder else ""

    @property
    def licence(self) -> str:
        """The licence line («Лицензия: CC BY 4.0.»), or «All rights reserved.» with whom to ask for permission."""
        given = str(self.case.meta.get("licence") or "").strip()
        if given and given.lower() not in ("all rights reserved", "all-rights-reserved"):
            return say("edition.licence_line", self.lang, licence=given)
        who = str(self.case.meta.get("permissions") or "").strip()
        return self.L["all_rights"] + (" " + say("edition.permissions_line", self.lang, who=who) if who else "")

    def resource_table(self) -> dict[str, Any]:
        """Table 1 of the method for the chosen problem, task and solution: eight kinds in two types.

        ``{"columns": [(field, code)], "groups": [(type name, [(kind name, [marks per column])])]}``;
        a mark is ``✓`` when the item is stated in that kind (``resources``), or when the problem's
        contradiction lies between that kind and another (``×``).
        """
        m = method()
        chosen = [(f, self.case.chosen(f) or {}) for f in ("problems", "tasks", "solutions")]
        columns = [(self.field_name(f)[:-1] if self.lang == "en" else self.field_name(f), self.code(f, it.get("id")))
                   for f, it in chosen]
        between = set(((chosen[0][1].get("contradiction") or {}).get("between")) or [])
        groups = []
        for type_id, entry in m.resource_types.items():
            rows = []
            for kind_id, kind in m.resource_kinds.items():
                if kind.get("type") != type_id:
                    continue
                marks = []
                for i, (_, it) in enumerate(chosen):
                    mark = "✓" if kind_id in (it.get("resources") or []) else ""
                    if i == 0 and kind_id in between:
                        mark = "×" if not mark else "✓ ×"
                    marks.append(mark)
                rows.append((name(kind, self.lang), marks))
            groups.append((name(entry, self.lang), rows))
        return {"columns": columns, "groups": groups}

    def code(self, field_id: str, item_id: Any) -> str:
        """The printed number of a matrix item (``П3``), the same in tables, text and Figure 1."""
        from keykis.render.graph_dot import item_code

        for i, it in enumerate(self.case.items(field_id)):
            if it.get("id") == item_id:
                return item_code(field_id, i, self.lang)
        return ""

    def criterion_code(self, criterion_id: Any) -> str:
        """The printed name of a goal or value: «Цель 1», «Ценность 2»; "Goal 1", "Value 2"."""
        for key in ("goals", "values"):
            ids = [v.get("id") for v in self.get(key, []) or [] if isinstance(v, dict)]
            if criterion_id in ids:
                return self.L[key[:-1] + "_code"].format(n=ids.index(criterion_id) + 1)
        return ""

    def enum(self, kind: str, value: Any) -> str:
        """The printed word of an enum value of the case file (``level: civil-service`` -> «повышение квалификации…»)."""
        kind = "language" if kind == "languages" else kind
        if known(f"enum.{kind}.{value}"):
            return label(kind, str(value), self.lang)
        return str(value) if isinstance(value, int) else ""

    def objective_no(self, objective_id: Any) -> int:
        """The printed number of a learning objective (main ones first), 0 when unknown."""
        objectives = self.get("guidelines.objectives", {}) or {}
        ids = [o.get("id") for part in ("main", "auxiliary") for o in objectives.get(part) or [] if isinstance(o, dict)]
        return ids.index(objective_id) + 1 if objective_id in ids else 0

    def question_no(self, question_id: Any) -> int:
        """The printed number of a discussion question, 0 when unknown."""
        ids = [q.get("id") for q in self.get("guidelines.questions", []) or [] if isinstance(q, dict)]
        return ids.index(question_id) + 1 if question_id in ids else 0

    def links(self, objectives: Any, questions: Any) -> str:
        """Objectives and questions a plan row serves, by number: «цели 1, 2; вопросы 3»."""
        parts = []
        obj = [str(n) for n in (self.objective_no(o) for o in objectives or []) if n]
        qs = [str(n) for n in (self.question_no(q) for q in questions or []) if n]
        if obj:
            parts.append(f"{self.L['objectives_short']} {', '.join(obj)}")
        if qs:
            parts.append(f"{self.L['questions_short']} {', '.join(qs)}")
        return "; ".join(parts)

    def relation_columns(self, columns: int) -> list[list[tuple[int, str, str, str, str]]]:
        """:attr:`relations` cut into ``columns`` lists of about the same height, printed side by side."""
        from keykis.render.graph_dot import key_columns

        return key_columns(self.relations, columns)

    def actor(self, actor_id: Any) -> str:
        """The public name of an actor id (the id itself when unknown)."""
        return self.case.public_name(str(actor_id))

    def actors_in(self, environment: str) -> list[Any]:
        """Actors of one environment, in file order."""
        return [a for a in self.case.actors().values() if a.environment == environment]

    def cast(self, environment: str) -> list[Any]:
        """The characters (step 11's final list; every actor when there is none) of one environment."""
        final = set(self.case.characters())
        return [a for a in self.actors_in(environment) if not final or a.id in final]

    def actor_entry(self, actor_id: str) -> dict[str, Any]:
        """The actor's raw entry (for description and activity)."""
        return next((a for a in self.case.data.get("actors") or [] if a.get("id") == actor_id), {})

    def objects_in(self, environment: str) -> list[dict[str, Any]]:
        """Objects of one environment."""
        return [o for o in self.case.data.get("objects") or [] if isinstance(o, dict) and o.get("environment") == environment]

    def resources(self, ids: Any) -> str:
        """Names of resource kinds, comma separated."""
        kinds = method().resource_kinds
        return ", ".join(name(kinds[i], self.lang) for i in ids or [] if i in kinds)

    def strategies(self, ids: Any) -> str:
        """Names of strategies joined with ' + '."""
        strategies = method().strategies
        return " + ".join(name(strategies[i], self.lang) for i in ids or [] if i in strategies)

    def field_name(self, field_id: str) -> str:
        """The name of a matrix field (``problems`` -> «проблемы»), capitalised."""
        entry = next((f for f in method().matrix["fields"] if f["id"] == field_id), {"id": field_id})
        text = name(entry, self.lang)
        return text[:1].upper() + text[1:]

    def get(self, dotted: str, default: Any = None) -> Any:
        """A value of the public case by dotted path (``guidelines.session.plan``)."""
        value = value_at(self.case.data, dotted)
        return default if value is None else value

    def score(self, solution_id: str, criterion_id: str) -> dict[str, Any] | None:
        """The decision-matrix cell of a solution and a goal or value."""
        cell = (self.get("decision.scores", {}) or {}).get(solution_id, {}).get(criterion_id)
        return cell if isinstance(cell, dict) else None

    def total(self, solution_id: str) -> int:
        """Sum of a solution's scores (as the decision checks count it)."""
        return self.case.total(str(solution_id))

    def other_matrices(self) -> list[dict[str, Any]]:
        """The decision matrices besides the main one (step 19: marketing, management, finance...)."""
        return [m for m in decision.matrices(self.case) if m["at"][:2] == ("decision", "matrices")]

    def matrix_total(self, matrix: dict[str, Any], solution_id: str) -> int:
        """Sum of a solution's scores in one of the other matrices."""
        return decision.total(matrix["scores"].get(str(solution_id), {}))

    def decision_rows(self) -> list[dict[str, Any]]:
        """Solutions of the decision matrix: those scored, and those of the chosen task.

        The same set the decision checks weigh (``keykis.check.rules.decision``);
        solutions of other tasks that nobody scored are not rows of the matrix.
        """
        scored = self.case.scores()
        task = self.case.chosen("tasks")
        tid = task.get("id") if task else None
        return [s for s in self.case.items("solutions")
                if str(s.get("id")) in scored or s.get("task", tid) == tid]


def _printed_ids(ctx: EditionContext) -> dict[str, str]:
    """Every id the case declares for an item, goal, value, objective, question or assignment -> its printed form."""
    out: dict[str, str] = {}
    for f in ("questions", "problems", "tasks", "solutions"):
        for it in ctx.case.items(f):
            if isinstance(it.get("id"), str):
                out[it["id"]] = ctx.code(f, it["id"])
    for key in ("goals", "values"):
        for v in ctx.get(key, []) or []:
            if isinstance(v, dict) and isinstance(v.get("id"), str):
                out[v["id"]] = ctx.criterion_code(v["id"])
    g = ctx.get("guidelines", {}) or {}
    for n, o in enumerate([o for part in ("main", "auxiliary") for o in (g.get("objectives") or {}).get(part) or []], 1):
        if isinstance(o, dict) and isinstance(o.get("id"), str):
            out[o["id"]] = str(n)
    for key in ("questions", "assignments"):
        for n, q in enumerate(g.get(key) or [], 1):
            if isinstance(q, dict) and isinstance(q.get("id"), str):
                out[q["id"]] = str(n)
    return {k: v for k, v in out.items() if v}


def _steps(case: Case, ids: list[str], lang: str) -> list[StepView]:
    steps: list[Step] = [s for s in method().steps if s.id in ids]
    out = []
    for s in steps:
        text = case.narrative(s.id)
        filled = bool(text.strip()) or any(value_at(case.data, f) for f in s.fields)
        out.append(StepView(s.n, s.id, s.title.get(lang) or s.title["en"], text, filled))
    return out


def _story(case: Case, lang: str) -> list[StoryPart]:
    parts = []
    for entry in editions().get("handout") or []:
        texts = [case.narrative(step) for step in entry.get("steps") or []]
        parts.append(StoryPart(str(entry["part"]), say(f"edition.h_{entry['part']}", lang),
                               [t for t in texts if t.strip()], [str(f) for f in entry.get("fields") or []]))
    return parts


def synopsis(case: Case, lang: str) -> str:
    """The case's synopsis in ``lang``, else in the case's language, else ``""``."""
    given = case.data.get("synopsis")
    given = given if isinstance(given, dict) else {}
    return str(given.get(lang) or given.get(case.language) or "")


def _citations(case: Case) -> dict[str, int]:
    refs = [r for r in case.data.get("references") or [] if isinstance(r, dict)]
    return {str(r["id"]): i for i, r in enumerate(refs, 1) if r.get("id") is not None}


def exhibit_names(case: Case, lang: str) -> dict[str, str]:
    """How the text cites each appendix that has an id: by its printed number («приложение 2»)."""
    appendices = [a for a in case.data.get("appendices") or [] if isinstance(a, dict)]
    return {str(a["id"]): say("edition.exhibit_ref", lang, n=i) for i, a in enumerate(appendices, 1)
            if a.get("id") is not None}


def _word_count(case: Case) -> int:
    return sum(len(text.split()) for _, text in case.iter_texts(guidelines=False))


def edition_context(case: Case, lang: str | None = None) -> EditionContext:
    """The context of every edition of a public case, headings in ``lang`` (default: the case's)."""
    lang = lang if lang in LANGS else case.language
    ed = editions()
    titles = case.data.get("titles") or {}
    abstracts = []
    for al in case.languages:
        ab = (case.data.get("abstract") or {}).get(al) or {}
        text = ab.get("final") or ab.get("draft") or ""
        kw = [str(k) for k in (case.data.get("keywords") or {}).get(al) or []]
        if text or kw:
            abstracts.append(Abstract(al, say("edition.abstract", al), str(text), say("edition.keywords", al), kw,
                                      case.title if al == case.language else str(titles.get(al) or "")))
    title = case.title if lang == case.language else str(titles.get(lang) or case.title)
    order, cells = fan_matrix(case, lang)
    if len(order) > FAN_MATRIX_MAX_ACTORS:  # a table of N×N cells no page holds; keykis check says the graph is too big
        order, cells = [], {}
    cells, legend = fan_codes(order, cells)
    ctx = EditionContext(
        case=case, lang=lang, L=section("edition", lang), title=title,
        short_title=str(case.meta.get("short_title") or plain(title)),
        authors=[a for a in case.meta.get("authors") or [] if isinstance(a, dict)],
        abstracts=abstracts,
        introduction=[s for s in _steps(case, ed["student"].get("introduction") or [], lang) if s.narrative.strip()],
        student_steps=_steps(case, ed["student"]["steps"], lang),
        teacher_steps=_steps(case, ed["teacher"]["steps"], lang),
        back_matter=list(ed["student"]["back_matter"]),
        research_steps=sorted(_steps(case, ed["student"]["steps"] + ed["teacher"]["steps"], lang), key=lambda s: s.n),
        story=_story(case, lang), synopsis=synopsis(case, lang),
        keywords_meta=", ".join(k for a in abstracts for k in a.keywords),
        show_contents=(_word_count(case) > int(ed.get("contents_min_words", 1800))
                       and case.meta.get("size") not in (ed.get("contents_skip_sizes") or [])),
        citations=_citations(case), exhibits=exhibit_names(case, lang), fan_order=order, fan_cells=cells, fan_legend=legend,
        fan_wide_heads=len(order) < FAN_NARROW_FROM,
    )
    ctx.printed_ids = _printed_ids(ctx)
    return ctx


TEXT_WIDTH_MM = 164.0
"""Width of the text on an A4 page of the editions (210 mm less the 24 + 22 mm margins in print.css)."""
FAN_NARROW_FROM = 13
"""From this many actors the row heads of the fan matrix get 22 % of the width instead of 26 %."""
FAN_CHAR_MM = 1.6
"""A generous width of one letter in a fan-matrix cell (7.6 pt PT Serif) in mm; 1.2 mm goes to padding."""


def _prefix_codes(names: list[str]) -> dict[str, str]:
    """The shortest unique prefixes of at least four letters (``информирование`` -> ``инфо.``)."""
    codes: dict[str, str] = {}
    for n in names:
        size = 4
        while size < len(n) and any(o != n and o[:size].lower() == n[:size].lower() for o in names):
            size += 1
        codes[n] = n if size >= len(n) else n[:size] + "."
    return codes


def fan_codes(order: list[str], cells: dict[tuple[str, str], list[str]]
              ) -> tuple[dict[tuple[str, str], list[str]], list[tuple[str, str]]]:
    """Fit the fan matrix on A4 portrait: relation names, or short codes with a legend.

    Each actor has a numbered column, so a column is the text width less the
    row heads, shared by all actors. Full relation names are kept when the
    longest fits its column; otherwise each name becomes its shortest unique
    prefix (``подч.``), or a letter (``a``) when even those do not fit, and
    the table gets a legend.
    """
    if not order:
        return cells, []
    share = 0.74 if len(order) < FAN_NARROW_FROM else 0.78
    column = TEXT_WIDTH_MM * share / len(order) - 1.2
    used = sorted({n for names in cells.values() for n in names})
    if not used or max(len(max(n.split(), key=len)) for n in used) * FAN_CHAR_MM <= column:
        return cells, []
    codes = _prefix_codes(used)
    if max(len(c) for c in codes.values()) * FAN_CHAR_MM > column:
        codes = {n: _letter(i) for i, n in enumerate(used)}
    coded = {key: [codes[n] for n in names] for key, names in cells.items()}
    return coded, [(codes[n], n) for n in used]


def _letter(i: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[i] if i < len(letters) else letters[i // len(letters) - 1] + letters[i % len(letters)]
