"""The licences a data package may state for an author's policy data: SPDX ids, each with its
SPDX title. A closed list, so that the package never names a licence (or a licence page) that
does not exist: `--licence NOT-A-LICENCE` is refused, not written as a link to nowhere."""

from __future__ import annotations

LICENCES: dict[str, str] = {
    "CC-BY-4.0": "Creative Commons Attribution 4.0 International",
    "CC-BY-SA-4.0": "Creative Commons Attribution Share Alike 4.0 International",
    "CC0-1.0": "Creative Commons Zero v1.0 Universal",
    "ODC-By-1.0": "Open Data Commons Attribution License v1.0",
    "ODbL-1.0": "Open Data Commons Open Database License v1.0",
    "PDDL-1.0": "Open Data Commons Public Domain Dedication & License 1.0",
    "OGL-UK-3.0": "Open Government Licence v3.0",
    "MIT": "MIT License",
}


def licence_page(spdx_id: str) -> str:
    """The SPDX licence list's page for one of LICENCES."""
    return f"https://spdx.org/licenses/{spdx_id}.html"
