"""The {portfolio} directive: where the learner's portfolio (export, import, print) is mounted."""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective


class PortfolioDirective(SphinxDirective):
    """A mount point for the portfolio module, with a message for readers without JavaScript."""

    def run(self) -> list[nodes.Node]:
        holder = nodes.container(classes=["jd-portfolio"], ids=["jd-portfolio"])
        holder += nodes.paragraph(
            text="Je portfolio wordt hier getoond zodra de pagina geladen is. "
            "Het staat alleen in deze browser; niets wordt verstuurd.",
            classes=["jd-portfolio-loading"],
        )
        return [holder]
