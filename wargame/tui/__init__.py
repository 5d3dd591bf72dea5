"""The Textual TUI of wargame: screens and panels over the engine; it holds no rules."""
