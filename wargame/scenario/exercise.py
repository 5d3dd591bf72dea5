"""The exercise keys of a scenario: who sees what (`visible`), session presets and free-form proposals.

A mixin of the loader's builder, like places.py: each check is located and
suggests the name meant where one is close.
"""

from __future__ import annotations

from wargame.scenario import model as m
from wargame.scenario.dice import DEFAULT_ODDS, DiceError, parse_odds
from wargame.scenario.problems import Problems, Where, clip, did_you_mean
from wargame.scenario.reader import Obj, Visible
from wargame.scenario.yamlnodes import Scalar, Seq


class ExerciseKeys:
    """Checks and builds `visible`, `sessions` and `freeform` (mixed into the loader's builder)."""

    d: Obj
    p: Problems
    faction_ids: list[str]

    def error(self, where: Where, message: str) -> None:  # pragma: no cover - Places provides it
        self.p.error(where, message)

    def visibility(self, owner: Obj, what: str, own_ok: bool) -> m.Visibility:
        """The `visible` key of a meter, track or region attribute, its faction ids checked."""
        v: Visible | None = owner.get("visible")
        if v is None:
            return m.ALL
        if v.kind == "own" and not own_ok:
            self.error(
                owner.where("visible"),
                f"{what}: 'own' means the meter's faction, and a track belongs "
                "to no faction; write a list of faction ids instead",
            )
            return m.ALL
        if v.kind == "list":
            node = v.node
            for k, fid in enumerate(v.factions):
                where = node.items[k].where if isinstance(node, Seq) and k < len(node.items) else owner.where()
                if fid not in self.faction_ids:
                    self.error(
                        where, f"{what}: visible names unknown faction '{fid}'{did_you_mean(fid, self.faction_ids)}"
                    )
            if len(set(v.factions)) != len(v.factions):
                self.error(owner.where("visible"), f"{what}: visible names a faction twice")
        return m.Visibility(v.kind, v.factions, v.width)

    def sessions(self, cal: m.Calendar) -> tuple[m.Session, ...]:
        out = []
        for sid, sd in self.d.get("sessions", {}).items():
            first = 1
            if "start" in sd:
                first = self._first_turn(sid, sd, cal)
            turns = sd.get("turns")
            left = cal.turns - first + 1
            if turns is not None and turns > left:
                self.error(
                    sd.where("turns"),
                    f"session '{sid}': {turns} turns from turn {first} runs past the "
                    f"calendar's last turn ({cal.turns}); at most {left}",
                )
            out.append(
                m.Session(
                    id=sid,
                    title=sd.get("title", sid),  # missing: already reported where it is
                    turns=turns,
                    start=sd.get("start"),
                    first_turn=first,
                    actions_per_turn=sd.get("actions_per_turn"),
                    orders=sd.get("orders"),
                    timer=sd.get("timer", 0),
                    timer_strict=bool(sd.get("timer_strict", False)),
                )
            )
            if sd.get("timer_strict") and not sd.get("timer"):
                self.p.warning(
                    sd.where("timer_strict"), f"session '{sid}': timer_strict without a timer changes nothing"
                )
        return tuple(out)

    def _first_turn(self, sid: str, sd: Obj, cal: m.Calendar) -> int:
        """The calendar turn a session's `start` month falls on; 1 (with an error) if it is none."""
        year, month = (int(x) for x in sd["start"].split("-"))
        months = (year - cal.year) * 12 + (month - cal.month)
        per = {"month": 1, "quarter": 3}.get(cal.step)
        if per is None:
            self.error(sd.where("start"), f"session '{sid}': start needs a calendar stepping by month or quarter")
            return 1
        if months < 0 or months % per or months // per >= cal.turns:
            last = cal.label(cal.turns)
            self.error(
                sd.where("start"),
                f"session '{sid}': {sd['start']} is not a turn of the calendar "
                f"({cal.label(1)} to {last}, by {cal.step})",
            )
            return 1
        return months // per + 1

    def freeform(self) -> m.Freeform | None:
        fd = self.d.get("freeform")
        if fd is None:
            return None
        text = fd.get("odds", DEFAULT_ODDS)
        try:
            odds = parse_odds(text)
        except DiceError as exc:
            node = fd.node.items.get("odds")
            where = node.text_where(exc.offset) if isinstance(node, Scalar) else fd.where("odds")
            self.error(where, f"freeform odds '{clip(text)}': {exc.message}")
            odds = parse_odds(DEFAULT_ODDS)
        return m.Freeform(fd.get("per_turn", 1), odds)
