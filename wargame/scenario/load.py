"""Loads a scenario file: read, cross-check, compile; every problem located."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from wargame.inputs import InputError, read_regular
from wargame.scenario import model as m
from wargame.scenario.colors import NAMES as COLOR_NAMES
from wargame.scenario.exercise import ExerciseKeys
from wargame.scenario.expr.compile import (
    BOOL,
    INT,
    Symbols,
    compile_expression,
    split_terms,
)
from wargame.scenario.expr.statements import compile_statement
from wargame.scenario.expr.syntax import ExprError
from wargame.scenario.layout import NOBODY, Layout
from wargame.scenario.places import RESERVED, Places, item_where
from wargame.scenario.problems import (
    Problems,
    ScenarioError,
    TooManyProblems,
    Where,
    clip,
    did_you_mean,
)
from wargame.scenario.spec import SCENARIO, Obj, read
from wargame.scenario.yamlnodes import MAX_FILE_BYTES, Map, Scalar, parse_yaml
from wargame.words import plural

__all__ = ["RESERVED", "ScenarioError", "load_scenario", "load_text"]

SUPPORTED_FORMATS = (1,)
PALETTE = ("#2e86de", "#c0392b", "#27ae60", "#8e44ad", "#e67e22", "#16a085", "#7f8c8d", "#d35400")


def load_scenario(path: str | Path) -> tuple[m.Scenario, list]:
    """Load and validate a scenario file; returns it with its warnings, or raises ScenarioError."""
    path = Path(path)
    name = str(path)
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except InputError as exc:
        message = str(exc).replace("a folder, not a file", "a folder, not a scenario file")
        raise ScenarioError([_problem(name, message)]) from None
    return load_text(data, name)


def _problem(file: str, message: str):
    from wargame.scenario.problems import Problem

    return Problem("error", Where(file, 1, 1), message)


def load_text(data: str | bytes, name: str = "<scenario>") -> tuple[m.Scenario, list]:
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


class _Builder(Places, ExerciseKeys):
    def __init__(self, root, name: str, problems: Problems, digest: str):
        self.root, self.name, self.p, self.digest = root, name, problems, digest
        # compiled code is a pure function of its text: scenarios repeat "x -= 1" a lot
        self.compiled: dict[tuple, object] = {}

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
            m.Milestone(self.expr(x["when"], BOOL), x["label"], x.get("date", ""), x.get("note", "").strip())
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

    # ---- factions, actions, cards ---------------------------------------

    def expr(self, node: Scalar | None, want: str, has_target: bool = False) -> m.Expr | None:
        if node is None:
            return None
        text = node.text
        if want == BOOL and text in ("yes", "no", "on", "off", "True", "False"):
            self.error(node.where, f"write true or false, not '{text}'")
            return None
        if want == INT and node.style is None and text in ("true", "false"):
            self.error(node.where, f"a number is needed here, not '{text}'")
            return None
        key = ("expr", text, want, has_target)
        try:
            fn = self.compiled.get(key) or self.compiled.setdefault(
                key, compile_expression(text, want, self.symbols, has_target)
            )
        except ExprError as exc:
            self.error(node.text_where(exc.offset), f"in '{clip(text)}': {exc.message}")
            return None
        except RecursionError:
            self.error(node.where, "the expression is nested too deeply")
            return None
        return m.Expr(text, fn.fn, node.where, fn.reads)

    def stmts(self, nodes: list[Scalar], has_target: bool) -> tuple:
        out = []
        for node in nodes:
            key = ("stmt", node.text, has_target)
            try:
                out.append(
                    self.compiled.get(key)
                    or self.compiled.setdefault(key, compile_statement(node.text, self.symbols, has_target))
                )
            except ExprError as exc:
                self.error(node.text_where(exc.offset), f"in '{clip(node.text)}': {exc.message}")
            except RecursionError:
                self.error(node.where, "the statement is nested too deeply")
        return tuple(out)

    def faction(self, i: int, fid: str, fd: Obj, meters) -> m.Faction:
        v = fd.get("victory", {})
        caution = fd.get("bot", {}).get("caution", 0.3) if fd.get("bot") else 0.3
        if not 0 <= caution <= 1:
            self.error(fd["bot"].where("caution"), f"faction '{fid}': bot caution must be within 0..1")
        score = self.expr(v.get("score"), INT)
        color = fd.get("color", PALETTE[i % len(PALETTE)])
        if not color.startswith("#"):
            if color in COLOR_NAMES:
                color = COLOR_NAMES[color]
            else:
                hint = did_you_mean(color, COLOR_NAMES)
                color = PALETTE[i % len(PALETTE)]
                self.p.warning(
                    fd.where("color"),
                    f"faction '{fid}': unknown colour '{fd['color']}'{hint}; using "
                    f'{color} (write "#rrggbb" or a name such as red, navy or teal)',
                )
        return m.Faction(
            id=fid,
            name=fd.get("name", fid),
            short=fd.get("short", fd.get("name", fid)),
            color=color,
            text=fd.get("text", ""),
            playable=fd.get("playable", True),
            actions_per_turn=fd.get("actions_per_turn", 1),
            meters=meters,
            score=score,
            threshold=v.get("threshold"),
            victory_text=v.get("text", ""),
            caution=caution,
            brief=fd.get("brief", "").strip(),
        )

    def order(self) -> tuple[str, ...]:
        order = self.d["order"]
        where = self.d.where("order")
        seen = set()
        for k, fid in enumerate(order):
            where = item_where(self.d, "order", k)
            if fid not in self.faction_ids:
                self.error(where, f"order names unknown faction '{fid}'{did_you_mean(fid, self.faction_ids)}")
            elif fid in seen:
                self.error(where, f"order names '{fid}' twice")
            seen.add(fid)
        for fid in self.faction_ids:
            if fid not in seen:
                self.p.warning(self.d.where("order"), f"faction '{fid}' is not in order; it will never act")
        return tuple(order)

    def check_objectives(self, owner_obj: Obj, objectives: dict, owner: str) -> tuple[str, ...]:
        tags = owner_obj.get("objectives", [])
        for k, tag in enumerate(tags):
            if tag not in objectives:
                hint = did_you_mean(tag, objectives) or " (declare it under objectives: at the top)"
                self.error(item_where(owner_obj, "objectives", k), f"{owner}: unknown objective '{tag}'{hint}")
        return tuple(tags)

    def action(self, aid: str, ad: Obj, objectives: dict) -> m.Action:
        fid = ad.get("faction", self.faction_ids[0])  # missing: already reported
        if fid not in self.faction_ids:
            hint = did_you_mean(fid, self.faction_ids)
            self.error(ad.where("faction"), f"action '{aid}': unknown faction '{fid}'{hint}")
            fid = self.faction_ids[0]
        meters = self.symbols.meters.get(fid, {})
        cost_node = ad.node.items.get("cost")
        for meter in ad.get("cost", {}):
            if meter not in meters:
                where = cost_node.keys[meter] if isinstance(cost_node, Map) else ad.where("cost")
                hint = did_you_mean(meter, meters) or f"; its meters are {', '.join(meters)}"
                self.error(where, f"action '{aid}': cost in unknown meter '{meter}' of '{fid}'{hint}")
        targeted = ad.get("target") == "region"
        turns = self.d.get("calendar", {}).get("turns", 10**9)
        if "delay" in ad and ad["delay"] >= turns:
            self.p.warning(
                ad.where("delay"),
                f"action '{aid}': a delay of {ad['delay']} turns outlasts the game "
                f"({turns} turns); its outcome can never land",
            )
        if "target_if" in ad and not targeted:
            self.error(ad.key_where("target_if"), f"action '{aid}': target_if needs 'target: region'")
        return m.Action(
            id=aid,
            faction=fid,
            name=ad.get("name", aid),
            text=ad.get("text", "").strip(),
            cost=tuple(ad.get("cost", {}).items()),
            targeted=targeted,
            target_if=self.expr(ad.get("target_if"), BOOL, targeted),
            requires=self.expr(ad.get("requires"), BOOL, False),
            chance=(chance := self.expr(ad.get("chance"), INT, targeted)),
            chance_terms=split_terms(chance.text, self.symbols, targeted) if chance else (),
            success=self.stmts(ad.get("success", []), targeted),
            failure=self.stmts(ad.get("failure", []), targeted),
            delay=ad.get("delay", 0),
            objectives=self.check_objectives(ad, objectives, f"action '{aid}'"),
            where=ad.id_where,
            per_turn=self.per_turn(aid, ad, fid),
            uses_slot=self.symbols.layout.uses.get(aid, -1),
        )

    def per_turn(self, aid: str, ad: Obj, fid: str) -> int:
        limit = ad.get("per_turn", 0)
        most = self.d["factions"][fid].get("actions_per_turn", 1) if fid in self.d["factions"] else 1
        if limit and limit >= most:
            self.p.warning(
                ad.where("per_turn"),
                f"action '{aid}': per_turn {limit} changes nothing, since '{fid}' has {plural(most, 'action')} a turn",
            )
        return limit

    def card(self, cd: Obj, objectives: dict) -> m.Card:
        cid = cd["id"]
        choice = None
        if "choice" in cd:
            ch = cd["choice"]
            fid = ch.get("faction", self.faction_ids[0])
            if fid not in self.faction_ids:
                hint = did_you_mean(fid, self.faction_ids)
                self.error(ch.where("faction"), f"card '{cid}': unknown faction '{fid}'{hint}")
            options = tuple(
                m.Option(
                    o.get("label", ""),
                    o.get("text", "").strip(),
                    self.expr(o.get("requires"), BOOL),
                    self.stmts(o.get("effects", []), False),
                )
                for o in ch.get("options", [])
            )
            if not options:
                self.error(ch.where("options"), f"card '{cid}': a choice needs at least one option")
            elif len(options) == 1:
                self.p.warning(ch.where("options"), f"card '{cid}': a choice with one option is no choice")
            elif all(o.requires is not None for o in options):
                self.p.warning(
                    ch.where("options"),
                    f"card '{cid}': every option has 'requires'; if none holds, the card's choice is skipped",
                )
            choice = m.Choice(fid, ch.get("prompt", ""), options)
        return m.Card(
            id=cid,
            title=cd.get("title", cid),
            text=cd.get("text", "").strip(),
            history=cd.get("history", "").strip(),
            when=self.expr(cd.get("when"), BOOL),
            weight=cd.get("weight", 1),
            effects=self.stmts(cd.get("effects", []), False),
            choice=choice,
            objectives=self.check_objectives(cd, objectives, f"card '{cid}'"),
            where=cd.where(),
        )

    def objectives(self, raw: dict) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
        """Each objective's text, and its discussion questions (an objective may be a text or {text, questions})."""
        texts, questions = {}, {}
        for oid, v in raw.items():
            if isinstance(v, dict):
                texts[oid] = v.get("text", "")
                questions[oid] = tuple(v.get("questions", []))
            else:
                texts[oid] = v
        return texts, questions

    def coach_step(self, x: Obj) -> m.CoachStep:
        written = x.node.items  # what the author wrote: a misread 'after' is reported once, where it is
        if "after" in written and "when" in written:
            self.error(x.where(), "a coach step takes 'after' (a screen event) or 'when' (a condition), not both")
        elif "after" not in written and "when" not in written:
            self.error(x.where(), "a coach step needs 'after' (a screen event) or 'when' (a condition)")
        return m.CoachStep(x.get("say", ""), x.get("after"), self.expr(x.get("when"), BOOL))

    def inject(self, x: Obj) -> m.Inject:
        cards = self.symbols.cards
        if "card" in x and x["card"] not in cards:
            self.error(x.where("card"), f"inject: unknown card '{x['card']}'{did_you_mean(x['card'], cards)}")
        turn = x.get("turn")
        if turn is None and "when" not in x:
            self.error(x.where(), "an inject needs 'turn', 'when', or both")
        turns = self.d.get("calendar", {}).get("turns", 0)
        if turn is not None and turns and turn > turns:
            self.error(x.where("turn"), f"inject on turn {turn}, but the game has {turns} turns")
        return m.Inject(x.get("card", ""), turn, self.expr(x.get("when"), BOOL), x.get("note", ""))
