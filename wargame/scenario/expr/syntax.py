"""Parses the scenario expression language into a small AST, with offsets for errors.

A hand-written recursive-descent parser: no `eval`, no Python `ast`, so the
language is exactly what the reference documents and nothing more.
"""

from __future__ import annotations

import attrs

from wargame.scenario.expr.lexer import ExprError as ExprError  # re-exported: every caller catches it here
from wargame.scenario.expr.lexer import Token, tokenize

# --- AST -------------------------------------------------------------------


@attrs.frozen
class Num:
    pos: int
    value: int


@attrs.frozen
class Bool:
    pos: int
    value: bool


@attrs.frozen
class Str:
    pos: int
    value: str


@attrs.frozen
class Name:
    pos: int
    id: str


@attrs.frozen
class Attr:
    pos: int
    obj: Name
    attr: str
    attr_pos: int


@attrs.frozen
class Call:
    pos: int
    func: str
    args: tuple[Node, ...]


@attrs.frozen
class Unary:
    pos: int
    op: str  # "-" or "not"
    operand: Node


@attrs.frozen
class Binary:
    pos: int
    op: str  # + - * // % == != < <= > >= and or
    left: Node
    right: Node


@attrs.frozen
class IfExp:
    pos: int
    body: Node
    test: Node
    orelse: Node


@attrs.frozen
class Assign:
    pos: int
    target: Name | Attr
    op: str  # "=", "+=", "-="
    value: Node


@attrs.frozen
class ForEach:
    """`for each region [where COND]: ASSIGNMENT`: the assignment once per region that qualifies."""

    pos: int
    where: Node | None  # a condition, or None for every region
    body: Assign


@attrs.frozen
class Draw:
    pos: int
    card: str
    card_pos: int


@attrs.frozen
class Log:
    pos: int
    text: str


Node = Num | Bool | Str | Name | Attr | Call | Unary | Binary | IfExp
"""An expression's syntax tree."""
Statement = Assign | ForEach | Draw | Log
"""An effect statement's syntax tree."""


# --- Parser ----------------------------------------------------------------

_COMPARE = {"==", "!=", "<", "<=", ">", ">="}


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0
        self.tok = self.tokens[0]  # the current token; kept as a field, the parser reads it constantly

    def take(self) -> Token:
        t = self.tok
        self.i += 1
        self.tok = self.tokens[min(self.i, len(self.tokens) - 1)]
        return t

    def at(self, text: str) -> bool:
        t = self.tok
        return t.text == text and (t.kind == "op" or t.kind == "kw")

    def expect(self, text: str, what: str) -> Token:
        if not self.at(text):
            raise ExprError(self.tok.pos, f"expected {what}, found {self._describe(self.tok)}")
        return self.take()

    @staticmethod
    def _describe(t: Token) -> str:
        return "the end" if t.kind == "end" else f"'{t.text}'"

    def end(self) -> None:
        t = self.tok
        if t.kind != "end":
            if t.kind == "op" and t.text in ("=", "+=", "-="):
                raise ExprError(t.pos, f"'{t.text}' assigns; compare with '=='")
            raise ExprError(t.pos, f"unexpected {self._describe(t)}")

    # expression grammar, loosest first
    def expr(self) -> Node:
        body = self.or_()
        if self.at("if"):
            pos = self.take().pos
            test = self.or_()
            self.expect("else", "'else' after 'x if condition'")
            orelse = self.expr()
            return IfExp(pos, body, test, orelse)
        return body

    def or_(self) -> Node:
        left = self.and_()
        while self.at("or"):
            pos = self.take().pos
            left = Binary(pos, "or", left, self.and_())
        return left

    def and_(self) -> Node:
        left = self.not_()
        while self.at("and"):
            pos = self.take().pos
            left = Binary(pos, "and", left, self.not_())
        return left

    def not_(self) -> Node:
        if self.at("not"):
            pos = self.take().pos
            return Unary(pos, "not", self.not_())
        return self.compare()

    def compare(self) -> Node:
        left = self.sum_()
        if self.tok.kind == "op" and self.tok.text in _COMPARE:
            t = self.take()
            right = self.sum_()
            if self.tok.kind == "op" and self.tok.text in _COMPARE:
                raise ExprError(self.tok.pos, "chained comparisons are not supported; join them with 'and'")
            return Binary(t.pos, t.text, left, right)
        return left

    def sum_(self) -> Node:
        left = self.product()
        while self.tok.kind == "op" and self.tok.text in ("+", "-"):
            t = self.take()
            left = Binary(t.pos, t.text, left, self.product())
        return left

    def product(self) -> Node:
        left = self.unary()
        while self.tok.kind == "op" and self.tok.text in ("*", "//", "%"):
            t = self.take()
            left = Binary(t.pos, t.text, left, self.unary())
        return left

    def unary(self) -> Node:
        if self.tok.kind == "op" and self.tok.text in ("-", "+"):
            t = self.take()
            operand = self.unary()
            return operand if t.text == "+" else Unary(t.pos, "-", operand)
        return self.atom()

    def atom(self) -> Node:
        t = self.tok
        if t.kind == "num":
            self.take()
            return Num(t.pos, int(t.text))
        if t.kind == "str":
            self.take()
            return Str(t.pos, t.text[1:-1])
        if t.kind == "kw" and t.text in ("true", "false"):
            self.take()
            return Bool(t.pos, t.text == "true")
        if self.at("("):
            self.take()
            inner = self.expr()
            self.expect(")", "')'")
            return inner
        if t.kind == "name":
            self.take()
            if t.text.startswith("__"):
                raise ExprError(t.pos, f"'{t.text}': names starting with '__' are not allowed")
            if self.at("("):
                self.take()
                args: list[Node] = []
                if not self.at(")"):
                    args.append(self.expr())
                    while self.at(","):
                        self.take()
                        args.append(self.expr())
                self.expect(")", "')' or ',' in the call")
                return Call(t.pos, t.text, tuple(args))
            name = Name(t.pos, t.text)
            node: Name | Attr = name
            if self.at("."):
                self.take()
                a = self.tok
                if a.kind != "name":
                    raise ExprError(a.pos, f"expected a name after '.', found {self._describe(a)}")
                self.take()
                if a.text.startswith("__"):
                    raise ExprError(a.pos, f"'{a.text}': names starting with '__' are not allowed")
                node = Attr(t.pos, name, a.text, a.pos)
                if self.at("."):
                    raise ExprError(self.tok.pos, "only one '.' is allowed (faction.meter or region.attribute)")
            return node
        if t.kind == "end":
            raise ExprError(t.pos, "the expression ends too early")
        raise ExprError(t.pos, f"unexpected {self._describe(t)}")


