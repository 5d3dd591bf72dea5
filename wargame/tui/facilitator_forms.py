"""Provides the facilitator panel's forms: inject, correct a value, rule on an action, rewind."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import attrs
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from wargame import engine as E
from wargame.engine import events as ev
from wargame.text import plain
from wargame.tui import facilitator_view as fv
from wargame.tui.messages import Decide
from wargame.tui.session import FACILITATOR, Decision, Game


class Form(Vertical):
    """One tab of the panel. It reads the game the screen publishes and posts the facilitator's
    decisions as `Decide(..., by="facilitator")`, after trying them on a copy (the engine is
    pure) so a refusal shows the engine's message here, with nothing applied."""

    game: Game | None = None
    at_keyboard: str | None = None

    def show(self, game: Game, at_keyboard: str | None) -> None:
        self.game, self.at_keyboard = game, at_keyboard
        self.update_view()

    @property
    def now(self) -> Game:
        """The game as last shown (a form acts only once the panel has shown it one)."""
        assert self.game is not None
        return self.game

    def update_view(self) -> None:
        """Recompute what depends on the game (subclasses)."""

    def text(self, wid: str) -> str:
        return self.query_one(wid, Input).value.strip()

    def say(self, text: str, error: bool = False) -> None:
        self.query_one(".form-result", Static).update(Text(text, style="bold red" if error else "green"))

    def on_input_changed(self, event: Input.Changed) -> None:
        """Typing starts a new act: the last one's result or refusal goes (not on a reset to '')."""
        if event.value:
            self.query_one(".form-result", Static).update("")

    def need(self, wid: str, what: str) -> str | None:
        """The text of a required field, or None after saying so and putting the cursor there."""
        value = self.text(wid)
        if not value:
            self.say(f"Give {what}: it goes in the log and the debrief.", error=True)
            self.query_one(wid, Input).focus()
        return value or None

    def send(self, decision: Decision, done: str) -> fv.Preview | None:
        """Post the decision if the engine takes it; the trial's events (the same ones: the engine
        is deterministic) let a form say at once how the dice fell."""
        check = fv.try_act(self.now.scenario, self.now.state, decision)
        if check.error:
            self.say(f"Not applied: {check.error}", error=True)
            return None
        self.post_message(Decide(decision, by=FACILITATOR))
        self.say(done)
        return check


class OneActionForm(Form):
    """A form with one thing to do: its button and Enter in any of its fields both do it."""

    def go(self) -> None:  # pragma: no cover - every subclass defines its act
        """Do the form's one act."""

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.go()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.go()


def set_select(select: Select, options: Sequence[tuple[str, object]]) -> None:
    """Replace a Select's options only when they changed, keeping the choice if it still exists."""
    values = [v for _, v in options]
    if getattr(select, "_shown", None) == options:
        return
    keep = select.value
    select.set_options([(Text(plain(label)), v) for label, v in options])  # card titles, names: text, not markup
    select._shown = options  # type: ignore[attr-defined]
    if keep in values:
        select.value = keep
    elif values:
        select.value = values[0]


class InjectForm(OneActionForm):
    """Resolve any card now, or put it on top of the deck for a later turn."""

    def compose(self) -> ComposeResult:
        yield Select([], id="inject-card", prompt="Card", compact=True)
        yield Static("", id="inject-text", classes="form-note")
        yield Select([], id="inject-when", prompt="When", compact=True)
        yield Input(placeholder="Reason (required)", id="inject-reason", compact=True)
        yield Button("Inject the card", id="inject-go", variant="primary", compact=True)
        yield Static("", classes="form-result")

    def update_view(self) -> None:
        s, state = self.now.scenario, self.now.state
        set_select(self.query_one("#inject-card", Select), fv.card_choices(s))
        set_select(self.query_one("#inject-when", Select), fv.inject_turns(s, state))
        self.show_card()

    def show_card(self) -> None:
        card = self.query_one("#inject-card", Select).value
        s, values = self.now.scenario, self.now.state.values
        if not isinstance(card, str):
            self.query_one("#inject-text", Static).update("")
            return
        effects = fv.card_effects(s, values, card)
        self.query_one("#inject-text", Static).update(
            Text.assemble((fv.card_text(s, card), "italic"), "\n", ("If injected now: ", "bold"), effects)
        )

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "inject-card" and self.game is not None:
            self.show_card()

    def go(self) -> None:
        card = self.query_one("#inject-card", Select).value
        if not isinstance(card, str):
            self.say("Pick a card.", error=True)
            return
        reason = self.need("#inject-reason", "a reason")
        if reason is None:
            return
        when = self.query_one("#inject-when", Select).value
        turn = when if isinstance(when, int) and when > 0 else None
        title = self.now.scenario.card(card).title
        what = f"'{title}' injected now" if turn is None else f"'{title}' scheduled for turn {turn}"
        if self.send(E.InjectCard(card, reason, turn), what + "."):
            self.query_one("#inject-reason", Input).value = ""


