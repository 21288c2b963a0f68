"""The command line: ``meldcode beslis|uitleg|regels|schema|...`` (``main`` in ``cli.main``).

One module per group of commands; each reads and writes through the JSON room and decides
through the core. Nothing here is imported by the core.
"""
