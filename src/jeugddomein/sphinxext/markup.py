"""Text from data files placed into generated Markdown or reStructuredText: always as plain text.

Case titles, role texts and glossary entries are written by lecturers and authors, not by the site's developers. The
generated pages are parsed as MyST, so a `<script>` or `<img onerror=...>` in a case title would otherwise reach every
page as raw HTML (the title is also in the sidebar), and `*`, `[...](...)`, `{role}` or `$` would change the markup.
"""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"""([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""")


def plain(text: object) -> str:
    """`text` on one line with every ASCII punctuation character backslash-escaped: CommonMark (and so MyST) and
    reStructuredText show it literally, and it cannot open HTML, a link, a role, emphasis, math or a table cell."""
    return _PUNCTUATION.sub(r"\\\1", " ".join(str(text).split()))
