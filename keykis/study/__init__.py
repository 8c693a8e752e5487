"""Study mode: students work through a case in worksheets; instructors review the class.

The core here (worksheet model, checks, student view, class review) never
imports the terminal UI; ``keykis.tui.study`` and the CLI sit on top.
"""
