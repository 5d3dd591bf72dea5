"""A deterministic scenario mutation fuzzer: splice hostile edits into a bundled scenario's text, load, play.

Mutations work on the text, located by the YAML node tree (so they hit real
keys and values, and stay cheap: no re-dumping of the whole document). The
property: a mutant either loads and plays a few turns with random bots, or is
refused with a ScenarioError whose every problem is located, one short line,
free of control characters. Anything else (a traceback of any kind) is a bug.

Run many by hand: `python tests/hostile/hostile_fuzz.py libya-2016 5000 [SEED [SKIP]]`.
"""

from __future__ import annotations

import random
import re
import sys
import traceback
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

HOSTILE = [
    "",
    " ",
    "~",
    "null",
    "none",
    "yes",
    "no",
    "true",
    "[]",
    "{}",
    "[x]",
    "{a: 1}",
    "'",
    '"',
    "-",
    "- x",
    "0",
    "-1",
    "1000000000",
    "1000000001",
    "-1000000001",
    "99999999999999999999",
    "9" * 5000,
    "1" + "0" * 4400,
    "1e400",
    ".inf",
    "-.inf",
    ".nan",
    "0x10",
    "0o17",
    "012",
    "1_000",
    "3.5",
    "2016-13",
    "0000-01",
    "9999-12",
    "#2e86de",
    "'#zzzzzz'",
    "navi",
    "gna",
    "isis",
    "target",
    "turn",
    "control",
    "count(",
    "1 +",
    "x if",
    "__class__",
    "a.b.c",
    "draw nothing",
    'log "hi"',
    "eval('1')",
    "__import__('os')",
    "a = 1",
    "1 < 2 < 3",
    "4 / 2",
    "1 // 0",
    "1 % 0",
    "10 ** 10",
    "999999999 * 999999999 * 999999999",
    "-(-(-(-1)))",
    "(" * 80 + "1" + ")" * 80,
    "not " * 300 + "true",
    "1" + " + 1" * 2000,
    '"\\e]0;pwned\\a\\e[2J"',
    '"\\u202e reversed"',
    '"\\x9b31m"',
    '"\\ud800"',
    "x [/][/] y",
    "[@click=app.quit]",
    "'[/]'",
    "'[bold]unclosed'",
    "![img](https://example.com/x.png)",
    "'[x](javascript:alert(1))'",
    "<script>alert(1)</script>",
    "!!python/object/apply:os.system ['true']",
    "!!binary aGk=",
    "&a x",
    "*a",
    "<<: {a: 1}",
    "é" * 300,
    "x" * 5000,
    "\t",
    ": ",
    "? x",
    "| \n  block",
    "> \n  folded",
]


