"""The scenario format, declared once: it drives both the reader (reader.py) and the JSON Schema (schema.py)."""

from __future__ import annotations

import attrs

from wargame.scenario.colors import PATTERN as COLOR_NAMES_PATTERN
from wargame.scenario.model import COACH_EVENTS

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
SCENARIO_ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
TAG_PATTERN = r"^[a-z][a-z0-9_-]*$"
MONTH_PATTERN = r"^\d{4}-\d{2}$"
SESSION_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
COLOR_PATTERN = COLOR_NAMES_PATTERN
LIMIT = 10**9  # every whole number of a scenario is within -LIMIT..LIMIT (docs/scenario-format.md)


@attrs.frozen
class K:
    """A kind of value in the format."""

    name: str  # str int float bool expr_bool expr_int stmts obj idmap list
    doc: str = ""
    fields: tuple[F, ...] = ()
    item: K | None = None
    pattern: str | None = None
    enum: tuple[str, ...] | None = None
    minimum: int | None = None
    maximum: int | None = None
    extra_ints: bool = False  # obj: other keys hold integers (region attribute values)

    @property
    def item_kind(self) -> K:
        """The kind of the items of a list, an id map or a text_or (declared with `item`)."""
        if self.item is None:
            raise ValueError(f"a '{self.name}' kind declares no item kind")
        return self.item


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
    F("delay", i("turns before the result lands, in that turn's upkeep (default 0: at once)", 0, 50)),
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
    F("upkeep", STMTS, doc="statements run at the end of every turn, before delayed results land"),
    F("sessions", K("idmap", "named session presets: id -> settings", item=SESSION, pattern=SESSION_ID_PATTERN)),
    F("freeform", FREEFORM),
    F("coach", K("list", "an on-screen coach for newcomers: steps shown one at a time", item=COACH_STEP)),
)
