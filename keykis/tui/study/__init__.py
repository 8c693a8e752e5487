"""``keykis study``: the student edition of a case beside the student's worksheet."""

from keykis.tui.study.app import StudyApp, make_study_app

__all__ = ["StudyApp", "make_study_app"]
