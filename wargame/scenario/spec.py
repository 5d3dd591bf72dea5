"""The scenario format, declared once: it drives both the reader and the JSON Schema."""

from __future__ import annotations

import re
from typing import Any

import attrs

from wargame.scenario.colors import NAMES as COLOR_NAMES
from wargame.scenario.colors import PATTERN as COLOR_NAMES_PATTERN
from wargame.scenario.model import COACH_EVENTS
from wargame.scenario.problems import Problems, clip, did_you_mean
from wargame.scenario.yamlnodes import Map, Node, Scalar, Seq

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
SCENARIO_ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
TAG_PATTERN = r"^[a-z][a-z0-9_-]*$"
MONTH_PATTERN = r"^\d{4}-\d{2}$"
SESSION_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
COLOR_PATTERN = COLOR_NAMES_PATTERN
_INT = re.compile(r"^[-+]?\d+$")
LIMIT = 10**9  # every whole number of a scenario is within -LIMIT..LIMIT (docs/scenario-format.md)
_DIGITS = len(str(LIMIT))
_FLOAT = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)$")


@attrs.frozen
class K:
    """A kind of value in the format."""

    name: str  # str int float bool expr_bool expr_int stmts obj idmap list
    doc: str = ""
    fields: tuple = ()
    item: K | None = None
    pattern: str | None = None
    enum: tuple[str, ...] | None = None
    minimum: int | None = None
    maximum: int | None = None
    extra_ints: bool = False  # obj: other keys hold integers (region attribute values)


@attrs.frozen
class F:
    """A field of an object: its key, kind, and whether an author must write it."""

    key: str
    kind: K
    required: bool = False
    doc: str = ""


def s(doc: str = "", pattern: str | None = None, enum: tuple[str, ...] | None = None) -> K:
    return K("str", doc, pattern=pattern, enum=enum)


def i(doc: str = "", minimum: int | None = None, maximum: int | None = None) -> K:
    return K("int", doc, minimum=minimum, maximum=maximum)


def obj(*fields: F, doc: str = "", extra_ints: bool = False) -> K:
    return K("obj", doc, fields=fields, extra_ints=extra_ints)


COND = K("expr_bool", "a condition: an expression that is true or false")
NUMBER = K("expr_int", "a number, or an expression that gives one")
STMTS = K(
    "stmts",
    'effect statements: TARGET = EXPR, TARGET += EXPR, TARGET -= EXPR, draw CARD, log "text", '
    "for each region where COND: ASSIGNMENT",
)
ID = s("an identifier", pattern=ID_PATTERN)
ID_LIST = K("list", "identifiers", item=ID)
TEXT_LIST = K("list", "words", item=s())
TAG = s("an objective id: lowercase letters, digits, '-' and '_'", pattern=TAG_PATTERN)
TAG_LIST = K("list", "learning objective ids", item=TAG)

VISIBLE = K(
    "visible",
    "who sees the value: all (the default), own (its faction; for a region attribute, the region's "
    "controller), a list of faction ids, or {estimate: WIDTH} (everyone sees a band WIDTH values wide)",
)

METER = obj(
    F("start", i("the value at the start of the game"), required=True),
    F("min", i("the lowest value; changes below it are clamped (default 0)")),
    F("max", i("the highest value; changes above it are clamped (default: no limit)")),
    F("label", s("the name shown on screen (default: the id)")),
    F("unit", s("shown after the value, e.g. $M or kbpd")),
    F("text", s("what the meter stands for, shown in help")),
    F("tradable", K("bool", "true: the meter may change hands in a deal (faction meters only; default false)")),
    F("visible", VISIBLE),
    doc="a meter: an integer kept within min..max",
)

FACTION = obj(
    F("name", s("full name"), required=True),
    F("short", s("short name for tight spaces (default: the name)")),
    F("color", s("a colour: #rrggbb (quoted) or a colour name", pattern=COLOR_PATTERN)),
    F("text", s("who they are, shown in help and on the start screen")),
    F("brief", s("Markdown: situation, objectives, resources, constraints; shown to this team only")),
    F("playable", K("bool", "false: always run by a bot (e.g. ISIS); default true")),
    F("actions_per_turn", i("how many actions the faction takes each turn (default 1)", 0, 10)),
    F("meters", K("idmap", "the faction's meters", item=METER), required=True),
    F(
        "victory",
        obj(
            F("score", NUMBER, required=True, doc="the victory score; the highest after the last turn wins"),
            F("threshold", i("sudden victory when the score reaches it at the end of a turn")),
            F("text", s("the victory condition in one sentence, for players")),
        ),
        required=True,
        doc="how the faction wins",
    ),
    F(
        "bot",
        obj(F("caution", K("float", "0 (takes risks) to 1 (avoids them); default 0.3"))),
        doc="hints for the bot that plays this faction",
    ),
)

