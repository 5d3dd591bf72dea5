"""Decisions to and from plain JSON-able dicts, for saves, replays and the CLI."""

from __future__ import annotations

from typing import Any, TypeVar, overload

from wargame.engine.parts import (
    Adjudicate,
    Answer,
    CloseOrders,
    Commitment,
    MarkDeal,
    Offer,
    Propose,
    SubmitOrders,
)
from wargame.engine.state import (
    Act,
    Bookmark,
    Choose,
    Decision,
    InjectCard,
    MalformedDecision,
    Override,
    Pass,
)

META_KEYS = ("by", "why")  # who decided (human, bot level) and the bot's reason: kept, not replayed
EXERCISE_KINDS = ("orders", "offer", "answer", "mark", "propose", "adjudicate", "close_orders")
KINDS = ("act", "pass", "choose", "override", "inject", "bookmark", *EXERCISE_KINDS)


def to_dict(decision: Decision, by: str | None = None, why: str | None = None) -> dict[str, Any]:
    match decision:
        case Act():
            d: dict[str, Any] = {"act": decision.action}
            if decision.target is not None:
                d["target"] = decision.target
            if decision.ruling is not None:
                d.update(ruling=decision.ruling, pro=decision.pro, con=decision.con, reason=decision.reason)
            elif decision.reason:
                d["reason"] = decision.reason
        case Pass():
            d = {"pass": True}
        case Choose():
            d = {"choose": decision.option}
        case Override():
            d = {"override": decision.statement, "reason": decision.reason}
        case InjectCard():
            d = {"inject": decision.card, "reason": decision.reason}
            if decision.turn is not None:
                d["turn"] = decision.turn
        case Bookmark():
            d = {"bookmark": decision.note}
        case SubmitOrders():
            d = {
                "orders": decision.faction,
                "actions": [{"act": a.action, **({"target": a.target} if a.target else {})} for a in decision.actions],
            }
            if decision.intent:
                d["intent"] = decision.intent
        case Offer():
            d = {
                "offer": decision.faction,
                "to": decision.to,
                "give": [list(x) for x in decision.give],
                "get": [list(x) for x in decision.get],
                "promises": [{"by": c.by, "text": c.text, "due": c.due} for c in decision.promises],
            }
            if decision.note:
                d["note"] = decision.note
        case Answer():
            d = {"answer": decision.deal, "accept": decision.accept}
        case MarkDeal():
            d = {
                "mark": decision.deal,
                "commitment": decision.commitment,
                "kept": decision.kept,
                "reason": decision.reason,
            }
        case Propose():
            d = {
                "propose": decision.faction,
                "words": decision.words,
                "effects": list(decision.effects),
                "arguments": decision.arguments,
            }
        case Adjudicate():
            d = {
                "adjudicate": decision.proposal,
                "ruling": decision.ruling,
                "pro": decision.pro,
                "con": decision.con,
                "reason": decision.reason,
            }
        case CloseOrders():
            d = {"close_orders": decision.reason}
        case _:
            raise MalformedDecision(f"not a decision: {decision!r}")
    if by:
        d["by"] = by
    if why:
        d["why"] = why
    return d


_T = TypeVar("_T")
_D = TypeVar("_D")
_MISSING: Any = ...  # no default: the key is required


@overload
def _get(d: dict[str, object], key: str, kind: type[_T]) -> _T: ...
@overload
def _get(d: dict[str, object], key: str, kind: type[_T], default: _D) -> _T | _D: ...
def _get(d: dict[str, object], key: str, kind: type[_T], default: object = _MISSING) -> object:
    """d[key] if it is of `kind` (a bool is no whole number), `default` if absent, else MalformedDecision."""
    if key not in d or (d[key] is None and default is None):
        if default is _MISSING:
            raise MalformedDecision(f"missing '{key}' in {d!r}")
        return default
    value = d[key]
    if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise MalformedDecision(f"'{key}' must be a whole number in {d!r}")
    if kind is not int and not isinstance(value, kind):
        raise MalformedDecision(f"'{key}' must be a {kind.__name__} in {d!r}")
    return value


