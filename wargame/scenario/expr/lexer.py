"""Splits an expression's text into tokens, refusing at once what the language never has (floats, '/')."""

from __future__ import annotations

import re
from typing import NamedTuple


class ExprError(Exception):
    """A problem at `offset` characters into the expression text."""

    def __init__(self, offset: int, message: str):
        self.offset = offset
        self.message = message
        super().__init__(message)


LIMIT = 10**9  # as for every number of a scenario (spec.LIMIT); checked before int() reads the digits
_DIGITS = len(str(LIMIT))
KEYWORDS = {"and", "or", "not", "if", "else", "true", "false", "draw", "log"}
_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<float>\d+\.\d*)
  | (?P<num>\d+(?![A-Za-z_\d]))
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<str>"[^"\n]*"|'[^'\n]*')
  | (?P<op>//|==|!=|<=|>=|\+=|-=|\*=|[-+*/%<>=(),.:])
  | (?P<bad>.)
    """,
    re.VERBOSE | re.DOTALL,
)


class Token(NamedTuple):
    kind: str  # num, name, str, op, kw, end
    text: str
    pos: int


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "bad"  # every alternative is a named group
        if kind == "ws":
            continue
        pos = m.start()
        if kind == "bad":
            ch = m.group()
            hint = ""
            if ch in "&|!":
                hint = " (write 'and', 'or', 'not')"
            elif ch in "[]{}":
                hint = " (lists and dictionaries are not part of the language)"
            elif ch == '"' or ch == "'":
                hint = " (unterminated string)"
            raise ExprError(pos, f"unexpected character '{ch}'{hint}")
        value = m.group()
        if kind == "float":
            raise ExprError(pos, f"'{value}': numbers are whole numbers (meters are integers)")
        if kind == "num" and (len(value.lstrip("0")) > _DIGITS or int(value) > LIMIT):
            shown = value if len(value) <= 20 else f"a number of {len(value):,} digits"
            raise ExprError(pos, f"{shown} is too large: numbers in expressions are at most {LIMIT:,}")
        if kind == "name" and value in KEYWORDS:
            kind = "kw"
        if kind == "op" and value == "/":
            raise ExprError(pos, "use '//' for whole-number division")
        if kind == "op" and value == "*=":
            raise ExprError(pos, "only '=', '+=' and '-=' assign")
        tokens.append(Token(kind, value, pos))
    tokens.append(Token("end", "", len(text)))
    return tokens