ATTRIBUTE = obj(
    F("min", i("lowest value (default 0)")),
    F("max", i("highest value"), required=True),
    F("default", i("the value of a region that does not give one (default: min)")),
    F("label", s("the name shown on screen (default: the id)")),
    F("marker", s("one character shown on the board where the value is above min")),
    F("text", s("what the attribute stands for")),
    F("visible", VISIBLE),
)

REGION = obj(
    F("name", s("shown on the board"), required=True),
    F("control", s("a faction id, or none (the default)", pattern=ID_PATTERN)),
    F("adjacent", ID_LIST, doc="the regions it borders; the loader adds the reverse direction"),
    F("tags", TEXT_LIST, doc='words for has_tag(region, "tag"), e.g. capital'),
    F("text", s("a line about the place")),
    doc="a region; its other keys set region attributes",
    extra_ints=True,
)

ACTION = obj(
    F("faction", ID, required=True, doc="the faction that takes it"),
    F("name", s("shown in the action list"), required=True),
    F("text", s("what the action means")),
    F("cost", K("idmap", "meters of the acting faction paid when the action is taken", item=i(minimum=0))),
    F("target", s("'region': the player picks a region", enum=("region",))),
    F("target_if", COND, doc="which regions may be targeted: a condition on target"),
    F("requires", COND, doc="the action is offered only while this holds"),
    F("chance", NUMBER, doc="percent chance of success, rolled on d100; without it the action always succeeds"),
    F("success", STMTS, doc="effects when the action succeeds"),
    F("failure", STMTS, doc="effects when the roll fails"),
    F("delay", i("turns before the outcome lands, in that turn's upkeep (default 0: at once)", 0, 50)),
    F("per_turn", i("at most this many times a turn (default: as often as the faction's actions allow)", 1, 10)),
    F("objectives", TAG_LIST),
)

OPTION = obj(
    F("label", s("the option's button text"), required=True),
    F("text", s("more about the option")),
    F("requires", COND, doc="the option is offered only while this holds"),
    F("effects", STMTS, doc="effects when this option is picked"),
)

CARD = obj(
    F("id", ID, required=True, doc="the card's id, for injects and draw"),
    F("title", s("the card's headline"), required=True),
    F("text", s("what happens, as players read it")),
    F("history", s("what really happened; shown in the debrief")),
    F("when", COND, doc="drawn at random only while this holds (forced cards ignore it)"),
    F("weight", i("relative chance among eligible cards (default 1; 0: only when forced)", 0, 1000)),
    F("effects", STMTS, doc="effects when the card is drawn, before any choice"),
    F(
        "choice",
        obj(
            F("faction", ID, required=True, doc="the faction that picks an option"),
            F("prompt", s("the question put to the faction")),
            F("options", K("list", "two or more options", item=OPTION), required=True),
        ),
        doc="one faction decides between options",
    ),
    F("objectives", TAG_LIST),
)

INJECT = obj(
    F("card", ID, required=True, doc="the card forced onto the top of the deck"),
    F("turn", i("the turn it is forced onto the deck (with when: the first turn it may be)", 1)),
    F("when", COND, doc="forced at the start of the first turn when this holds"),
    F("note", s("why the instructor scheduled it")),
)

# --- the debrief as an after-action review: objectives with discussion questions, milestones ---
OBJECTIVE = K(
    "text_or",
    "what the objective teaches: a text, or {text, questions} with the debrief's discussion questions",
    item=obj(
        F("text", s("what the objective teaches"), required=True),
        F("questions", K("list", "questions the debrief asks about this objective", item=s())),
    ),
)

MILESTONE = obj(
    F(
        "when",
        K("expr_bool", "the condition that marks the milestone reached (checked after every decision)"),
        required=True,
    ),
    F("label", s("what the milestone is, e.g. 'Sirte falls'"), required=True),
    F("date", s("when it really happened (free text: '17 Dec 2016', 'never')")),
    F("note", s("what really happened, for the game-vs-history table")),
    doc="a moment of the real history the debrief compares the game with",
)

