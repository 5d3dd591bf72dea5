"""Each faction's legal list as one generated function: the loop over its actions unrolled into straight code.

`legal._actions` walks a tuple of entries per action (costs, requires, per_turn,
targets) on every decision; this writes the same checks, in the same order,
as one Python function per faction, with each `requires` inlined from the
source its compiler generated (wargame/scenario/expr/source.py, which checks
every node before compiling). Same list, same order, fewer calls.
"""

from __future__ import annotations

from collections.abc import Callable

from wargame.engine.rule import ActionRule
from wargame.engine.state import Decision, Values
from wargame.scenario.expr.source import build_function, constant, rebound, source_of

Listing = Callable[[Values], tuple[Decision, ...]]


def listing(rules: tuple[ActionRule, ...], pass_: Decision) -> Listing:
    """The function `v -> the legal decisions` of one faction: each open action's Acts, then Pass."""
    env: dict[str, object] = {"_PASS": pass_, "_tuple": tuple}
    body = ["t = -1", "r = -1", "out = []"]
    for i, a in enumerate(rules):
        tests = [f"v[{constant(slot)}] >= {constant(lo + amount)}" for slot, amount, lo in a.costs]
        if a.requires is not None:
            source = source_of(a.requires)
            if source is not None:
                src, bound = rebound(source, f"_q{i}")
                tests.append(f"({src})")
                env.update(bound)
            else:
                env[f"_q{i}"] = a.requires
                tests.append(f"_q{i}(v, t, r)")
        if a.uses is not None:
            tests.append(f"v[{constant(a.uses[0])}] < {constant(a.uses[1])}")
        indent = ""
        if tests:
            body.append(f"if {' and '.join(tests)}:")
            indent = "    "
        if a.targeted and a.target_if is not None:
            env[f"_r{i}"] = a
            body += [
                f"{indent}k = _r{i}.key(v)",
                f"{indent}got = _r{i}.cache.get(k)",
                f"{indent}out.extend(_r{i}.missed(v, k)[1] if got is None else got[1])",
            ]
        else:
            env[f"_a{i}"] = a.acts if a.targeted else (a.act,)
            body.append(f"{indent}out.extend(_a{i})")
    body += ["out.append(_PASS)", "return _tuple(out)"]
    fn = build_function("legal_list", ("v",), body, env, ("t", "r", "out", "k", "got"))
    return fn  # type: ignore[return-value]  # built from the lines above: v -> tuple of decisions
