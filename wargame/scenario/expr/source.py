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
import re
import weakref
from collections.abc import Callable, Mapping

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
    ast.FloorDiv,
    ast.Mod,
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
    ast.ListComp,
    ast.comprehension,
    ast.Store,
)


class Source:
    """The names one compilation binds (helpers and closures without source) and the functions it makes."""

    def __init__(self, helpers: dict[str, Callable[..., int]]):
        self.helpers = helpers
        self.env: dict[str, object] = {}

    def of(self, c: _C) -> str:
        """A sub-expression as source: its own, else (none, or nested too deep for Python's parser) a call
        of its closure under a fresh name, which also keeps the source of what contains it shallow."""
        if c.src and _depth(c.src) <= MAX_DEPTH:
            return c.src
        name = f"_f{len(self.env)}"
        self.env[name] = c.fn
        return f"{name}(v, t, r)"

    def bind(self, value: object) -> str:
        """A fixed object (a range of regions) under a fresh name the generated source can use."""
        name = f"_f{len(self.env)}"
        self.env[name] = value
        return name

    def function(self, c: _C) -> Fn:
        """The whole expression as one function (its closure when it has no source of its own)."""
        if not c.src or _depth(c.src) > MAX_DEPTH:
            return c.fn
        if not self.env:
            return remember(_compiled(c.src, tuple(self.helpers.items())), c.src, self.helpers)
        env = {**self.helpers, **self.env}
        return remember(_build(c.src, env), c.src, env)


MAX_DEPTH = 60  # brackets deep: Python's parser refuses 200, and the engine nests sources a few levels more


def _depth(src: str) -> int:
    """How deeply brackets nest in `src`."""
    depth = most = 0
    for ch in src:
        if ch in "([":
            depth += 1
            most = max(most, depth)
        elif ch in ")]":
            depth -= 1
    return most


def constant(value: int) -> str:
    """An int or bool constant as source; anything else is refused (text constants have no source)."""
    if type(value) is bool:
        return "True" if value else "False"
    if type(value) is not int:
        raise TypeError(f"only whole numbers are written into generated source, not {value!r}")
    return str(value) if value >= 0 else f"({value})"


_SOURCES: weakref.WeakKeyDictionary[Fn, tuple[str, Mapping[str, object]]] = weakref.WeakKeyDictionary()


def remember(fn: Fn, src: str, env: Mapping[str, object]) -> Fn:
    """Note that `fn` computes `src` with the names `env` binds, so the engine can inline it (`source_of`)."""
    _SOURCES[fn] = (src, env)
    return fn


def source_of(fn: Fn) -> tuple[str, Mapping[str, object]] | None:
    """The source and names of a compiled expression's function, if the compiler generated it."""
    return _SOURCES.get(fn)


def rebound(source: tuple[str, Mapping[str, object]], prefix: str) -> tuple[str, dict[str, object]]:
    """An expression's source and names with its bound closures `_fN` renamed `{prefix}_fN`, to sit beside
    other expressions' in one generated function (the source holds no scenario text to confuse them with)."""
    src, env = source
    pattern = re.compile(r"\b_f(\d+)\b")
    return pattern.sub(prefix + r"_f\1", src), {pattern.sub(prefix + r"_f\1", k): fn for k, fn in env.items()}


_TARGET = re.compile(r"\bt\b")
_REGION = re.compile(r"\br\b")
UNROLL = 32  # regions up to which a count, a sum or a target list is written out region by region


def on_target(src: str, region: int) -> str:
    """A generated expression's source evaluated on target `region`: the parameter `t` written as the number
    (`v[42 + t * 8]` becomes `v[42 + 3 * 8]`, which Python folds). Safe as a text substitution because
    the source holds no text of the scenario's: only `v`, `t`, `r`, numbers, operators and `_` names."""
    return _TARGET.sub(constant(region), src)


