"""Case files of the role-play (data/cases/*.yaml): the model, the engine (flags, conditions, endings) and the
graph checks that catch what pydantic cannot (missing targets, unreachable scenes, dead ends, unknown roles/links).

The same rules run in the browser (widgets/role_play.js); tests compare both.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, model_validator

from ...models.base import LongText, ShortText, StrictModel, WidgetId, WidgetSpec
from ...models.jsontypes import JsonDateTime
from ...models.registry import widget_state

Ident = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")]
"""A short id inside a case: lowercase letters, digits and hyphens (e.g. `startgesprek`)."""

SETTINGS: dict[str, str] = {
    "basisschool": "Basisschool",
    "vo-mbo": "Vmbo of mbo",
    "speciaal-onderwijs": "Speciaal onderwijs",
    "jeugdhulpteam": "Jeugdhulp- of wijkteam",
}
"""Where a case plays: id -> Dutch label."""

Setting = Literal["basisschool", "vo-mbo", "speciaal-onderwijs", "jeugdhulpteam"]

PROFESSIONS: dict[str, str] = {
    "leraar": "leraar",
    "onderwijs": "onderwijs (overig)",
    "sociaal-werker": "sociaal werker",
    "verpleegkundige": "verpleegkundige",
    "arts": "arts",
    "gezin": "gezin",
}
"""Professions and other groups a role belongs to; the course trains teachers, social workers and nurses."""


@dataclass(frozen=True)
class RoleKind:
    """One kind of role a case may use."""

    label: str
    """Dutch name shown on cards and in the widget."""
    profession: str
    """Key of PROFESSIONS."""


ROLE_KINDS: dict[str, RoleKind] = {
    "leraar": RoleKind("Leraar", "leraar"),
    "mentor": RoleKind("Mentor", "leraar"),
    "intern-begeleider": RoleKind("Intern begeleider", "onderwijs"),
    "zorgcoordinator": RoleKind("Zorgcoördinator", "onderwijs"),
    "directeur": RoleKind("Directeur of teamleider", "onderwijs"),
    "jeugdhulpverlener": RoleKind("Jeugdhulpverlener", "sociaal-werker"),
    "schoolmaatschappelijk-werker": RoleKind("Schoolmaatschappelijk werker", "sociaal-werker"),
    "wijkteam": RoleKind("Medewerker wijkteam", "sociaal-werker"),
    "jeugdverpleegkundige": RoleKind("Jeugdverpleegkundige", "verpleegkundige"),
    "jeugdarts": RoleKind("Jeugdarts", "arts"),
    "ouder": RoleKind("Ouder", "gezin"),
    "leerling": RoleKind("Leerling of jongere", "gezin"),
}
"""The roles a case may use (`kind` of a role)."""


@dataclass(frozen=True)
class ModelKey:
    """A concept from the course's models that a choice strengthens or weakens."""

    model: str
    """'bronstein', 'grens' or 'aanbeveling'."""
    label: str
    """Dutch name."""
    section: str
    """Label of the chapter section that explains it."""


MODELS: dict[str, str] = {
    "bronstein": "Component van Bronstein",
    "grens": "Leermechanisme aan de grens",
    "aanbeveling": "Aanbeveling uit de bronnen",
}
"""The three kinds of concepts feedback is tied to."""

MODEL_KEYS: dict[str, ModelKey] = {
    # Bronstein (2003): five components of interprofessional collaboration.
    "onderlinge-afhankelijkheid": ModelKey("bronstein", "Onderlinge afhankelijkheid", "interprofessioneel-bronstein"),
    "nieuwe-activiteiten": ModelKey(
        "bronstein", "Nieuw gecreëerde professionele activiteiten", "interprofessioneel-bronstein"
    ),
    "flexibiliteit": ModelKey("bronstein", "Flexibiliteit", "interprofessioneel-bronstein"),
    "collectief-eigenaarschap": ModelKey(
        "bronstein", "Collectief eigenaarschap van doelen", "interprofessioneel-bronstein"
    ),
    "reflectie-op-proces": ModelKey("bronstein", "Reflectie op het proces", "interprofessioneel-bronstein"),
    # Akkerman & Bakker (2011): four learning mechanisms at the boundary.
    "identificatie": ModelKey("grens", "Identificatie", "grensoverschrijding-mechanismen"),
    "coordinatie": ModelKey("grens", "Coördinatie", "grensoverschrijding-mechanismen"),
    "reflectie": ModelKey("grens", "Reflectie (perspectief nemen)", "grensoverschrijding-mechanismen"),
    "transformatie": ModelKey("grens", "Transformatie", "grensoverschrijding-mechanismen"),
    # Recommendations and guidelines of the sources.
    "ontmoeting-en-dialoog": ModelKey(
        "aanbeveling", "Ontmoeting en dialoog, samen met ouders", "ouders-jeugdigen-richtlijnen"
    ),
    "gedeeld-kader": ModelKey(
        "aanbeveling", "Meerdere perspectieven in een gedeeld kader", "ouders-jeugdigen-richtlijnen"
    ),
    "contexten-betrekken": ModelKey(
        "aanbeveling", "Contexten betrekken en oplossingsgericht werken", "systeemtheorie-contexten"
    ),
    "relaties-als-basis": ModelKey(
        "aanbeveling", "Interactie en relaties als basis voor verandering", "systeemtheorie-contexten"
    ),
    "relationele-positionering": ModelKey(
        "aanbeveling", "Reflecteren op je relationele positie", "systeemtheorie-contexten"
    ),
    "direct-contact": ModelKey(
        "aanbeveling", "Rechtstreeks contact tussen leraar en hulpverlener", "ouders-jeugdigen-werkzame-factoren"
    ),
    "zichtbare-doelen": ModelKey(
        "aanbeveling", "Kleine doelen die je in de klas kunt zien", "ouders-jeugdigen-werkzame-factoren"
    ),
    "tijd-en-verwachtingen": ModelKey(
        "aanbeveling", "Tijd en verwachtingen vooraf bespreken", "ouders-jeugdigen-werkzame-factoren"
    ),
    "wie-doet-wat": ModelKey("aanbeveling", "Helder wie wat doet en waarom", "ouders-jeugdigen-werkzame-factoren"),
    "meta-perspectief": ModelKey("aanbeveling", "Meta-perspectief en meerzijdige partijdigheid", "systeemtheorie-meta"),
    "onzichtbaar-werk": ModelKey(
        "aanbeveling", "Het onzichtbare werk van de leraar erkennen", "ouders-jeugdigen-werkzame-factoren"
    ),
    "samen-doen": ModelKey("aanbeveling", "Samen doen in de klas, niet alleen samen praten", "samen-doen-praten-doen"),
    "taakverdeling-met-ruimte": ModelKey(
        "aanbeveling", "Heldere taakverdeling met ruimte om over te nemen", "samen-doen-tips"
    ),
    "ouders-betrekken": ModelKey(
        "aanbeveling", "Praten mét ouders en jongeren, niet over hen", "ouders-jeugdigen-met-ons"
    ),
    "stem-van-het-kind": ModelKey("aanbeveling", "De stem van het kind een plaats geven", "ouders-jeugdigen-stem-kind"),
}
"""Keys a choice may list under `strengthens` and `weakens`, with the section of the book that explains them."""

