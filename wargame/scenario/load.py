"""Loads a scenario file: read, cross-check, compile; every problem located."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from wargame.inputs import InputError, read_regular
from wargame.scenario import model as m
from wargame.scenario.content import Content
from wargame.scenario.exercise import ExerciseKeys
from wargame.scenario.expr.compile import BOOL, Symbols
from wargame.scenario.layout import NOBODY, Layout
from wargame.scenario.places import RESERVED, Places
from wargame.scenario.problems import Problem, Problems, ScenarioError, TooManyProblems, Where
from wargame.scenario.reader import read
from wargame.scenario.spec import SCENARIO
from wargame.scenario.yamlnodes import MAX_FILE_BYTES, Map, Node, Scalar, parse_yaml

__all__ = ["RESERVED", "ScenarioError", "load_scenario", "load_text"]

SUPPORTED_FORMATS = (1,)


def load_scenario(path: str | Path) -> tuple[m.Scenario, list[Problem]]:
    """Load and validate a scenario file; returns it with its warnings, or raises ScenarioError."""
    path = Path(path)
    name = str(path)
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except InputError as exc:
        message = str(exc).replace("a folder, not a file", "a folder, not a scenario file")
        raise ScenarioError([_problem(name, message)]) from None
    return load_text(data, name)


def _problem(file: str, message: str) -> Problem:
    return Problem("error", Where(file, 1, 1), message)


def load_text(data: str | bytes, name: str = "<scenario>") -> tuple[m.Scenario, list[Problem]]:
    """Load and validate a scenario from its text; returns it with its warnings, or raises ScenarioError."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    root = parse_yaml(data, name)
    problems = Problems()
    try:
        scenario = _Builder(root, name, problems, hashlib.sha256(raw).hexdigest()).build()
    except TooManyProblems:
        raise ScenarioError(problems.capped()) from None
    if problems.errors or scenario is None:
        raise ScenarioError(problems.sorted())
    return scenario, problems.sorted()


