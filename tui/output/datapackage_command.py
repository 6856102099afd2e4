"""The licences and sources a data package states, and writing it: the command's part of
`hustings export --format datapackage`, kept apart from the tables it writes."""

from __future__ import annotations

from pathlib import Path

from ..compare.comparison import Comparison
from ..policy import dc_terms as dc
from .datapackage import Licence, cited_sources, package_files, write_package
from .licences import LICENCES, licence_page

PROJECT_LICENCE = Licence("MIT", "https://opensource.org/licenses/MIT", "MIT License")


def _uses_democracy_club(comparison: Comparison) -> bool:
    return any(
        source.publisher.startswith("Democracy Club")
        for view in comparison.policies
        for source in view.policy.sources
    )


def package_for(
    comparison: Comparison, folder: Path, licence: str | None, bundled: bool
) -> tuple[list[Path], list[str]]:
    """Write the package; (files written, notes for the user). `bundled`: the policies are
    the ones hustings ships, whose licence is the project's."""
    notes: list[str] = []
    licences: list[Licence] = []
    if licence is not None:
        if licence not in LICENCES:
            known = ", ".join(LICENCES)
            raise ValueError(f"unknown licence {licence!r}; one of the SPDX ids {known}")
        licences.append(Licence(licence, licence_page(licence), LICENCES[licence]))
    elif bundled:
        licences.append(PROJECT_LICENCE)
    else:
        notes.append("no --licence given: the package states no licence for your policy data")
    sources = cited_sources(comparison)
    if _uses_democracy_club(comparison):
        licences.append(Licence(dc.LICENCE_NAME, dc.LICENCE_URL, dc.LICENCE_TITLE))
        sources.append({"title": dc.ATTRIBUTION, "path": dc.ATTRIBUTION_URL})
    files = package_files(comparison, licences, sources)
    return write_package(folder, files), notes