SEEDS: dict[str, str] = {
    "000": "pm-behoeften",
    "001": "windesheim-werkzame-factoren",
    "002": "verwey-jonker-samenwerking",
    "003": "fontys-samen-doen",
    "004": "diemel-haasen-samen-doen",
}
"""Source documents a case may be built from: seed number -> citation key in references.bib."""

RESERVED_ROLE_IDS = {"groep"}
"""Role ids the widget uses itself (class play logs choices as 'de groep')."""

_kinds = ", ".join(ROLE_KINDS)
_keys = ", ".join(MODEL_KEYS)


class Source(StrictModel):
    """Where in the course's sources the case comes from."""

    seed: Literal["000", "001", "002", "003", "004"] = Field(
        description="Nummer van het brondocument (seed): 000 behoefteonderzoek, 001 Windesheim-onderzoek, "
        "002 kennissynthese Verwey-Jonker, 003 Fontys-eindrapport, 004 Fontys-praktijkartikel."
    )
    lines: Annotated[str, StringConstraints(pattern=r"^L\d+(-\d+)?(, ?L\d+(-\d+)?)*$")] = Field(
        description="Regelnummers in die bron, bijvoorbeeld 'L2470-2500, L2582-2585'."
    )
    what: ShortText = Field(description="Welke situatie of bevinding uit die regels de casus gebruikt.")


class Role(StrictModel):
    """A person in the case, with a public card and what only this role knows."""

    id: Ident = Field(
        description="Id van de rol in deze casus; je gebruikt het bij `roles:` van een keuze (bijv. 'leraar')."
    )
    kind: str = Field(description=f"Soort rol; een van: {_kinds}.")
    name: ShortText = Field(
        description="Verzonnen naam en functie, bijvoorbeeld 'Femke de Vries, leraar groep 5'. Het eerste woord is de "
        "voornaam: wat deze rol te lezen krijgt, noemt die naam niet (schrijf de tekst voor deze rol onder `as_role`)."
    )
    lead: bool = Field(False, description="true voor de rol(len) waar de casus om draait (hoofdrol).")
    playable: bool = Field(
        True, description="Of een student deze rol kan kiezen als hij alleen speelt (standaard true)."
    )
    public: ShortText = Field(description="Openbaar deel van de rolkaart: wat iedereen aan tafel weet.")
    private: ShortText = Field(
        description="Vertrouwelijk deel: wat alleen deze rol weet (wat de ouder de school niet heeft verteld, "
        "wat de jeugdhulpverlener niet mag delen)."
    )
    wants: ShortText | None = Field(None, description="Optioneel: wat deze persoon hoopt te bereiken.")


RoleTexts = dict[Ident, ShortText]
"""Texts per role id: what the player of that role reads instead of the shared text (in the second person)."""

AS_ROLE = (
    "Optioneel: de tekst voor wie een bepaalde rol speelt, in de jij-vorm (rol-id: tekst); vervangt `text` voor die "
    "rol. Klassikaal spel toont `text`."
)
"""The description of every `as_role` field of a scene, ending or variant."""

CHOICE_AS_ROLE = (
    "Optioneel: de keuze zoals wie een bepaalde rol speelt haar leest, in de jij-vorm of als opdracht (rol-id: "
    "tekst); vervangt `text` voor die rol. Klassikaal spel toont `text`."
)
"""The description of a choice's `as_role` field."""


class Variant(StrictModel):
    """Extra text in a scene or ending that only shows when flags are set (the consequence of earlier choices)."""

    when: Annotated[list[Ident], Field(min_length=1)] = Field(description="Vlaggen die allemaal gezet moeten zijn.")
    text: ShortText = Field(description="De extra tekst.")
    as_role: RoleTexts = Field(default_factory=dict, description=AS_ROLE)


class Choice(StrictModel):
    """One option in a scene: where it leads, what it sets, and feedback tied to the course's models."""

    id: Ident = Field(
        description="Id van de keuze, uniek binnen de scène (het wordt opgeslagen in het pad van de student)."
    )
    text: ShortText = Field(
        description="Wat de speler doet, zoals het op de knop staat; voor klassikaal spel en voor elke rol zonder "
        "eigen tekst onder `as_role`."
    )
    as_role: RoleTexts = Field(default_factory=dict, description=CHOICE_AS_ROLE)
    next: Ident = Field(description="Id van de scène of afloop waar deze keuze naartoe leidt.")
    roles: list[Ident] = Field(
        default_factory=list,
        description="Alleen deze rollen (id's) zien de keuze als ze alleen spelen; leeg: iedere rol.",
    )
    requires: list[Ident] = Field(
        default_factory=list, description="Vlaggen die allemaal gezet moeten zijn om de keuze te tonen."
    )
    unless: list[Ident] = Field(
        default_factory=list, description="Vlaggen die geen van alle gezet mogen zijn om de keuze te tonen."
    )
    sets: list[Ident] = Field(default_factory=list, description="Vlaggen die deze keuze zet (ze blijven gezet).")
    feedback: ShortText = Field(
        description="Feedback na het kiezen: wat de keuze doet en waarom, in de begrippen van de cursus."
    )
    strengthens: list[str] = Field(
        default_factory=list, description=f"Begrippen die deze keuze versterkt; kies uit: {_keys}."
    )
    weakens: list[str] = Field(default_factory=list, description="Begrippen die deze keuze verzwakt (dezelfde lijst).")
    see: list[str] = Field(
        default_factory=list,
        description="Extra labels van hoofdstukparagrafen om na te lezen, bijvoorbeeld 'systeemtheorie-meta'.",
    )


