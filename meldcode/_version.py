"""The version of meldcode (semantic versioning; see CHANGELOG.md)."""

#: the version of this release of meldcode (semantic versioning; the same as pyproject.toml)
__version__ = "0.5.0"