def unrolled_sum(inner: str, n: int) -> str:
    """`sum(...)` (or `count(...)`, a condition counting 1) of `inner` over n regions as straight source on a
    map of at most UNROLL regions: the inner source once per region with `r` written as its number
    (`(0 + (v[45] > 0) + (v[53] > 0) + ...)`), no list and no loop. '' when the map is bigger, or when the
    inner source holds a loop of its own, which binds `r` itself: the caller writes a comprehension then."""
    if n > UNROLL or "for r in" in inner:
        return ""
    return "(0" + "".join(f" + ({_REGION.sub(str(i), inner)})" for i in range(n)) + ")"


# what a generated function body may hold beyond an expression's nodes (for the engine's listings)
_BODY = (
    ast.Module,
    ast.FunctionDef,
    ast.Assign,
    ast.Store,
    ast.If,
    ast.Return,
    ast.Expr,
    ast.Attribute,
    ast.List,
    ast.Is,
    ast.IsNot,
    ast.Tuple,
    ast.For,
    ast.Continue,
)
_NODE_TYPES = frozenset(_NODES)
_BODY_TYPES = frozenset(_BODY)
_METHODS = frozenset({"get", "append", "extend", "insert", "cache", "key", "missed"})


def build_function(
    name: str, params: tuple[str, ...], body: list[str], env: dict[str, object], local: tuple[str, ...] = ()
) -> Callable[..., object]:
    """`def name(params): body` compiled with only `env` as its globals, after the same node-by-node check.

    The engine uses it to unroll a loop over scenario objects into straight code: the lines come
    from the engine's own generators, built of sources from this module, slot numbers and ints.
    """
    lines = [f"def {name}({', '.join(params)}):", *(f"    {line}" for line in body)]
    tree = ast.parse("\n".join(lines), mode="exec")
    allowed = {**env, **dict.fromkeys(local), **dict.fromkeys(params)}  # `local`: the names the body assigns
    for node in _walk(tree):
        if type(node) in _BODY_TYPES or (isinstance(node, ast.Constant) and node.value is None):
            if isinstance(node, ast.Attribute) and node.attr not in _METHODS:
                raise AssertionError(f"generated code reads the attribute '{node.attr}'")
            continue
        _check_node(node, allowed, calls_ok=True)
    namespace: dict[str, object] = {"__builtins__": {}, **env}
    exec(compile(tree, f"<wargame {name}>", "exec"), namespace)  # our own checked tree: see the module docstring
    fn = namespace[name]
    assert callable(fn)
    return fn


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
    allowed = {**env, **dict.fromkeys(PARAMS)}
    for node in _walk(tree):
        _check_node(node, allowed, calls_ok=False)


def _walk(tree: ast.AST) -> list[ast.AST]:
    """Every node of `tree` (what ast.walk yields, in another order), in one list: the generated legal lists
    are thousands of nodes, and ast.walk's generator per node was half of building them."""
    out, i, node_type = [tree], 0, ast.AST
    while i < len(out):
        node = out[i]
        i += 1
        for field in node._fields:
            x = getattr(node, field, None)
            if type(x) is list:
                out.extend([y for y in x if isinstance(y, node_type)])
            elif isinstance(x, node_type):
                out.append(x)
    return out


def _check_node(node: ast.AST, allowed: dict[str, object], calls_ok: bool) -> None:
    if type(node) not in _NODE_TYPES:  # the parser makes exactly these classes, never subclasses
        raise AssertionError(f"generated code holds a {type(node).__name__}")
    if isinstance(node, ast.Name):
        if node.id not in allowed:
            raise AssertionError(f"generated code names '{node.id}'")
    elif isinstance(node, ast.Constant):
        if type(node.value) not in (int, bool):
            raise AssertionError(f"generated code holds the constant {node.value!r}")
    elif isinstance(node, ast.Call) and not (
        calls_ok or (isinstance(node.func, ast.Name) and node.func.id in allowed and node.func.id not in PARAMS)
    ):
        raise AssertionError("generated code calls something not bound by the compiler")
