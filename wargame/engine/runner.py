"""Each effect-statement list as one generated function: `effects.run_statements` unrolled, per list.

A card's effects, an action's outcome or the upkeep are a fixed tuple of
statements; the loop in effects.py dispatches on each statement's type and
calls its value's closure on every run. This writes the same steps (the
same clamping, the same events in the same order) as straight Python, with
every value and loop condition inlined from the source its compiler
generated (wargame/scenario/expr/source.py, which checks every node before
compiling).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from wargame.engine import events as ev
from wargame.scenario.expr.reads import Fn
from wargame.scenario.expr.source import build_function, constant, rebound, source_of
from wargame.scenario.expr.statements import DrawStmt, ForEachStmt, LogStmt, SetStmt, Stmt
from wargame.scenario.model import Scenario

Runner = Callable[[list[int], int, ev.Cause, "list[ev.Event] | None", "list[int] | None"], None]


HOT = 8  # runs of a list before it gets its function: generating one costs about a millisecond


def runner(scenario: Scenario, stmts: Sequence[Stmt]) -> Runner | None:
    """The generated function of `stmts`, or None while the list has run fewer than HOT times (the loop
    runs it then: a scenario with thousands of cards would otherwise generate thousands of functions for
    lists a bot previews once). Kept per scenario, by the list's identity."""
    cache = scenario.derived(_runners)
    got = cache.get(id(stmts))
    if got is not None and got[0] is stmts:
        if got[2] is not None:
            return got[2]
        runs = got[1] + 1
    else:
        runs = 1
    fn = _generate(scenario, stmts) if runs >= HOT else None
    cache[id(stmts)] = (stmts, runs, fn)  # the list is kept, so its id stays its own
    return fn


def _runners(scenario: Scenario) -> dict[int, tuple[Sequence[Stmt], int, Runner | None]]:
    """The scenario's statement lists met so far, by identity: (the list, its runs, its function or None)."""
    return {}


def _value(env: dict[str, object], fn: Fn, prefix: str) -> str:
    """A statement's value as source: inlined when the compiler generated it, else a call of its closure."""
    source = source_of(fn)
    if source is None:
        env[prefix] = fn
        return f"{prefix}(v, t, r)"
    src, bound = rebound(source, prefix)
    env.update(bound)
    return f"({src})"


def _assign(s: Scenario, env: dict[str, object], st: SetStmt, prefix: str, region: str) -> list[str]:
    """One clamped assignment with its event, as in effects.py; `region` names the region a slot of -1 is on."""
    base, stride = s.layout.region_base, s.layout.stride
    value = _value(env, st.value, prefix)
    lines = []
    if st.slot >= 0:  # a fixed slot and its bounds, written in as numbers
        slot = constant(st.slot)
        lo, hi = (constant(x) for x in s.slot_bounds[st.slot])
    else:
        lines += [f"slot = {constant(base)} + {region} * {constant(stride)} + {constant(st.attr)}", "lo, hi = _B[slot]"]
        slot, lo, hi = "slot", "lo", "hi"
    wanted = value if st.op == "=" else f"old + {value}" if st.op == "+=" else f"old - {value}"
    return [
        *lines,
        f"old = v[{slot}]",
        f"wanted = {wanted}",
        f"new = {lo} if wanted < {lo} else {hi} if wanted > {hi} else wanted",
        f"v[{slot}] = new",
        "if events is not None and (new != old or (wanted != new and cause != _upkeep)):",
        f"    events.append(_Changed(turn, _N[{slot}], old, new, wanted, cause))",
    ]


def _generate(scenario: Scenario, stmts: Sequence[Stmt]) -> Runner:
    s = scenario
    env: dict[str, object] = {
        "_B": s.slot_bounds,
        "_N": s.slot_names,
        "_Changed": ev.Changed,
        "_CardQueued": ev.CardQueued,
        "_Logged": ev.Logged,
        "_upkeep": "upkeep",
    }
    body = ["turn = v[0]", "r = -1"]
    for i, st in enumerate(stmts):
        if type(st) is SetStmt:
            body += _assign(s, env, st, f"_e{i}", "t")
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
        elif type(st) is ForEachStmt:  # effects._for_each: each region in file order, its condition asked just before
            env[f"_span{i}"] = range(len(s.regions))
            body.append(f"for r in _span{i}:")
            if st.where is not None:
                body += [f"    if not {_value(env, st.where, f'_w{i}')}:", "        continue"]
            body += [f"    {line}" for line in _assign(s, env, st.body, f"_e{i}", "r" if st.body.per_region else "t")]
            body.append("r = -1")  # the statements after the loop evaluate outside any region
    body.append("return None")
    fn = build_function(
        "run_effects",
        ("v", "t", "cause", "events", "forced"),
        body,
        env,
        ("turn", "r", "slot", "lo", "hi", "old", "wanted", "new"),
    )
    return fn  # type: ignore[return-value]  # built from the lines above
