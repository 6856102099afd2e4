"""`hustings export --format datapackage`: a Frictionless Data Package of the bundled set that
the newsroom tools take as it is: `frictionless validate` passes, `datapackage-to-datasette`
loads it into SQLite, and Datasette serves it with its metadata (on 127.0.0.1, started and
stopped here)."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from hustings.output.datapackage import TABLES
from hustings.policy.model import FIELD_HELP

from .conftest import POLICIES
from .servers import ServerProcess, launch

BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    path = BIN / name
    assert path.exists(), f"{name} is a dev dependency: uv sync installs it"
    return str(path)


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from hustings.cli import main

    folder = tmp_path_factory.mktemp("package") / "out"
    assert main(["export", "--format", "datapackage", "-o", str(folder), str(POLICIES)]) == 0
    return folder


def _rows(folder: Path, table: str) -> list[dict[str, str]]:
    with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_one_csv_per_table_with_its_schema(package: Path) -> None:
    descriptor = json.loads((package / "datapackage.json").read_text("utf-8"))
    assert descriptor["profile"] == "tabular-data-package"
    assert [r["name"] for r in descriptor["resources"]] == list(TABLES)
    assert descriptor["licenses"][0]["name"] == "MIT"  # the bundled policies are the project's
    assert any("ealingtimes" in s.get("path", "") for s in descriptor["sources"])
    assert descriptor["title"] and descriptor["description"]
    for resource in descriptor["resources"]:
        schema = resource["schema"]
        header = next(csv.reader((package / resource["path"]).open(encoding="utf-8")))
        assert header == [field["name"] for field in schema["fields"]]
        assert schema["primaryKey"] and schema["missingValues"] == [""]
        assert all(field["description"] for field in schema["fields"])
    figures = _rows(package, "figures")
    units = {(f["claim_id"], f["unit"], f["value"]) for f in figures}
    assert ("savings-360m", "GBP", "360000000") in units
    assert ("officers-1300", "people", "1300") in units
    stated = {f["claim_id"]: f["value_stated"] for f in figures}
    assert stated["borough-policing"] == "false"  # "not stated", not a missing value
    titles = {s.get("path"): s["title"] for s in descriptor["sources"]}
    ealing = "https://www.ealingtimes.co.uk/news/18146704.met-recruit-police-regions-cant-step/"
    assert titles[ealing] == "Ealing Times (a Newsquest title), headline not stated"
    sources = {(s["policy_id"], s["source_id"]): s for s in _rows(package, "sources")}
    echo = sources["khan", "ldrs-extra-cops"]
    assert echo["date_recorded"] == "true" and echo["date_note"].startswith("Date from the URL")
    assert sources["khan", "budget-committee"]["date_recorded"] == "false"


def test_each_column_is_described_once_from_the_format(package: Path) -> None:
    descriptor = json.loads((package / "datapackage.json").read_text("utf-8"))
    fields = {
        (r["name"], f["name"]): f for r in descriptor["resources"] for f in r["schema"]["fields"]
    }
    assert fields["claims", "summary"]["description"] == FIELD_HELP["Claim"]["summary"]
    assert fields["claims", "topic"]["constraints"]["enum"] == sorted(
        ["officers", "funding", "condition", "pledge", "record", "criticism"]
    )
    assert fields["figures", "value"]["type"] == "integer"
    assert fields["sources", "date"]["type"] == "date"


def test_the_counts_match_the_json_export(cli, package: Path) -> None:
    export = json.loads(cli("export", "--format", "json", str(POLICIES)).out)
    claims = sum(len(p["claims"]) for p in export["policies"])
    assert len(_rows(package, "claims")) == claims
    assert len(_rows(package, "policies")) == len(export["policies"])
    flags = sum(
        len(c["flags"]) for r in export["rows"] for cell in r["cells"].values() for c in cell
    )
    assert len(_rows(package, "flags")) == flags


def test_our_readings_and_the_words_of_each_link_are_in_the_package(cli, package: Path) -> None:
    """A value no words of the source carry is listed as ours, as in every view: Hall's
    'London' scopes; each link carries the source's words that make it, answers included."""
    export = json.loads(cli("export", "--format", "json", str(POLICIES)).out)
    expected = {
        (policy_id, c["claim_id"], r["field"], r["value"], r["why"], r["rests_on"])
        for row in export["rows"]
        for policy_id, cell in row["cells"].items()
        for c in cell
        for r in c["readings"]
    }
    readings = {
        (r["policy_id"], r["claim_id"], r["field"], r["value"], r["why"], r["rests_on"])
        for r in _rows(package, "readings")
    }
    assert readings == expected and len(readings) == len(_rows(package, "readings"))
    scopes = {(r[0], r[2], r[3]) for r in readings if r[0] == "hall"}
    assert {("hall", "officers.scope", "London"), ("hall", "money.scope", "London")} <= scopes
    links = {(r["claim_id"], r["relation"], r["target_policy_id"], r["target_claim_id"]):
             r["words"] for r in _rows(package, "relations")}  # fmt: skip
    pool = "would come from a pool of 13,000 extra officers nationwide"
    assert links["officers-1300", "part_of", "labour", "officers-13000"] == pool
    reasons = "The mayor argues “lots of reasons” were to blame"
    assert links["recruitment-reasons", "responds_to", "khan", "hall-blame"] == reasons
    assert links["recruitment-reasons", "responds_to", "khan", "missed-recruitment-target"]
    # The figure's own links carry their words too (words.against, words.pays_for).
    target = "The Met was tasked with hiring 4,557 new officers"
    assert links["met-recruited", "against", "khan", "met-recruitment-target"] == target
    paid = links["savings-360m", "pays_for", "labour", "officers-13000"]
    assert paid.startswith("the officers would be funded nationally")
    assert all(links.values()), [key for key, words in links.items() if not words]


