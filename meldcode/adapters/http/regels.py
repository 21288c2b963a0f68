"""The rule base, the contract's schemas and the profiles: read-only, the same for everyone."""

from __future__ import annotations

import functools
from typing import Annotated, Any

from fastapi import APIRouter, Path
from starlette.responses import JSONResponse

from meldcode.adapters.cli.main import regel_naar_dict
from meldcode.adapters.http.besluiten import ProfielParam, ProtocolParam, profiel_of_fout
from meldcode.adapters.http.problemen import ProbleemFout
from meldcode.adapters.http.toegang import Ingelogd
from meldcode.adapters.json.schema import besluit_schema, casus_schema, gebeurtenis_schema
from meldcode.adapters.profiel import beschikbare_profielen, laad_profiel
from meldcode.domain.waarden import Protocol
from meldcode.rules.basis import regelbasis
from meldcode.rules.beslis import lees_protocol
from meldcode.rules.model import Regel

__all__ = ["router"]

#: the read-only routes: the rules (``/v1/regels``), the contract's schemas
#: (``/v1/schemas/...``) and the profiles (``/v1/profielen``)
router = APIRouter()
_REF = "#/components/schemas/"


def _json(schema: str, beschrijving: str) -> dict[int | str, Any]:
    return {
        200: {
            "description": beschrijving,
            "content": {"application/json": {"schema": {"$ref": f"{_REF}{schema}"}}},
        }
    }


def _regels(protocol: str | None, profiel: str | None) -> list[Regel]:
    p = profiel_of_fout(profiel)
    gekozen = lees_protocol(protocol)
    protocollen = [gekozen] if gekozen is not None else [Protocol.P2013, Protocol.P2019]
    gezien: dict[str, Regel] = {}
    for proto in protocollen:
        if p is not None and proto not in p.protocollen:
            continue
        basis = regelbasis(proto) if p is None else p.regelbasis(proto)
        for r in basis.regels:
            gezien.setdefault(r.id, r)
    return list(gezien.values())


@functools.lru_cache(maxsize=16)
def _regels_dict(protocol: str | None, profiel: str | None) -> tuple[dict[str, Any], ...]:
    return tuple(regel_naar_dict(r) for r in _regels(protocol, profiel))


@router.get(
    "/v1/regels",
    tags=["regels"],
    summary="De regelbasis",
    description="Elke regel met id, protocollen, bron, citaat, conditie en conclusie.",
    responses=_json("Regels", "De regels."),
)
def regels(
    wie: Ingelogd, protocol: ProtocolParam = None, profiel: ProfielParam = None
) -> JSONResponse:
    """The rule base (of one protocol, with a profile)."""
    return JSONResponse({"regels": list(_regels_dict(protocol, profiel))})


@router.get(
    "/v1/regels/{regel}",
    tags=["regels"],
    summary="Eén regel",
    responses=_json("Regel", "De regel."),
)
def regel(
    wie: Ingelogd,
    regel: Annotated[str, Path(max_length=200, description="De id van de regel.")],
    profiel: ProfielParam = None,
) -> JSONResponse:
    """One rule by its id."""
    for r in _regels_dict(None, profiel):
        if r["id"] == regel:
            return JSONResponse(r)
    raise ProbleemFout(404, "no rule with this id", code="regel_niet_gevonden")


@router.get(
    "/v1/schemas/casus",
    tags=["schemas"],
    summary="JSON Schema van een casus",
    responses={
        200: {
            "description": "Het JSON Schema (draft 2020-12).",
            "content": {"application/json": {"schema": {"type": "object"}}},
        }
    },
)
def schema_casus(wie: Ingelogd) -> JSONResponse:
    """The JSON Schema of a case (as ``meldcode schema``)."""
    return JSONResponse(casus_schema())


@router.get(
    "/v1/schemas/besluit",
    tags=["schemas"],
    summary="JSON Schema van een besluit",
    responses={
        200: {
            "description": "Het JSON Schema (draft 2020-12).",
            "content": {"application/json": {"schema": {"type": "object"}}},
        }
    },
)
def schema_besluit(wie: Ingelogd) -> JSONResponse:
    """The JSON Schema of a decision (as ``meldcode schema --besluit``)."""
    return JSONResponse(besluit_schema())


@router.get(
    "/v1/schemas/gebeurtenis",
    tags=["schemas"],
    summary="JSON Schema van een dossiergebeurtenis",
    responses={
        200: {
            "description": "Het JSON Schema (draft 2020-12).",
            "content": {"application/json": {"schema": {"type": "object"}}},
        }
    },
)
def schema_gebeurtenis(wie: Ingelogd) -> JSONResponse:
    """The JSON Schema of a dossier event (as ``meldcode schema --gebeurtenis``)."""
    return JSONResponse(gebeurtenis_schema())


def _profiel_dict(naam: str) -> dict[str, Any]:
    p = laad_profiel(naam)
    return {
        "naam": p.naam,
        "titel": p.titel,
        "bron": p.bron,
        "protocollen": sorted(x.value for x in p.protocollen),
        "regels": [r.id for r in p.eigen_regels],
    }


@router.get(
    "/v1/profielen",
    tags=["profielen"],
    summary="De meegeleverde organisatieprofielen",
    responses=_json("Profielen", "De profielen."),
)
def profielen(wie: Ingelogd) -> JSONResponse:
    """The shipped organisation profiles."""
    return JSONResponse({"profielen": [_profiel_dict(n) for n in beschikbare_profielen()]})


@router.get(
    "/v1/profielen/{profiel}",
    tags=["profielen"],
    summary="Eén organisatieprofiel",
    responses=_json("Profiel", "Het profiel."),
)
def profiel(
    wie: Ingelogd, profiel: Annotated[str, Path(max_length=40, description="De naam.")]
) -> JSONResponse:
    """One shipped profile by name."""
    if profiel not in beschikbare_profielen():
        raise ProbleemFout(404, "no shipped profile with this name", code="profiel_niet_gevonden")
    return JSONResponse(_profiel_dict(profiel))
