"""SVG snapshots of the main screens at a fixed size and seed (--snapshot-update regenerates)."""

from __future__ import annotations

from conftest import SIZE, make_app, play_passively, until

from wargame.tui import session
from wargame.tui.end import EndScreen
from wargame.tui.game import GameScreen
from wargame.tui.handover import HandOver
from wargame.tui.start import StartScreen

SOLO = {"gna": "human", "isis": "random"}


def finished_game(scenario):
    """A whole game where G.N.A. always passes against a random bot: the same every time."""
    return play_passively(session.start(scenario, 5, SOLO))


def wait_for(kind):
    async def run_before(pilot) -> None:
        await until(pilot, lambda: isinstance(pilot.app.screen, kind))
        await pilot.pause()

    return run_before


class TestScreens:
    def test_start(self, snap_compare, scenario_dir, saves_dir):
        app = make_app(saves_dir, scenario_dir=scenario_dir, seed=1234)
        assert snap_compare(app, terminal_size=SIZE, run_before=wait_for(StartScreen))

    def test_game(self, snap_compare, tutorial, saves_dir):
        app = make_app(saves_dir, session.start(tutorial, 7, SOLO))
        assert snap_compare(app, terminal_size=SIZE, run_before=wait_for(GameScreen))

    def test_game_at_80x24(self, snap_compare, tutorial, saves_dir):
        app = make_app(saves_dir, session.start(tutorial, 7, SOLO))
        assert snap_compare(app, terminal_size=(80, 24), run_before=wait_for(GameScreen))

    def test_libya_at_100x32(self, snap_compare, saves_dir):
        """The bundled scenario at the size docs/facilitator.md asks for: names whole, preview whole."""
        from wargame.catalog import load

        libya = load("libya-2016")
        seats = {f.id: ("human" if f.id == "gna" else "random") for f in libya.factions}
        app = make_app(saves_dir, session.start(libya, 5, seats))
        assert snap_compare(app, terminal_size=(100, 32), run_before=wait_for(GameScreen))

    def test_card_choice_at_80x24(self, snap_compare, tutorial, saves_dir):
        """A card's options and their keys come before its story, so they are in view at 80x24."""
        game = play_passively(session.start(tutorial, 7, SOLO), steps=2)
        app = make_app(saves_dir, game)
        assert snap_compare(app, terminal_size=(80, 24), run_before=wait_for(GameScreen))

    def test_hand_over(self, snap_compare, hot_seat, saves_dir):
        app = make_app(saves_dir, session.start(hot_seat, 7, {"gna": "human", "isis": "human"}))
        assert snap_compare(app, terminal_size=SIZE, run_before=wait_for(HandOver))

    def test_end(self, snap_compare, tutorial, saves_dir):
        app = make_app(saves_dir, finished_game(tutorial))
        assert snap_compare(app, terminal_size=SIZE, run_before=wait_for(EndScreen))

    def test_offer_form_at_80x24(self, snap_compare, saves_dir):
        """The deal form of issue 13 at the smallest size: every field and both buttons in view."""
        from pathlib import Path

        from wargame import engine as E
        from wargame.scenario import load_scenario
        from wargame.tui.deals import OfferForm

        scenario = load_scenario(Path(__file__).resolve().parents[1] / "engine" / "exercise.yaml")[0]
        seed = next(s for s in range(200) if E.new_game(scenario, s).phase == "orders")
        seats = {"north": "human", "south": "random", "militia": "random"}
        app = make_app(saves_dir, session.start(scenario, seed, seats))

        async def run_before(pilot) -> None:
            await until(pilot, lambda: isinstance(pilot.app.screen, GameScreen))
            await pilot.press("d")
            await pilot.pause()
            await pilot.press("o")
            await until(pilot, lambda: isinstance(pilot.app.screen, OfferForm))
            await pilot.pause()

        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
