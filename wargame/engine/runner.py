"""Each effect-statement list as one generated function: `effects.run_statements` unrolled, per list.

A card's effects, an action's outcome or the upkeep are a fixed tuple of
statements; the loop in effects.py dispatches on each statement's type and
calls its value's closure on every run. This writes the same steps (the
same clamping, the same events in the same order) as straight Python, with
every value inlined from the source its compiler generated
(wargame/scenario/expr/source.py, which checks every node before compiling).
Loops over regions call effects.py's own loop.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from wargame.engine import events as ev
from wargame.scenario.expr.reads import Fn
from wargame.scenario.expr.source import build_function, constant, rebound, source_of
from wargame.scenario.expr.statements import DrawStmt, ForEachStmt, LogStmt, SetStmt, Stmt
from wargame.scenario.model import Scenario

Runner = Callable[[list[int], int, ev.Cause, "list[ev.Event] | None", "list[int] | None"], None]
ForEach = Callable[[Scenario, list[int], ForEachStmt, int, ev.Cause, "list[ev.Event] | None"], None]
_KEY = "_wargame_engine_runners"


HOT = 8  # runs of a list before it gets its function: generating one costs about a millisecond


def runner(scenario: Scenario, stmts: Sequence[Stmt], for_each: ForEach) -> Runner | None:
    """The generated function of `stmts`, or None while the list has run fewer than HOT times (the loop
    runs it then: a scenario with thousands of cards would otherwise generate thousands of functions for
    lists a bot previews once). Kept per scenario, by the list's identity."""
    d = scenario.__dict__
    cache: dict[int, tuple[Sequence[Stmt], int, Runner | None]] | None = d.get(_KEY)
    if cache is None:
        cache = d[_KEY] = {}
    got = cache.get(id(stmts))
    if got is not None and got[0] is stmts:
        if got[2] is not None:
            return got[2]
        runs = got[1] + 1
    else:
        runs = 1
    fn = _generate(scenario, stmts, for_each) if runs >= HOT else None
    cache[id(stmts)] = (stmts, runs, fn)  # the list is kept, so its id stays its own
    return fn


def _value(env: dict[str, object], fn: Fn, prefix: str) -> str:
    """A statement's value as source: inlined when the compiler generated it, else a call of its closure."""
    source = source_of(fn)
    if source is None:
        env[prefix] = fn
        return f"{prefix}(v, t, r)"
    src, bound = rebound(source, prefix)
    env.update(bound)
    return f"({src})"


def _generate(scenario: Scenario, stmts: Sequence[Stmt], for_each: ForEach) -> Runner:
    s = scenario
    base, stride = s.layout.region_base, s.layout.stride
    env: dict[str, object] = {
        "_B": s.slot_bounds,
        "_N": s.slot_names,
        "_Changed": ev.Changed,
        "_CardQueued": ev.CardQueued,
        "_Logged": ev.Logged,
        "_upkeep": "upkeep",
        "_for_each": for_each,
        "_s": s,
    }
    body = ["turn = v[0]", "r = -1"]
    for i, st in enumerate(stmts):
        if type(st) is SetStmt:
            value = _value(env, st.value, f"_e{i}")
            if st.slot >= 0:  # a fixed slot and its bounds, written in as numbers
                slot = constant(st.slot)
                lo, hi = (constant(x) for x in s.slot_bounds[st.slot])
            else:
                body += [f"slot = {constant(base)} + t * {constant(stride)} + {constant(st.attr)}", "lo, hi = _B[slot]"]
                slot, lo, hi = "slot", "lo", "hi"
            wanted = value if st.op == "=" else f"old + {value}" if st.op == "+=" else f"old - {value}"
            body += [
                f"old = v[{slot}]",
                f"wanted = {wanted}",
                f"new = {lo} if wanted < {lo} else {hi} if wanted > {hi} else wanted",
                f"v[{slot}] = new",
                "if events is not None and (new != old or (wanted != new and cause != _upkeep)):",
                f"    events.append(_Changed(turn, _N[{slot}], old, new, wanted, cause))",
            ]
        elif type(st) is DrawStmt:
            env[f"_c{i}"] = st.card
            body += [
                "if forced is not None:",
                f"    forced.insert(0, {constant(s.card_index[st.card])})",
                "if events is not None:",
                f"    events.append(_CardQueued(turn, _c{i}, cause))",
            ]
        elif type(st) is LogStmt:
            env[f"_m{i}"] = st.message
            body += ["if events is not None:", f"    events.append(_Logged(turn, _m{i}, cause))"]
        elif type(st) is ForEachStmt:
            env[f"_st{i}"] = st
            body.append(f"_for_each(_s, v, _st{i}, t, cause, events)")
    body.append("return None")
    fn = build_function(
        "run_effects",
        ("v", "t", "cause", "events", "forced"),
        body,
        env,
        ("turn", "r", "slot", "lo", "hi", "old", "wanted", "new"),
    )
    return fn  # type: ignore[return-value]  # built from the lines above
