"""The five source documents, by file name (``shared/sources``); every rule cites one.

- ``000_ee7bf8bfa9baa6b3.txt`` JSO, Meldcode basisonderwijs (2012) — protocol 2013
- ``001_a24e22b875c57711.txt`` VCOG, Protocol kindermishandeling en huiselijk geweld (2012) — 2013
- ``002_24846e95acae4c0c.txt`` Midden-Groningen, Handelingswijzer (2019) — protocol 2019
- ``003_4961db14b56be6cc.txt`` Stichting Fedra, Meldcode (versie 2019) — protocol 2019
- ``004_42db825e51d7dc85.txt`` CJG, stappen 1-5 voor professionals — transition
"""

from __future__ import annotations

__all__ = ["BRONNEN", "CJG", "FEDRA", "HANDELINGSWIJZER", "JSO", "VCOG"]

#: 000: JSO, Meldcode basisonderwijs (2012), the source of protocol 2013
JSO = "000_ee7bf8bfa9baa6b3.txt"
#: 001: VCOG, Protocol kindermishandeling en huiselijk geweld (2012), protocol 2013
VCOG = "001_a24e22b875c57711.txt"
#: 002: Midden-Groningen, Handelingswijzer (2019), protocol 2019
HANDELINGSWIJZER = "002_24846e95acae4c0c.txt"
#: 003: Stichting Fedra, Meldcode (versie 2019), the source of protocol 2019
FEDRA = "003_4961db14b56be6cc.txt"
#: 004: CJG, stappen 1-5 voor professionals (the transition)
CJG = "004_42db825e51d7dc85.txt"
#: the file names of the five sources, in order; every rule cites one of them
BRONNEN: tuple[str, ...] = (JSO, VCOG, HANDELINGSWIJZER, FEDRA, CJG)
