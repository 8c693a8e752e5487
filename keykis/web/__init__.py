"""The case library on the web: the editions as HTML, a static site with offline search, a live preview.

- ``editions``: a case's handout, research edition and guidelines as HTML bodies (the print templates' own),
  the concept graph inline (``svg``).
- ``site``: the static site of a collection, incremental like the PDF build; ``search_index`` and
  ``text`` make its offline search index from the project's morphology.
- ``preview``: a loopback HTTP server that shows one case and reloads the page on every save.

Beside ``keykis.library`` in the outputs layer: it imports neither the library nor the UI.
"""