ORDERS = s(
    "how a turn's actions are taken: sequential (one faction after another, the default) or "
    "simultaneous (every faction submits its orders, then they are resolved in 'order')",
    enum=("sequential", "simultaneous"),
)

SESSION = obj(
    F("title", s("the preset's name, shown when it is picked"), required=True),
    F("turns", i("how many turns this session plays", 1, 200)),
    F(
        "start",
        s("YYYY-MM: the month the session begins (a later month skips the turns before it)", pattern=MONTH_PATTERN),
    ),
    F("actions_per_turn", i("every faction's actions per turn in this session", 0, 10)),
    F("orders", ORDERS),
    F("timer", i("seconds per orders phase; 0 = no timer", 0, 86400)),
    F("timer_strict", K("bool", "true: orders not submitted when the timer runs out become passes")),
    doc="a named preset a facilitator picks with --session NAME",
)

FREEFORM = obj(
    F("per_turn", i("proposals each faction may make per turn (default 1)", 1, 10)),
    F("odds", s('how a proposal is rolled, e.g. "2d6 + pro - con >= 7" (the default)')),
    doc="matrix-style proposals: a team proposes an action of its own, the facilitator adjudicates",
)

COACH_STEP = obj(
    F("say", s("what the coach tells the player, one or two sentences"), required=True),
    F(
        "after",
        s(
            "the screen event that moves on: explain (e), target (a target picked), card (a card answered), "
            "action (an action taken), pass, help (?), meters (m), region (a region selected), save (s)",
            enum=COACH_EVENTS,
        ),
    ),
    F("when", COND, doc="or: moves on once this holds in the game"),
)

SCENARIO = obj(
    F("format", i("the format version: 1", 1, 1), required=True),
    F("id", s("the scenario's id", pattern=SCENARIO_ID_PATTERN), required=True),
    F("title", s("the scenario's name, shown on the start screen"), required=True),
    F("summary", s("a paragraph for the scenario picker and the debrief")),
    F("author", s("who wrote it")),
    F(
        "calendar",
        obj(
            F("start", s("YYYY-MM: the month of turn 1", pattern=MONTH_PATTERN), required=True),
            F(
                "step",
                s("how long a turn lasts: month (the default), quarter or week", enum=("month", "quarter", "week")),
            ),
            F("turns", i("how many turns", 1, 200), required=True),
        ),
        required=True,
        doc="when the game happens",
    ),
    F("seed", i("the default seed (default 1); --seed overrides it", 0)),
    F("cards_per_turn", i("event cards drawn at the start of each turn (default 1)", 0, 10)),
    F("order", ID_LIST, required=True, doc="the factions in the order they act each turn"),
    F("orders", ORDERS),
    F("objectives", K("idmap", "learning objectives: id -> what it teaches", item=OBJECTIVE, pattern=TAG_PATTERN)),
    F("milestones", K("list", "real milestones the debrief compares the game with", item=MILESTONE)),
    F("factions", K("idmap", "the factions", item=FACTION), required=True),
    F("tracks", K("idmap", "global meters", item=METER)),
    F("region_attributes", K("idmap", "attributes every region has", item=ATTRIBUTE)),
    F("regions", K("idmap", "the places on the board", item=REGION), required=True),
    F("map", obj(F("art", s("text art; [id] marks a region"), required=True)), doc="optional art for the board"),
    F("actions", K("idmap", "what factions can do", item=ACTION)),
    F("cards", K("list", "event cards", item=CARD)),
    F("injects", K("list", "cards forced onto the deck", item=INJECT)),
    F("upkeep", STMTS, doc="statements run at the end of every turn, before delayed outcomes land"),
    F("sessions", K("idmap", "named session presets: id -> settings", item=SESSION, pattern=SESSION_ID_PATTERN)),
    F("freeform", FREEFORM),
    F("coach", K("list", "an on-screen coach for newcomers: steps shown one at a time", item=COACH_STEP)),
)


class Obj(dict):
    """A read mapping: its values, plus the node so later checks can point at keys."""

    node: Map

    def where(self, key: str | None = None):
        if key is not None and key in self.node.items:
            return self.node.items[key].where
        return self.node.where

    def key_where(self, key: str):
        return self.node.keys.get(key, self.node.where)


_TYPE_WORD = {"str": "a text", "int": "a whole number", "float": "a number", "bool": "true or false"}


