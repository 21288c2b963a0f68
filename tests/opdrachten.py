"""Every command of ``meldcode``'s command line, for tests that walk them all.

A test that must cover each option of a kind (numbers, outputs, ``--db``, ``--profiel``) walks
the real parser, so a new command or option is covered the day it is added.
"""

from __future__ import annotations

import argparse

from meldcode.adapters.cli.main import bouw_parser


def opdrachten() -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Each (sub)command: the path of subcommand names (``()`` is ``meldcode``) and its parser."""
    uit: list[tuple[tuple[str, ...], argparse.ArgumentParser]] = []
    stapel: list[tuple[tuple[str, ...], argparse.ArgumentParser]] = [((), bouw_parser())]
    while stapel:
        pad, parser = stapel.pop()
        uit.append((pad, parser))
        for actie in parser._actions:
            if isinstance(actie, argparse._SubParsersAction):
                stapel += [((*pad, n), p) for n, p in actie.choices.items()]
    return uit


def eigen_acties(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """A parser's own arguments and options (not its subcommands)."""
    return [a for a in parser._actions if not isinstance(a, argparse._SubParsersAction)]
