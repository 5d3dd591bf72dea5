"""Colour names a scenario may use, each with the #rrggbb every screen and report understands."""

from __future__ import annotations

# The CSS colour names that are also common words; Rich, Textual and HTML read '#rrggbb'
# alike, so the loader turns a name into its hex and nothing downstream parses names.
NAMES = {
    "black": "#000000",
    "white": "#ffffff",
    "gray": "#808080",
    "grey": "#808080",
    "silver": "#c0c0c0",
    "red": "#ff0000",
    "maroon": "#800000",
    "crimson": "#dc143c",
    "pink": "#ffc0cb",
    "orange": "#ffa500",
    "gold": "#ffd700",
    "yellow": "#ffff00",
    "olive": "#808000",
    "lime": "#00ff00",
    "green": "#008000",
    "teal": "#008080",
    "cyan": "#00ffff",
    "turquoise": "#40e0d0",
    "blue": "#0000ff",
    "navy": "#000080",
    "purple": "#800080",
    "magenta": "#ff00ff",
    "violet": "#ee82ee",
    "indigo": "#4b0082",
    "brown": "#a52a2a",
    "tan": "#d2b48c",
    "beige": "#f5f5dc",
    "khaki": "#f0e68c",
    "coral": "#ff7f50",
    "salmon": "#fa8072",
}
PATTERN = r"^(#[0-9a-fA-F]{6}|" + "|".join(sorted(NAMES)) + r")$"
