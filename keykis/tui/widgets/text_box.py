"""The text area every form and sheet uses: Textual's ``TextArea``, safe to draw while it is taken away.

When a step's form is rebuilt quickly (Ctrl+N held down, a step reopened on a
busy machine) Textual may draw one last frame of a text area it has already
removed. Removal clears the widget's component styles, and ``TextArea`` then
stops the whole app with ``KeyError: No 'text-area--gutter' key in
COMPONENT_CLASSES`` (Textual issues 6208 and 6528). A removed area is never
seen, so drawing it blank for that frame is enough; an area still on screen
is drawn again once its styles are in place.
"""

from __future__ import annotations

from textual import events
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widgets import TextArea


class TextBox(TextArea):
    """A ``TextArea`` that draws blank, instead of failing, while its styles are missing.

    It also tells its form when its width changed (``Resized``): only then are its wrapped
    lines known, and the form fits its height to them.
    """

    class Resized(Message):
        """The area's size changed; its wrapped lines are those of the new width."""

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(self.Resized())

    def render_lines(self, crop: Region) -> list[Strip]:
        try:
            return super().render_lines(crop)
        except KeyError:
            if self.is_attached:  # styles not in place yet: draw again on the next frame
                self.call_later(self.refresh)
            return [Strip.blank(crop.width)] * crop.height
