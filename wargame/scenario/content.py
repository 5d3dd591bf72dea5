"""What a scenario's teams do and face: factions, actions, cards, injects and the coach, compiled.

A mixin of the loader's builder, like places.py and exercise.py: it compiles
each expression and statement once (scenarios repeat "x -= 1" a lot) and
checks the ids they name, every problem located.
"""

from __future__ import annotations

from typing import Any

from wargame.scenario import model as m
from wargame.scenario.colors import NAMES as COLOR_NAMES
from wargame.scenario.expr.compile import BOOL, INT, Compiled, Symbols, compile_expression, split_terms
from wargame.scenario.expr.statements import Stmt, compile_statement
from wargame.scenario.expr.syntax import ExprError
from wargame.scenario.places import item_where
from wargame.scenario.problems import Problems, Where, clip, did_you_mean
from wargame.scenario.reader import Obj
from wargame.scenario.yamlnodes import Map, Scalar
from wargame.words import plural

PALETTE = ("#2e86de", "#c0392b", "#27ae60", "#8e44ad", "#e67e22", "#16a085", "#7f8c8d", "#d35400")
_FAILED = m.Expr("0", lambda v, t, r: 0, Where("<scenario>", 1, 1))  # stands in for a reported failure


class Content:
    """Builds the factions, actions, cards, injects and coach steps (mixed into the loader's builder)."""

    d: Obj
    p: Problems
    faction_ids: list[str]
    symbols: Symbols
    # compiled code is a pure function of its text: scenarios repeat "x -= 1" a lot
    compiled_exprs: dict[tuple[str, str, bool], Compiled]
    compiled_stmts: dict[tuple[str, bool], Stmt]

    def error(self, where: Where, message: str) -> None:  # pragma: no cover - Places provides it
        self.p.error(where, message)

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
        key = (text, want, has_target)
        try:
            fn = self.compiled_exprs.get(key) or self.compiled_exprs.setdefault(
                key, compile_expression(text, want, self.symbols, has_target)
            )
        except ExprError as exc:
            self.error(node.text_where(exc.offset), f"in '{clip(text)}': {exc.message}")
            return None
        except RecursionError:
            self.error(node.where, "the expression is nested too deeply")
            return None
        return m.Expr(text, fn.fn, node.where, fn.reads)

    def required_expr(self, node: Scalar | None, want: str, has_target: bool = False) -> m.Expr:
        """An expression the model cannot do without (a score, a milestone's condition). When it
        fails, the failure is reported and the scenario refused; a constant 0 stands in till then."""
        return self.expr(node, want, has_target) or _FAILED

    def stmts(self, nodes: list[Scalar], has_target: bool) -> tuple[Stmt, ...]:
        out: list[Stmt] = []
        for node in nodes:
            key = (node.text, has_target)
            try:
                out.append(
                    self.compiled_stmts.get(key)
                    or self.compiled_stmts.setdefault(key, compile_statement(node.text, self.symbols, has_target))
                )
            except ExprError as exc:
                self.error(node.text_where(exc.offset), f"in '{clip(node.text)}': {exc.message}")
            except RecursionError:
                self.error(node.where, "the statement is nested too deeply")
        return tuple(out)

    def faction(self, i: int, fid: str, fd: Obj, meters: tuple[m.Meter, ...]) -> m.Faction:
        v = fd.get("victory", {})
        caution = fd.get("bot", {}).get("caution", 0.3) if fd.get("bot") else 0.3
        if not 0 <= caution <= 1:
            self.error(fd["bot"].where("caution"), f"faction '{fid}': bot caution must be within 0..1")
        score = self.required_expr(v.get("score"), INT)
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
        seen: set[str] = set()
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

    def check_objectives(self, owner_obj: Obj, objectives: dict[str, str], owner: str) -> tuple[str, ...]:
        tags = owner_obj.get("objectives", [])
        for k, tag in enumerate(tags):
            if tag not in objectives:
                hint = did_you_mean(tag, objectives) or " (declare it under objectives: at the top)"
                self.error(item_where(owner_obj, "objectives", k), f"{owner}: unknown objective '{tag}'{hint}")
        return tuple(tags)

    def action(self, aid: str, ad: Obj, objectives: dict[str, str]) -> m.Action:
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
                f"({turns} turns); its result can never land",
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
        limit: int = ad.get("per_turn", 0)
        most = self.d["factions"][fid].get("actions_per_turn", 1) if fid in self.d["factions"] else 1
        if limit and limit >= most:
            self.p.warning(
                ad.where("per_turn"),
                f"action '{aid}': per_turn {limit} changes nothing, since '{fid}' has {plural(most, 'action')} a turn",
            )
        return limit

    def card(self, cd: Obj, objectives: dict[str, str]) -> m.Card:
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

    def objectives(self, raw: dict[str, Any]) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
        """Each objective's text, and its discussion questions (an objective may be a text or {text, questions})."""
        texts: dict[str, str] = {}
        questions: dict[str, tuple[str, ...]] = {}
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
