"""One changed line of an option list drawn again, not the whole list.

Textual's ``replace_option_prompt`` forgets the drawing and the height of every
line of the list: the steps sidebar drew its 34 lines again whenever one step's
mark changed, at every check of a big case. ``set_prompt`` forgets only the
changed line's drawing while its height stays the same, and falls back to
Textual's own way when it does not (or when Textual's insides are not what it
expects).
"""

from __future__ import annotations

from typing import cast

from textual.css.styles import RulesMap
from textual.visual import VisualType
from textual.widgets import OptionList


def set_prompt(options: OptionList, index: int, prompt: VisualType) -> None:
    """Give line ``index`` of ``options`` a new prompt, drawing only that line again when it keeps its height."""
    option = options.get_option_at_index(index)
    try:
        drawn = options._option_render_cache
        heights = options._line_cache.heights
        padding = options.get_component_styles("option-list--option").padding
        width = options.scrollable_content_region.width - options._get_left_gutter_width() - padding.width
        old = heights.get(index)
    except AttributeError:  # another Textual: its own way
        options.replace_option_prompt_at_index(index, prompt)
        return
    option._set_prompt(prompt)
    if old is None or width <= 0:  # not laid out yet, or folded away (a narrow terminal): measured when shown
        options._clear_caches()
        return
    new = options._get_visual(option).get_height(cast(RulesMap, options.styles), width) + option._divider
    if new != old:
        options._clear_caches()
        return
    for key in [key for key in drawn.keys() if key[0] is option]:
        drawn.discard(key)
    options.refresh()
