"""One flat Python function per expression, generated from the compiler's own syntax tree.

The compiler builds a closure per syntax node, and calling nested closures is
most of an expression's cost. Alongside each closure it now writes the same
computation as Python source (`v[12] > 0 and v[40] + v[41] >= 3`), and the
whole expression becomes one function compiled with `compile()`.

Why this is safe: the source is never scenario text. It is assembled here from
the parsed, type-checked tree, and holds only the parameters `v`, `t`, `r`,
slot numbers and other integer constants the compiler computed, the operators
of the expression language, and names this module binds itself (the helpers
below and closures of `_f0`, `_f1`, ...). Before compiling, the source is
parsed back and every node checked against that list (`_check`): a name that is
not one of ours, a constant that is not an int or a bool, or any other node
kind is a bug and raises. The function runs with no builtins.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Callable

from wargame.scenario.expr.parts import _C
from wargame.scenario.expr.reads import Fn

PARAMS = ("v", "t", "r")
_NODES = (
    ast.Expression,
    ast.Lambda,
    ast.arguments,
    ast.arg,
    ast.Subscript,
    ast.Name,
    ast.Load,
    ast.Constant,
    ast.BinOp,
    ast.Add,
    ast.Sub,
    ast.Mult,
    ast.UnaryOp,
    ast.Not,
    ast.USub,
    ast.BoolOp,
    ast.And,
    ast.Or,
    ast.Compare,
    ast.Eq,
    ast.NotEq,
    ast.Lt,
    ast.LtE,
    ast.Gt,
    ast.GtE,
    ast.IfExp,
    ast.Call,
)


class Source:
    """The names one compilation binds (helpers and closures without source) and the functions it makes."""

    def __init__(self, helpers: dict[str, Callable[..., int]]):
        self.helpers = helpers
        self.env: dict[str, object] = {}

    def of(self, c: _C) -> str:
        """A sub-expression as source: its own, else a call of its closure under a fresh name."""
        if c.src:
            return c.src
        name = f"_f{len(self.env)}"
        self.env[name] = c.fn
        return f"{name}(v, t, r)"

    def function(self, c: _C) -> Fn:
        """The whole expression as one function (its closure when it has no source of its own)."""
        if not c.src:
            return c.fn
        if not self.env:
            return _compiled(c.src, tuple(self.helpers.items()))
        return _build(c.src, {**self.helpers, **self.env})


def constant(value: int) -> str:
    """An int or bool constant as source; anything else is refused (text constants have no source)."""
    if type(value) is bool:
        return "True" if value else "False"
    if type(value) is not int:
        raise TypeError(f"only whole numbers are written into generated source, not {value!r}")
    return str(value) if value >= 0 else f"({value})"


@functools.lru_cache(maxsize=4096)
def _compiled(src: str, helpers: tuple[tuple[str, Callable[..., int]], ...]) -> Fn:
    """Expressions with no bound closures are shared: many conditions are the same few comparisons."""
    return _build(src, dict(helpers))


def _build(src: str, env: dict[str, object]) -> Fn:
    tree = ast.parse(f"lambda {', '.join(PARAMS)}: {src}", mode="eval")
    _check(tree, env)
    code = compile(tree, "<wargame expression>", "eval")
    fn: Fn = eval(code, {"__builtins__": {}, **env})  # our own checked tree: see the module docstring
    return fn


def _check(tree: ast.AST, env: dict[str, object]) -> None:
    """Every node of the generated tree is one the expression language needs, and every name is ours."""
    for node in ast.walk(tree):
        if not isinstance(node, _NODES):
            raise AssertionError(f"generated expression holds a {type(node).__name__}")
        if isinstance(node, ast.Name) and node.id not in PARAMS and node.id not in env:
            raise AssertionError(f"generated expression names '{node.id}'")
        if isinstance(node, ast.Constant) and type(node.value) not in (int, bool):
            raise AssertionError(f"generated expression holds the constant {node.value!r}")
        if isinstance(node, ast.Call) and not (isinstance(node.func, ast.Name) and node.func.id in env):
            raise AssertionError("generated expression calls something not bound by the compiler")
