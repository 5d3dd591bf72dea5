"""The view data the panels draw: computed from scenario and state alone, without Textual."""

from __future__ import annotations

import attrs

from wargame import engine as E
from wargame.engine import events as ev
from wargame.tui import choices, session, view


def test_chips_keep_the_art_aligned(tutorial):
    board = view.art_layout(tutorial)
    values = tutorial.initial
    assert {c.region for c in board.chips} == {r.id for r in tutorial.regions}
    for chip in board.chips:
        text = view.chip_text(view.region_look(tutorial, values, chip.region), chip.width)
        assert len(text) == chip.width  # same width as its [id] token
    centre = next(c for c in board.chips if c.region == "sirte_centre")
    assert view.chip_text(view.region_look(tutorial, values, "sirte_centre"), centre.width) == "Sirte centre☠3"


def test_without_art_regions_fill_a_grid_that_fits(tutorial):
    plain = attrs.evolve(tutorial, map_art="")
    for width in (30, 60, 120):
        board = view.layout(plain, width)
        spots = {(c.x, c.y) for c in board.chips}
        assert len(spots) == len(plain.regions)
        assert max(c.x + c.width for c in board.chips) <= max(width, board.chips[0].width)


def test_meters_report_the_change_since_the_turn_began(tutorial):
    state = E.new_game(tutorial, 7)
    groups = view.meter_groups(tutorial, state)
    rows = {r.slot: r for g in groups for r in g.rows}
    morale = rows["morale"]
    assert morale.value == state.values[tutorial.slot_index["morale"]]
    assert morale.delta == morale.value - state.history[-1][tutorial.slot_index["morale"]]
    assert groups[-1].title == "Tracks" and groups[-1].color is None


def test_every_faction_shows_its_victory_score_against_its_threshold(tutorial):
    state = E.new_game(tutorial, 7)
    titles = {g.title: g.score for g in view.meter_groups(tutorial, state, scores=True)}
    for f in tutorial.factions:
        now = E.scores(tutorial, state.values)[f.id]
        assert titles[f.short].startswith(f"score {now}/{f.threshold}")
    assert all(not g.score for g in view.meter_groups(tutorial, state))  # the end screen has its own table


def test_action_rows_show_cost_odds_and_reasons(tutorial):
    game = session.start(tutorial, 7, {"gna": "human", "isis": "random"})
    rows = {r.id: r for r in choices.action_rows(tutorial, game.state, "gna")}
    assert rows["pay_brigades"].cost == "$15M" and rows["pay_brigades"].odds == "sure"
    assert rows["request_strikes"].odds == "80%"
    assert rows["assault"].targeted and rows["assault"].odds.endswith("%")
    broke = attrs.evolve(
        game.state,
        values=tuple(
            0 if name == "gna.treasury" else v for name, v in zip(tutorial.slot_names, game.state.values, strict=True)
        ),
    )
    poor = {r.id: r for r in choices.action_rows(tutorial, broke, "gna")}
    assert poor["pay_brigades"].reason.startswith("needs 15")


def test_odds_read_as_a_sum():
    terms = (("30", 30), ("5 * morale", 15), ("-10 * target.isis", -30))
    assert choices.odds_sentence(terms, 15) == "30 + 15 (5 * morale) - 30 (-10 * target.isis) = 15%"
    assert choices.odds_sentence((("80", 80),), 80) == "a fixed 80%, whatever the situation"
    assert "held within 0-100" in choices.odds_sentence((("120", 120),), 100)


def test_previews_match_what_the_rules_then_do(tutorial):
    game = session.start(tutorial, 7, {"gna": "human", "isis": "random"})
    row = next(r for r in choices.action_rows(tutorial, game.state, "gna") if r.id == "pay_brigades")
    _, events = session.play(game, E.Act("pay_brigades"))
    said = [E.describe(e, tutorial).strip() for e in events if getattr(e, "cause", "") == "action:pay_brigades"]
    assert all(p in said for p in row.success)


def test_the_last_roll_of_the_turn(tutorial):
    game = session.start(tutorial, 7, {"gna": "human", "isis": "random"})
    assert choices.last_result(tutorial, game.state, list(game.events)) is None
    game, _ = session.play(game, E.Act("request_strikes"))
    line, _ = choices.last_result(tutorial, game.state, list(game.events))
    assert line.startswith(("✓ Request US air strikes worked", "✗ Request US air strikes failed"))


def test_a_move_made_twice_shows_each_result_and_the_count(tutorial):
    events = [
        ev.ActionTaken(turn=1, faction="isis", action="recruit", target=None),
        ev.Rolled(turn=1, faction="isis", action="recruit", chance=50, roll=80, success=False),
        ev.ActionTaken(turn=1, faction="isis", action="recruit", target=None),
        ev.Rolled(turn=1, faction="isis", action="recruit", chance=50, roll=10, success=True),
    ]
    since = choices.moves_since(tutorial, events, "gna")
    assert since == (f"ISIS: ✗ ✓ {tutorial.action('recruit').name} (twice)",)


def test_previews_end_with_how_the_victory_scores_would_move(tutorial):
    game = session.start(tutorial, 7, {"gna": "human", "isis": "random"})
    rows = {r.region: r for r in choices.target_rows(tutorial, game.state, "assault")}
    before = E.scores(tutorial, game.state.values)
    taken = rows["district_3"]
    assert taken.success[-1].startswith(f"scores: G.N.A. {before['gna']} -> ")
    assert f"ISIS {before['isis']} -> " in taken.success[-1]
    assert taken.failure[-1] == f"scores: G.N.A. {before['gna']} -> {before['gna'] - 2} (-2)"


def test_a_team_back_at_the_keyboard_sees_what_the_others_did(tutorial):
    game = session.start(tutorial, 7, {"gna": "human", "isis": "random"})
    game, _ = session.play(game, E.Act("pay_brigades"))
    assert choices.moves_since(tutorial, list(game.events), "gna") == ()  # its own move is not news
    game, _ = session.play(game, E.Pass())
    while game.state.pending.faction != "gna":  # ISIS moves, then turn 2's card asks the G.N.A.
        game, _ = session.play(game, E.legal_decisions(tutorial, game.state)[0])
    moves = [e for e in game.events if isinstance(e, (ev.ActionTaken, ev.Passed)) and e.faction == "isis"]
    names = ["passed" if isinstance(e, ev.Passed) else tutorial.action(e.action).name for e in moves]
    since = choices.moves_since(tutorial, list(game.events), "gna")
    assert len(since) == 2 and since[1].startswith("ISIS: ") and names and all(n in since[1] for n in names)
    # its own last sitting comes first: a roll that ended its turn was resolved after it left
    assert since[0].startswith("You: ") and tutorial.action("pay_brigades").name in since[0]
    game, _ = session.play(game, E.Choose(1))  # answering the card is not an action: the news stays
    assert choices.moves_since(tutorial, list(game.events), "gna") == since