class Route(StrictModel):
    """An automatic jump: the first route whose flags are all set is taken."""

    when: list[Ident] = Field(
        default_factory=list, description="Vlaggen die allemaal gezet moeten zijn; leeg: altijd (de standaardroute)."
    )
    next: Ident = Field(description="Id van de scène of afloop waar de route naartoe gaat.")


SCENE_RULES: dict[str, str] = {
    "both": "een scène heeft óf 'choices' (de speler kiest) óf 'routes' (automatisch); kies er één",
    "neither": "geef de scène 'choices' (minstens twee keuzes) of 'routes'",
    "one_choice": "een scène met keuzes heeft er minstens twee; anders valt er niets te kiezen",
    "last_route": (
        "de laatste route mag geen 'when' hebben: die is de standaard als geen andere route past; "
        "haal 'when' weg bij de laatste route of voeg onderaan een route zonder 'when' toe"
    ),
}
"""What a scene must be besides its fields (Scene's own validator; checks.js gives the same messages)."""


class Scene(StrictModel):
    """A moment in the case. Either the player chooses (`choices`) or the case routes on flags (`routes`)."""

    id: Ident = Field(description="Id van de scène, uniek onder alle scènes en aflopen.")
    title: ShortText = Field(description="Korte titel; staat in het pad van de speler.")
    text: ShortText = Field(
        description="Wat er gebeurt, voor klassikaal spel en voor elke rol zonder eigen tekst onder `as_role`."
    )
    as_role: RoleTexts = Field(default_factory=dict, description=AS_ROLE)
    variants: list[Variant] = Field(default_factory=list, description="Extra tekst die afhangt van eerdere keuzes.")
    prompt: ShortText | None = Field(None, description="De vraag aan de speler, bijvoorbeeld 'Wat doe je?'.")
    choices: list[Choice] = Field(
        default_factory=list, description="Twee of meer keuzes; laat weg als de scène routes heeft."
    )
    routes: list[Route] = Field(
        default_factory=list, description="Automatische sprongen op vlaggen; de laatste heeft geen `when`."
    )

    @model_validator(mode="after")
    def _choices_or_routes(self) -> Scene:
        if self.choices and self.routes:
            raise ValueError(SCENE_RULES["both"])
        if not self.choices and not self.routes:
            raise ValueError(SCENE_RULES["neither"])
        if self.choices and len(self.choices) < 2:
            raise ValueError(SCENE_RULES["one_choice"])
        if self.routes and self.routes[-1].when:
            raise ValueError(SCENE_RULES["last_route"])
        return self


class Ending(StrictModel):
    """How the case can end."""

    id: Ident = Field(description="Id van de afloop, uniek onder alle scènes en aflopen.")
    title: ShortText = Field(description="Korte titel van de afloop.")
    tone: Literal["goed", "gemengd", "zorgelijk"] = Field(description="Hoe het afliep: goed, gemengd of zorgelijk.")
    text: ShortText = Field(description="Wat er uiteindelijk gebeurt en wat het betekent voor het kind.")
    as_role: RoleTexts = Field(default_factory=dict, description=AS_ROLE)
    variants: list[Variant] = Field(default_factory=list, description="Extra tekst die afhangt van eerdere keuzes.")


def text_for(item: Scene | Ending | Variant | Choice, role: str | None) -> str:
    """The text a player reads (of a scene, ending, variant or choice): in solo play the role's own text (`as_role`)
    when there is one, else the shared one."""
    return item.as_role.get(role, item.text) if role else item.text


def visible_text(item: Scene | Ending, role: str | None, flags: frozenset[str] | set[str]) -> list[str]:
    """What a scene or ending says to the player: its text, then the variants whose flags are all set."""
    shown = [v for v in item.variants if all(f in flags for f in v.when)]
    return [text_for(item, role), *(text_for(v, role) for v in shown)]


class CaseFile(StrictModel):
    """One case of the role-play: a file data/cases/<id>.yaml (the file name is the case's id)."""

    title: ShortText = Field(description="Titel van de casus.")
    summary: ShortText = Field(description="Twee of drie zinnen: de situatie en de vraag.")
    setting: Setting = Field(
        description="Waar de casus speelt: basisschool, vo-mbo, speciaal-onderwijs of jeugdhulpteam."
    )
    learning_goals: Annotated[list[ShortText], Field(min_length=1, max_length=6)] = Field(
        description="Wat de student oefent (één tot zes leerdoelen)."
    )
    chapters: Annotated[list[str], Field(min_length=1)] = Field(
        description="Labels van de hoofdstukparagrafen die de casus oefent, bijv. 'interprofessioneel-bronstein'."
    )
    source: Annotated[list[Source], Field(min_length=1)] = Field(
        description="De brondocumenten en regels waarop de casus is gebouwd."
    )
    flags: dict[Ident, ShortText] = Field(
        default_factory=dict,
        description="Elke vlag die de casus gebruikt, met wat ze betekent (bijv. ouder-gehoord: ...).",
    )
    roles: Annotated[list[Role], Field(min_length=2, max_length=8)] = Field(description="Twee tot acht rollen.")
    start: Ident = Field(description="Id van de eerste scène.")
    scenes: Annotated[list[Scene], Field(min_length=1, max_length=40)] = Field(description="De scènes.")
    endings: Annotated[list[Ending], Field(min_length=1, max_length=10)] = Field(description="De mogelijke aflopen.")
    reflection: Annotated[list[ShortText], Field(min_length=1, max_length=8)] = Field(
        description="Reflectievragen die de student na de afloop beantwoordt (één tot acht)."
    )

    # --- lookup -------------------------------------------------------------------------------------------------

    def scene(self, node_id: str) -> Scene | None:
        """The scene with this id, or None."""
        return next((s for s in self.scenes if s.id == node_id), None)

    def ending(self, node_id: str) -> Ending | None:
        """The ending with this id, or None."""
        return next((e for e in self.endings if e.id == node_id), None)

    def role(self, role_id: str) -> Role | None:
        """The role with this id, or None."""
        return next((r for r in self.roles if r.id == role_id), None)

    def lead_roles(self) -> list[Role]:
        """The leading roles."""
        return [r for r in self.roles if r.lead]

    # --- engine ---------------------------------------------------------------------------------------------------

    @staticmethod
    def is_available(choice: Choice, role: str | None, flags: frozenset[str] | set[str]) -> bool:
        """Whether the player sees this choice. `role` None is class play: the group sees every role's choices."""
        if choice.roles and role is not None and role not in choice.roles:
            return False
        return all(f in flags for f in choice.requires) and not any(f in flags for f in choice.unless)

    def available_choices(self, scene_id: str, role: str | None, flags: frozenset[str] | set[str]) -> list[Choice]:
        """The choices the player sees in a scene."""
        scene = self.scene(scene_id)
        return [c for c in scene.choices if self.is_available(c, role, flags)] if scene else []

    def follow_routes(self, node_id: str, flags: frozenset[str] | set[str]) -> str:
        """Pass through routing scenes: the first route whose flags are all set, until a choice scene or ending."""
        for _ in range(len(self.scenes) + 1):
            scene = self.scene(node_id)
            if scene is None or not scene.routes:
                return node_id
            node_id = next(r.next for r in scene.routes if all(f in flags for f in r.when))
        raise ValueError(f"de routes vanaf '{node_id}' vormen een kring zonder keuze")

    def replay(self, role: str | None, steps: list[dict[str, str]]) -> Progress:
        """Play a saved path from the start. Stops at the first step that no longer fits the case (edited file)."""
        flags: set[str] = set()
        node = self.follow_routes(self.start, flags)
        done: list[tuple[Scene, Choice]] = []
        for step in steps:
            scene = self.scene(node)
            if scene is None or scene.id != step.get("scene"):
                return Progress(node, frozenset(flags), done, "het opgeslagen pad past niet meer bij de casus")
            choice = next((c for c in scene.choices if c.id == step.get("choice")), None)
            if choice is None or not self.is_available(choice, role, flags):
                return Progress(node, frozenset(flags), done, "deze keuze bestaat niet meer of is niet beschikbaar")
            flags.update(choice.sets)
            done.append((scene, choice))
            node = self.follow_routes(choice.next, flags)
        return Progress(node, frozenset(flags), done, None)

    def tally(self, choices: list[Choice]) -> dict[str, dict[str, int]]:
        """Per concept key: how often the path strengthened (`up`) and weakened (`down`) it, in catalogue order."""
        counts: dict[str, dict[str, int]] = {}
        for choice in choices:
            for key in choice.strengthens:
                counts.setdefault(key, {"up": 0, "down": 0})["up"] += 1
            for key in choice.weakens:
                counts.setdefault(key, {"up": 0, "down": 0})["down"] += 1
        order = list(MODEL_KEYS)
        return dict(sorted(counts.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)))

    def used_labels(self) -> list[str]:
        """Every chapter label the case links to (its chapters, the sections of its concepts, `see` lists)."""
        labels = list(self.chapters)
        for scene in self.scenes:
            for choice in scene.choices:
                for key in (*choice.strengthens, *choice.weakens):
                    if key in MODEL_KEYS:
                        labels.append(MODEL_KEYS[key].section)
                labels.extend(choice.see)
        return list(dict.fromkeys(labels))


