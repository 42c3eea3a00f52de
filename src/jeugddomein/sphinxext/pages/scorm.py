"""SCORM in the build: data/scorm.yaml resolved to widget ids in _static/jeugddomein/scorm.json.

The launch page of the SCORM packages (lms.js, only inside an LMS) reads that file to know which exercises must be
done for 'completed' and which count for the score. `make scorm` zips the built site (jeugddomein.scorm).
"""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx

from ... import scorm
from .. import collect, stash


def _check_rules(app: Sphinx) -> None:
    """Fail early on a broken data/scorm.yaml (file, line, field, reason)."""
    stash.keep(app, "jd_scorm_rules", scorm.load_rules(Path(app.srcdir) / "data"))


def _write_rules(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from ...widgets import WIDGET_CLASSES

    index = collect.course_index(app)
    resolved = scorm.resolve(stash.kept(app, "jd_scorm_rules", scorm.ScormRules), index, set(WIDGET_CLASSES))
    info = {
        "course": app.config.jd_course_id,
        "version": app.config.jd_course_version,
        "title": app.config.html_title or app.config.project,
        "launch": scorm.LAUNCH,
        **resolved,
    }
    target = Path(app.outdir) / "_static" / "jeugddomein" / "scorm.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(info, ensure_ascii=False, indent=1), encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", _check_rules)
    app.connect("build-finished", _write_rules, priority=450)