def parse_expression(text: str) -> Node:
    """Parse a whole expression (condition, chance or score)."""
    if not text.strip():
        raise ExprError(0, "the expression is empty")
    p = _Parser(text)
    node = p.expr()
    p.end()
    return node


def parse_statement(text: str) -> Statement:
    """Parse one effect statement: `TARGET = EXPR`, `+=`, `-=`, `draw CARD`, `log "text"`, `for each region ...`."""
    if not text.strip():
        raise ExprError(0, "the statement is empty")
    p = _Parser(text)
    t = p.tok
    if t.kind == "kw" and t.text == "draw":
        p.take()
        card = p.tok
        if card.kind != "name":
            raise ExprError(card.pos, "'draw' takes a card id, e.g. draw us_airstrikes_offer")
        p.take()
        p.end()
        return Draw(t.pos, card.text, card.pos)
    if t.kind == "kw" and t.text == "log":
        p.take()
        s = p.tok
        if s.kind != "str":
            raise ExprError(s.pos, "'log' takes a quoted text, e.g. log \"Talks collapse\"")
        p.take()
        p.end()
        return Log(t.pos, s.text[1:-1])
    if t.kind == "name" and t.text == "for" and p.tokens[p.i + 1].text == "each":
        return _for_each(p)
    node = _assign(p)
    p.end()
    return node


def _assign(p: _Parser) -> Assign:
    target = p.sum_()
    if not (p.tok.kind == "op" and p.tok.text in ("=", "+=", "-=")):
        if p.tok.kind == "op" and p.tok.text == "==":
            raise ExprError(p.tok.pos, "'==' compares; a statement assigns with '=', '+=' or '-='")
        if p.tok.kind == "op" and p.tok.text == ":":
            raise ExprError(p.tok.pos, "a loop is written 'for each region where CONDITION: STATEMENT'")
        raise ExprError(p.tok.pos, "a statement is TARGET = VALUE, TARGET += VALUE or TARGET -= VALUE")
    op = p.take()
    if not isinstance(target, (Name, Attr)):
        raise ExprError(target.pos, "only a meter, a track or a region attribute can be assigned")
    value = p.expr()
    return Assign(op.pos, target, op.text, value)


def _for_each(p: _Parser) -> ForEach:
    """`for each region [where COND]: ASSIGNMENT` (the caller has seen 'for each')."""
    start = p.take().pos
    p.take()  # 'each'
    if not (p.tok.kind == "name" and p.tok.text == "region"):
        raise ExprError(p.tok.pos, "a loop goes over regions: 'for each region where CONDITION: STATEMENT'")
    p.take()
    where: Node | None = None
    if p.tok.kind == "name" and p.tok.text == "where":
        p.take()
        where = p.expr()
    if not p.at(":"):
        raise ExprError(p.tok.pos, f"expected ':' before the statement to repeat, found {p._describe(p.tok)}")
    p.take()
    if p.tok.kind == "kw" and p.tok.text in ("draw", "log"):
        raise ExprError(p.tok.pos, f"a loop repeats an assignment; '{p.tok.text}' cannot be repeated")
    if p.tok.kind == "name" and p.tok.text == "for":
        raise ExprError(p.tok.pos, "loops cannot be nested")
    body = _assign(p)
    p.end()
    return ForEach(start, where, body)
