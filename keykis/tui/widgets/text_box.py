"""The text area every form and sheet uses: Textual's ``TextArea``, safe to draw while it is taken away.

When a step's form is rebuilt quickly (Ctrl+N held down, a step reopened on a
busy machine) Textual may draw one last frame of a text area it has already
removed. Removal clears the widget's component styles, and ``TextArea`` then
stops the whole app with ``KeyError: No 'text-area--gutter' key in
COMPONENT_CLASSES`` (Textual issues 6208 and 6528). A removed area is never
seen, so drawing it blank for that frame is enough; an area still on screen
is drawn again once its styles are in place.

An area also wraps its text again whenever the width it last wrapped at is not
the width it is drawn at. Textual wraps on ``Resize``, reading the width from
the screen's layout; on a busy machine that layout could still be the one
before the area had its place (width 0), and the area kept its text on one
line, cut at the edge, until the next key (seen in the actors' step under load).
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
        self.call_after_refresh(self.wrap_to_width)

    def _stale_wrap(self) -> bool:
        return self.soft_wrap and self.wrap_width > 0 and self.wrapped_document._width != self.wrap_width

    def wrap_to_width(self) -> None:
        """Wrap the text again, and draw it again, if it was last wrapped at a width the area no longer has."""
        if self.is_attached and self._stale_wrap():
            self._rewrap_and_refresh_virtual_size()
            self.refresh()
            self.post_message(self.Resized())  # the form fits its height to the new lines

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._stale_wrap():
            self.call_later(self.wrap_to_width)  # drawn at a width it did not wrap at: wrap, then draw again
        try:
            return super().render_lines(crop)
        except KeyError:
            if self.is_attached:  # styles not in place yet: draw again on the next frame
                self.call_later(self.refresh)
            return [Strip.blank(crop.width)] * crop.height