@dataclass
class Progress:
    """Where a replayed path stands."""

    node: str
    """Id of the current scene or the ending reached."""
    flags: frozenset[str]
    """Flags set so far."""
    steps: list[tuple[Scene, Choice]]
    """The scenes passed and the choices made."""
    error: str | None
    """Why the replay stopped early (the case file changed), or None."""


# --- graph checks -------------------------------------------------------------------------------------------------

Problem = tuple[tuple[Any, ...], str]
"""A YAML path (keys and list indexes) and a plain Dutch reason with the fix."""

MAX_STATES = 50_000


def _options(ids: list[str], limit: int = 12) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (", …" if len(ids) > limit else "")


def check_case(case: CaseFile, labels: dict[str, ChapterLink] | None = None) -> list[Problem]:
    """Everything pydantic cannot see: ids, targets, roles, flags, concept keys, chapter links, reachability, endings.

    `labels`: the chapter labels that exist (see `chapter_labels`); None skips the link check.
    """
    problems: list[Problem] = []
    problems += _check_ids(case)
    problems += _check_roles(case)
    problems += _check_flags(case)
    problems += _check_keys_and_links(case, labels)
    targets = _check_targets(case)
    problems += targets
    if not targets and not any("id" in loc for loc, _ in problems):
        problems += _check_graph(case)
        problems += _check_voice(case)
    return problems


def _check_ids(case: CaseFile) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    groups: tuple[tuple[str, Sequence[Scene | Ending]], ...] = (("scenes", case.scenes), ("endings", case.endings))
    for kind, items in groups:
        for i, item in enumerate(items):
            if item.id in seen:
                problems.append(
                    (
                        (kind, i, "id"),
                        f"het id '{item.id}' komt al voor bij {seen[item.id]}; "
                        "geef elke scène en elke afloop een eigen id",
                    )
                )
            else:
                seen[item.id] = f"{kind}.{i}"
    for i, scene in enumerate(case.scenes):
        choice_ids: dict[str, int] = {}
        for j, choice in enumerate(scene.choices):
            if choice.id in choice_ids:
                problems.append(
                    (
                        ("scenes", i, "choices", j, "id"),
                        f"de keuze-id '{choice.id}' komt in deze scène al voor (keuze {choice_ids[choice.id]}); "
                        "geef elke keuze binnen een scène een eigen id",
                    )
                )
            else:
                choice_ids[choice.id] = j
    role_ids: dict[str, int] = {}
    for i, role in enumerate(case.roles):
        if role.id in role_ids:
            problems.append(
                (
                    ("roles", i, "id"),
                    f"de rol-id '{role.id}' komt al voor (roles.{role_ids[role.id]}); kies een ander id",
                )
            )
        elif role.id in RESERVED_ROLE_IDS:
            problems.append(
                (("roles", i, "id"), f"'{role.id}' is gereserveerd voor klassikaal spel; kies een ander id")
            )
        else:
            role_ids[role.id] = i
    return problems


