"""The walk-through's pages: a FastAPI router of server-rendered HTML under ``/wandeling``.

Every page works without JavaScript (forms and links only). A visitor logs in once with an API
key of the organisation (the same keys and the same store as the JSON API, so the same tenant
isolation); the session then lives in the store (``sessies``), so any worker can serve the
next request. The open case is kept in the session, never in a URL; every answer is a POST
with the session's CSRF token and becomes one dossier event; nothing from a case is logged.
Each HTML response carries a strict Content Security Policy (own style sheet only, no scripts)
and ``Cache-Control: no-store``.
"""

from __future__ import annotations

import datetime as dt
import logging
import weakref
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from fastapi.templating import Jinja2Templates
from starlette.datastructures import FormData

from meldcode.adapters.opslag.archief import Archief
from meldcode.adapters.opslag.toegang import Toegang, controleer_sleutel
from meldcode.adapters.profiel import beschikbare_profielen, laad_profiel
from meldcode.adapters.web import PREFIX, teksten
from meldcode.adapters.web.profielkeuze import ProfielKeuzes, SqlProfielKeuzes
from meldcode.adapters.web.sessies import COOKIE, Sessie, Sessies
from meldcode.adapters.web.wandeling import (
    OMSTANDIGHEDEN,
    STAPPEN,
    Formulier,
    Overzicht,
    Stap,
    antwoord_uit_formulier,
    besluit_uit_formulier,
    consultatie_uit_formulier,
    gesprek_uit_formulier,
    huidige_stap,
    omstandigheden_uit_formulier,
    opvolging_uit_formulier,
    overzicht,
    signaal_uit_formulier,
    waarom_niet_voor,
)
from meldcode.domain._validatie import is_pseudoniem
from meldcode.domain.dossier import Gebeurtenis
from meldcode.errors import (
    DossierGewijzigd,
    DossierNietGevonden,
    Fout,
    OngeldigeInvoer,
    OpslagBeschadigd,
    SleutelFout,
    StapOntbreekt,
    VolgnummerConflict,
)
from meldcode.rules.profiel import Profiel

__all__ = ["CSP", "PREFIX", "WebInstellingen", "maak_router"]


CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
"""The Content Security Policy of every page: the own style sheet, no scripts, own forms."""

_MAP = Path(__file__).parent
_LOG = logging.getLogger("meldcode.service")
_SJABLONEN = Jinja2Templates(directory=str(_MAP / "templates"))
_SJABLONEN.env.globals.update(teksten=teksten, STAPPEN=STAPPEN, PREFIX=PREFIX)


class WebInstellingen:
    """The walk-through's settings: the idle time-out, cookies, and how today is known.

    ``stil``: seconds without a request after which a session ends (default 15 minutes).
    ``veilige_cookies``: the ``Secure`` flag (browsers accept it on https and on localhost).
    ``vandaag``: today's date (injectable for tests and screenshots); ``klok``: wall-clock
    seconds for the time-out (the sessions are in the store, shared by every worker).
    """

    def __init__(
        self,
        *,
        stil: float = 15 * 60,
        veilige_cookies: bool = True,
        vandaag: Callable[[], dt.date] = dt.date.today,
        klok: Callable[[], float] | None = None,
    ) -> None:
        self.stil = stil
        self.veilige_cookies = veilige_cookies
        self.vandaag = vandaag
        self.sessies = Sessies(stil=stil) if klok is None else Sessies(stil=stil, klok=klok)


def _opslag(request: Request) -> Any:
    """The store connection of this thread (the service's ``Opslagen``)."""
    return request.app.state.opslagen.geef()


def _sleutel_geldig(opslag: Any, sessie: Sessie) -> bool:
    """Whether the key the session logged in with is still valid (not revoked)."""
    sleutel = opslag.lees_sleutel(sessie.sleutel_id) if sessie.sleutel_id else None
    return sleutel is not None and sleutel.geldig and sleutel.organisatie == sessie.organisatie


