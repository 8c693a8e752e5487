"""The catalogue card moved below build and search: see :mod:`keykis.card`."""

from keykis.card import make_card, pick

__all__ = ["make_card", "pick"]