def _shape(node: Node) -> str:
    if isinstance(node, Map):
        return "a mapping"
    if isinstance(node, Seq):
        return "a list"
    if node.is_null:
        return "empty"
    return f"'{clip(node.text, 40)}'"


def read(node: Node, kind: K, problems: Problems, what: str) -> Any:
    """Read `node` as `kind`, reporting each mismatch where it is; None when unusable."""
    name = kind.name
    if name in ("str", "int", "float", "bool", "expr_bool", "expr_int"):
        if not isinstance(node, Scalar):
            problems.error(node.where, f"{what} must be {_TYPE_WORD.get(name, 'an expression')}, not {_shape(node)}")
            return None
        if node.is_null:
            hint = " ('#' starts a comment in YAML: quote a value that begins with '#')" if node.before_comment else ""
            problems.error(node.where, f"{what} is empty{hint}")
            return None
        if name in ("expr_bool", "expr_int"):
            return node
        text = node.text
        if name in ("int", "float", "bool") and node.style is not None:
            problems.error(
                node.where,
                f"{what} must be {_TYPE_WORD[name]}, not the quoted text '{clip(text, 40)}' (remove the quotes)",
            )
            return None
        if name == "int":
            if not _INT.match(text.strip()):
                problems.error(node.where, f"{what} must be a whole number, not {_shape(node)}")
                return None
            digits = text.strip().lstrip("+-").lstrip("0")
            if len(digits) > _DIGITS:  # before int(): Python refuses to convert past 4,300 digits
                problems.error(
                    node.where,
                    f"{what}: a number of {len(digits):,} digits is out of range; "
                    f"numbers are within -{LIMIT:,}..{LIMIT:,}",
                )
                return None
            value = int(text)
            lo = -LIMIT if kind.minimum is None else kind.minimum
            hi = LIMIT if kind.maximum is None else kind.maximum
            if value < lo:
                problems.error(node.where, f"{what} must be at least {lo:,}, not {value:,}")
                return None
            if value > hi:
                problems.error(node.where, f"{what} must be at most {hi:,}, not {value:,}")
                return None
            return value
        if name == "float":
            if not _FLOAT.match(text.strip()):
                problems.error(node.where, f"{what} must be a number, not {_shape(node)}")
                return None
            return float(text)
        if name == "bool":
            if text not in ("true", "false"):
                problems.error(node.where, f"{what} must be true or false, not {_shape(node)}")
                return None
            return text == "true"
        if kind.enum and text not in kind.enum:
            options = ", ".join(kind.enum)
            problems.error(
                node.where, f"{what} must be one of {options}, not {_shape(node)}{did_you_mean(text, kind.enum)}"
            )
            return None
        if kind.pattern == COLOR_PATTERN and re.fullmatch(r"[a-z_]+", text):
            return text  # an unknown colour word is only a warning (load.py), not worth stopping a session
        if kind.pattern and not re.match(kind.pattern, text):
            hint = ""
            if kind.pattern == COLOR_PATTERN:
                hint = did_you_mean(text.lower(), COLOR_NAMES) or " such as red, navy or teal"
            problems.error(node.where, f"{what}: {_shape(node)} is not valid: {_explain(kind.pattern)}{hint}")
            return None
        return text
    if name == "text_or":  # a plain text, or the mapping of kind.item
        return read(node, s() if isinstance(node, Scalar) else kind.item, problems, what)
    if name == "visible":
        return _visible(node, problems, what)
    if name == "stmts":
        if isinstance(node, Scalar) and not node.is_null:
            return [node]
        if not isinstance(node, Seq):
            problems.error(node.where, f"{what} must be a list of statements, not {_shape(node)}")
            return []
        out = []
        for n in node.items:
            if not isinstance(n, Scalar) or n.is_null:
                problems.error(
                    n.where,
                    f"each statement of {what} must be one line of text, not {_shape(n)}"
                    + (" (quote it if it contains ': ')" if isinstance(n, Map) else ""),
                )
            else:
                out.append(n)
        return out
    if name == "list":
        if not isinstance(node, Seq):
            problems.error(node.where, f"{what} must be a list, not {_shape(node)}")
            return []
        values = [read(n, kind.item, problems, f"an item of {what}") for n in node.items]
        return [v for v in values if v is not None]
    if name == "idmap":
        if not isinstance(node, Map):
            if isinstance(node, Scalar) and node.is_null:
                return {}
            problems.unsound += 1
            problems.error(node.where, f"{what} must be a mapping of id: value, not {_shape(node)}")
            return {}
        out = {}
        key_pattern = kind.pattern or ID_PATTERN
        for key, value in node.items.items():
            if not re.match(key_pattern, key):
                problems.unsound += 1
                problems.error(node.keys[key], f"'{key}' is not a valid id: {_explain(key_pattern)}")
                continue
            v = read(value, kind.item, problems, f"'{key}'")
            if v is not None:
                if isinstance(v, Obj):
                    v.id_where = node.keys[key]
                out[key] = v
        return out
    # obj
    if not isinstance(node, Map):
        problems.unsound += 1
        problems.error(node.where, f"{what} must be a mapping of key: value, not {_shape(node)}")
        return None
    out = Obj()
    out.node = node
    fields = {f.key: f for f in kind.fields}
    for key, value in node.items.items():
        field = fields.get(key)
        if field is None:
            if kind.extra_ints:
                if _is_int(value):
                    out[key] = read(value, i(), problems, f"'{key}'")
                    continue
                hint = did_you_mean(key, fields)
                if hint:
                    problems.error(node.keys[key], f"unknown key '{key}' in {what}{hint}")
                else:
                    problems.error(
                        value.where,
                        f"'{key}' must be a whole number (other keys of {what} set "
                        f"region attributes), not {_shape(value)}",
                    )
                continue
            known = ", ".join(fields)
            hint = did_you_mean(key, fields)
            problems.error(node.keys[key], f"unknown key '{key}' in {what}{hint}; known keys: {known}")
            continue
        v = read(value, field.kind, problems, f"'{key}'")
        if v is not None:
            out[key] = v
    for f in kind.fields:
        if f.required and f.key not in node.items:
            problems.unsound += f.kind.name == "idmap"
            problems.error(node.where, f"{what} needs '{f.key}'")
    return out


