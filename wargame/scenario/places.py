"""The world of a scenario: ids, meters, region attributes, regions and their borders, calendar, map art.

A mixin of the loader's builder: these checks need only the read mapping
(`self.d`), the faction ids and the problem list, not the expression compiler.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from wargame.scenario import model as m
from wargame.scenario.expr.compile import FUNCTIONS
from wargame.scenario.expr.lexer import KEYWORDS
from wargame.scenario.problems import Problems, Where, did_you_mean
from wargame.scenario.reader import Obj
from wargame.scenario.spec import REGION
from wargame.scenario.yamlnodes import Seq

RESERVED = {"turn", "none", "target", "control", *KEYWORDS, *FUNCTIONS}
REGION_KEYS = {f.key for f in REGION.fields}  # an attribute cannot share a name with these


class Places:
    """Checks and builds the static parts of a scenario (mixed into the loader's builder)."""

    d: Obj
    name: str
    p: Problems
    faction_ids: list[str]

    def error(self, where: Where, message: str) -> None:
        self.p.error(where, message)

    if TYPE_CHECKING:  # provided by ExerciseKeys

        def visibility(self, owner: Obj, what: str, own_ok: bool) -> m.Visibility: ...

    def check_namespace(self) -> None:
        """Faction, track, attribute, region, action and card ids share one namespace."""
        seen: dict[str, tuple[str, Where]] = {}
        d = self.d
        groups = [
            ("faction", d["factions"]),
            ("track", d.get("tracks", {})),
            ("region", d["regions"]),
            ("action", d.get("actions", {})),
        ]
        entries = [
            (kind, key, v.id_where if isinstance(v, Obj) else Where(self.name, 1, 1))
            for kind, group in groups
            for key, v in group.items()
        ]
        entries += [("card", c["id"], c.where("id")) for c in d.get("cards", []) if "id" in c]
        for kind, key, where in entries:
            if key in RESERVED:
                self.error(where, f"'{key}' is a reserved word of the expression language; choose another id")
            elif key in seen:
                other_kind, other = seen[key]
                self.error(
                    where,
                    f"the id '{key}' is already used by the {other_kind} at line {other.line}; "
                    "factions, tracks, regions, actions and cards share one set of ids",
                )
            else:
                seen[key] = (kind, where)
        # attributes are named bare inside count(...): they must not hide a track or a region
        for key, v in d.get("region_attributes", {}).items():
            if key in RESERVED:
                self.error(v.id_where, f"'{key}' is a reserved word of the expression language; choose another id")
            elif key in REGION_KEYS:
                self.error(v.id_where, f"'{key}' is a key of every region; choose another attribute id")
            elif key in seen and seen[key][0] in ("track", "region"):
                kind, other = seen[key]
                self.error(
                    v.id_where,
                    f"the attribute '{key}' has the name of the {kind} at line {other.line}; rename one of them",
                )

    def meter(self, mid: str, md: Obj, track: bool = False) -> m.Meter:
        lo, hi = md.get("min", 0), md.get("max", m.UNBOUNDED)
        start = md.get("start", lo)
        if lo > hi:
            self.error(md.where("max"), f"'{mid}': max {hi} is below min {lo}")
        elif not lo <= start <= hi:
            self.error(md.where("start"), f"'{mid}' starts at {start}, outside its bounds {lo}..{_hi(hi)}")
        if track and md.get("tradable"):
            self.error(
                md.key_where("tradable"),
                f"track '{mid}': only a faction's meters are tradable (a deal moves them between factions)",
            )
        what = f"track '{mid}'" if track else f"meter '{mid}'"
        return m.Meter(
            mid,
            md.get("label", mid.replace("_", " ").capitalize()),
            start,
            lo,
            hi,
            md.get("unit", ""),
            md.get("text", ""),
            bool(md.get("tradable", False)),
            self.visibility(md, what, own_ok=not track),
        )

    def attribute(self, aid: str, ad: Obj) -> m.Attribute:
        lo, hi = ad.get("min", 0), ad.get("max", 0)
        default = ad.get("default", lo)
        if lo > hi:
            self.error(ad.where("max"), f"'{aid}': max {hi} is below min {lo}")
        elif not lo <= default <= hi:
            self.error(ad.where("default"), f"'{aid}': default {default} is outside {lo}..{hi}")
        marker = ad.get("marker", "")
        if len(marker) > 1:
            self.error(ad.where("marker"), f"'{aid}': a marker is one character, not '{marker}'")
        return m.Attribute(
            aid,
            ad.get("label", aid.replace("_", " ").capitalize()),
            lo,
            hi,
            default,
            marker,
            ad.get("text", ""),
            self.visibility(ad, f"region attribute '{aid}'", own_ok=True),
        )

    def adjacency(self, regions_raw: dict[str, Obj]) -> dict[str, list[str]]:
        adj: dict[str, list[str]] = {rid: [] for rid in regions_raw}
        for rid, rd in regions_raw.items():
            for k, n in enumerate(rd.get("adjacent", [])):
                where = item_where(rd, "adjacent", k)
                if n == rid:
                    self.error(where, f"region '{rid}' cannot be adjacent to itself")
                elif n not in regions_raw:
                    self.error(where, f"'{rid}' is adjacent to unknown region '{n}'{did_you_mean(n, regions_raw)}")
                elif n not in adj[rid]:
                    adj[rid].append(n)
        for rid in regions_raw:
            for n in list(adj[rid]):
                if rid not in adj[n]:
                    self.p.warning(
                        regions_raw[n].id_where,
                        f"'{rid}' lists '{n}' as adjacent but not the reverse; adding '{rid}' to '{n}'",
                    )
                    adj[n].append(rid)
        return adj

    def region(self, rid: str, rd: Obj, attributes: tuple[m.Attribute, ...], adjacent: list[str]) -> m.Region:
        names = [a.id for a in attributes]
        fixed = REGION_KEYS
        for key in rd:
            if key not in fixed and key not in names:
                self.error(
                    rd.key_where(key),
                    f"region '{rid}': unknown key '{key}'"
                    f"{did_you_mean(key, [*names, *fixed])}; region attributes are declared "
                    "under region_attributes",
                )
        values = []
        for a in attributes:
            v = rd.get(a.id, a.default)
            if v is not None and not a.lo <= v <= a.hi:
                self.error(rd.where(a.id), f"region '{rid}': {a.id} {v} is outside {a.lo}..{a.hi}")
            values.append(v if v is not None else a.default)
        control = rd.get("control", "none")
        if control != "none" and control not in self.faction_ids:
            self.error(
                rd.where("control"),
                f"region '{rid}': control '{control}' is not a faction"
                f"{did_you_mean(control, self.faction_ids)} (or none)",
            )
            control = "none"
        return m.Region(
            rid,
            rd.get("name", rid),
            None if control == "none" else control,
            tuple(adjacent),
            tuple(rd.get("tags", [])),
            tuple(values),
            rd.get("text", ""),
        )

    def calendar(self, c: Obj) -> m.Calendar | None:
        if "start" not in c or "turns" not in c:  # already reported where it was misread
            return None
        year, month = (int(p) for p in c["start"].split("-"))
        if not 1 <= month <= 12:
            self.error(c.where("start"), f"calendar start month must be 01..12, not {month:02d}")
            month = 1
        if year < 1:
            self.error(c.where("start"), "calendar start year must be 0001 or later")
            year = 1
        cal = m.Calendar(year, month, c.get("step", "month"), c["turns"])
        try:
            cal.label(cal.turns)
        except (ValueError, OverflowError):
            self.error(c.where("turns"), "the calendar's last turn falls after the year 9999")
        return cal

    def check_art(self, art: str, region_ids: list[str]) -> None:
        if not art:
            return
        node = self.d["map"].node.items["art"]
        where = node.where
        found = []
        for match in re.finditer(r"\[([a-z][a-z0-9_]*)\]", art):
            rid = match.group(1)
            found.append(rid)
            if rid not in region_ids:
                self.error(
                    node.text_where(match.start()),
                    f"map art names unknown region '[{rid}]'{did_you_mean(rid, region_ids)}",
                )
        for rid in region_ids:
            if rid not in found:
                self.p.warning(where, f"region '{rid}' does not appear in the map art; write [{rid}] where it lies")


def item_where(obj: Obj, key: str, k: int) -> Where:
    """Where item `k` of the list under `key` was written (the list itself if it was no list)."""
    node = obj.node.items.get(key)
    if isinstance(node, Seq) and k < len(node.items):
        return node.items[k].where
    return obj.where(key)


def _hi(hi: int) -> str:
    return "∞" if hi >= m.UNBOUNDED else str(hi)
