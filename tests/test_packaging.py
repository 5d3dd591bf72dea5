"""The wheel carries the bundled scenarios and the schema: installed outside the repo, `wargame` finds them."""

from __future__ import annotations

import os
import site
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, dict]:
    """A fresh virtual environment outside the repo with only the built wheel installed in it.

    The wheel's dependencies (Textual, PyYAML...) come from this test run's own
    environment through a .pth file, so the test needs no network; wargame
    itself comes only from the wheel (the editable install's finder is not loaded).
    """
    tmp = tmp_path_factory.mktemp("wheel")
    wheels = tmp / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(wheels)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = wheels.glob("wargame-*.whl")
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stderr
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(purelib) / "deps-from-the-test-run.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "WARGAME_CONFIG", "WARGAME_SAVES")}
    env["WARGAME_CONFIG"] = str(tmp / "no-config.toml")
    work = tmp / "work"
    work.mkdir()
    return venv / "bin" / "wargame", {"env": env, "cwd": work}


def run(installed, *args: str) -> subprocess.CompletedProcess:
    exe, kw = installed
    proc = subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=120, **kw)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_the_installed_command_is_the_wheel_not_the_checkout(installed):
    exe, kw = installed
    where = subprocess.run(
        [str(exe.parent / "python"), "-c", "import wargame; print(wargame.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        **kw,
    ).stdout
    assert str(exe.parent.parent) in where and str(ROOT) not in where


def test_describe_finds_the_bundled_tutorial(installed):
    proc = run(installed, "describe", "tutorial")
    assert proc.returncode == 0, proc.stderr
    assert "[id: gna]" in proc.stdout


def test_validate_passes_on_a_bundled_scenario_file(installed):
    exe, kw = installed
    path = subprocess.run(
        [
            str(exe.parent / "python"),
            "-c",
            "from wargame.catalog import resolve_scenario_path as r; print(r('libya-2016'))",
        ],
        capture_output=True,
        text=True,
        check=True,
        **kw,
    ).stdout.strip()
    assert "wargame/data/scenarios" in path
    proc = run(installed, "validate", path)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_new_points_its_modeline_at_the_installed_schema(installed):
    proc = run(installed, "new", "my-crisis")
    assert proc.returncode == 0, proc.stderr
    written = installed[1]["cwd"] / "scenarios" / "my-crisis.yaml"
    first = written.read_text().splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=file://")
    schema = Path(first.split("$schema=file://", 1)[1])
    assert schema.is_file() and schema.name == "scenario.schema.json"
    assert run(installed, "validate", str(written)).returncode == 0
