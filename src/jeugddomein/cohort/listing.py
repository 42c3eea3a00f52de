"""What a folder or .zip of exported files holds: the files to read, and every entry that is no readable file, with
the reason (a folder named like a file, a link to nothing, a pipe, a zip member that is too large or damaged).

Nothing in the given folder is changed: a .zip is unpacked into a temporary folder, member by member, and a member
larger than the readers' limit is not unpacked at all.
"""

from __future__ import annotations

import os
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from .reading import shown_path, too_large


@dataclass(frozen=True)
class Entry:
    """One entry of a folder or zip: a file to read (`reason` empty) or something that is not read, and why."""

    name: str
    """The path inside the folder or zip, as the report shows it."""
    path: Path | None = None
    reason: str = ""


FOLDER_LINK = "een snelkoppeling naar een map; die wordt niet gevolgd: zet de bestanden zelf in de map"
BROKEN_LINK = "een snelkoppeling (symlink) naar een bestand dat niet bestaat"
FOLDER_AS_FILE = "een map, geen bestand; wat erin staat, is apart gelezen"
NOT_A_FILE = "geen gewoon bestand (bijvoorbeeld een pipe of apparaat)"


def _hidden(parts: tuple[str, ...] | list[str]) -> bool:
    """System files: .DS_Store, ._name (macOS), __MACOSX folders in a zip."""
    return any(part.startswith(".") or part == "__MACOSX" for part in parts)


def list_folder(folder: Path) -> list[Entry]:
    """Every non-hidden entry under `folder` (subfolders too, as an LMS download has them), sorted by name."""
    entries = []
    for here, folders, files in os.walk(folder, followlinks=False):
        base = Path(here)
        relative = base.relative_to(folder).parts
        for name in sorted(folders):
            path = base / name
            shown = shown_path("/".join((*relative, name)))
            if _hidden([name]):
                continue
            if path.is_symlink():
                entries.append(Entry(shown, reason=FOLDER_LINK))
            elif name.casefold().endswith(".json"):
                entries.append(Entry(shown, reason=FOLDER_AS_FILE))
        folders[:] = sorted(name for name in folders if not _hidden([name]))
        for name in files:
            if _hidden([name]):
                continue
            path = base / name
            shown = shown_path("/".join((*relative, name)))
            if path.is_file():
                entries.append(Entry(shown, path))
            elif path.is_symlink() and not path.exists():
                entries.append(Entry(shown, reason=BROKEN_LINK))
            else:
                entries.append(Entry(shown, reason=NOT_A_FILE))
    return sorted(entries, key=lambda entry: entry.name)


def unpack_zip(source: Path, target: Path, max_bytes: int, kind: str) -> list[Entry]:
    """Unpack the members of a zip one by one into `target`; members over `max_bytes`, encrypted or damaged ones
    are reported instead (`kind`: what a file should be, e.g. 'een portfolio')."""
    entries = []
    with zipfile.ZipFile(source) as archive:
        for info in archive.infolist():
            parts = [part for part in info.filename.split("/") if part]
            if info.is_dir() or not parts or _hidden(parts):
                continue
            shown = shown_path("/".join(parts))
            if info.flag_bits & 0x1:
                entries.append(Entry(shown, reason="met een wachtwoord beveiligd in het zipbestand; pak het zelf uit"))
                continue
            if info.file_size > max_bytes:
                entries.append(Entry(shown, reason=too_large(info.file_size, max_bytes, kind)))
                continue
            try:
                path = Path(archive.extract(info, target))
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError) as error:
                reason = f"beschadigd in het zipbestand ({type(error).__name__}); download het zipbestand opnieuw"
                entries.append(Entry(shown, reason=reason))
                continue
            entries.append(Entry(shown, path))
    return sorted(entries, key=lambda entry: entry.name)


def listing(source: Path, unpacked: Path, max_bytes: int, kind: str = "een portfolio") -> list[Entry]:
    """The entries of a folder (subfolders too), of a .zip (unpacked into `unpacked`) or of the one file given."""
    if source.is_file() and zipfile.is_zipfile(source):
        return unpack_zip(source, unpacked, max_bytes, kind)
    if source.is_file():
        return [Entry(shown_path(source.name), source)]
    return list_folder(source)
