"""Hostile inputs built from the bundled tutorial: every text field of a scenario or a save carries an attack."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"

ESCAPES = "\x1b]0;pwned\x07\x1b[2J"  # set the terminal's title, then clear the screen
MARKUP = "[/][/] [@click=app.quit]"  # a Rich/Textual crash, then a clickable action
MARKDOWN = "[x](javascript:alert(1)) ![i](https://example.com/t.png) <b>"
RAW = ("\x1b", "\x07", "\x9b")

# the keys that hold text shown to people (never ids, expressions or colours)
TEXT_KEYS = {"title", "summary", "author", "name", "short", "text", "label", "unit", "prompt", "history", "note"}


def _poison(node, attack: str, under: str = ""):
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if isinstance(value, str) and (key in TEXT_KEYS or under == "objectives"):
                out[key] = f"{value} {attack}"
            elif key == "victory" and isinstance(value, dict):
                out[key] = {**value, "text": f"{value.get('text', 'win')} {attack}"}
            else:
                out[key] = _poison(value, attack, key)
        return out
    if isinstance(node, list):
        return [_poison(x, attack, under) for x in node]
    return node


def scenario_text(attack: str) -> str:
    """The tutorial with `attack` appended to every text field (ids and expressions untouched)."""
    data = yaml.safe_load(TUTORIAL.read_text(encoding="utf-8"))
    data = _poison(data, attack)
    data["id"] = "hostile"
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def markup_scenario(folder: Path) -> Path:
    """A valid scenario whose every text carries markup and Markdown links (no control characters)."""
    path = folder / "hostile.yaml"
    path.write_text(scenario_text(f"{MARKUP} {MARKDOWN}"), encoding="utf-8")
    return path


def escapes_scenario(folder: Path) -> Path:
    """The same with terminal escapes too: the loader must refuse it, in lines free of escapes."""
    path = folder / "escapes.yaml"
    path.write_text(scenario_text(f"{ESCAPES} {MARKUP}"), encoding="utf-8")
    return path


def wargame(*args: str, cwd: Path | None = None, timeout: float = 120, **kw) -> subprocess.CompletedProcess:
    """The CLI as a user runs it, output captured as bytes (so no byte can hide in decoding)."""
    return subprocess.run(
        [sys.executable, "-m", "wargame.cli", *args], capture_output=True, cwd=cwd or ROOT, timeout=timeout, **kw
    )


def hostile_save(
    folder: Path, scenario: Path, name: str = "[/]", seats: bool = True, file: str = "hostile-save.json"
) -> Path:
    """A real, verifiable game of `scenario` whose every text field carries escapes and markup.

    Built through the engine (not by editing JSON), so the state hash is right
    and `replay --verify` and `report` accept it: the name, each seat (unless
    `seats` is false: the TUI refuses a seat it cannot run), each decision's
    author and reason, a bookmark note and a correction's reason.
    """
    from wargame import bots, saves
    from wargame import engine as E
    from wargame.engine.codec import to_dict
    from wargame.scenario import load_scenario

    attack = f"{ESCAPES} {MARKUP} {MARKDOWN}"
    sc, _ = load_scenario(scenario)
    seated = {f.id: f"random {attack}" if seats else "random" for f in sc.factions}
    state, _events = E.begin(sc, 3, seated)
    acts = [E.Bookmark(f"note {attack}"), E.Override("morale += 1", f"reason {attack}")]
    entries = []
    while state.pending is not None:
        decision = acts.pop(0) if acts and state.step >= 1 else bots.choose(sc, state, "random")[0]
        entries.append(to_dict(decision, by=f"by {attack}", why=f"why {attack}"))
        state, _events = E.apply(sc, state, decision)
    path = (folder / file).resolve()
    saves.write_save(path, saves.record(sc, state, entries, name=f"{name} {attack}"))
    return path


def assert_clean(proc: subprocess.CompletedProcess) -> None:
    """No traceback, and no raw control character from a file in what the user sees."""
    for stream in (proc.stdout, proc.stderr):
        text = stream.decode("utf-8", errors="replace")
        assert "Traceback" not in text, text[-2000:]
        for raw in RAW:
            assert raw not in text, (raw, text[:2000])
