"""Shard files: one share of a run's game numbers, as totals per group, checked before any merge.

A shard file is untrusted input (it may come from any machine of a cluster,
or be a file that only looks like one): it is read as JSON only (never
unpickled), capped in size, and every field is checked before use. It holds
the scenario's text, so `wargame merge` needs nothing but the parts.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from wargame.analysis.aggregate import Aggregate
from wargame.analysis.aggregate_io import to_dict
from wargame.analysis.sweep import Sweep
from wargame.errors import UserError

FORMAT = "wargame simulate part"
VERSION = 1
MAX_BYTES = 64 * 2**20  # the libya scenario with a 20-point grid writes about 1 MB
_SHARD = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


def parse_shard(spec: str, games: int) -> tuple[int, int]:
    """'2/4' -> (2, 4), checked against the number of games (every shard plays at least one)."""
    m = _SHARD.match(spec)
    if not m:
        raise UserError(f"--shard '{spec}': write K/N, e.g. --shard 2/4 for the second of four shards")
    k, n = int(m.group(1)), int(m.group(2))
    if not 1 <= k <= n:
        raise UserError(f"--shard '{spec}': K must be between 1 and N")
    if n > games:
        raise UserError(f"--shard '{spec}': {games} games cannot be split into {n} shards")
    return k, n


def shard_range(k: int, n: int, games: int) -> tuple[int, int]:
    """The game numbers first..end-1 of shard k of n: contiguous, together exactly 0..games-1."""
    return (k - 1) * games // n, k * games // n


def shard_doc(sweep: Sweep, text: str, settings: dict, k: int, n: int, aggs: list[Aggregate]) -> dict:
    """What `simulate --shard K/N --out FILE` writes."""
    first, end = shard_range(k, n, settings["games"])
    base = sweep.scenarios[0]
    return {
        "format": FORMAT,
        "version": VERSION,
        "scenario": {
            "id": base.id,
            "digest": base.digest,
            "name": sweep.name,
            "path": sweep.groups[0].name,
            "text": text,
        },
        "settings": settings,
        "shard": {"index": k, "count": n, "first": first, "end": end},
        "groups": [{"label": g.label, "totals": to_dict(a)} for g, a in zip(sweep.groups, aggs, strict=True)],
    }


@dataclass
class Part:
    """One shard file, its header checked; the totals are checked once its scenario is loaded."""

    path: str
    scenario: dict
    settings: dict
    index: int
    count: int
    first: int
    end: int
    groups: list[dict]


def read_part(path: str) -> Part:
    """A shard file, or one line saying why it is not one."""
    p = Path(path)
    try:
        if p.is_dir():
            raise UserError(f"{path}: this is a folder, not a shard file")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise UserError(f"{path}: {size / 2**20:.0f} MB, larger than any shard file ({MAX_BYTES // 2**20} MB)")
        with p.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read it ({exc.strerror})") from None
    if len(raw) > MAX_BYTES:
        raise UserError(f"{path}: larger than any shard file ({MAX_BYTES // 2**20} MB)")
    try:
        doc = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise UserError(f"{path}: not a shard file (not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise UserError(f"{path}: not a shard file (bad JSON at line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise UserError(f"{path}: not a shard file (JSON nested too deeply)") from None
    return _part(path, doc)


def _part(path: str, doc: object) -> Part:
    def bad(why: str) -> UserError:
        return UserError(f"{path}: not a shard file written by `wargame simulate --out` ({why})")

    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise bad(f'no "format": "{FORMAT}"')
    if doc.get("version") != VERSION:
        raise bad(f"version {str(doc.get('version'))[:20]}; this wargame reads version {VERSION}")
    scenario, settings, shard, groups = (doc.get(k) for k in ("scenario", "settings", "shard", "groups"))
    if not isinstance(scenario, dict) or not all(
        isinstance(scenario.get(k), str) for k in ("id", "digest", "name", "path", "text")
    ):
        raise bad("its scenario needs id, digest, name, path and text")
    if hashlib.sha256(scenario["text"].encode("utf-8")).hexdigest() != scenario["digest"]:
        raise bad("its scenario text does not match its digest")
    if not isinstance(settings, dict) or not _is_count(settings.get("games")) or settings["games"] < 1:
        raise bad("its settings need the number of games")
    if type(settings.get("seed")) is not int:
        raise bad("its settings need the seed")
    if not isinstance(shard, dict) or not all(_is_count(shard.get(k)) for k in ("index", "count", "first", "end")):
        raise bad("its shard needs index, count, first and end")
    k, n, games = shard["index"], shard["count"], settings["games"]
    if not 1 <= k <= n <= games:
        raise bad(f"shard {k}/{n} of {games} games")
    if (shard["first"], shard["end"]) != shard_range(k, n, games):
        first, end = shard_range(k, n, games)
        raise bad(f"shard {k}/{n} plays games {first}..{end - 1}, the file says {shard['first']}..{shard['end'] - 1}")
    if not isinstance(groups, list) or not groups:
        raise bad("no groups of games")
    for g in groups:
        if not isinstance(g, dict) or set(g) != {"label", "totals"} or not isinstance(g["label"], str):
            raise bad("each group needs a label and totals")
    return Part(path, scenario, settings, k, n, shard["first"], shard["end"], groups)


def _is_count(x: object) -> bool:
    return type(x) is int and x >= 0


def check_parts(parts: list[Part]) -> list[int]:
    """Refuse parts of different runs and parts that overlap; return the missing shard numbers."""
    ref = parts[0]
    for part in parts[1:]:
        why = _differs(ref, part)
        if why:
            raise UserError(f"{part.path} is from a different run than {ref.path}: {why}")
    seen: dict[int, Part] = {}
    for part in parts:
        if part.index in seen:
            raise UserError(
                f"{seen[part.index].path} and {part.path} are both shard {part.index}/{part.count}: "
                "their games overlap; give each shard once"
            )
        seen[part.index] = part
    return [k for k in range(1, ref.count + 1) if k not in seen]


def _differs(a: Part, b: Part) -> str:
    if a.scenario["digest"] != b.scenario["digest"]:
        return f"another scenario file (digest {b.scenario['digest'][:12]} vs {a.scenario['digest'][:12]})"
    for key in sorted(set(a.settings) | set(b.settings)):
        x, y = a.settings.get(key), b.settings.get(key)
        if x != y:
            return f"{key} {_show(y)} vs {_show(x)}"
    if a.count != b.count:
        return f"split into {b.count} shards vs {a.count}"
    return ""


def _show(x: object) -> str:
    text = json.dumps(x, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def missing_message(missing: list[int], count: int, games: int) -> str:
    """'shard 3 (games 500..749) of 4 missing; ...': which games a merge would lack."""
    spans = []
    for k in missing:
        first, end = shard_range(k, count, games)
        spans.append(f"{k} (games {first}..{end - 1})")
    which = "shard" if len(missing) == 1 else "shards"
    return f"{which} {', '.join(spans)} of {count} missing; give every part, or merge what there is with --partial"