def _check_roles(case: CaseFile) -> list[Problem]:
    problems: list[Problem] = []
    ids = [r.id for r in case.roles]
    for i, role in enumerate(case.roles):
        if role.kind not in ROLE_KINDS:
            problems.append(
                (("roles", i, "kind"), f"onbekende rol '{role.kind}'; kies een van: {_options(list(ROLE_KINDS), 20)}")
            )
        if role.lead and not role.playable:
            problems.append((("roles", i, "playable"), "een hoofdrol moet speelbaar zijn; zet 'playable: true'"))
    if not case.lead_roles():
        problems.append((("roles",), "geen enkele rol heeft 'lead: true'; markeer de rol(len) waar de casus om draait"))
    if not any(r.playable for r in case.roles):
        problems.append((("roles",), "geen enkele rol is speelbaar; zet bij minstens één rol 'playable: true'"))
    for i, scene in enumerate(case.scenes):
        for j, choice in enumerate(scene.choices):
            for k, role_id in enumerate(choice.roles):
                if role_id not in ids:
                    problems.append(
                        (
                            ("scenes", i, "choices", j, "roles", k),
                            f"de rol '{role_id}' staat niet onder 'roles' van deze casus; "
                            f"gebruik een van: {_options(ids)}, of voeg de rol toe",
                        )
                    )
    playable = [r.id for r in case.roles if r.playable]
    for loc, item in _role_text_items(case):
        for role_id in item.as_role:
            if role_id not in ids:
                problems.append(
                    (
                        (*loc, "as_role", role_id),
                        f"'{role_id}' is geen rol van deze casus; zet de tekst onder de id van een speelbare rol "
                        f"({_options(playable)}) of verwijder haar",
                    )
                )
            elif role_id not in playable:
                problems.append(
                    (
                        (*loc, "as_role", role_id),
                        f"rol '{role_id}' is niet speelbaar, dus niemand leest deze tekst; verwijder haar "
                        f"of zet bij rol '{role_id}' 'playable: true'",
                    )
                )
    return problems


RoleTextItem = Scene | Ending | Variant | Choice
"""Whatever may have texts per role (`as_role`)."""


def _role_text_items(case: CaseFile) -> list[tuple[tuple, RoleTextItem]]:
    """Every scene, its choices, ending and variant (each may have texts per role), with its YAML path, in file
    order (a scene's choices right after the scene)."""
    found: list[tuple[tuple, RoleTextItem]] = []
    groups: tuple[tuple[str, Sequence[Scene | Ending]], ...] = (("scenes", case.scenes), ("endings", case.endings))
    for kind, items in groups:
        for i, item in enumerate(items):
            found.append(((kind, i), item))
            if isinstance(item, Scene):
                found.extend(((kind, i, "choices", j), choice) for j, choice in enumerate(item.choices))
            found.extend(((kind, i, "variants", v), variant) for v, variant in enumerate(item.variants))
    return found


def _check_flags(case: CaseFile) -> list[Problem]:
    problems: list[Problem] = []
    declared = list(case.flags)
    set_somewhere = {f for s in case.scenes for c in s.choices for f in c.sets}

    def check(loc: tuple, flag: str) -> None:
        if flag not in case.flags:
            problems.append(
                (
                    loc,
                    f"de vlag '{flag}' staat niet onder 'flags'; voeg haar daar toe met een korte uitleg "
                    f"of corrigeer de spelling (bekend: {_options(declared) or 'geen'})",
                )
            )

    for i, scene in enumerate(case.scenes):
        for v, variant in enumerate(scene.variants):
            for k, flag in enumerate(variant.when):
                check(("scenes", i, "variants", v, "when", k), flag)
        for r, route in enumerate(scene.routes):
            for k, flag in enumerate(route.when):
                check(("scenes", i, "routes", r, "when", k), flag)
        for j, choice in enumerate(scene.choices):
            for field in ("requires", "unless", "sets"):
                for k, flag in enumerate(getattr(choice, field)):
                    check(("scenes", i, "choices", j, field, k), flag)
    for e, ending in enumerate(case.endings):
        for v, variant in enumerate(ending.variants):
            for k, flag in enumerate(variant.when):
                check(("endings", e, "variants", v, "when", k), flag)
    for flag in declared:
        if flag not in set_somewhere:
            problems.append(
                (
                    ("flags", flag),
                    f"de vlag '{flag}' wordt door geen enkele keuze gezet; zet haar met 'sets: [{flag}]' "
                    "bij een keuze of verwijder haar",
                )
            )
    return problems


def _check_keys_and_links(case: CaseFile, labels: dict[str, ChapterLink] | None) -> list[Problem]:
    problems: list[Problem] = []
    for i, scene in enumerate(case.scenes):
        for j, choice in enumerate(scene.choices):
            for field in ("strengthens", "weakens"):
                for k, key in enumerate(getattr(choice, field)):
                    if key not in MODEL_KEYS:
                        problems.append(
                            (
                                ("scenes", i, "choices", j, field, k),
                                f"onbekend begrip '{key}'; kies uit: {_options(list(MODEL_KEYS), 30)}",
                            )
                        )
            both = set(choice.strengthens) & set(choice.weakens)
            if both:
                problems.append(
                    (
                        ("scenes", i, "choices", j, "weakens"),
                        f"'{', '.join(sorted(both))}' staat zowel bij strengthens als bij weakens; kies één van beide",
                    )
                )
    if labels is None:
        return problems

    def check(loc: tuple, label: str) -> None:
        if label not in labels:
            near = [name for name in labels if label.split("-")[0] in name] or list(labels)
            problems.append(
                (
                    loc,
                    f"het hoofdstuklabel '{label}' bestaat niet; gebruik een label uit de hoofdstukken, "
                    f"bijvoorbeeld: {_options(sorted(near), 8)} (alle labels staan in de auteurshandleiding)",
                )
            )

    for k, label in enumerate(case.chapters):
        check(("chapters", k), label)
    for i, scene in enumerate(case.scenes):
        for j, choice in enumerate(scene.choices):
            for k, label in enumerate(choice.see):
                check(("scenes", i, "choices", j, "see", k), label)
    return problems


def _check_targets(case: CaseFile) -> list[Problem]:
    problems: list[Problem] = []
    nodes = [s.id for s in case.scenes] + [e.id for e in case.endings]

    def check(loc: tuple, target: str, what: str) -> None:
        if target not in nodes:
            problems.append(
                (
                    loc,
                    f"{what} '{target}' bestaat niet; kies een bestaande scène of afloop "
                    f"({_options(nodes)}) of voeg een scène of afloop met id '{target}' toe",
                )
            )

    if case.scene(case.start) is None:
        check(("start",), case.start, "de startscène")
        if case.ending(case.start) is not None:
            problems[-1:] = [(("start",), f"'{case.start}' is een afloop; de casus moet met een scène beginnen")]
    for i, scene in enumerate(case.scenes):
        for j, choice in enumerate(scene.choices):
            check(("scenes", i, "choices", j, "next"), choice.next, "de scène")
        for r, route in enumerate(scene.routes):
            check(("scenes", i, "routes", r, "next"), route.next, "de scène")
    return problems


def _players(case: CaseFile) -> list[str | None]:
    return [r.id for r in case.roles if r.playable] + [None]


