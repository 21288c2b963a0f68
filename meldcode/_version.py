"""The version of meldcode (semantic versioning; see CHANGELOG.md)."""

__version__ = "0.2.0"
