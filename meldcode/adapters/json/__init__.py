"""JSON at the edge: one reader and one writer, used by every surface.

The contract's case and decision (``casus``), dossier events (``dossier``) and the JSON Schemas
of both (``schema``).
"""
