"""Decisions to and from plain JSON-able dicts, for saves, replays and the CLI."""

from __future__ import annotations

from typing import Any

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
        case _:
            raise MalformedDecision(f"not a decision: {decision!r}")
    if by:
        d["by"] = by
    if why:
        d["why"] = why
    return d


def _get(d: dict, key: str, kind: type, default: Any = ...) -> Any:
    if key not in d or (d[key] is None and default is None):
        if default is ...:
            raise MalformedDecision(f"missing '{key}' in {d!r}")
        return default
    value = d[key]
    if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise MalformedDecision(f"'{key}' must be a whole number in {d!r}")
    if kind is not int and not isinstance(value, kind):
        raise MalformedDecision(f"'{key}' must be a {kind.__name__} in {d!r}")
    return value


def from_dict(d: Any) -> Decision:
    """Rebuild a decision; anything malformed raises MalformedDecision (never KeyError/TypeError)."""
    if not isinstance(d, dict):
        raise MalformedDecision(f"a decision is an object, not {type(d).__name__}")
    kinds = [k for k in ("act", "pass", "choose", "override", "inject", "bookmark") if k in d]
    if len(kinds) != 1:
        raise MalformedDecision(f"a decision has exactly one of act, pass, choose, override, inject, bookmark: {d!r}")
    kind = kinds[0]
    if kind == "act":
        target = _get(d, "target", str, None)
        ruling = _get(d, "ruling", str, None)
        if ruling not in (None, "success", "failure", "argue"):
            raise MalformedDecision(f"unknown ruling '{ruling}'")
        return Act(_get(d, "act", str), target, ruling, _get(d, "pro", int, 0), _get(d, "con", int, 0),
                   _get(d, "reason", str, ""))
    if kind == "pass":
        return Pass()
    if kind == "choose":
        return Choose(_get(d, "choose", int))
    if kind == "override":
        return Override(_get(d, "override", str), _get(d, "reason", str))
    if kind == "inject":
        return InjectCard(_get(d, "inject", str), _get(d, "reason", str), _get(d, "turn", int, None))
    return Bookmark(_get(d, "bookmark", str))
