"""Generated straight code for the hot path: each faction's legal list, and every card's `when` for a draw.

Asking each of a faction's rule objects for its legal Acts (`ActionRule.legal`:
cost, requires, per_turn, targets) costs a few calls per action on every
decision; this writes the same checks, in the same order, as one Python
function per faction, with each `requires` inlined from the
source its compiler generated (wargame/scenario/expr/source.py, which checks
every node before compiling). Same list, same order, fewer calls.

A targeted action's `target_if` is written out once per region, with the
region's number in place of `t` (`v[42 + 3 * 8] > 0`, which Python folds to
`v[66] > 0`), while the scenario has at most UNROLL regions: a dozen such
comparisons cost less than building and hashing the key of the action's
target cache. Bigger maps keep the cache (rule.py), whose cost does not grow
with the number of regions on a hit.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from wargame.engine.rule import ActionRule
from wargame.engine.state import Decision, Values
from wargame.scenario.expr.reads import Fn
from wargame.scenario.expr.source import UNROLL, build_function, constant, on_target, rebound, source_of

Listing = Callable[[Values], tuple[Decision, ...]]
Answers = Callable[[Values], tuple[bool, ...]]

UNROLL_CHARS = 10_000  # characters of region checks per faction (~15 ms to build) beyond which the rest use caches


def listing(rules: tuple[ActionRule, ...], pass_: Decision) -> Listing:
    """The function `v -> the legal decisions` of one faction: each open action's Acts, then Pass."""
    env: dict[str, object] = {"_PASS": pass_, "_tuple": tuple}
    body = ["t = -1", "r = -1", "out = []"]
    unrolled = 0
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
        target_if = source_of(a.target_if) if a.targeted and a.target_if is not None else None
        checks, bound = _written_out(a, target_if, i, indent) if target_if and len(a.acts) <= UNROLL else ([], {})
        if checks and unrolled + sum(map(len, checks)) <= UNROLL_CHARS:
            env.update(bound)
            env[f"_a{i}"] = a.acts
            body += checks
            unrolled += sum(map(len, checks))
        elif a.targeted and a.target_if is not None:
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


def _written_out(
    a: ActionRule, target_if: tuple[str, Mapping[str, object]], i: int, indent: str
) -> tuple[list[str], dict[str, object]]:
    """The lines checking `target_if` on each region in turn, each adding the region's Act when it holds,
    and the names they use."""
    src, bound = rebound(target_if, f"_t{i}")
    out = []
    for region in range(len(a.acts)):
        out += [f"{indent}if {on_target(src, region)}:", f"{indent}    out.append(_a{i}[{region}])"]
    return out, bound


CONDITIONS = 200  # conditions up to which `all_conditions` writes them all out (beyond, Watched re-asks the changed)


def all_conditions(conditions: tuple[Fn | None, ...], never: tuple[bool, ...]) -> Answers | None:
    """The function `v -> (answer of each condition)` as one tuple expression, each condition inlined from
    its source (None holds; `never` ones are False): the cards a draw may pick, all asked in ~2 µs on a
    deck of fifty. None when there are more than CONDITIONS, or one has no source to inline."""
    if len(conditions) > CONDITIONS:
        return None
    env: dict[str, object] = {}
    parts = []
    for i, (fn, no) in enumerate(zip(conditions, never, strict=True)):
        if no:
            parts.append("False")
        elif fn is None:
            parts.append("True")
        else:
            source = source_of(fn)
            if source is None:
                return None
            src, bound = rebound(source, f"_w{i}")
            env.update(bound)
            parts.append(f"not not ({src})")  # a condition as a bool, as Watched keeps it
    body = ["t = -1", "r = -1", f"return ({', '.join(parts)},)" if parts else "return ()"]  # (no cards at all)
    return build_function("conditions", ("v",), body, env, ("t", "r"))  # type: ignore[return-value]
