"""Free-form proposals: a team's own action in words and statements, adjudicated by the facilitator.

The effects are effect statements in the scenario's own language, compiled
by the same compiler as the file's (so a mistake is refused with its column,
like a load error). The facilitator counts the arguments for and against and
rolls the scenario's `freeform.odds` (or rules outright, with a reason); on
success the effects apply. Proposals exist only where the scenario has
`freeform`, and only a shell with a facilitator offers them.
"""

from __future__ import annotations

import attrs

from wargame.engine import events as ev
from wargame.engine import exevents as xe
from wargame.engine.parts import Adjudicate, Proposal, Propose
from wargame.engine.state import GameState, IllegalDecision, MalformedDecision
from wargame.engine.turn import Turn
from wargame.scenario.dice import DiceOdds
from wargame.scenario.expr.statements import Stmt, compile_statement
from wargame.scenario.expr.syntax import ExprError
from wargame.scenario.layout import NO_TARGET
from wargame.scenario.model import Scenario

MAX_EFFECTS = 10
MAX_WORDS = 300
MAX_ARGUMENTS = 4000


def text(value: object, what: str, limit: int = 10_000, required: bool = True) -> str:
    if type(value) is not str or len(value) > limit:
        raise MalformedDecision(f"{what} must be text of at most {limit} characters")
    if required and not value.strip():
        raise MalformedDecision(f"{what} cannot be empty")
    return value


def compile_effects(scenario: Scenario, effects: object) -> tuple[Stmt, ...]:
    """The proposal's statements compiled, or MalformedDecision saying which one and where it is wrong."""
    if type(effects) is not tuple or not 1 <= len(effects) <= MAX_EFFECTS:
        raise MalformedDecision(f"a proposal has 1 to {MAX_EFFECTS} effect statements")
    out: list[Stmt] = []
    for k, stmt in enumerate(effects, 1):
        try:
            out.append(compile_statement(text(stmt, f"effect {k}", 500), scenario.symbols, False))
        except ExprError as exc:
            raise MalformedDecision(f"effect {k}, column {exc.offset + 1}: in '{stmt}': {exc.message}") from None
        except RecursionError:
            raise MalformedDecision(f"effect {k} is nested too deeply") from None
    return tuple(out)


def propose(scenario: Scenario, state: GameState, d: Propose) -> Turn:
    if scenario.freeform is None:
        raise MalformedDecision("this scenario allows no free-form proposals (it has no 'freeform')")
    if type(d.faction) is not str or d.faction not in scenario.faction_index:
        raise MalformedDecision(f"unknown faction {d.faction!r}")
    text(d.words, "a proposal's words", MAX_WORDS)
    text(d.arguments, "a proposal's arguments", MAX_ARGUMENTS, required=False)
    compile_effects(scenario, d.effects)
    if state.outcome is not None:
        raise IllegalDecision("the game is over")
    made = sum(1 for p in state.ex.proposals if p.faction == d.faction and p.turn == state.turn)
    if made >= scenario.freeform.per_turn:
        raise IllegalDecision(f"{d.faction} has made its {scenario.freeform.per_turn} proposal(s) this turn")
    work = Turn(scenario, state)
    ex = work.ex
    p = Proposal(len(ex.proposals) + 1, work.turn, d.faction, d.words, d.effects, d.arguments)
    work.ex = attrs.evolve(ex, proposals=(*ex.proposals, p))
    work.events.append(xe.Proposed(work.turn, p.id, d.faction, d.words))
    return work


def odds(scenario: Scenario, pro: int, con: int) -> int:
    """The percent chance a proposal succeeds with these argument counts (the scenario's formula)."""
    return dice(scenario).percent(pro, con)


def dice(scenario: Scenario) -> DiceOdds:
    """The scenario's formula for deciding proposals (only asked of a scenario with `freeform`)."""
    ff = scenario.freeform
    assert ff is not None and isinstance(ff.odds, DiceOdds)
    return ff.odds


def adjudicate(scenario: Scenario, state: GameState, d: Adjudicate) -> Turn:
    if type(d.proposal) is not int:
        raise MalformedDecision(f"a proposal is named by its number, not {d.proposal!r}")
    if d.ruling not in ("argue", "success", "failure"):
        raise MalformedDecision(f"unknown ruling {d.ruling!r} (argue, success or failure)")
    for name in ("pro", "con"):
        n = getattr(d, name)
        if type(n) is not int or not 0 <= n <= 12:
            raise MalformedDecision(f"'{name}' counts arguments: a whole number 0..12, not {n!r}")
    if d.ruling != "argue":
        text(d.reason, "a ruling's reason")
        if d.pro or d.con:
            raise MalformedDecision("arguments for and against count only with the ruling 'argue'")
    else:
        text(d.reason, "a ruling's reason", required=False)
    p = next((x for x in state.ex.proposals if x.id == d.proposal), None)
    if p is None:
        raise IllegalDecision(f"there is no proposal #{d.proposal}")
    if state.outcome is not None:
        raise IllegalDecision("the game is over")
    if p.status != "open":
        raise IllegalDecision(f"proposal #{p.id} is already {p.status}")
    stmts = compile_effects(scenario, p.effects)
    work = Turn(scenario, state)
    if d.ruling == "argue":
        formula = dice(scenario)
        rolled = sum(work.roll(formula.sides) + 1 for _ in range(formula.dice))
        success = formula.success(rolled, d.pro, d.con)
        how = (
            f"{formula.dice}d{formula.sides} rolled {rolled} with {d.pro} for and {d.con} against, "
            f"'{formula.text}' ({odds(scenario, d.pro, d.con)}%)"
        )
    else:
        success = d.ruling == "success"
        how = f"ruled by the facilitator: {d.reason}"
    work.events.append(xe.ProposalDecided(work.turn, p.id, p.faction, p.words, success, how))
    decided = attrs.evolve(p, status="success" if success else "failure", pro=d.pro, con=d.con)
    work.ex = attrs.evolve(work.ex, proposals=tuple(decided if x.id == p.id else x for x in work.ex.proposals))
    if success:
        work.run(stmts, NO_TARGET, ev.Cause.of(ev.CauseKind.FREEFORM, str(p.id)))
    work.settle()
    return work