@attrs.frozen
class Visible:
    """A read `visible` key, before the loader checks faction ids: kind all/own/list/estimate."""

    kind: str
    factions: tuple[str, ...] = ()
    width: int = 0
    node: Node | None = attrs.field(default=None, eq=False)


def _visible(node: Node, problems: Problems, what: str) -> Visible | None:
    words = ("all", "own")
    if isinstance(node, Scalar) and not node.is_null:
        if node.text in words:
            return Visible(node.text, node=node)
        problems.error(
            node.where,
            f"{what} must be all, own, a list of faction ids or {{estimate: WIDTH}}, "
            f"not {_shape(node)}{did_you_mean(node.text, (*words, 'estimate'))}",
        )
        return None
    if isinstance(node, Seq):
        ids = read(node, ID_LIST, problems, what)
        return Visible("list", tuple(ids), node=node)
    if isinstance(node, Map):
        unknown = [key for key in node.items if key != "estimate"]
        for key in unknown:
            problems.error(
                node.keys[key],
                f"unknown key '{key}' in {what}{did_you_mean(key, ('estimate',))}; the only key is estimate: WIDTH",
            )
        if "estimate" not in node.items:
            if unknown:
                return None
            problems.error(node.where, f"{what} needs 'estimate: WIDTH' (how many values the band spans)")
            return None
        width = read(node.items["estimate"], i(minimum=2, maximum=1000), problems, "estimate")
        return Visible("estimate", width=width, node=node) if width is not None else None
    problems.error(
        node.where, f"{what} must be all, own, a list of faction ids or {{estimate: WIDTH}}, not {_shape(node)}"
    )
    return None


def _is_int(node: Node) -> bool:
    return isinstance(node, Scalar) and node.style is None and bool(_INT.match(node.text.strip()))


def _explain(pattern: str) -> str:
    return {
        ID_PATTERN: "ids are lowercase letters, digits and '_', starting with a letter",
        SCENARIO_ID_PATTERN: "scenario ids are lowercase letters, digits and '-'",
        TAG_PATTERN: "objective ids are lowercase letters, digits, '-' and '_', starting with a letter",
        MONTH_PATTERN: "write the year and month as YYYY-MM, e.g. 2016-06",
        SESSION_ID_PATTERN: "session ids are lowercase letters, digits, '-' and '_'",
        COLOR_PATTERN: 'write "#rrggbb" (quoted) or a colour name',
    }.get(pattern, f"it must match {pattern}")