def _player_name(case: CaseFile, role: str | None) -> str:
    return f"rol '{role}'" if role else "klassikaal spel (alle keuzes)"


def _check_graph(case: CaseFile) -> list[Problem]:
    """Reachability with and without conditions, and a way to an ending from every state a player can reach."""
    problems: list[Problem] = []
    index = {s.id: i for i, s in enumerate(case.scenes)} | {e.id: i for i, e in enumerate(case.endings)}

    def loc(node: str) -> tuple:
        return ("scenes", index[node]) if case.scene(node) else ("endings", index[node])

    # 1. Plain graph: every scene and ending has a way in from the start.
    linked = {case.start}
    queue = deque([case.start])
    while queue:
        scene = case.scene(queue.popleft())
        if scene is None:
            continue
        for target in [c.next for c in scene.choices] + [r.next for r in scene.routes]:
            if target not in linked:
                linked.add(target)
                queue.append(target)
    for node in [s.id for s in case.scenes] + [e.id for e in case.endings]:
        if node not in linked:
            problems.append(
                (
                    loc(node),
                    f"'{node}' is onbereikbaar: geen keuze of route vanaf de start leidt ernaartoe; "
                    f"laat een keuze met 'next: {node}' ernaar wijzen of verwijder het",
                )
            )

    # 2. With conditions: explore (node, flags) per player; every reachable state must still reach an ending.
    visited: set[str] = set()
    stuck_at: dict[str, list[str]] = {}
    for player in _players(case):
        try:
            edges, seen = _explore(case, player, visited)
        except ValueError as error:
            problems.append((("scenes",), f"{error}; geef de routes een uitgang die naar een keuze of afloop leidt"))
            return problems
        if edges is None:
            problems.append((("scenes",), "te veel combinaties van vlaggen om te controleren; gebruik minder vlaggen"))
            return problems
        finishing = {state for state in seen if case.ending(state[0]) is not None}
        reverse: dict[tuple, list[tuple]] = {}
        for state, successors in edges.items():
            for successor in successors:
                reverse.setdefault(successor, []).append(state)
        queue2 = deque(finishing)
        while queue2:
            for source in reverse.get(queue2.popleft(), []):
                if source not in finishing:
                    finishing.add(source)
                    queue2.append(source)
        for node, flags in sorted(seen - finishing, key=lambda s: (index.get(s[0], 0), sorted(s[1]))):
            if node in stuck_at and any(entry.startswith(_player_name(case, player)) for entry in stuck_at[node]):
                continue
            why = "geen keuze beschikbaar" if not edges.get((node, flags)) else "alle keuzes leiden in een kring"
            flag_text = ", ".join(sorted(flags)) or "geen"
            stuck_at.setdefault(node, []).append(f"{_player_name(case, player)} met vlaggen: {flag_text} ({why})")
    for node, players in stuck_at.items():
        problems.append(
            (
                loc(node),
                f"vanuit scène '{node}' is geen afloop meer te bereiken voor {'; '.join(players)}; "
                "geef deze scène een keuze zonder voorwaarden die (via andere scènes) naar een afloop leidt",
            )
        )
    for node in [s.id for s in case.scenes] + [e.id for e in case.endings]:
        if node in linked and node not in visited:
            problems.append(
                (
                    loc(node),
                    f"'{node}' is onbereikbaar: de keuzes die ernaartoe leiden, zijn door hun voorwaarden "
                    "(requires, unless, roles) nooit beschikbaar; pas die voorwaarden aan of verwijder het",
                )
            )
    return problems


def _explore(
    case: CaseFile, player: str | None, visited: set[str]
) -> tuple[dict[tuple, list[tuple]] | None, set[tuple]]:
    """Breadth-first over (node, flags) states; records every node passed (also routing scenes) in `visited`."""

    def enter(node: str, flags: frozenset[str]) -> tuple:
        for _ in range(len(case.scenes) + 1):
            visited.add(node)
            scene = case.scene(node)
            if scene is None or not scene.routes:
                return (node, flags)
            node = next(r.next for r in scene.routes if all(f in flags for f in r.when))
        raise ValueError(f"de routes vanaf '{node}' vormen een kring zonder keuze")

    start = enter(case.start, frozenset())
    seen = {start}
    edges: dict[tuple, list[tuple]] = {}
    queue = deque([start])
    while queue:
        state = queue.popleft()
        node, flags = state
        targets = []
        for choice in case.available_choices(node, player, flags):
            target = enter(choice.next, flags | frozenset(choice.sets))
            targets.append(target)
            if target not in seen:
                seen.add(target)
                queue.append(target)
                if len(seen) > MAX_STATES:
                    return None, seen
        edges[state] = targets
    return edges, seen


# --- the player's own name -----------------------------------------------------------------------------------

NOT_A_NAME = ("De", "Het", "Een")
"""First words of a role's `name` that are no first name (then the name check skips the role)."""

VOICE_RULES: dict[str, str] = {
    "text": (
        "wie rol '{role}' speelt, leest in {where} in de derde persoon over zichzelf ('{name}'); "
        "schrijf voor rol '{role}' een tekst in de jij-vorm onder `as_role.{role}`"
    ),
    "variant": (
        "wie rol '{role}' speelt, leest in {where} in de derde persoon over zichzelf ('{name}'); "
        "schrijf voor rol '{role}' een tekst in de jij-vorm onder `as_role.{role}` van deze variant"
    ),
    "as_role": (
        "de tekst voor rol '{role}' in {where} noemt de speler zelf bij naam ('{name}'); schrijf haar in de jij-vorm"
    ),
    "prompt": (
        "de vraag van {where} noemt de speler van rol '{role}' bij naam ('{name}'); stel de vraag aan de speler "
        "zelf (bijvoorbeeld 'Wat doe je?') en zet wat er gebeurt in de tekst van de scène"
    ),
    "choice": (
        "keuze '{choice}' in {where} is alleen voor bepaalde rollen (roles) en noemt de speler van rol '{role}' bij "
        "naam ('{name}'); schrijf haar als opdracht aan de speler, zoals 'Bel ...' of 'Vraag ...'"
    ),
    "shared_choice": (
        "keuze '{choice}' in {where} ziet ook wie rol '{role}' speelt, en zij noemt die speler bij naam ('{name}'); "
        "schrijf voor rol '{role}' de keuze in de jij-vorm of als opdracht onder `as_role.{role}` van deze keuze"
    ),
}
"""Why a text speaks of its reader in the third person, with the fix (checks.js uses the same texts)."""


