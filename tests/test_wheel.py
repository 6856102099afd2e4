"""The bundled policies load from an installed wheel, not only from a checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import ROOT
from .machine import requires


def test_wheel_carries_the_policies_and_check_passes_from_it(tmp_path: Path) -> None:
    requires("uv")
    subprocess.run(
        ["uv", "build", "--wheel", "--out-dir", str(tmp_path / "dist"), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = (tmp_path / "dist").glob("hustings-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)  # MIT says so
    assert not any(name.startswith("tui/") for name in names)  # installed as `hustings` only
    assert "hustings/_bundled_policies/khan.toml" in names
    # The spawn-per-session way is benchmarks' (benchmarks/spawn_sessions.py), not the package's:
    # the one interpreter the package starts is the session template's.
    starting = {name for name in names if name.endswith(".py")
                and b"sys.executable" in zipfile.ZipFile(wheel).read(name)}  # fmt: skip
    assert starting == {"hustings/serve/fork/template.py"}
    assert "hustings/_bundled_policies/sources/ldrs-extra-cops-labour-government.txt" in names
    for page in (
        "hustings/serve/web/page.html",
        "hustings/serve/web/busy.html",
        "hustings/serve/web/accessibility.html",
        "hustings/serve/web/static/hustings.css",
        "hustings/serve/web/static/hustings.js",
    ):
        assert page in names  # serve-web's page, served from the installed package
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    # Run from an empty folder with only the unpacked wheel on the path: no checkout in sight.
    code = (
        f"import sys; sys.path.insert(0, {str(site)!r}); "
        "from hustings.cli import main; sys.exit(main(['check']))"
    )
    done = subprocess.run(
        [sys.executable, "-I", "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok: 14 policies, 28 claims" in done.stdout
