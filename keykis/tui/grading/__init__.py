"""The grading screen: ``keykis review CASE WORKSHEETS… --grade``."""

from keykis.tui.grading.app import GradingApp, make_grading_app

__all__ = ["GradingApp", "make_grading_app"]
