"""keykis — write, check, teach and publish KEYKIS case studies."""

__version__ = "0.1.0"
