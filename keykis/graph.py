"""The concept graph of step 10: actors as nodes, typed relations as edges.

Built with networkx; the checks read its size and connectivity, the renderer
draws it with Graphviz, and the editor shows it as text. Public names only:
an actor with an alias is never drawn under its real name.
"""

from __future__ import annotations

import networkx as nx

from keykis.method import method, name
from keykis.model import Case
from keykis.vocabulary import say


def concept_graph(case: Case) -> nx.MultiDiGraph:
    """The characters (step 11) and the relations between them."""
    actors = case.actors()
    g = nx.MultiDiGraph()
    for aid in case.characters():
        a = actors.get(aid)
        if a:
            g.add_node(aid, label=a.public_name, environment=a.environment, kind=a.kind,
                       main=aid == case.main_actor)
    for r in case.relations():
        if r.source in g and r.target in g:
            g.add_edge(r.source, r.target, type=r.type, label=r.label or "", index=r.index)
    return g


def relation_name(type_id: str, lang: str) -> str:
    """The short name of a relation type in ``lang``."""
    entry = method().relation_types.get(type_id)
    return name(entry, lang) if entry else type_id


def fan_matrix(case: Case, lang: str) -> tuple[list[str], dict[tuple[str, str], list[str]]]:
    """Actor × actor table of relation types: (actor ids in order, cells)."""
    g = concept_graph(case)
    order = sorted(g.nodes, key=lambda n: (g.nodes[n]["environment"] != "internal", not g.nodes[n]["main"]))
    cells: dict[tuple[str, str], list[str]] = {}
    for u, v, data in g.edges(data=True):
        cells.setdefault((u, v), []).append(relation_name(data["type"], lang))
    return order, cells


def text_view(case: Case, lang: str) -> str:
    """The concept graph as plain text: regions, actors, relations (for the terminal)."""
    g = concept_graph(case)
    heads = [say(key, lang) for key in ("edition.internal", "edition.external", "case_part.relations")]
    lines: list[str] = []
    for env, head in (("internal", heads[0]), ("external", heads[1])):
        lines.append(f"┌ {head}")
        for n in g.nodes:
            if g.nodes[n]["environment"] == env:
                mark = "★ " if g.nodes[n]["main"] else "• "
                lines.append(f"│ {mark}{g.nodes[n]['label']}")
        lines.append("└")
    lines.append(heads[2] + ":")
    for u, v, data in g.edges(data=True):
        label = f" «{data['label']}»" if data["label"] else ""
        lines.append(f"  {g.nodes[u]['label']} → {g.nodes[v]['label']}: {relation_name(data['type'], lang)}{label}")
    return "\n".join(lines)