def _spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, is_key) of every scalar of the document, keys included."""
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return []
    out: list[tuple[int, int, bool]] = []
    stack = [(root, False)]
    while stack:
        node, is_key = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            out.append((node.start_mark.index, node.end_mark.index, is_key))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((n, False) for n in node.value)
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack.append((k, True))
                stack.append((v, False))
    return sorted(out)


class Mutator:
    """Makes mutants of one scenario text; the same seed makes the same mutants."""

    def __init__(self, text: str):
        self.text = text
        self.spans = _spans(text)
        self.keys = sorted({text[s:e] for s, e, k in self.spans if k and re.fullmatch(r"[a-z][a-z0-9_]*", text[s:e])})
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def mutant(self, rng: random.Random) -> tuple[str, list[str]]:
        edits: list[tuple[int, int, str]] = []
        what: list[str] = []
        renames: list[tuple[str, str, int]] = []
        for _ in range(rng.randint(1, 3)):
            op = rng.choice(
                [
                    "value",
                    "value",
                    "number",
                    "number",
                    "number",
                    "key",
                    "delete_line",
                    "dup_line",
                    "indent",
                    "splice",
                    "swap",
                    "rename",
                    "rename",
                ]
            )
            if op == "number":  # a plausible edit: most mutants of this kind still load and get played
                numeric = [(s, e) for s, e, _k in self.spans if re.fullmatch(r"-?\d+", self.text[s:e])]
                start, end = rng.choice(numeric)
                new = str(rng.choice([0, 1, 2, 5, 10, 50, 99, 100, 1000, -1, -10, 10**9, -(10**9)]))
                edits.append((start, end, new))
                what.append(f"number {start}:{end} -> {new}")
            elif op in ("value", "key", "swap"):
                start, end, _k = rng.choice(self.spans)
                if op == "swap":
                    s2, e2, _k2 = rng.choice(self.spans)
                    new = self.text[s2:e2]
                elif op == "key":
                    new = rng.choice(self.keys)
                else:
                    new = rng.choice(HOSTILE)
                edits.append((start, end, new))
                what.append(f"{op} {start}:{end} -> {new[:40]!r}")
            elif op in ("delete_line", "dup_line", "indent"):
                k = rng.randrange(len(self.line_starts))
                start = self.line_starts[k]
                end = self.line_starts[k + 1] if k + 1 < len(self.line_starts) else len(self.text)
                line = self.text[start:end]
                new = {
                    "delete_line": "",
                    "dup_line": line * 2,
                    "indent": rng.choice([" ", "  ", "\t"]) + line if rng.random() < 0.6 else line[1:],
                }[op]
                edits.append((start, end, new))
                what.append(f"{op} line {k + 1}")
            elif op == "splice":
                at = rng.randrange(len(self.text))
                new = rng.choice([*HOSTILE, ":", "-", "[", "]", "{", "}", "\n", "#", "'", '"', "&", "*", "!"])
                edits.append((at, at + rng.randint(0, 4), new))
                what.append(f"splice {at} -> {new[:40]!r}")
            else:
                old = rng.choice(self.keys)
                new = rng.choice([*self.keys, "x", "turn", "none", "target", "sum", "Bad-Id", "a" * 300])
                renames.append((old, new, rng.choice([0, 1])))
                what.append(f"rename {old} -> {new[:40]} ({'everywhere' if renames[-1][2] == 0 else 'once'})")
        text = self.text
        last = len(text) + 1
        for start, end, new in sorted(edits, reverse=True):
            if end > last:  # overlaps the edit after it: skip
                continue
            text = text[:start] + new + text[end:]
            last = start
        for old, new, count in renames:
            text = re.sub(rf"\b{re.escape(old)}\b", new, text, count=count)
        return text, what


def check(text: str, name: str = "mutant.yaml", decisions: int = 60) -> str:
    """Load, then play a few turns with random bots. Returns 'refused' or 'played'; raises on any bug."""
    from wargame import bots, engine
    from wargame.describe import describe
    from wargame.scenario import ScenarioError, load_text

    try:
        scenario, warnings = load_text(text, name)
    except ScenarioError as exc:
        assert exc.problems and any(p.severity == "error" for p in exc.problems)
        for p in exc.problems:
            line = str(p)
            assert p.where.file == name and p.where.line >= 1 and p.where.column >= 1, line
            assert "\n" not in p.message and len(p.message) <= 400, line[:500]
            assert not CONTROL.search(line), line[:500]
        return "refused"
    for w in warnings:
        assert not CONTROL.search(str(w)) and len(w.message) <= 400
    assert not CONTROL.search(describe(scenario))
    state, events = engine.begin(scenario, 7, {f.id: "random" for f in scenario.factions})
    for _ in range(decisions):
        for e in events:
            engine.describe(e, scenario)
        if state.outcome is not None or state.pending is None:
            break
        decision, _why = bots.choose(scenario, state, "random")
        state, events = engine.apply(scenario, state, decision)
        engine.scores(scenario, state.values)
    for value, (lo, hi) in zip(state.values, scenario.slot_bounds, strict=True):
        assert lo <= value <= hi
    return "played"


def run(
    scenario_id: str, count: int, seed: int, skip: int = 0, report=print, progress: int = 0
) -> list[tuple[int, str]]:
    """Check mutants `skip` to `skip + count` of the seed's sequence; (index, traceback) of each failure."""
    text = (ROOT / "scenarios" / f"{scenario_id}.yaml").read_text(encoding="utf-8")
    mutator = Mutator(text)
    rng = random.Random(f"{scenario_id}:{seed}")
    for _ in range(skip):
        mutator.mutant(rng)
    failures = []
    for k in range(skip, skip + count):
        mutant, what = mutator.mutant(rng)
        if progress and k % progress == 0:
            report(f"{scenario_id}: mutant {k}, {len(failures)} failures so far")
        try:
            check(mutant)
        except Exception:
            failures.append((k, "; ".join(what) + "\n" + traceback.format_exc()))
            report(f"mutant {k}: {'; '.join(what)}\n{traceback.format_exc()}")
    return failures


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sid, n = sys.argv[1], int(sys.argv[2])
    seed, skip = (int(x) for x in (sys.argv[3:] + ["1", "0"])[:2])
    found = run(sid, n, seed, skip=skip, report=lambda line: print(line, flush=True), progress=100)
    print(f"{sid}: {len(found)} failures in mutants {skip}..{skip + n - 1}", flush=True)
