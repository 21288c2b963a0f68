"""Tools for testing software that embeds meldcode (install ``meldcode[testing]``).

- ``meldcode.testing.strategies``: Hypothesis strategies for every domain type and whole cases
  (functions that return a strategy: ``casussen()``).
- ``meldcode.testing.dossier``: ready-made strategies for dossier events (objects, used without
  calling them: ``melding_gedaan``), random valid dossiers and a complete example dossier.
- ``meldcode.testing.vignetten``: the public vignettes, ready as pytest parameters.
- ``meldcode.testing.pytest_plugin``: fixtures registered with pytest through an entry point.
- ``meldcode.testing.conformance``: the vignettes and examples as language-neutral vectors, and
  the one comparison of the kit (``gelijk``: JSON type and value, so ``1`` is not ``true``).

Nothing here is imported by ``import meldcode``: Hypothesis and pytest stay optional. Every
function of the kit refuses a bad argument with ``meldcode.OngeldigeInvoer`` naming it.
"""

__all__: list[str] = []
