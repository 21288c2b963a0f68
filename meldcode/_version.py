"""The version of meldcode (semantic versioning; see CHANGELOG.md)."""

__version__ = "0.5.0"
