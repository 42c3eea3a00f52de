"""Case role-play: take a role in a case, make choices, see feedback tied to the course's models, reflect.

In Jupyter: `RolePlay.from_case("twee-brillen")`, then `play.start("leraar")`, `play.available()`,
`play.choose("vraag-naar-thuis")`, `play.tally_frame()`; the same state shows in the widget.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import traitlets

from ...loading import DataError
from ...models.base import WidgetSpec
from ...paths import data_dir as default_data_dir
from ..base import CourseWidget
from .model import (
    MODEL_KEYS,
    MODELS,
    ROLE_KINDS,
    CaseFile,
    Progress,
    RolePlaySpec,
    RolePlayState,
    chapter_labels,
    check_case,
    load_case,
    text_for,
)


class RolePlay(CourseWidget):
    """A branching case played alone (choose a role) or in class (the group logs its choices)."""

    widget_name = "role-play"
    label = "Rollenspel"
    module = "role_play"
    spec_model = RolePlaySpec
    state_model = RolePlayState
    config_is_spec = True

    case = traitlets.Unicode(None, allow_none=True, help="Id of the case (None with open_file).").tag(sync=True)
    open_file = traitlets.Bool(False, help="The learner opens a case file from the lecturer.").tag(sync=True)
    class_mode = traitlets.Bool(True, help="Offer class play.").tag(sync=True)
    case_data = traitlets.Dict(allow_none=True, help="The validated case.").tag(sync=True)
    links = traitlets.Dict(help="Chapter sections the case links to: label -> {doc, title}.").tag(sync=True)
    concepts = traitlets.Dict(help="Concepts the feedback names: key -> {label, model, section}.").tag(sync=True)
    kinds = traitlets.Dict(help="Role kinds -> Dutch name.").tag(sync=True)

    mode = traitlets.Unicode("", help="'', 'solo' or 'klas'.").tag(sync=True, learner=True)
    role = traitlets.Unicode("", help="Role played in solo play.").tag(sync=True, learner=True)
    group = traitlets.Unicode("", help="Group name in class play.").tag(sync=True, learner=True)
    path = traitlets.List(traitlets.Dict(), help="Choices made: {scene, choice, note}.").tag(sync=True, learner=True)
    reflections = traitlets.List(traitlets.Unicode(), help="Reflection answers.").tag(sync=True, learner=True)
    runs = traitlets.List(traitlets.Dict(), help="Earlier finished games.").tag(sync=True, learner=True)
    file = traitlets.Dict(None, allow_none=True, help="The opened case file.").tag(sync=True, learner=True)

    @classmethod
    def resolve_config(cls, spec: WidgetSpec, data_dir: Path | None = None) -> dict[str, Any]:
        """Load and fully validate data/cases/<case>.yaml; hand the front end the case and its chapter links."""
        assert isinstance(spec, RolePlaySpec)
        data = Path(data_dir) if data_dir else default_data_dir()
        root = data.parent
        labels = chapter_labels(root)
        common = {
            "concepts": {
                key: {"label": c.label, "model": MODELS[c.model], "section": c.section} for key, c in MODEL_KEYS.items()
            },
            "kinds": {key: kind.label for key, kind in ROLE_KINDS.items()},
        }
        if spec.open_file:
            every = {label: {"doc": link.doc, "title": link.title} for label, link in labels.items()}
            return {
                "case": None,
                "open_file": True,
                "class_mode": spec.class_mode,
                "case_data": None,
                "links": every,
                **common,
            }
        if spec.case_data is not None:
            case = spec.case_data
            problems = check_case(case, labels)
            if problems:
                raise DataError(f"<{spec.case}>", [(None, ".".join(map(str, loc)), why) for loc, why in problems])
        else:
            path = data / "cases" / f"{spec.case}.yaml"
            if not path.is_file():
                known = ", ".join(p.stem for p in sorted((data / "cases").glob("*.yaml")))
                raise DataError(
                    str(spec.id), [(None, "case", f"geen casus '{spec.case}' in data/cases; kies uit {known}")]
                )
            case = load_case(path, root, labels)
        links = {label: {"doc": labels[label].doc, "title": labels[label].title} for label in case.used_labels()}
        return {
            "case": spec.case,
            "open_file": False,
            "class_mode": spec.class_mode,
            "case_data": case.model_dump(mode="json"),
            "links": links,
            **common,
        }

    @classmethod
    def from_case(cls, case: str, widget_id: str | None = None, **state: Any) -> RolePlay:
        """The role-play of one case from data/cases/, e.g. `RolePlay.from_case("twee-brillen")`."""
        return cls({"id": widget_id or f"rollenspel-{case}", "case": case}, **state)

    # --- engine (the same rules as role_play.js) ------------------------------------------------------------

    @property
    def model(self) -> CaseFile:
        """The case as a validated model."""
        return CaseFile.model_validate(self.case_data if self.case_data is not None else (self.file or {}).get("case"))

    def progress(self) -> Progress:
        """Where the current game stands: node, flags, steps."""
        return self.model.replay(self._reader(), list(self.path))

    def start(self, role: str | None = None, group: str = "") -> None:
        """Start a game: solo with a role id, or class play when `role` is None."""
        case = self.model
        if role is not None:
            found = case.role(role)
            if found is None or not found.playable:
                playable = ", ".join(r.id for r in case.roles if r.playable)
                raise ValueError(f"Kies een speelbare rol: {playable}.")
        self.archive()
        self.mode, self.role, self.group = ("solo", role, "") if role else ("klas", "", group)
        self.path, self.reflections = [], []

    def available(self) -> list[dict[str, str]]:
        """The choices open now: id and text (in solo play as the role reads it)."""
        progress = self.progress()
        role = self._reader()
        choices = self.model.available_choices(progress.node, role, progress.flags)
        return [{"id": c.id, "text": text_for(c, role)} for c in choices]

    def _reader(self) -> str | None:
        """The role played: in solo play its choices and texts, None in class play (every choice, the shared texts)."""
        return (self.role or None) if self.mode == "solo" else None

    def choose(self, choice_id: str, note: str = "") -> dict[str, Any]:
        """Make a choice in the current scene; returns its feedback and where it leads."""
        if not self.mode:
            raise ValueError("Start eerst een spel met start(rol) of start() voor klassikaal spel.")
        progress = self.progress()
        if self.ending() is not None:
            raise ValueError("Dit spel is al afgelopen; start een nieuw spel.")
        options = {c["id"] for c in self.available()}
        if choice_id not in options:
            raise ValueError(f"Kies een van: {', '.join(sorted(options))}.")
        self.path = [*self.path, {"scene": progress.node, "choice": choice_id, "note": note}]
        choice = self.progress().steps[-1][1]
        return {
            "feedback": choice.feedback,
            "next": self.progress().node,
            "strengthens": choice.strengthens,
            "weakens": choice.weakens,
        }

    def ending(self) -> str | None:
        """Id of the ending reached, or None while playing."""
        node = self.progress().node
        return node if self.model.ending(node) is not None else None

    def archive(self) -> None:
        """Keep a finished game in `runs` (as the widget does before a new game)."""
        ending = self.ending() if self.mode else None
        if ending:
            run = {
                "mode": self.mode,
                "role": self.role,
                "group": self.group,
                "ending": ending,
                "path": list(self.path),
                "reflections": list(self.reflections),
                "finished": datetime.now(UTC).isoformat(),
            }
            self.runs = [*self.runs, run][-20:]

    def tally_frame(self) -> pd.DataFrame:
        """Per concept touched by the path: model, name, times strengthened and weakened."""
        counts = self.model.tally([choice for _, choice in self.progress().steps])
        return pd.DataFrame(
            [
                {
                    "model": MODELS[MODEL_KEYS[key].model],
                    "begrip": MODEL_KEYS[key].label,
                    "versterkt": value["up"],
                    "verzwakt": value["down"],
                }
                for key, value in counts.items()
            ],
            columns=["model", "begrip", "versterkt", "verzwakt"],
        )

    def to_frame(self) -> pd.DataFrame:
        """The path so far: one row per choice with scene, choice (as the player read it) and feedback."""
        role = self._reader()
        return pd.DataFrame(
            [
                {"stap": i + 1, "scène": scene.title, "keuze": text_for(choice, role), "feedback": choice.feedback}
                for i, (scene, choice) in enumerate(self.progress().steps)
            ],
            columns=["stap", "scène", "keuze", "feedback"],
        )

    def role_cards(self) -> pd.DataFrame:
        """The role cards of the case: name, kind, public and private part."""
        return pd.DataFrame(
            [
                {
                    "rol": r.id,
                    "soort": ROLE_KINDS[r.kind].label,
                    "naam": r.name,
                    "hoofdrol": r.lead,
                    "openbaar": r.public,
                    "alleen voor deze rol": r.private,
                }
                for r in self.model.roles
            ]
        )