def first_name(role: Role) -> str | None:
    """The first name in a role's `name` (its first word), or None when the name does not start with one."""
    word = role.name.split()[0].strip(",.;:")
    return word if word[:1].isupper() and word not in NOT_A_NAME else None


def names_player(text: str, name: str) -> bool:
    """Whether a text names a person by this first name (also as 'Femkes' or "Femke's")."""
    return re.search(rf"(?<!\w){re.escape(name)}(?:['’]?s)?(?!\w)", text) is not None


def _shown_texts(case: CaseFile, role: str, states: set[tuple]) -> set[tuple]:
    """The YAML paths of the texts a player of `role` reads in the (node, flags) states the player can reach."""
    shown: set[tuple] = set()

    def own(loc: tuple, item: RoleTextItem) -> None:
        shown.add((*loc, "as_role", role) if role in item.as_role else (*loc, "text"))

    scene_index = {s.id: i for i, s in enumerate(case.scenes)}
    ending_index = {e.id: i for i, e in enumerate(case.endings)}
    for node, flags in states:
        item: Scene | Ending
        if node in scene_index:
            loc: tuple = ("scenes", scene_index[node])
            item = case.scenes[scene_index[node]]
        else:
            loc = ("endings", ending_index[node])
            item = case.endings[ending_index[node]]
        own(loc, item)
        for v, variant in enumerate(item.variants):
            if all(f in flags for f in variant.when):
                own((*loc, "variants", v), variant)
        if isinstance(item, Scene):
            if item.prompt:
                shown.add((*loc, "prompt"))
            for j, choice in enumerate(item.choices):
                if CaseFile.is_available(choice, role, flags):
                    own((*loc, "choices", j), choice)
    return shown


def _check_voice(case: CaseFile) -> list[Problem]:
    """A player reads about the person they play in the second person: no text a role is shown names that role's
    person (the first word of its `name`). Follows every state each playable role can reach, like the graph check."""
    readers: list[tuple[Role, str, set[tuple]]] = []
    for role in case.roles:
        name = first_name(role)
        if not role.playable or name is None:
            continue
        try:
            edges, seen = _explore(case, role.id, set())
        except ValueError:
            return []  # the graph check reports the circle of routes
        if edges is None:
            return []
        readers.append((role, name, _shown_texts(case, role.id, seen)))
    problems: list[Problem] = []
    for loc, item in _role_text_items(case):
        node: Scene | Ending = case.scenes[loc[1]] if loc[0] == "scenes" else case.endings[loc[1]]
        where = f"{'scène' if loc[0] == 'scenes' else 'afloop'} '{node.id}'"
        if isinstance(item, Variant):
            where = f"variant {loc[3]} van {where}"
        choice = item.id if isinstance(item, Choice) else ""
        if isinstance(item, Choice):
            rule = "choice" if item.roles else "shared_choice"
        else:
            rule = "variant" if isinstance(item, Variant) else "text"
        texts: list[tuple[tuple, str, str, str]] = [((*loc, "text"), item.text, rule, where)]
        own_where = f"keuze '{choice}' in {where}" if choice else where
        texts += [((*loc, "as_role", r), t, "as_role", own_where) for r, t in item.as_role.items()]
        if isinstance(item, Scene) and item.prompt:
            texts.append(((*loc, "prompt"), item.prompt, "prompt", where))
        for path, text, kind, at in texts:
            for role, name, shown in readers:
                if path in shown and names_player(text, name):
                    message = VOICE_RULES[kind].format(role=role.id, name=name, where=at, choice=choice)
                    problems.append((path, message))
    return problems


# --- chapter labels -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChapterLink:
    """A labelled section of a chapter."""

    doc: str
    """Docname, e.g. 'chapters/05-interprofessioneel/index'."""
    title: str
    """The section's heading."""


_LABEL = re.compile(r"^\(([A-Za-z0-9_-]+)\)=\s*$")
_HEADING = re.compile(r"^#{1,6}\s+(.*\S)\s*$")


def chapter_labels(root: Path) -> dict[str, ChapterLink]:
    """Every `(label)=` target in chapters/**/*.md with the heading that follows it."""
    labels: dict[str, ChapterLink] = {}
    for path in sorted((root / "chapters").rglob("*.md")):
        lines = path.read_text(encoding="utf-8").splitlines()
        doc = path.relative_to(root).with_suffix("").as_posix()
        for i, line in enumerate(lines):
            match = _LABEL.match(line)
            if not match:
                continue
            title = next((m.group(1) for m in map(_HEADING.match, lines[i + 1 : i + 4]) if m), match.group(1))
            labels[match.group(1)] = ChapterLink(doc, title)
    return labels


# --- loading --------------------------------------------------------------------------------------------------


def load_case_text(text: str, source: str, labels: dict[str, ChapterLink] | None = None) -> CaseFile:
    """Validate a case's YAML text: the model first, then the graph checks; every problem names line, path and fix."""
    from ...loading import load_yaml_text, located

    case = load_yaml_text(CaseFile, text, source)
    problems = check_case(case, labels)
    if problems:
        raise located(source, text, problems, by_line=True)
    return case