def from_dict(d: object) -> Decision:
    """Rebuild a decision; anything malformed raises MalformedDecision (never KeyError/TypeError)."""
    if not isinstance(d, dict):
        raise MalformedDecision(f"a decision is an object, not {type(d).__name__}")
    kinds = [k for k in KINDS if k in d]
    if len(kinds) != 1:
        raise MalformedDecision(f"a decision has exactly one of {', '.join(KINDS)}: {d!r}")
    kind = kinds[0]
    if kind in EXERCISE_KINDS:
        return _exercise(kind, d)
    if kind == "act":
        target = _get(d, "target", str, None)
        ruling = _get(d, "ruling", str, None)
        if ruling not in (None, "success", "failure", "argue"):
            raise MalformedDecision(f"unknown ruling '{ruling}'")
        return Act(
            _get(d, "act", str),
            target,
            ruling,
            _get(d, "pro", int, 0),
            _get(d, "con", int, 0),
            _get(d, "reason", str, ""),
        )
    if kind == "pass":
        return Pass()
    if kind == "choose":
        return Choose(_get(d, "choose", int))
    if kind == "override":
        return Override(_get(d, "override", str), _get(d, "reason", str))
    if kind == "inject":
        return InjectCard(_get(d, "inject", str), _get(d, "reason", str), _get(d, "turn", int, None))
    return Bookmark(_get(d, "bookmark", str))


def _list(d: dict[str, object], key: str, default: list[object] | None = None) -> list[object]:
    """d[key], a list (required when there is no default)."""
    if default is None:
        return _get(d, key, list)
    return _get(d, key, list, default)


def _pair(x: object, where: str) -> tuple[str, int]:
    if (
        not isinstance(x, list)
        or len(x) != 2
        or not isinstance(x[0], str)
        or isinstance(x[1], bool)
        or not isinstance(x[1], int)
    ):
        raise MalformedDecision(f"each of '{where}' is a [meter, amount] pair, not {x!r}")
    return (x[0], x[1])


def _exercise(kind: str, d: dict[str, object]) -> Decision:
    """The decisions of the exercise mechanics (orders, deals, proposals), checked field by field."""
    if kind == "orders":
        acts: list[Act] = []
        for a in _list(d, "actions", []):
            if not isinstance(a, dict):
                raise MalformedDecision(f"an ordered action is an object, not {a!r}")
            acts.append(Act(_get(a, "act", str), _get(a, "target", str, None)))
        return SubmitOrders(_get(d, "orders", str), tuple(acts), _get(d, "intent", str, ""))
    if kind == "offer":
        promises: list[Commitment] = []
        for c in _list(d, "promises", []):
            if not isinstance(c, dict):
                raise MalformedDecision(f"a promise is an object, not {c!r}")
            promises.append(Commitment(_get(c, "by", str), _get(c, "text", str), _get(c, "due", int)))
        return Offer(
            _get(d, "offer", str),
            _get(d, "to", str),
            tuple(_pair(x, "give") for x in _list(d, "give", [])),
            tuple(_pair(x, "get") for x in _list(d, "get", [])),
            tuple(promises),
            _get(d, "note", str, ""),
        )
    if kind == "answer":
        return Answer(_get(d, "answer", int), _get(d, "accept", bool))
    if kind == "mark":
        return MarkDeal(_get(d, "mark", int), _get(d, "commitment", int), _get(d, "kept", bool), _get(d, "reason", str))
    if kind == "propose":
        effects = _list(d, "effects")
        if not all(isinstance(x, str) for x in effects):
            raise MalformedDecision("a proposal's effects are statements (text)")
        texts = tuple(x for x in effects if isinstance(x, str))
        return Propose(_get(d, "propose", str), _get(d, "words", str), texts, _get(d, "arguments", str, ""))
    if kind == "adjudicate":
        return Adjudicate(
            _get(d, "adjudicate", int),
            _get(d, "ruling", str, "argue"),
            _get(d, "pro", int, 0),
            _get(d, "con", int, 0),
            _get(d, "reason", str, ""),
        )
    return CloseOrders(_get(d, "close_orders", str))
