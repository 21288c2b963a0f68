"""Zorgmap's integration test against meldcode, written with ``meldcode.testing``.

Runs with a plain ``pytest``: the meldcode plugin is installed with the package and brings the
``meldcode_vignet`` and ``meldcode_besluit`` fixtures; the Hypothesis strategies need
``pip install meldcode[testing]``.
"""

from __future__ import annotations

from hypothesis import given, settings
from zorgmap import verwerk

import meldcode
from meldcode.testing.strategies import casussen


def test_zorgmap_reports_whenever_meldcode_says_report(meldcode_vignet, meldcode_besluit):
    """The three lines a partner needs: every public vignette, meldcode's decision, our outcome."""
    werkbon = verwerk(meldcode_vignet.casus_json)
    assert werkbon.meldt_bij_veilig_thuis or not meldcode_besluit.melden


def test_zorgmap_meets_every_vignette(meldcode_vignet, meldcode_vergelijk, meldcode_besluit):
    """Zorgmap passes on the decision unchanged: melden, spoed and the parent talk agree."""
    werkbon = verwerk(meldcode_vignet.casus_json)

    assert meldcode_vignet.afwijkingen(werkbon.besluit) == []
    meldcode_vergelijk(
        werkbon.besluit, meldcode_besluit, ["melden", "spoed", "oudergesprek_overslaan"]
    )


@settings(max_examples=50, deadline=None)
@given(casussen(volledig=True))
def test_zorgmap_reports_on_every_case_meldcode_reports(casus):
    """Beyond the vignettes: any complete case, sent to Zorgmap as JSON, reported alike."""
    werkbon = verwerk(meldcode.casus_naar_dict(casus))

    assert meldcode.beslis(casus).melden == werkbon.meldt_bij_veilig_thuis


def test_zorgmap_always_plans_a_task_while_a_question_is_open():
    """Zorgmap's own rule: an incomplete weging always leads to a consultation of Veilig Thuis."""
    werkbon = verwerk({"protocol": "2019", "weging": {"vermoeden": "twijfel"}})

    assert "Raadpleeg Veilig Thuis (mag anoniem)" in werkbon.taken