def case_id_problem(path: Path) -> str | None:
    """Why a file name cannot be a case id, or None."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{1,59}", path.stem):
        return (
            "de bestandsnaam is het id van de casus: gebruik kleine letters, cijfers en '-' (bijv. twee-brillen.yaml)"
        )
    return None


def load_case(path: Path, root: Path | None = None, labels: dict[str, ChapterLink] | None = None) -> CaseFile:
    """Load and fully validate one case file. `root` is the course folder (for messages and chapter labels)."""
    from ...loading import DataError, read_text_file

    source = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
    if path.suffix != ".yaml":
        raise DataError(source, [(None, "", f"een casusbestand eindigt op .yaml; hernoem het naar {path.stem}.yaml")])
    problem = case_id_problem(path)
    if problem:
        raise DataError(source, [(None, "", problem)])
    if labels is None and root is not None:
        labels = chapter_labels(root)
    return load_case_text(read_text_file(path, source), source, labels)


def case_files(root: Path, misnamed: bool = False) -> list[Path]:
    """The case files of the course, sorted by name. `misnamed`: also files that look like a case but do not end in
    .yaml (.yml, .YAML), for which load_case says how to rename them."""
    folder = root / "data" / "cases"
    if not folder.is_dir():
        return []
    if not misnamed:
        return sorted(folder.glob("*.yaml"))
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".yaml", ".yml") and not p.name.startswith("."))


# --- the widget's spec and the learner's state -----------------------------------------------------------------


class ChapterLinkModel(StrictModel):
    """A chapter section the widget links to."""

    doc: str = Field(max_length=200, description="Docname of the page.")
    title: str = Field(max_length=300, description="Heading of the section.")


class ConceptModel(StrictModel):
    """A concept the feedback names."""

    label: str = Field(max_length=200, description="Dutch name.")
    model: str = Field(max_length=200, description="Dutch name of the model it belongs to.")
    section: str = Field(max_length=100, description="Label of the chapter section that explains it.")


class RolePlaySpec(WidgetSpec):
    """A role-play in a page: which case. The build fills in the case itself and its links."""

    id: WidgetId = Field(description="Stable id of this placement; it keys the learner's saved game.")
    case: Ident | None = Field(
        None, description="Id of the case: the file name in data/cases/ without .yaml (not with open_file)."
    )
    open_file: bool = Field(
        False, description="Students open a case file their lecturer hands out and play it (instead of `case`)."
    )
    class_mode: bool = Field(True, description="Offer class play (the group logs its choices) next to solo play.")
    case_data: CaseFile | None = Field(None, description="The case, filled in at build time; do not write it yourself.")
    links: dict[str, ChapterLinkModel] = Field(
        default_factory=dict, description="Chapter sections the case links to, filled in at build time."
    )
    concepts: dict[str, ConceptModel] = Field(
        default_factory=dict, description="The concepts the feedback names (key -> name), filled in at build time."
    )
    kinds: dict[str, str] = Field(
        default_factory=dict, description="Role kinds -> Dutch name, filled in at build time."
    )

    @model_validator(mode="after")
    def _case_or_file(self) -> RolePlaySpec:
        if self.open_file and self.case:
            raise ValueError("kies 'case' (een casus uit data/cases) of 'open_file: true', niet allebei")
        if not self.open_file and not self.case:
            raise ValueError("geef 'case' (het id van een casus uit data/cases) of 'open_file: true'")
        return self

    def static_outline(self) -> list[dict]:
        """The case without JavaScript (search, print): summary, public roles, every scene with its choices, endings."""
        case = self.case_data
        if self.open_file:
            return [{"p": "Hier open je een casusbestand van je docent en speel je het (dit werkt met JavaScript)."}]
        if case is None:
            return [{"p": f"Casus '{self.case}'."}]
        out: list[dict] = [{"strong": case.title}, {"p": case.summary}]
        out.append(
            {"dl": [(f"{r.name} ({ROLE_KINDS.get(r.kind, RoleKind(r.kind, '')).label})", r.public) for r in case.roles]}
        )

        names = {r.id: r.name.split(",")[0] for r in case.roles}

        def as_role(item: RoleTextItem, prefix: str = "Als") -> list[tuple[str, str]]:
            """The texts per role, each under 'Als je <name> speelt' (search and print find them too)."""
            return [(f"{prefix} je {names.get(r, r)} speelt", text) for r, text in item.as_role.items()]

        for scene in case.scenes:
            out.append({"strong": scene.title})
            items: list[Scene | Variant] = [scene, *scene.variants]
            for item in items:
                out.append({"p": item.text})
                if item.as_role:
                    out.append({"dl": as_role(item)})
            if scene.prompt:
                out.append({"p": scene.prompt})
            if scene.choices:
                out.append({"ul": [c.text for c in scene.choices]})
                own = [t for c in scene.choices for t in as_role(c, "Keuze, als")]
                if own:
                    out.append({"dl": own})
        out.append({"strong": "Mogelijke afloop"})
        endings: list[tuple[str, str]] = []
        for e in case.endings:
            endings.append((e.title, " ".join([e.text, *(v.text for v in e.variants)])))
            endings += as_role(e, f"{e.title}, als") + [t for v in e.variants for t in as_role(v, f"{e.title}, als")]
        out.append({"dl": endings})
        out.append({"strong": "Reflectievragen"})
        out.append({"ul": list(case.reflection)})
        return out


class RolePlayStep(StrictModel):
    """One choice on the learner's path."""

    scene: Ident = Field(description="Id of the scene.")
    choice: Ident = Field(description="Id of the choice made.")
    note: str = Field("", max_length=2000, description="Class play: why the group chose this (optional).")


class PlayedFileRef(StrictModel):
    """Which case file a game was played from (a file a lecturer handed out, not a case of the book)."""

    title: str = Field(max_length=2000, description="The case file's title.")
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] = Field(
        description="SHA-256 of the file's text (UTF-8), as hex: tells two versions of a file apart."
    )


class PlayedFile(PlayedFileRef):
    """The case file a learner opened and plays, with the validated case itself (so the portfolio can show it)."""

    name: str = Field("", max_length=200, description="The file's name, e.g. 'ontbijt-op-school.yaml'.")
    case: CaseFile = Field(description="The case in the file, as checked when it was opened.")


class RolePlayRun(StrictModel):
    """A finished game, kept when the learner plays again."""

    file: PlayedFileRef | None = Field(None, description="The case file played, when it was not a case of the book.")

    mode: Literal["solo", "klas"] = Field(description="Solo play or class play.")
    role: str = Field("", max_length=40, description="Id of the role played (empty in class play).")
    group: str = Field("", max_length=200, description="Class play: name(s) of the group.")
    ending: str = Field(max_length=40, description="Id of the ending reached.")
    path: list[RolePlayStep] = Field(max_length=100, description="The choices made.")
    reflections: list[LongText] = Field(default_factory=list, max_length=8, description="Answers to the questions.")
    finished: JsonDateTime = Field(description="When the game was finished (ISO 8601).")


@widget_state("role-play")
class RolePlayState(StrictModel):
    """A learner's game in one case: the current path, reflections, and earlier finished games."""

    mode: Literal["", "solo", "klas"] = Field("", description="'' before starting, then solo or klas (class play).")
    role: str = Field("", max_length=40, description="Id of the role played in solo play.")
    group: str = Field("", max_length=200, description="Class play: name(s) of the group.")
    path: list[RolePlayStep] = Field(
        default_factory=list, max_length=100, description="The choices made so far, in order."
    )
    reflections: list[LongText] = Field(
        default_factory=list, max_length=8, description="Answers to the reflection questions, in order."
    )
    runs: list[RolePlayRun] = Field(
        default_factory=list, max_length=20, description="Earlier finished games (newest last)."
    )
    file: PlayedFile | None = Field(
        None, description="The case file a lecturer handed out that the learner opened (open_file placements)."
    )
