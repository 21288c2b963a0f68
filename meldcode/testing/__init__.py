"""Tools for testing software that embeds meldcode (install ``meldcode[testing]``).

- ``meldcode.testing.strategies``: Hypothesis strategies for every domain type and whole cases.
- ``meldcode.testing.dossier``: strategies for dossier events and a complete example dossier.
- ``meldcode.testing.vignetten``: the public vignettes, ready as pytest parameters.
- ``meldcode.testing.pytest_plugin``: fixtures registered with pytest through an entry point.

Nothing here is imported by ``import meldcode``: Hypothesis and pytest stay optional.
"""

__all__: list[str] = []