def _kop(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _storing(request: Request, vandaag: dt.date) -> Response:
    """The page for a server that cannot do its work: 503, no detail, nothing of the case."""
    inhoud = _SJABLONEN.get_template("fout.html").render(
        request=request,
        sessie=Sessie(id="-", laatst=0.0),
        titel="De wandeling is nu niet beschikbaar",
        o=None,
        profielnaam=None,
        profiel=None,
        stap=None,
        huidige=None,
        melding=(
            "De server is niet goed ingesteld: deze casus kan nu niet worden gelezen of "
            "bijgewerkt. De beheerder kan in het logboek van de server zien waarom."
        ),
        fouten=[],
        vandaag=vandaag,
    )
    return _kop(HTMLResponse(inhoud, status_code=503))


class _WandelingRoute(APIRoute):
    """A route of the walk-through: the server's own faults become a Dutch page, not JSON.

    No text key (or another one) for an encrypted dossier, or a damaged store: a 503 page that
    says the server is misconfigured; the server's log says why (never a text of the case).
    """

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """The route's handler, with the server's faults turned into the 503 page."""
        handler = super().get_route_handler()

        async def met_storingspagina(request: Request) -> Response:
            try:
                return await handler(request)
            except (SleutelFout, OpslagBeschadigd) as exc:
                _LOG.error(
                    "walk-through: %s on %s %s",
                    type(exc).__name__,
                    request.method,
                    self.path,
                )
                return _storing(request, dt.date.today())

        return met_storingspagina


def maak_router(instellingen: WebInstellingen | None = None) -> APIRouter:
    """The walk-through as a router for an app whose ``state.opslagen.geef()`` gives the store.

    That is the thread's connection (``Opslag`` and ``Toegangsopslag`` of a SQL backend); the
    organisations' profile choices are kept in a table of the same database.
    """
    inst = instellingen or WebInstellingen()
    router = APIRouter(prefix=PREFIX, include_in_schema=False, route_class=_WandelingRoute)
    gekozen: weakref.WeakKeyDictionary[Any, ProfielKeuzes] = weakref.WeakKeyDictionary()

    def _keuzes(request: Request) -> ProfielKeuzes:
        opslag = _opslag(request)
        keuzes = gekozen.get(opslag)
        if keuzes is None:
            keuzes = SqlProfielKeuzes(opslag._conn, opslag._param)
            gekozen[opslag] = keuzes
        return keuzes

    # --- sessions, pages, errors ---------------------------------------------------------

    def sessie_van(request: Request) -> tuple[Sessie, bool]:
        """The visitor's session, a new one when there is none (and whether it timed out)."""
        opslag = _opslag(request)
        sessie, verlopen = inst.sessies.vind(opslag, request.cookies.get(COOKIE))
        if sessie is not None and sessie.ingelogd and not _sleutel_geldig(opslag, sessie):
            # the key it logged in with was revoked: the session ends with it
            inst.sessies.beeindig(opslag, sessie)
            sessie = inst.sessies.nieuw(opslag)
            sessie.melding = "De sleutel van uw organisatie is ingetrokken. Log opnieuw in."
            return sessie, False
        if sessie is None:
            sessie = inst.sessies.nieuw(opslag)
            if verlopen:
                sessie.melding = (
                    f"U bent automatisch uitgelogd na {int(inst.stil // 60)} minuten zonder "
                    "activiteit. Log opnieuw in."
                )
        return sessie, verlopen

    def met_cookie(request: Request, response: Response, sessie: Sessie) -> Response:
        inst.sessies.bewaar(_opslag(request), sessie)
        response.set_cookie(
            COOKIE,
            sessie.id,
            httponly=True,
            secure=inst.veilige_cookies,
            samesite="strict",
            path=PREFIX,
        )
        return _kop(response)

    def naar(request: Request, pad: str, sessie: Sessie) -> Response:
        return met_cookie(request, RedirectResponse(PREFIX + pad, status_code=303), sessie)

    def profiel_van(request: Request, sessie: Sessie) -> tuple[str | None, Profiel | None]:
        assert sessie.organisatie is not None
        naam = _keuzes(request).profiel(sessie.organisatie)
        if not naam:
            return naam, None
        return naam, laad_profiel(naam)

    def archief(request: Request, sessie: Sessie) -> Archief:
        assert sessie.organisatie is not None
        return Archief(
            _opslag(request),
            organisatie=sessie.organisatie,
            sleutel=getattr(request.app.state, "tekstsleutel", None),
        )

    def log(request: Request, sessie: Sessie, handeling: str, status: int, **extra: Any) -> None:
        assert sessie.organisatie is not None
        assert sessie.sleutel_id is not None
        _opslag(request).schrijf_toegang(
            Toegang(
                tijd=dt.datetime.now(dt.UTC),
                organisatie=sessie.organisatie,
                sleutel_id=sessie.sleutel_id,
                handeling=handeling,
                status=status,
                **extra,
            )
        )

    def open_overzicht(
        request: Request, sessie: Sessie, profiel: Profiel | None
    ) -> Overzicht | None:
        if sessie.dossier is None:
            return None
        try:
            dossier = archief(request, sessie).lees(sessie.dossier)
        except DossierNietGevonden:
            return None
        return overzicht(dossier, profiel, op=inst.vandaag())

    def pagina(
        request: Request,
        sessie: Sessie,
        sjabloon: str,
        *,
        titel: str,
        status: int = 200,
        o: Overzicht | None = None,
        profielnaam: str | None = None,
        stap: Stap | None = None,
        fouten: list[Fout] | None = None,
        **context: Any,
    ) -> Response:
        melding, sessie.melding = sessie.melding, None
        profiel = None
        if profielnaam:
            profiel = laad_profiel(profielnaam)
        inhoud = _SJABLONEN.get_template(sjabloon).render(
            request=request,
            sessie=sessie,
            titel=titel,
            o=o,
            profielnaam=profielnaam,
            profiel=profiel,
            stap=stap,
            huidige=huidige_stap(o) if o is not None else None,
            melding=melding,
            fouten=fouten or [],
            vandaag=inst.vandaag(),
            **context,
        )
        return met_cookie(request, HTMLResponse(inhoud, status_code=status), sessie)

    async def formulier(request: Request, sessie: Sessie) -> FormData | None:
        """The posted form, or ``None`` when its CSRF token is not the session's."""
        data = await request.form()
        token = data.get("csrf")
        if not isinstance(token, str) or not sessie.csrf_klopt(token):
            return None
        return data

    def geweigerd(request: Request, sessie: Sessie) -> Response:
        sessie.melding = (
            "Het formulier was verlopen of kwam niet van deze pagina. Probeer het opnieuw."
        )
        return pagina(request, sessie, "fout.html", titel="Formulier geweigerd", status=403)

    def als_dict(data: FormData) -> Formulier:
        uit: dict[str, str | list[str]] = {}
        for sleutel in data:
            waarden = [w for w in data.getlist(sleutel) if isinstance(w, str)]
            veel = sleutel == "aanwezigen" or len(waarden) != 1
            uit[sleutel] = waarden if veel else waarden[0]
        return uit

    # --- login, logout, profile ----------------------------------------------------------

    @router.get("")
    @router.get("/")
    def begin(request: Request) -> Response:
        sessie, _ = sessie_van(request)
        if not sessie.ingelogd:
            return naar(request, "/inloggen", sessie)
        naam, _ = profiel_van(request, sessie)
        if naam is None:
            return naar(request, "/profiel", sessie)
        dossiers = archief(request, sessie).dossiers()
        return pagina(
            request,
            sessie,
            "overzicht.html",
            titel="Uw casussen",
            profielnaam=naam,
            dossiers=dossiers,
        )

    @router.get("/inloggen")
    def inloggen_pagina(request: Request) -> Response:
        sessie, _ = sessie_van(request)
        if sessie.ingelogd:
            return naar(request, "/", sessie)
        return pagina(request, sessie, "inloggen.html", titel="Inloggen")

    @router.post("/inloggen")
    async def inloggen(request: Request) -> Response:
        sessie, _ = sessie_van(request)
        data = await formulier(request, sessie)
        if data is None:
            return geweigerd(request, sessie)
        tekst = data.get("sleutel")
        sleutel = (
            controleer_sleutel(_opslag(request), tekst.strip()) if isinstance(tekst, str) else None
        )
        if sleutel is None:
            return pagina(
                request,
                sessie,
                "inloggen.html",
                titel="Inloggen",
                status=401,
                fouten=[
                    Fout(
                        "sleutel",
                        "",
                        "Deze sleutel is onbekend of ingetrokken. Controleer de sleutel van uw "
                        "organisatie.",
                    )
                ],
            )
        nieuw = inst.sessies.log_in(
            _opslag(request), sessie, sleutel.organisatie, sleutel.sleutel_id
        )
        log(request, nieuw, "inloggen", 200)
        return naar(request, "/", nieuw)

    @router.post("/uitloggen")
    async def uitloggen(request: Request) -> Response:
        sessie, _ = sessie_van(request)
        data = await formulier(request, sessie)
        if data is None:
            return geweigerd(request, sessie)
        inst.sessies.beeindig(_opslag(request), sessie)
        nieuw = inst.sessies.nieuw(_opslag(request))
        nieuw.melding = "U bent uitgelogd."
        return naar(request, "/inloggen", nieuw)

    @router.get("/profiel")
    def profiel_pagina(request: Request) -> Response:
        sessie, _ = sessie_van(request)
        if not sessie.ingelogd:
            return naar(request, "/inloggen", sessie)
        naam, _ = profiel_van(request, sessie)
        profielen = [laad_profiel(n) for n in beschikbare_profielen()]
        return pagina(
            request,
            sessie,
            "profiel.html",
            titel="Profiel van de school",
            profielnaam=naam,
            profielen=profielen,
        )

    @router.post("/profiel")
    async def profiel_kiezen(request: Request) -> Response:
        sessie, _ = sessie_van(request)
        if not sessie.ingelogd:
            return naar(request, "/inloggen", sessie)
        data = await formulier(request, sessie)
        if data is None:
            return geweigerd(request, sessie)
        keuze = data.get("profiel")
        if not isinstance(keuze, str) or (keuze and keuze not in beschikbare_profielen()):
            naam, _ = profiel_van(request, sessie)
            return pagina(
                request,
                sessie,
                "profiel.html",
                titel="Profiel van de school",
                status=400,
                profielnaam=naam,
                profielen=[laad_profiel(n) for n in beschikbare_profielen()],
                fouten=[Fout("profiel", "", "Kies een profiel uit de lijst.")],
            )
        assert sessie.organisatie is not None
        _keuzes(request).kies(sessie.organisatie, keuze)
        sessie.melding = "Het profiel is vastgelegd voor uw organisatie."
        return naar(request, "/", sessie)

    # --- opening a case ------------------------------------------------------------------

    @router.post("/open")
    async def openen(request: Request) -> Response:
        sessie, _ = sessie_van(request)
        if not sessie.ingelogd:
            return naar(request, "/inloggen", sessie)
        data = await formulier(request, sessie)
        if data is None:
            return geweigerd(request, sessie)
        ref = data.get("referentie")
        ref = ref.strip() if isinstance(ref, str) else ""
        nieuw = data.get("nieuw") == "ja"
        fout: Fout | None = None
        if not is_pseudoniem(ref):
            fout = Fout(
                "referentie",
                "",
                "Gebruik een pseudoniem van 1 tot 64 letters, cijfers of _.:- (geen spaties, "
                "nooit een naam).",
            )
        elif nieuw and ref in archief(request, sessie).dossiers():
            fout = Fout("referentie", "", "Deze referentie is al in gebruik. Kies een andere.")
        elif not nieuw and ref not in archief(request, sessie).dossiers():
            fout = Fout("referentie", "", "Deze casus bestaat niet (meer).")
        if fout is not None:
            naam, _ = profiel_van(request, sessie)
            return pagina(
                request,
                sessie,
                "overzicht.html",
                titel="Uw casussen",
                status=400,
                profielnaam=naam,
                dossiers=archief(request, sessie).dossiers(),
                fouten=[fout],
            )
        sessie.dossier = ref
        if not nieuw:
            log(request, sessie, "lezen", 200, dossier=ref)
        return naar(request, f"/stap/{Stap.SIGNALEN.value if nieuw else 'verder'}", sessie)

    def vereist(
        request: Request,
    ) -> tuple[Sessie, str, Profiel | None, Overzicht | None] | Response:
        sessie, _ = sessie_van(request)
        if not sessie.ingelogd:
            return naar(request, "/inloggen", sessie)
        naam, profiel = profiel_van(request, sessie)
        if naam is None:
            return naar(request, "/profiel", sessie)
        if sessie.dossier is None:
            return naar(request, "/", sessie)
        return sessie, naam, profiel, open_overzicht(request, sessie, profiel)

    @router.get("/stap/verder")
    def verder(request: Request) -> Response:
        v = vereist(request)
        if isinstance(v, Response):
            return v
        sessie, _, _, o = v
        return naar(request, f"/stap/{huidige_stap(o).value}", sessie)

    # --- the steps -----------------------------------------------------------------------

    def stap_pagina(
        request: Request,
        stap: Stap,
        *,
        status: int = 200,
        fouten: list[Fout] | None = None,
        invoer: Formulier | None = None,
    ) -> Response:
        v = vereist(request)
        if isinstance(v, Response):
            return v
        sessie, naam, _, o = v
        if stap not in (Stap.SIGNALEN,) and (o is None or not o.dossier.gebeurtenissen):
            sessie.melding = "Leg eerst een signaal vast: daarmee begint het dossier."
            return naar(request, f"/stap/{Stap.SIGNALEN.value}", sessie)
        extra: dict[str, Any] = {}
        if stap is Stap.WEGING:
            assert o is not None
            if o.weging_nummer is None:
                sessie.melding = "Leg eerst de omstandigheden en het kind vast."
                return naar(request, f"/stap/{Stap.OMSTANDIGHEDEN.value}", sessie)
            if o.besluit.volgende_vraag is None:
                return naar(request, f"/stap/{Stap.BESLUIT.value}", sessie)
            extra["afweging"] = o.basis.afweging(o.besluit.volgende_vraag)
        if stap is Stap.BESLUIT:
            assert o is not None
            extra["waarom_niet"] = waarom_niet_voor(o)
        titel = dict(STAPPEN)[stap]
        return pagina(
            request,
            sessie,
            f"{stap.value}.html",
            titel=titel,
            status=status,
            o=o,
            profielnaam=naam,
            stap=stap,
            fouten=fouten,
            invoer=invoer or {},
            omstandigheden=OMSTANDIGHEDEN,
            **extra,
        )

    def toon_stap(stap: Stap) -> Callable[[Request], Response]:
        def toon(request: Request) -> Response:
            return stap_pagina(request, stap)

        toon.__name__ = f"toon_{stap.value}"
        return toon

    for s in Stap:
        router.add_api_route(f"/stap/{s.value}", toon_stap(s), methods=["GET"])

    _MAKERS: dict[str, Callable[[Formulier, Overzicht], Gebeurtenis]] = {
        "signalen": lambda f, o: signaal_uit_formulier(f),
        "consultatie": lambda f, o: consultatie_uit_formulier(f),
        "oudergesprek": lambda f, o: gesprek_uit_formulier(f),
        "omstandigheden": omstandigheden_uit_formulier,
        "weging": antwoord_uit_formulier,
        "besluit": besluit_uit_formulier,
        "opvolging": opvolging_uit_formulier,
    }

    @router.post("/stap/{naam}")
    async def vastleggen(request: Request, naam: str) -> Response:
        v = vereist(request)
        if isinstance(v, Response):
            return v
        sessie, _, profiel, o = v
        data = await formulier(request, sessie)
        if data is None:
            return geweigerd(request, sessie)
        maker = _MAKERS.get(naam)
        if maker is None:
            return naar(request, "/stap/verder", sessie)
        stap = Stap.BESLUIT if naam == "opvolging" else Stap(naam)
        invoer = als_dict(data)
        if data.get("actie") == "verder":
            return naar(request, f"/stap/{_volgende(stap).value}", sessie)
        assert sessie.dossier is not None
        gebeurtenis: Gebeurtenis
        try:
            if o is None:
                if naam != "signalen":
                    return naar(request, f"/stap/{Stap.SIGNALEN.value}", sessie)
                gebeurtenis = signaal_uit_formulier(invoer)
                aantal = 0
            else:
                gebeurtenis = maker(invoer, o)
                aantal = len(o.dossier.gebeurtenissen)
            nummer = archief(request, sessie).voeg_toe(sessie.dossier, gebeurtenis, na=aantal)
        except OngeldigeInvoer as exc:
            return stap_pagina(request, stap, status=400, fouten=list(exc.fouten), invoer=invoer)
        except StapOntbreekt as exc:
            fout = Fout("", "", teksten.stap_ontbreekt(exc.ontbreekt))
            return stap_pagina(request, stap, status=409, fouten=[fout], invoer=invoer)
        except (VolgnummerConflict, DossierGewijzigd):
            sessie.melding = (
                "De casus is intussen door iemand anders gewijzigd. Bekijk de huidige stand en "
                "probeer het opnieuw."
            )
            return naar(request, f"/stap/{stap.value}", sessie)
        log(request, sessie, "schrijven", 201, dossier=sessie.dossier, volgnummer=nummer)
        sessie.melding = teksten.vastgelegd(gebeurtenis)
        if naam == "signalen" and data.get("actie") == "nog_een":
            return naar(request, f"/stap/{Stap.SIGNALEN.value}", sessie)
        nieuw = open_overzicht(request, sessie, profiel)
        if naam in ("besluit", "opvolging"):
            return naar(request, f"/stap/{Stap.BESLUIT.value}", sessie)
        if nieuw is not None and nieuw.besluit.spoed and naam == "signalen":
            return naar(request, f"/stap/{Stap.BESLUIT.value}", sessie)
        if naam in ("consultatie", "oudergesprek") and data.get("actie") == "nog_een":
            return naar(request, f"/stap/{naam}", sessie)
        if naam in ("omstandigheden", "weging"):
            return naar(request, "/stap/verder", sessie)
        return naar(request, f"/stap/{_volgende(stap).value}", sessie)

    @router.get("/samenvatting")
    def samenvatting(request: Request) -> Response:
        v = vereist(request)
        if isinstance(v, Response):
            return v
        sessie, naam, _, o = v
        if o is None:
            return naar(request, "/stap/verder", sessie)
        return pagina(
            request,
            sessie,
            "samenvatting.html",
            titel=f"Samenvatting van casus {sessie.dossier}",
            o=o,
            profielnaam=naam,
            waarom_niet=waarom_niet_voor(o),
        )

    @router.get("/static/wandeling.css")
    def stijl() -> Response:
        return FileResponse(
            _MAP / "static" / "wandeling.css",
            media_type="text/css",
            headers={"Cache-Control": "no-cache"},
        )

    return router


def _volgende(stap: Stap) -> Stap:
    volgorde = [s for s, _ in STAPPEN]
    i = volgorde.index(stap)
    return volgorde[min(i + 1, len(volgorde) - 1)]