class _Builder(Places, ExerciseKeys, Content):
    """Reads, cross-checks and compiles one scenario, collecting every problem on the way."""

    def __init__(self, root: Node, name: str, problems: Problems, digest: str):
        self.root, self.name, self.p, self.digest = root, name, problems, digest
        self.compiled_exprs, self.compiled_stmts = {}, {}

    def build(self) -> m.Scenario | None:
        root = self.root
        if not isinstance(root, Map):
            self.error(root.where, "a scenario is a mapping of keys (format, id, title, ...), not a list or a value")
            return None
        fmt = root.items.get("format")
        if isinstance(fmt, Scalar) and re.fullmatch(r"\d{1,9}", fmt.text) and int(fmt.text) not in SUPPORTED_FORMATS:
            self.error(fmt.where, f"format {fmt.text} is not supported; this version of wargame reads format 1")
            return None
        d = read(root, SCENARIO, self.p, "the scenario")
        if d is None:
            return None
        # a wrong value does not stop the check: what was read is still cross-checked and
        # compiled, so one run reports every independent problem; only the checks that
        # depend on a failed part (ids, the names expressions resolve) are skipped
        self.d = d
        for key, what in (("factions", "faction"), ("regions", "region")):
            if key in d and not d[key]:
                self.error(d.where(key), f"a scenario needs at least one {what} under '{key}'")
        if not d.get("factions") or not d.get("regions") or "order" not in d or not self.names_sound(root):
            return None
        before = len(self.p.errors)
        self.check_namespace()
        if len(self.p.errors) > before:  # later checks index by id: a clash would only cascade
            return None
        factions_raw = d["factions"]
        self.faction_ids = list(factions_raw)
        tracks_raw = d.get("tracks", {})
        attrs_raw = d.get("region_attributes", {})
        regions_raw = d["regions"]
        factions_meters = {
            fid: tuple(self.meter(mid, md) for mid, md in f.get("meters", {}).items())
            for fid, f in factions_raw.items()
        }
        tracks = tuple(self.meter(tid, td, track=True) for tid, td in tracks_raw.items())
        attributes = tuple(self.attribute(aid, ad) for aid, ad in attrs_raw.items())
        region_ids = list(regions_raw)
        adjacency = self.adjacency(regions_raw)
        regions = [self.region(rid, rd, attributes, adjacency[rid]) for rid, rd in regions_raw.items()]
        # a hidden slot per limited action counts its uses this turn; the rules reset them each turn
        limited = tuple(aid for aid, ad in d.get("actions", {}).items() if ad.get("per_turn", 0))
        layout = Layout.build(
            {fid: tuple(mm.id for mm in ms) for fid, ms in factions_meters.items()},
            tuple(t.id for t in tracks),
            tuple(region_ids),
            tuple(a.id for a in attributes),
            limited,
        )
        bounds, initial = [(0, 10**6)], [1]
        for ms in factions_meters.values():
            bounds += [(mm.lo, mm.hi) for mm in ms]
            initial += [mm.start for mm in ms]
        bounds += [(t.lo, t.hi) for t in tracks]
        initial += [t.start for t in tracks]
        for region in regions:
            bounds += [(a.lo, a.hi) for a in attributes] + [(-1, len(self.faction_ids) - 1)]
            initial += [*region.values, self.faction_ids.index(region.control) if region.control else NOBODY]
        for aid in limited:
            bounds.append((0, d["actions"][aid]["per_turn"]))
            initial.append(0)
        cards_raw = d.get("cards", [])
        symbols = Symbols(
            factions=tuple(self.faction_ids),
            layout=layout,
            adjacency=tuple(tuple(region_ids.index(n) for n in adjacency[r]) for r in region_ids),
            tags=tuple(frozenset(r.tags) for r in regions),
            cards=frozenset(c["id"] for c in cards_raw if "id" in c),
        )
        self.symbols = symbols
        factions = tuple(
            self.faction(i, fid, fd, factions_meters[fid]) for i, (fid, fd) in enumerate(factions_raw.items())
        )
        order = self.order()
        objectives, questions = self.objectives(d.get("objectives", {}))
        milestones = tuple(
            m.Milestone(self.required_expr(x["when"], BOOL), x["label"], x.get("date", ""), x.get("note", "").strip())
            for x in d.get("milestones", [])
            if "when" in x and "label" in x
        )
        actions = tuple(self.action(aid, ad, objectives) for aid, ad in d.get("actions", {}).items())
        cards = tuple(self.card(cd, objectives) for cd in cards_raw if "id" in cd)
        injects = tuple(self.inject(x) for x in d.get("injects", []))
        coach = tuple(self.coach_step(x) for x in d.get("coach", []))
        upkeep = self.stmts(d.get("upkeep", []), False)
        cal = self.calendar(d["calendar"]) if "calendar" in d else None
        art = d.get("map", {}).get("art", "") if d.get("map") else ""
        self.check_art(art, region_ids)
        for fid in self.faction_ids:
            if not any(a.faction == fid for a in actions) and fid in order:
                self.p.warning(factions_raw[fid].id_where, f"faction '{fid}' has no actions; it will always pass")
        if cal is None:  # the calendar was misread (reported where it is): sessions depend on it
            return None
        sessions = self.sessions(cal)
        freeform = self.freeform()
        if self.p.errors:
            return None
        return m.Scenario(
            id=d["id"],
            title=d["title"],
            summary=d.get("summary", "").strip(),
            author=d.get("author", ""),
            calendar=cal,
            seed=d.get("seed", 1),
            cards_per_turn=d.get("cards_per_turn", 1),
            order=order,
            objectives=objectives,
            questions=questions,
            milestones=milestones,
            factions=factions,
            tracks=tracks,
            attributes=attributes,
            regions=tuple(regions),
            map_art=art.rstrip("\n"),
            actions=actions,
            cards=cards,
            injects=injects,
            coach=coach,
            upkeep=upkeep,
            symbols=symbols,
            layout=layout,
            slot_names=layout.names,
            slot_bounds=tuple(bounds),
            initial=tuple(initial),
            path=self.name,
            digest=self.digest,
            orders=d.get("orders", "sequential"),
            sessions=sessions,
            freeform=freeform,
        )

    def names_sound(self, root: Map) -> bool:
        """Whether every faction, meter, track, attribute and region was read with its id.

        One that was misread (a list where a mapping belongs, a bad id) is missing from
        the names that regions, order and expressions resolve, so each mention of it
        would be a second, false error: those checks wait until the first is fixed.
        """
        if not self.p.errors:
            return True
        fields = {f.key: f.kind for f in SCENARIO.fields}
        scratch = Problems(cap=10**9)
        for key in ("factions", "tracks", "region_attributes", "regions"):
            if key in root.items:
                read(root.items[key], fields[key], scratch, key)
        return scratch.unsound == 0
