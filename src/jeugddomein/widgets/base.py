"""The base class of the course's widgets: one ES module, two hosts (Jupyter and the static site)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import anywidget
import traitlets
from pydantic import BaseModel

from ..models.base import WidgetSpec
from ..paths import WIDGETS_DIR

MIME_TYPE = "application/vnd.jeugddomein.widget+json"
"""Extra mime type in every widget's display bundle; the Sphinx extension renders it as a static-site placeholder."""


class CourseWidget(anywidget.AnyWidget):
    """A course widget. Subclasses set `widget_name`, `module` (its folder, whose esbuild `bundle.js` is the one
    front-end file both hosts load), `spec_model`, `state_model` and typed traits.

    Traits tagged `learner=True` hold the learner's work (saved in the browser store and the portfolio);
    the other synced traits are the author's configuration.
    """

    widget_name: ClassVar[str]
    label: ClassVar[str]
    """Dutch name of the widget type, shown above its static version."""
    module: ClassVar[str]
    spec_model: ClassVar[type[WidgetSpec]]
    state_model: ClassVar[type[BaseModel]]
    config_is_spec: ClassVar[bool] = False
    """Set when an overridden `resolve_config` gives the spec with its data files filled in (it validates as
    `spec_model`): the static version then shows what the data files hold."""

    widget_id = traitlets.Unicode(help="Stable id of this placement; it keys the learner's work.").tag(sync=True)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        if "module" in cls.__dict__:
            folder = WIDGETS_DIR / cls.module
            cls._esm = (folder / "bundle.js").read_text(encoding="utf-8")
            cls._css = (folder / "widget.css").read_text(encoding="utf-8")
        super().__init_subclass__(**kwargs)

    def __init__(self, spec: WidgetSpec | dict[str, Any], data_dir: Path | None = None, **state: Any) -> None:
        spec = spec if isinstance(spec, self.spec_model) else self.spec_model.model_validate(spec)
        config = self.resolve_config(spec, data_dir)
        checked_state = self.state_model.model_validate(state).model_dump(mode="json")
        super().__init__(widget_id=spec.id, **config, **checked_state)
        self._config_keys = tuple(config)
        self._spec = spec

    @classmethod
    def from_yaml(cls, text: str) -> CourseWidget:
        """Build the widget from the same YAML an author writes in a chapter's directive."""
        from ..loading import load_yaml_text

        return cls(load_yaml_text(cls.spec_model, text, f"<{cls.widget_name}>"))

    @classmethod
    def resolve_config(cls, spec: WidgetSpec, data_dir: Path | None = None) -> dict[str, Any]:
        """The configuration the front end gets for a spec (subclasses may fill in data files here)."""
        return spec.model_dump(mode="json", exclude={"id"})

    @classmethod
    def static_outline(cls, spec: WidgetSpec, config: dict[str, Any]) -> list[dict]:
        """The placement's version without JavaScript (search, print), from what the widget will show: the spec
        with its data files filled in (a case's scenes, an instrument's statements) where the configuration is one."""
        resolved = cls.spec_model.model_validate({**config, "id": spec.id}) if cls.config_is_spec else spec
        return resolved.static_outline()

    @classmethod
    def placement_for(
        cls, spec: WidgetSpec, state: dict[str, Any] | None = None, data_dir: Path | None = None
    ) -> dict[str, Any]:
        """What a page embeds for a spec: type, id, configuration and (initial) learner state."""
        checked = cls.state_model.model_validate(state or {}).model_dump(mode="json")
        return {
            "widget": cls.widget_name,
            "id": spec.id,
            "config": cls.resolve_config(spec, data_dir),
            "state": checked,
        }

    @classmethod
    def learner_traits(cls) -> list[str]:
        """Names of the traits that hold the learner's work."""
        return [name for name, trait in cls.class_traits(learner=True).items() if trait.metadata.get("sync")]

    def config(self) -> dict[str, Any]:
        """The resolved configuration, as the page embeds it."""
        return {name: getattr(self, name) for name in self._config_keys}

    def state(self) -> dict[str, Any]:
        """The learner's work, validated by the state model."""
        raw = {name: getattr(self, name) for name in self.learner_traits()}
        return self.state_model.model_validate(raw).model_dump(mode="json")

    def placement(self) -> dict[str, Any]:
        """What the static site needs to render this widget: type, id, configuration, initial state."""
        return {
            "widget": self.widget_name,
            "id": self.widget_id,
            "config": self.config(),
            "state": self.state(),
        }

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict, dict]:
        bundle = super()._repr_mimebundle_(**kwargs)
        data, metadata = bundle if isinstance(bundle, tuple) else (bundle or {}, {})
        # the spec travels along: a resolved configuration (a rubric's definition, a tracker's pages) is not a spec
        spec = self._spec.model_dump(mode="json", exclude={"id"})
        return {**data, MIME_TYPE: {**self.placement(), "spec": spec}}, metadata
