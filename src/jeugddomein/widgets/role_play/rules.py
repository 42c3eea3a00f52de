"""The role-play engine's rules, the same as rules.js (tests/golden/role_play/ holds the shared cases).

The engine itself is the case model's (model.py: CaseFile.replay, available_choices, follow_routes, tally); this
module gives it the browser's shapes (JSON in, JSON out) and the rule for 'done'.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from ...loading import plain_reason
from .._shared import field
from .model import CaseFile, ChapterLink, text_for, visible_text
from .model import check_case as graph_checks

REPLAY_STOPPED = "Je opgeslagen pad past niet meer bij deze casus (de casus is aangepast). Je speelt verder vanaf hier."
"""What the learner reads when a saved path no longer fits the case."""


def as_case(case: CaseFile | dict[str, Any]) -> CaseFile:
    """A case model from its JSON (as the page embeds it) or the model itself."""
    return case if isinstance(case, CaseFile) else CaseFile.model_validate(case)


def replay(case: CaseFile | dict[str, Any], role: str | None, path: list[Any]) -> dict[str, Any]:
    """Play a saved path from the start: where it stands, the flags set, the steps that fit, the ending reached."""
    model = as_case(case)
    steps = [{"scene": field(step, "scene"), "choice": field(step, "choice")} for step in path or []]
    progress = model.replay(role, steps)
    return {
        "node": progress.node,
        "flags": sorted(progress.flags),
        "steps": [{"scene": scene.id, "choice": choice.id} for scene, choice in progress.steps],
        "ending": progress.node if model.ending(progress.node) else None,
        "error": REPLAY_STOPPED if progress.error else None,
    }


def available_choices(
    case: CaseFile | dict[str, Any], scene_id: str, role: str | None, flags: list[str]
) -> list[dict[str, Any]]:
    """The choices the player sees in a scene (a role sees its own; class play, role None, sees all)."""
    return [c.model_dump(mode="json") for c in as_case(case).available_choices(scene_id, role, set(flags))]


def follow_routes(case: CaseFile | dict[str, Any], node_id: str, flags: list[str]) -> str:
    """Pass through routing scenes: the first route whose flags are all set, until a choice scene or ending."""
    return as_case(case).follow_routes(node_id, set(flags))


def shown_text(case: CaseFile | dict[str, Any], node: str, role: str | None, flags: list[str]) -> list[str]:
    """What a scene or ending says to the player (`role` None in class play): its text (the role's own `as_role` text
    in solo play), then the texts of the variants whose flags are all set."""
    model = as_case(case)
    item = model.scene(node) or model.ending(node)
    return visible_text(item, role, set(flags)) if item else []


def choice_text(case: CaseFile | dict[str, Any], step: Any, role: str | None) -> str | None:
    """A step's choice as the player read it (`role` None in class play: the shared text); None when the case has no
    such choice in that scene."""
    scene = as_case(case).scene(field(step, "scene"))
    choice = next((c for c in scene.choices if c.id == field(step, "choice")), None) if scene else None
    return text_for(choice, role) if choice else None


def answered_all(questions: int, reflections: list[str] | None) -> bool:
    """Whether each of the case's `questions` reflection questions has an answer."""
    given = list(reflections or [])
    return all(i < len(given) and given[i].strip() for i in range(questions))


def played_sha(state: Any) -> str | None:
    """The SHA-256 of the case file the learner opened, or None when the case is the book's."""
    played = field(state, "file")
    return field(played, "sha256") if played else None


def run_sha(run: Any) -> str | None:
    """The SHA-256 of the case file an earlier game was played from, or None."""
    ref = field(run, "file")
    return field(ref, "sha256") if ref else None


def done(config: Any, state: Any) -> bool:
    """Done: one game (the current one or an earlier round) reached an ending and every reflection question of the
    case is answered for it. Where the learner opens a lecturer's case file, the case is that file's and only games of
    that file count."""
    data = field(config, "case_data")
    if data is None:
        played = field(state, "file")
        if not played:
            return False
        data = field(played, "case")
    case = as_case(data)
    questions = len(case.reflection)
    sha = played_sha(state)
    for run in field(state, "runs") or []:
        if run_sha(run) == sha and field(run, "ending") and answered_all(questions, field(run, "reflections")):
            return True
    mode = field(state, "mode")
    if not mode:
        return False
    role = (field(state, "role") or None) if mode == "solo" else None
    return bool(replay(case, role, field(state, "path") or [])["ending"]) and answered_all(
        questions, field(state, "reflections")
    )


def check_case(case: dict[str, Any], labels: list[str] | None) -> list[list[str]]:
    """Every problem the build reports for a case file's data, as [dotted path, Dutch reason]: pydantic's first
    (the build stops there), else model.py's check_case. `labels`: the chapter labels that exist, or None to skip."""
    try:
        model = CaseFile.model_validate(case)
    except ValidationError as error:
        return [[".".join(map(str, e["loc"])), plain_reason(e)] for e in error.errors()]
    known = None if labels is None else dict.fromkeys(labels, ChapterLink("", ""))
    return [[".".join(map(str, loc)), why] for loc, why in graph_checks(model, known)]
