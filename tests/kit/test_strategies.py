"""The public strategies generate valid cases that round-trip and respect their protocol."""

from __future__ import annotations

import json
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from meldcode import (
    Besluit,
    Casus,
    Consultatie,
    Kind,
    Omstandigheden,
    Protocol,
    Signaal,
    Weging,
    beslis,
    besluit_naar_dict,
    besluit_uit_dict,
    casus_naar_dict,
    casus_uit_dict,
    casus_uit_json,
    kies_protocol,
)
from meldcode.rules import regelbasis
from meldcode.testing import strategies as ms


@given(ms.casussen())
def test_a_case_survives_the_round_trip_through_json(casus: Casus) -> None:
    """Case -> JSON text -> case gives the same case."""
    actual = casus_uit_json(json.dumps(casus_naar_dict(casus)))

    assert casus == actual


@given(ms.besluiten())
def test_a_decision_survives_the_round_trip_through_json(besluit: Besluit) -> None:
    """Decision -> JSON -> decision gives the same decision."""
    actual = besluit_uit_dict(besluit_naar_dict(besluit))

    assert besluit == actual


@given(st.sampled_from(list(Protocol)), st.data())
def test_a_case_is_decided_under_the_protocol_asked_for(
    protocol: Protocol, data: st.DataObject
) -> None:
    """casussen(protocol=p) names p or carries a date in p's era."""
    casus = data.draw(ms.casussen(protocol.value))

    assert protocol == kies_protocol(casus)


@given(st.sampled_from(list(Protocol)), st.data())
def test_a_case_answers_only_its_protocols_questions(
    protocol: Protocol, data: st.DataObject
) -> None:
    """No answer is generated for a question the protocol does not ask."""
    casus = data.draw(ms.casussen(protocol))
    gevraagd = {a.vraag.value for a in regelbasis(protocol).vragen}

    answered = {k for k, v in casus_naar_dict(casus)["weging"].items() if v is not None}
    assert answered <= gevraagd


@given(ms.casussen(volledig=True))
def test_a_complete_case_leaves_no_question_open(casus: Casus) -> None:
    """volledig=True answers exactly the route, so the decision is complete."""
    assert beslis(casus).volgende_vraag is None


@given(
    weging=ms.wegingen(volledig=True),
    kind=ms.kinderen(),
    omstandigheden=ms.omstandigheden(),
    consultatie=ms.consultaties(),
    signaal=ms.signalen(),
)
def test_every_part_strategy_builds_valid_objects(
    weging: Weging,
    kind: Kind,
    omstandigheden: Omstandigheden,
    consultatie: Consultatie,
    signaal: Signaal,
) -> None:
    """The part strategies build domain objects that a case accepts (its validators ran)."""
    casus = Casus(
        kind=kind,
        omstandigheden=omstandigheden,
        consultaties=(consultatie,),
        signalen=(signaal,),
        weging=weging,
    )

    assert casus == casus_uit_dict(casus_naar_dict(casus))


def test_importing_meldcode_does_not_import_hypothesis_or_pytest() -> None:
    """Hypothesis and pytest are an extra: the core must import without them."""
    code = "import sys, meldcode; print(sorted({'hypothesis', 'pytest'} & set(sys.modules)))"

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert out.stdout.strip() == "[]"
