"""A notebook cell as IPython reads it, turned into Python line for line.

IPython syntax is recognised where IPython recognises it: at the start of a
statement, as Python's tokenizer sees statements, never inside brackets, a
string or a backslash continuation (so a continuation line that starts with
``%`` or ``!=`` stays code). At a statement start:

- ``%magic ...`` and ``!shell ...`` (with their backslash-continued lines)
  become ``pass`` at their indentation, so that a body they are alone in
  stays a body;
- ``%time STATEMENT``, ``%timeit [options] STATEMENT``, ``%prun`` and
  ``%memit`` keep their statement: IPython runs it;
- ``x = %time EXPR`` keeps ``x = EXPR``; ``x = !ls`` and ``x = %magic`` give
  ``x = None``;
- help syntax (``obj?``, ``?obj``, ``obj??``, ``%magic?``) becomes ``pass``.

A cell whose first line is a cell magic other than the timing and capture
ones is not Python and is blanked whole; a cell whose first line is indented
loses that indentation on every line, as IPython strips it. Every line keeps
its number.
"""

from __future__ import annotations

import re
import tokenize

__all__ = ["python_lines"]

_PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "memit"})
_CODE_MAGICS = frozenset({"time", "timeit", "prun", "memit"})
_STATEMENT_ENDS = frozenset(
    {None, tokenize.NEWLINE, tokenize.NL, tokenize.INDENT, tokenize.DEDENT,
     tokenize.COMMENT, tokenize.ENCODING}
)  # fmt: skip
_OPENING, _CLOSING = frozenset("([{"), frozenset(")]}")

_MAGIC = re.compile(r"%(?P<name>\w+)(?P<rest>.*)", re.DOTALL)
# %timeit's options: -n 10, -r3, -p 4 take a value; -t -c -q -o do not.
_TIMEIT_OPTIONS = re.compile(r"(?:-(?:[nrp]\s*\d+|[tcqo]+)\s+)*")
_HELP = re.compile(r"(?:\?.*|%{0,2}[\w.*\[\]]+\s*\?{1,2})")
_ASSIGNED = re.compile(
    r"(?P<targets>[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*\s*,?)\s*=\s*"
    r"(?P<value>[%!].*)",
    re.DOTALL,
)


def python_lines(cell: list[str]) -> list[str]:
    """Return the lines of a notebook cell as Python, one for one.

    Parameters
    ----------
    cell : list of str
        The cell's lines, without their line ends.

    Returns
    -------
    list of str
        As many lines; IPython syntax replaced as the module says.
    """
    first = next((line.lstrip() for line in cell if line.strip()), "")
    if first.startswith("%%"):
        name = _MAGIC.match(first[1:])
        if name is None or name["name"] not in _PYTHON_CELL_MAGICS:
            return ["" for _ in cell]
        at = next(i for i, line in enumerate(cell) if line.strip())
        cell = [*cell[:at], "", *cell[at + 1 :]]
    return _Translator(_without_leading_indent(cell)).run()


def _without_leading_indent(cell: list[str]) -> list[str]:
    first = next((line for line in cell if line.strip()), "")
    indent = first[: len(first) - len(first.lstrip())]
    if not indent:
        return cell
    return [line[len(indent) :] if line.startswith(indent) else line for line in cell]


class _Translator:
    """Feed the cell to the tokenizer line by line, translating statement starts.

    The tokenizer asks for a line once it has given every token of the line
    before, so the tokens seen so far say whether the next line starts a
    statement: no bracket open, and the last token ended a line, not in the
    middle of a string (a string spanning lines gives no token until it ends).
    """

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.out: list[str] = []

    def run(self) -> list[str]:
        while len(self.out) < len(self.lines):
            before = len(self.out)
            self._tokenize()
            if len(self.out) == before:  # the tokenizer read nothing: keep the line
                self.out.append(self.lines[before])
        return self.out

    def _tokenize(self) -> None:
        self.depth = 0
        self.last: int | None = None
        self.moved = True  # a token came since the last line was read
        self.magic_continues = False
        try:
            for token in tokenize.generate_tokens(self._readline):
                self.moved = True
                self.last = token.type
                if token.type == tokenize.OP:
                    if token.string in _OPENING:
                        self.depth += 1
                    elif token.string in _CLOSING:
                        self.depth = max(self.depth - 1, 0)
        except (tokenize.TokenError, SyntaxError):
            # Broken code: the next line is read as a fresh start; the cell
            # will not parse and is skipped with a notice anyway.
            return

    def _readline(self) -> str:
        index = len(self.out)
        if index >= len(self.lines):
            return ""
        line = self.lines[index]
        if self.magic_continues:
            self.magic_continues = line.rstrip().endswith("\\")
            translated = ""
        elif self.moved and self.depth == 0 and self.last in _STATEMENT_ENDS:
            translated = self._statement(line)
        else:
            translated = line
        self.moved = False
        self.out.append(translated)
        return translated + "\n"

    def _statement(self, line: str) -> str:
        code = line.lstrip()
        indent = line[: len(line) - len(code)]
        if not code or code.startswith("#"):
            return line
        if code.startswith(("%", "!")):
            kept = _code_of_magic(code)
            if kept is not None:
                return indent + kept
            self.magic_continues = code.rstrip().endswith("\\")
            return indent + "pass"
        if _HELP.fullmatch(code.rstrip()):
            return indent + "pass"
        assigned = _ASSIGNED.fullmatch(code)
        if assigned is not None:
            kept = _code_of_magic(assigned["value"])
            if kept is None:
                self.magic_continues = code.rstrip().endswith("\\")
                kept = "None"
            return f"{indent}{assigned['targets'].rstrip()} = {kept}"
        return line


def _code_of_magic(code: str) -> str | None:
    """Return the statement a timing magic runs (``%time x = f()``: ``x = f()``)."""
    magic = _MAGIC.match(code)
    if magic is None or magic["name"] not in _CODE_MAGICS:
        return None
    rest = magic["rest"].lstrip()
    if magic["name"] == "timeit":
        rest = rest[_TIMEIT_OPTIONS.match(rest).end() :]
    if not rest.strip() or rest.rstrip().endswith("?"):
        return None
    return rest
