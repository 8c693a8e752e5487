"""Building a case database: every case to PDF, a catalogue and a search index.

``build_database`` plans from content hashes, runs the changed cases on an
executor (a local process pool or a Dask cluster) and records each result in
the manifest as it arrives; ``keykis build`` is its command-line front door.
"""

from keykis.library.database import BuildOptions, BuildReport, Outcome, build_database

__all__ = ["BuildOptions", "BuildReport", "Outcome", "build_database"]