class CorrectForm(OneActionForm):
    """Set a meter, track, region attribute or control, with the reason; or type a statement."""

    def compose(self) -> ComposeResult:
        yield Select([], id="correct-slot", prompt="What to correct", compact=True)
        yield Static("", id="correct-now", classes="form-note")
        yield Input(placeholder="New value", id="correct-value", compact=True)
        yield Input(placeholder="or a statement, e.g. morale += 2", id="correct-stmt", compact=True)
        yield Input(placeholder="Reason (required)", id="correct-reason", compact=True)
        yield Static("", id="correct-preview", classes="form-note")
        yield Button("Apply the correction", id="correct-go", variant="primary", compact=True)
        yield Static("", classes="form-result")

    def update_view(self) -> None:
        set_select(self.query_one("#correct-slot", Select), fv.slot_choices(self.now.scenario))
        self.preview()

    def statement(self) -> str:
        typed = self.text("#correct-stmt")
        if typed:
            return typed
        slot, value = self.query_one("#correct-slot", Select).value, self.text("#correct-value")
        if not isinstance(slot, str) or not value:
            return ""
        return fv.statement(self.now.scenario, slot, value)

    def preview(self) -> None:
        s, state = self.now.scenario, self.now.state
        slot = self.query_one("#correct-slot", Select).value
        now = ""
        if isinstance(slot, str):
            now = f"Now {fv.value_text(s, state.values, slot)}; type {fv.value_hint(s, slot)}."
        self.query_one("#correct-now", Static).update(Text(now, style="dim"))
        stmt = self.statement()
        text = Text("")
        if stmt:
            check = fv.try_act(s, state, E.Override(stmt, "preview"))
            text = (
                Text(f"'{stmt}': {check.error}", style="red")
                if check.error
                else Text(f"{stmt}: " + "; ".join(check.lines))
            )
        self.query_one("#correct-preview", Static).update(text)

    def on_select_changed(self, event: Select.Changed) -> None:
        if self.game is not None:
            self.preview()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("correct-value", "correct-stmt") and self.game is not None:
            self.preview()

    def go(self) -> None:
        stmt = self.statement()
        if not stmt:
            self.say("Pick what to correct and type its new value (or a statement).", error=True)
            return
        reason = self.need("#correct-reason", "a reason for the correction")
        if reason is None:
            return
        if self.send(E.Override(stmt, reason), f"Corrected: {stmt}."):
            for wid in ("#correct-value", "#correct-stmt", "#correct-reason"):
                self.query_one(wid, Input).value = ""


