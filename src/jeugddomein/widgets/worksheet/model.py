"""Worksheets: practice tools a professional fills in (data/worksheets/<name>.yaml), and the learner's answers.

A worksheet has sections; a section has fields of four kinds: a short answer, a long answer, a checklist (items to
tick, each with an optional note) and a yes/no/not-applicable choice. The answers go into the portfolio and its
print. A page places a worksheet with its file name:

    ```{worksheet}
    id: werkblad-overleg
    worksheet: voorbereiding-overleg
    ```
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from ...models.base import LongText, ShortText, StrictModel, WidgetId, WidgetSpec
from ...models.registry import widget_state

Ident = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")]
"""A short id inside a worksheet: lowercase letters, digits and hyphens (e.g. `vraag-ouders`)."""

FieldKind = Literal["kort", "lang", "afvinklijst", "ja-nee-nvt"]

KINDS: dict[str, str] = {
    "kort": "kort antwoord (één regel)",
    "lang": "lang antwoord (meerdere regels)",
    "afvinklijst": "afvinklijst (punten om af te vinken, elk met een notitie)",
    "ja-nee-nvt": "keuze uit ja, nee of niet van toepassing",
}
"""The kinds of field, with how they look to the learner."""

CHOICES: dict[str, str] = {"ja": "Ja", "nee": "Nee", "nvt": "Niet van toepassing"}
"""The answers of a ja-nee-nvt field: stored value -> Dutch label."""

Choice = Literal["ja", "nee", "nvt"]

SHORT_MAX = 300
"""Longest answer in a short field (the input box stops there)."""

NOTE_MAX = 1000
"""Longest note at a checklist item."""


def _fail(model: str, problems: list[tuple[tuple[Any, ...], str]]) -> None:
    """Raise a validation error for cross-field rules, each at its own field (so the YAML line is found)."""
    raise ValidationError.from_exception_data(
        model,
        [
            InitErrorDetails(type=PydanticCustomError("worksheet_rule", message), loc=loc, input=None)
            for loc, message in problems
        ],
    )


class ChecklistItem(StrictModel):
    """One point of a checklist."""

    id: Ident = Field(description="Id van het punt, uniek in het hele werkblad (het bewaart het vinkje).")
    text: ShortText = Field(description="Het punt zoals de student het leest, bijvoorbeeld een stap of een kenmerk.")


class WorksheetField(StrictModel):
    """One question or checklist on a worksheet."""

    id: Ident = Field(description="Id van het veld, uniek in het hele werkblad (het bewaart het antwoord).")
    kind: FieldKind = Field(description=f"Soort veld; een van: {', '.join(KINDS)}.")
    label: ShortText = Field(description="De vraag of opdracht boven het veld.")
    hint: ShortText | None = Field(None, description="Optioneel: een korte toelichting of een voorbeeld.")
    required: bool = Field(
        False,
        description="true: het werkblad is pas af als dit veld is ingevuld (bij een afvinklijst: alle punten "
        "afgevinkt).",
    )
    items: Annotated[list[ChecklistItem], Field(max_length=30)] = Field(
        default_factory=list, description="Alleen bij een afvinklijst: de punten (één tot dertig)."
    )
    notes: bool | None = Field(
        None, description="Alleen bij een afvinklijst: false als de punten geen notitieveld krijgen (standaard wel)."
    )

    @model_validator(mode="after")
    def _items_fit_the_kind(self) -> WorksheetField:
        problems: list[tuple[tuple[Any, ...], str]] = []
        if self.kind == "afvinklijst" and not self.items:
            problems.append((("kind",), "een afvinklijst heeft minstens één punt onder 'items'; voeg ze toe"))
        if self.kind != "afvinklijst" and self.items:
            problems.append(
                (("items",), f"'items' hoort alleen bij een afvinklijst; dit veld is '{self.kind}': haal ze weg")
            )
        if self.kind != "afvinklijst" and self.notes is not None:
            problems.append(
                (("notes",), f"'notes' hoort alleen bij een afvinklijst; dit veld is '{self.kind}': haal het weg")
            )
        if problems:
            _fail("WorksheetField", problems)
        return self


class WorksheetSection(StrictModel):
    """A part of a worksheet, with its fields."""

    title: ShortText = Field(description="Titel van het onderdeel.")
    intro: ShortText | None = Field(None, description="Optioneel: een zin of twee over dit onderdeel.")
    fields: Annotated[list[WorksheetField], Field(min_length=1, max_length=25)] = Field(
        description="De velden van dit onderdeel (één tot vijfentwintig)."
    )


class Worksheet(StrictModel):
    """One worksheet: a file data/worksheets/<name>.yaml."""

    title: ShortText = Field(description="Titel van het werkblad.")
    intro: ShortText = Field(description="Waarvoor en wanneer je het werkblad gebruikt, in twee of drie zinnen.")
    sections: Annotated[list[WorksheetSection], Field(min_length=1, max_length=12)] = Field(
        description="De onderdelen (één tot twaalf)."
    )

    @model_validator(mode="after")
    def _ids_are_unique(self) -> Worksheet:
        seen: dict[str, str] = {}
        problems: list[tuple[tuple[Any, ...], str]] = []
        for i, section in enumerate(self.sections):
            for j, item_field in enumerate(section.fields):
                here: tuple[Any, ...] = ("sections", i, "fields", j)
                pairs = [(item_field.id, here)]
                pairs += [(item.id, (*here, "items", k)) for k, item in enumerate(item_field.items)]
                for key, where in pairs:
                    if key in seen:
                        problems.append(
                            (
                                (*where, "id"),
                                f"het id '{key}' staat ook bij {seen[key]}; geef elk veld en elk punt een eigen id "
                                "(het bewaart het antwoord van de student)",
                            )
                        )
                    else:
                        seen[key] = ".".join(map(str, where))
        if problems:
            _fail("Worksheet", problems)
        return self

    def fields(self) -> list[WorksheetField]:
        """Every field in order."""
        return [item_field for section in self.sections for item_field in section.fields]

    def outline(self) -> list[dict]:
        """How the worksheet reads without JavaScript (search, print): every section with its fields."""
        out: list[dict] = [{"strong": self.title}, {"p": self.intro}]
        for section in self.sections:
            out.append({"strong": section.title})
            if section.intro:
                out.append({"p": section.intro})
            lines = []
            for item_field in section.fields:
                line = item_field.label + (" (verplicht)" if item_field.required else "")
                if item_field.kind == "ja-nee-nvt":
                    line += " Ja / nee / niet van toepassing."
                lines.append(line)
                lines.extend(f"☐ {item.text}" for item in item_field.items)
            out.append({"ul": lines})
        return out


class WorksheetSpec(WidgetSpec):
    """A worksheet in a page: which file. The build fills in its content."""

    id: WidgetId = Field(description="Stable id of this placement; it keys the learner's answers.")
    worksheet: Ident = Field(description="Name of the worksheet: the file name in data/worksheets/ without .yaml.")

    def static_outline(self) -> list[dict]:
        """Stand-in until the page addition puts the whole worksheet in (sphinxext/pages/worksheets.py)."""
        return [{"p": f"Werkblad uit data/worksheets/{self.worksheet}.yaml."}]


class TextAnswer(StrictModel):
    """The answer in a short or long field."""

    id: Ident = Field(description="Id of the field.")
    text: LongText = Field(description="What the learner wrote.")


class ChoiceAnswer(StrictModel):
    """The answer in a yes/no/not-applicable field."""

    id: Ident = Field(description="Id of the field.")
    value: Choice = Field(description="'ja', 'nee' or 'nvt' (niet van toepassing).")


class ItemAnswer(StrictModel):
    """A checklist item the learner ticked or wrote a note at."""

    id: Ident = Field(description="Id of the checklist item.")
    checked: bool = Field(False, description="Whether the item is ticked.")
    note: str = Field("", max_length=NOTE_MAX, description="The learner's note at the item.")


@widget_state("worksheet")
class WorksheetState(StrictModel):
    """A learner's answers on a worksheet. Answers to fields the worksheet no longer has are kept, never dropped."""

    texts: list[TextAnswer] = Field(
        default_factory=list, max_length=300, description="Answers in short and long fields."
    )
    choices: list[ChoiceAnswer] = Field(
        default_factory=list, max_length=300, description="Answers in yes/no/not-applicable fields."
    )
    items: list[ItemAnswer] = Field(
        default_factory=list, max_length=600, description="Checklist items that are ticked or have a note."
    )


def worksheet_files(data_dir: Path) -> list[Path]:
    """The worksheet files of the course, sorted by name."""
    return sorted((data_dir / "worksheets").glob("*.yaml"))


def load_worksheet(name: str, data_dir: Path) -> Worksheet:
    """Load and validate data/worksheets/<name>.yaml; raise DataError (file, line, field, reason) for any problem."""
    from ...loading import DataError, load_yaml_file

    path = data_dir / "worksheets" / f"{name}.yaml"
    if not path.is_file():
        known = ", ".join(p.stem for p in worksheet_files(data_dir)) or "(nog geen)"
        raise DataError(
            f"data/worksheets/{name}.yaml",
            [(None, "worksheet", f"dit werkblad bestaat niet; maak het bestand aan of kies uit: {known}")],
        )
    return load_yaml_file(Worksheet, path, data_dir.parent)
