"""Provides the event card panel: this turn's cards, the pending choice as buttons with previews."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Button, Static

from wargame import engine as E
from wargame.tui.choices import CardView
from wargame.tui.messages import Decide


class EventCard(Vertical):
    """The cards drawn this turn. A choice waiting for a human shows one button per option,
    each with what it would change, so the team sees the consequences before committing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Previous option", show=False),
        Binding("down", "move(1)", "Next option", show=False),
    ]

    cards: reactive[tuple[CardView, ...]] = reactive((), recompose=True)
    """The screen's view of this turn's cards (from the events, so a reload shows the same)."""

    human: reactive[bool] = reactive(False, recompose=True)
    """Whether the faction that must choose sits at this keyboard (else no buttons)."""

    def compose(self) -> ComposeResult:
        if not self.cards:
            yield Static(Text("No event card this turn", style="dim"))
        for card in self.cards:
            if not card.awaiting:  # resolved: the log tells its story and effects
                chose = next((o for o in card.outcome if " chose '" in o), "")
                line = Text.assemble(("Event: " + card.title, "bold"), (f" · {chose}" if chose else "", "dim"))
                line.no_wrap, line.overflow = True, "ellipsis"  # one line: the log has the rest
                yield Static(line, classes="card-title")
                continue
            if not self.human:
                yield Static(Text.assemble(("Event: " + card.title, "bold"), "\n", card.text), classes="card-head")
                yield Static(Text(f"{card.faction} is choosing…", style="italic"))
                continue
            # the options come before the story: on a small screen the keys must be in view
            yield Static(Text("Event: " + card.title, style="bold"), classes="card-head")
            keys = f"press 1-{len(card.options)}" if len(card.options) > 1 else "press 1"
            yield Static(
                Text.assemble((f"{card.faction}: {card.prompt}", "bold"), (f"  ({keys}, or ↑↓ Enter)", "dim")),
                classes="card-prompt",
            )
            for i, option in enumerate(card.options):
                yield Button(
                    Text(f"{i + 1} {option.label}"),
                    id=f"option-{i}",
                    compact=True,
                    disabled=not option.enabled,
                    classes="option",
                )
                note = (f"not now: {option.reason} · " if not option.enabled else "") + ", ".join(option.preview)
                yield Static(Text("  " + note, style="dim"), classes="option-preview")
            yield Static(Text(card.text, style="italic"), classes="card-text")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id and event.button.id.startswith("option-"):
            self.post_message(Decide(E.Choose(int(event.button.id.removeprefix("option-")))))

    def action_move(self, step: int) -> None:
        """↑/↓ between the options a team can pick (Tab still works), keeping the focused one in view."""
        buttons = [b for b in self.query(Button) if not b.disabled]
        if not buttons:
            return
        at = buttons.index(self.screen.focused) if self.screen.focused in buttons else -step
        target = buttons[max(0, min(len(buttons) - 1, at + step))]
        target.focus(scroll_visible=False)
        siblings = list(self.children)
        after = siblings[siblings.index(target) + 1] if target is not siblings[-1] else target
        self.scroll_to_widget(after, animate=False)  # its preview in view first, then the button itself
        self.scroll_to_widget(target, animate=False)

    def focus_choice(self) -> None:
        """Put the keyboard on the first option a team can pick."""
        for button in self.query(Button):
            if not button.disabled:
                button.focus(scroll_visible=False)  # keep the card's title and prompt in view
                self.scroll_home(animate=False)
                return