class Counter(Widget, can_focus=True):
    """A count of arguments, 0..12: ←/→ or -/+ (a click on its left or right half) change it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,minus", "step(-1)", "Fewer", show=False),
        Binding("right,plus,equals_sign", "step(1)", "More", show=False),
    ]

    value: reactive[int] = reactive(0)

    class Changed(Message):
        pass

    def __init__(self, label: str, *, id: str) -> None:
        super().__init__(id=id)
        self.label = label

    def render(self) -> Text:
        return Text.assemble(f"{self.label:<20}", "\u2039 ", (f"{self.value:>2}", "bold"), " \u203a")

    def action_step(self, step: int) -> None:
        self.value = max(0, min(12, self.value + step))
        self.post_message(self.Changed())

    def on_click(self, event: events.Click) -> None:
        self.action_step(-1 if event.x < 23 else 1)


class RuleForm(Form):
    """Adjudicate the pending action: by argument (odds shown before the roll) or outright."""

    def compose(self) -> ComposeResult:
        yield Static("", id="rule-who", classes="form-note")
        with Vertical(id="rule-body"):
            yield Select([], id="rule-action", prompt="Action", compact=True)
            yield Select([], id="rule-target", prompt="Target", compact=True)
            yield Input(placeholder="The team's argument", id="rule-argument", compact=True)
            yield Counter("Arguments for", id="rule-pro")
            yield Counter("Arguments against", id="rule-con")
            yield Static("", id="rule-odds")
            yield Button("Roll 2d6", id="rule-roll", variant="primary", compact=True)
            yield Input(placeholder="or rule outright: your reason", id="rule-reason", compact=True)
            with Horizontal(id="rule-buttons"):
                yield Button("Rule a success", id="rule-success", compact=True)
                yield Button("Rule a failure", id="rule-failure", compact=True)
        yield Static("", classes="form-result")

    def update_view(self) -> None:
        game = self.now
        why = fv.can_rule(game, self.at_keyboard)
        body = self.query_one("#rule-body")
        body.display = not why
        if why:
            self.query_one("#rule-who", Static).update(Text(why, style="italic"))
            return
        s, p = game.scenario, game.state.pending
        if p is None:
            return
        team = s.faction(p.faction).short
        self.query_one("#rule-who", Static).update(
            Text(f"{team} is to act. Hear its argument, count those for and against.")
        )
        self.actions = fv.rule_actions(s, game.state)
        set_select(
            self.query_one("#rule-action", Select),
            [(s.action(a).name, a) for a in self.actions],
        )
        self.show_targets()

    def show_targets(self) -> None:
        s = self.now.scenario
        action = self.query_one("#rule-action", Select).value
        targets = self.actions.get(action, []) if isinstance(action, str) else []
        select = self.query_one("#rule-target", Select)
        select.display = any(t is not None for t in targets)
        if select.display:
            set_select(select, [(s.region(t).name, t) for t in targets if t is not None])
        self.show_odds()

    def act(self) -> E.Act | None:
        action = self.query_one("#rule-action", Select).value
        if not isinstance(action, str):
            return None
        select = self.query_one("#rule-target", Select)
        target = select.value if select.display and isinstance(select.value, str) else None
        return E.Act(action, target)

    def counts(self) -> tuple[int, int]:
        pro, con = self.query_one("#rule-pro", Counter), self.query_one("#rule-con", Counter)
        return pro.value, con.value

    def show_odds(self) -> None:
        act, (pro, con) = self.act(), self.counts()
        text = fv.argue_text(self.now.scenario, self.now.state, act, pro, con) if act else ""
        self.query_one("#rule-odds", Static).update(Text(text, style="bold"))
        if act:
            pct = fv.argue_percent(self.now.scenario, self.now.state, act, pro, con)
            self.query_one("#rule-roll", Button).label = f"Roll 2d6 ({pct}%)"

    def on_select_changed(self, event: Select.Changed) -> None:
        if self.game is None or fv.can_rule(self.game, self.at_keyboard):
            return
        if event.select.id == "rule-action":
            self.show_targets()
        else:
            self.show_odds()

    def on_counter_changed(self, event: Counter.Changed) -> None:
        self.show_odds()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        act = self.act()
        if act is None:
            return
        if event.button.id == "rule-roll":
            argument = self.need("#rule-argument", "the team's argument")
            if argument is None:
                return
            pro, con = self.counts()
            decision = attrs.evolve(act, ruling="argue", pro=pro, con=con, reason=argument)
            done = "Rolled 2d6."
        else:
            reason = self.need("#rule-reason", "a reason for the ruling")
            if reason is None:
                return
            ruling = "success" if event.button.id == "rule-success" else "failure"
            decision = attrs.evolve(act, ruling=ruling, reason=reason)
            done = f"Ruled a {ruling}."
        applied = self.send(decision, done)
        if applied:
            rolls = [e for e in applied.events if isinstance(e, (ev.Rolled, ev.Ruled))]
            if rolls:
                said = E.describe(rolls[0], self.now.scenario).strip()
                self.say(said[:1].upper() + said[1:])
            for wid in ("#rule-argument", "#rule-reason"):
                self.query_one(wid, Input).value = ""
            for wid in ("#rule-pro", "#rule-con"):
                self.query_one(wid, Counter).value = 0


class RewindForm(OneActionForm):
    """Go back to the start of a turn or to before any decision; what is undone stays a branch."""

    class Rewind(Message):
        """Rewind the game to just after `to` decisions, with the facilitator's note."""

        def __init__(self, to: int, note: str) -> None:
            super().__init__()
            self.to, self.note = to, note

    def compose(self) -> ComposeResult:
        yield OptionList(id="rewind-list", compact=True)
        yield Input(placeholder="Reason (required)", id="rewind-reason", compact=True)
        yield Button("Rewind to here", id="rewind-go", variant="warning", compact=True)
        yield Static("", classes="form-result")

    def update_view(self) -> None:
        self.points = fv.rewind_points(self.now)
        options = self.query_one("#rewind-list", OptionList)
        shown = [p.label for p in self.points]
        if getattr(options, "_shown", None) == shown:
            return
        options._shown = shown  # type: ignore[attr-defined]
        items = [Option(Text(plain(p.label), style="bold" if p.turn_start else ""), id=str(p.to)) for p in self.points]
        options.set_options(items or [Option(Text("No decision yet", style="dim"), disabled=True)])
        if self.points:
            options.highlighted = len(self.points) - 1

    def go(self) -> None:
        option = self.query_one("#rewind-list", OptionList).highlighted_option
        if option is None or option.id is None:
            self.say("Pick the moment to go back to.", error=True)
            return
        note = self.need("#rewind-reason", "a reason for the rewind")
        if note is None:
            return
        self.post_message(self.Rewind(int(option.id), note))
        self.query_one("#rewind-reason", Input).value = ""
