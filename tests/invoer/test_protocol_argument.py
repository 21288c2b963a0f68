"""A bad ``--protocol`` is a usage error that shows the value only by its type.

Whatever is typed after ``--protocol`` may be a name or a citizen service number: like
``--profiel``, the error shows it as ``<str>`` unless it looks like a number or a key.
"""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meldcode.domain._validatie import GETALACHTIG, SLEUTELACHTIG
from tests.invoer.corpus import BSN, GEHEIM, TELEFOON
from tests.invoer.draai import draai, problemen

OPDRACHTEN = (["beslis", "casus.json"], ["uitleg", "casus.json"], ["regels"], ["demo"])

_WOORD = st.text(string.ascii_letters + "éëïö", min_size=2, max_size=10)
NAMEN = st.lists(_WOORD, min_size=2, max_size=4).map(" ".join)
"""A person's name: words with spaces."""
NUMMERS = st.integers(10**8, 10**12).map(str)
"""A citizen service number, a phone or an account number: nine digits or more."""
TEKST = st.text(min_size=1, max_size=40).filter(
    lambda s: "\x00" not in s and not SLEUTELACHTIG.match(s) and not GETALACHTIG.match(s)
)
"""Any text that looks neither like a key nor like a number."""


@pytest.mark.parametrize("waarde", [GEHEIM, "Jan de Vries", BSN, TELEFOON])
def test_a_name_or_number_given_as_protocol_is_not_echoed(waarde: str) -> None:
    status, uit, err = draai(["beslis", f"--protocol={waarde}", "casus.json"])

    assert problemen(status, uit, err, {2}) == []
    assert "protocol must be 2013 or 2019 (got <str>)" in err
    assert waarde not in err


@settings(max_examples=150)
@given(waarde=st.one_of(NAMEN, NUMMERS, TEKST), opdracht=st.sampled_from(OPDRACHTEN))
def test_every_bad_protocol_is_shown_by_its_type(waarde: str, opdracht: list[str]) -> None:
    status, uit, err = draai([opdracht[0], f"--protocol={waarde}", *opdracht[1:]])

    assert problemen(status, uit, err, {2}) == []
    # the usage, then the one line that could have echoed the value: it does not
    assert err.splitlines()[-1] == (
        f"meldcode {opdracht[0]}: error: argument --protocol: "
        "protocol must be 2013 or 2019 (got <str>)"
    )


@pytest.mark.parametrize("waarde", ["2020", "2018", "p2019", "misschien"])
def test_a_short_key_or_year_is_shown_as_typed(waarde: str) -> None:
    status, _uit, err = draai(["beslis", f"--protocol={waarde}", "casus.json"])

    assert status == 2
    assert f"(got {waarde!r})" in err
