"""The SCORM 1.2 and 2004 4th edition packages: a well-formed manifest with the required elements of each standard,
every referenced file in the zip, the launch page as the one SCO, and the rules of data/scorm.yaml resolved to the right
exercises."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest

from jeugddomein.scorm import LAUNCH_PAGE, OFFLINE_FILES, STANDARDS, build_packages

NAMESPACES = {
    "1.2": ("{http://www.imsproject.org/xsd/imscp_rootv1p1p2}", "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"),
    "2004": ("{http://www.imsglobal.org/xsd/imscp_v1p1}", "{http://www.adlnet.org/xsd/adlcp_v1p3}"),
}
"""Per standard: the IMS content packaging and the ADL namespace."""
SCHEMA_VERSION = {"1.2": "1.2", "2004": "2004 4th Edition"}
SCORM_TYPE = {"1.2": "scormtype", "2004": "scormType"}
IMSSS = "{http://www.imsglobal.org/xsd/imsss}"


def manifest_problems(package: Path, standard: str = "1.2") -> list[str]:
    """What an LMS would reject in a SCORM package of this standard (independent of the code that wrote it)."""
    CP, ADLCP = NAMESPACES[standard]
    problems = []
    with zipfile.ZipFile(package) as archive:
        names = set(archive.namelist())
        if "imsmanifest.xml" not in names:
            return ["imsmanifest.xml ontbreekt in de root van de zip"]
        try:
            root = ET.fromstring(archive.read("imsmanifest.xml"))
        except ET.ParseError as exc:
            return [f"manifest is geen goed gevormde XML: {exc}"]
    if root.tag != f"{CP}manifest" or not root.get("identifier"):
        problems.append("root is geen <manifest identifier=...> in de IMS CP-namespace")
    ids = [e.get("identifier") for e in root.iter() if e.get("identifier")]
    if len(ids) != len(set(ids)):
        problems.append("identifiers zijn niet uniek")
    if root.findtext(f"{CP}metadata/{CP}schema") != "ADL SCORM":
        problems.append("metadata/schema is niet 'ADL SCORM'")
    if root.findtext(f"{CP}metadata/{CP}schemaversion") != SCHEMA_VERSION[standard]:
        problems.append(f"metadata/schemaversion is niet '{SCHEMA_VERSION[standard]}'")
    organizations = root.find(f"{CP}organizations")
    resources = {r.get("identifier"): r for r in root.iterfind(f"{CP}resources/{CP}resource")}
    if organizations is None:
        return [*problems, "organizations ontbreekt"]
    default = organizations.get("default")
    orgs = {o.get("identifier"): o for o in organizations.iterfind(f"{CP}organization")}
    if default not in orgs:
        problems.append(f"organizations/@default '{default}' verwijst naar geen organization")
    for org in orgs.values():
        if not (org.findtext(f"{CP}title") or "").strip():
            problems.append("organization zonder title")
        items = list(org.iter(f"{CP}item"))
        if not items:
            problems.append("organization zonder item")
        for item in items:
            if not (item.findtext(f"{CP}title") or "").strip():
                problems.append(f"item {item.get('identifier')} zonder title")
            ref = item.get("identifierref")
            if ref is not None and ref not in resources:
                problems.append(f"item {item.get('identifier')} verwijst naar onbekende resource {ref}")
    listed = set()
    for ident, resource in resources.items():
        if resource.get("type") != "webcontent":
            problems.append(f"resource {ident}: type is niet webcontent")
        if resource.get(f"{ADLCP}{SCORM_TYPE[standard]}") not in ("sco", "asset"):
            problems.append(f"resource {ident}: adlcp:{SCORM_TYPE[standard]} ontbreekt")
        href = resource.get("href")
        if href is not None and unquote(href) not in names:
            problems.append(f"resource {ident}: startbestand {href} staat niet in de zip")
        for file in resource.iterfind(f"{CP}file"):
            path = unquote(file.get("href", ""))
            listed.add(path)
            if path not in names:
                problems.append(f"bestand {path} staat in het manifest maar niet in de zip")
    unlisted = names - listed - {"imsmanifest.xml"}
    if unlisted:
        problems.append(f"{len(unlisted)} bestanden in de zip staan niet in het manifest, bv. {sorted(unlisted)[:3]}")
    return problems


@pytest.fixture(scope="module")
def packages(site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("scorm")
    return dict(zip(STANDARDS, build_packages(site, folder), strict=True))


@pytest.fixture(scope="module")
def package(packages: dict[str, Path]) -> Path:
    return packages["1.2"]


@pytest.mark.parametrize("standard", STANDARDS)
def test_package_is_a_valid_scorm_package(packages: dict[str, Path], site: Path, standard: str):
    package = packages[standard]
    CP, ADLCP = NAMESPACES[standard]
    assert package.name.endswith(f"-scorm{standard.replace('.', '')}.zip")
    assert manifest_problems(package, standard) == []
    with zipfile.ZipFile(package) as archive:
        root = ET.fromstring(archive.read("imsmanifest.xml"))
        names = set(archive.namelist())
        launch = archive.read(LAUNCH_PAGE).decode("utf-8")
    scos = [r for r in root.iter(f"{CP}resource") if r.get(f"{ADLCP}{SCORM_TYPE[standard]}") == "sco"]
    assert len(scos) == 1 and scos[0].get("href") == LAUNCH_PAGE
    # The launch page knows its standard and loads its code from a file (strict CSP: no inline script or style).
    assert f'data-jd-scorm="{standard}"' in launch and 'src="_static/jeugddomein/lms.js"' in launch
    assert "<script>" not in launch and "style=" not in launch
    # The whole built site is in it, the launch code and the rules included; scorm-again and the offline parts
    # (service worker, its file list, the web app manifest and icons) are not.
    expected = {
        "intro.html",
        "reader.html",
        LAUNCH_PAGE,
        "_static/jeugddomein/lms.js",
        "_static/jeugddomein/scorm.json",
    }
    assert expected <= names
    assert not any("scorm-again" in name or "scorm12.min" in name for name in names)
    assert not names & OFFLINE_FILES
    every = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.name != ".buildinfo"}
    assert names - {"imsmanifest.xml", LAUNCH_PAGE} == every - OFFLINE_FILES
    if standard == "2004":
        item = root.find(f"{CP}organizations/{CP}organization/{CP}item")
        controls = item.find(f"{IMSSS}sequencing/{IMSSS}deliveryControls")
        assert controls is not None and controls.get("completionSetByContent") == "true"
        assert controls.get("objectiveSetByContent") == "true"


def test_the_validator_finds_broken_packages(package: Path, tmp_path: Path):
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            if name == "_static/jeugddomein/scorm.js":
                continue  # listed in the manifest, missing from the zip
            data = source.read(name)
            if name == "imsmanifest.xml":
                data = data.replace(b"<schemaversion>1.2</schemaversion>", b"<schemaversion>2004</schemaversion>")
            target.writestr(name, data)
        target.writestr("extra.txt", "niet in het manifest")
    problems = manifest_problems(broken)
    assert any("scorm.js" in p for p in problems)
    assert any("schemaversion" in p for p in problems)
    assert any("niet in het manifest" in p for p in problems)


def test_required_are_every_check_and_reflection_in_the_chapters(site: Path):
    info = json.loads((site / "_static/jeugddomein/scorm.json").read_text(encoding="utf-8"))
    index = json.loads((site / "_static/jeugddomein/course.json").read_text(encoding="utf-8"))
    expected = [
        w["id"]
        for page in index["pages"]
        if page["page"].startswith("chapters/")
        for w in page["widgets"]
        if w["widget"] in ("knowledge-check", "reflection")
    ]
    assert expected and info["required"] == expected
    kinds = {w["id"]: w["widget"] for page in index["pages"] for w in page["widgets"]}
    assert info["scored"] and {kinds[i] for i in info["scored"]} == {"knowledge-check"}
    assert info["course"] == index["course"] and info["title"]