def test_frictionless_validates_it(package: Path) -> None:
    result = subprocess.run(
        [_tool("frictionless"), "validate", "--json", str(package / "datapackage.json")],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    report = json.loads(result.stdout)
    assert report["valid"] is True, result.stdout[:4000]
    assert result.returncode == 0


def test_it_loads_into_sqlite_and_datasette_serves_it(package: Path, tmp_path: Path) -> None:
    # The README's commands. The database is named without ".db": datapackage-to-datasette
    # files its metadata under the name given, and Datasette names a database by its file's
    # stem, so "hustings.db" would leave the metadata unused.
    database, metadata = tmp_path / "hustings", tmp_path / "metadata.json"
    subprocess.run(
        [_tool("datapackage-to-datasette"), "hustings", str(package / "datapackage.json"),
         "metadata.json"],
        check=True, timeout=180, cwd=tmp_path,
    )  # fmt: skip
    counts = subprocess.run(
        [_tool("sqlite-utils"), "query", str(database),
         "select count(*) as n from claims join policies on policies.id = claims.policy_id"],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    assert json.loads(counts.stdout) == [{"n": len(_rows(package, "claims"))}]
    server = launch(
        ServerProcess,
        [_tool("datasette"), "serve", str(database), "-h", "127.0.0.1", "-p", "0",
         "-m", str(metadata)],
        tmp_path / "datasette.log",
        re.compile(r"Uvicorn running on http://127\.0\.0\.1:(\d+)()"),
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{server.port}"
        with urllib.request.urlopen(f"{base}/hustings/claims.json?_shape=array&_size=max") as r:
            rows = json.load(r)
        assert {(row["policy_id"], row["claim_id"]) for row in rows} >= {("khan", "officers-1300")}
        assert len(rows) == len(_rows(package, "claims"))
        with urllib.request.urlopen(f"{base}/hustings/figures.json?_shape=array&unit=GBP") as r:
            money = {row["claim_id"]: row["value"] for row in json.load(r)}
        assert money["savings-360m"] == 360_000_000  # a number, not text
        with urllib.request.urlopen(f"{base}/hustings") as r:
            page = r.read().decode("utf-8")
        assert "every figure traced to a quote" in page  # the package's title, as metadata
        assert "MIT" in page  # its licence
    finally:
        assert server.stop() in (0, -15)


def test_an_existing_package_is_never_overwritten(cli, package: Path) -> None:
    before = (package / "claims.csv").read_bytes()
    result = cli("export", "--format", "datapackage", "-o", str(package), str(POLICIES))
    assert result.code == 1 and "already exists; not overwriting it" in result.err
    assert (package / "claims.csv").read_bytes() == before


def test_datapackage_needs_a_folder_and_other_formats_refuse_one(cli) -> None:
    assert cli("export", "--format", "datapackage", str(POLICIES)).code == 2
    assert cli("export", "--format", "csv", "-o", "x", str(POLICIES)).code == 2


def test_a_licence_outside_the_list_is_refused_and_nothing_is_written(cli, tmp_path) -> None:
    """`--licence NOT-A-LICENCE` once wrote a link to https://spdx.org/licenses/NOT-A-LICENCE.html,
    a page that does not exist: a licence is one of the SPDX ids the help lists."""
    out = tmp_path / "pkg"
    result = cli("export", "--format", "datapackage", "-o", str(out), "--licence", "NOT-A-LICENCE",
                 str(POLICIES))  # fmt: skip
    assert result.code == 2
    assert result.err.startswith("hustings: --licence: unknown licence 'NOT-A-LICENCE'")
    assert "CC-BY-4.0" in result.err and len(result.err.strip().splitlines()) == 1
    assert not out.exists()


def test_a_listed_licence_is_stated_with_its_spdx_title_and_page(cli, tmp_path) -> None:
    out = tmp_path / "pkg"
    result = cli("export", "--format", "datapackage", "-o", str(out), "--licence", "OGL-UK-3.0",
                 str(POLICIES))  # fmt: skip
    assert result.code == 0, result.err
    licences = json.loads((out / "datapackage.json").read_text("utf-8"))["licenses"]
    assert licences[0] == {"name": "OGL-UK-3.0", "title": "Open Government Licence v3.0",
                           "path": "https://spdx.org/licenses/OGL-UK-3.0.html"}  # fmt: skip
