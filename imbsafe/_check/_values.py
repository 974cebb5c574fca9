"""What the checker knows about a value: where its rows were resampled or preprocessed.

The data-flow engine gives every expression a :class:`Value`. Its taints say
which resamplings (``leak``) and which fitted preprocessors
(``preprocessing``) its rows went through; ``parts`` holds resamplings that
only count once the part is glued back to the rest (a majority class
down-sampled without replacement, a minority repeated with ``np.repeat``);
``items`` keeps the elements of a tuple or list for unpacking; ``rows`` says
that it holds records (what a data library, a comprehension or a split
returns), ``const`` that it is a literal or made of literals (``[0] * n``
repeats no rows), ``subset`` that its rows were picked by a condition
(``df[df.Class == 0]``: a class, whose slice or ``head`` is a part);
``obj`` says
what kind of object it is when that matters (a splitter, a search, an
estimator that validates itself, a fitted scaler, an imported module, a
function of the file). A value the engine cannot follow is :data:`CLEAN`:
unknown is never a finding.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

__all__ = [
    "CLEAN",
    "CONSTANT",
    "Chosen",
    "Estimator",
    "Func",
    "Funcs",
    "Instance",
    "Klass",
    "Obj",
    "Preproc",
    "Ref",
    "Sampler",
    "SkorchSplit",
    "Splitter",
    "Stopper",
    "Taint",
    "Value",
    "lifted",
    "merge",
    "union",
]


@dataclass(frozen=True)
class Taint:
    """One resampling or one fitted preprocessor that a value's rows went through.

    ``line`` is where it happened; ``frame`` the call depth the value now
    lives at (a finding inside a helper, on rows the caller passed in, is
    reported at the call); ``via`` the line of the call that returned it
    when it happened inside a helper; ``file`` the other file of the
    folder it happened in (a helper imported from a sibling module), and
    ``note`` how it came here from another file (a table written there
    and read here, at ``line``).

    Besides ``leak`` and ``preprocessing``, kinds that are never findings
    by themselves follow the test part of a split for the ``selection``
    kind: ``train``/``test``/``val`` (the parts of a split), ``score`` (a
    score computed on a test part), ``chosen`` (a model, threshold or
    score chosen by the test part).
    """

    kind: str
    line: int
    what: str
    frame: int = 0
    via: int | None = None
    file: str = ""
    note: str = ""


@dataclass(frozen=True)
class Ref:
    """An imported module or name, by its dotted path (``numpy.concatenate``)."""

    qual: str


@dataclass(frozen=True)
class Func:
    """A function defined in the checked file (or a lambda).

    ``module`` is ``(globals, path)`` for a function of a sibling module.
    """

    node: Any = field(compare=False)
    name: str = ""
    closure: Any = field(default=None, compare=False)
    module: Any = field(default=None, compare=False)


@dataclass(frozen=True)
class Funcs:
    """A dict or list of functions of the file (``{"smote": lambda X, y: ...}``)."""

    funcs: tuple = field(compare=False)


@dataclass(frozen=True)
class Instance:
    """An object of a class the checker does not model; kept for its name.

    ``stops`` names how it stops early on an evaluation set it is given
    (``early_stopping_rounds=20``), when it does.
    """

    cls: str
    stops: str = ""


@dataclass(frozen=True)
class Sampler:
    """An object of an over- or under-sampling library outside imbalanced-learn."""

    cls: str


@dataclass(frozen=True)
class Stopper:
    """A callback that picks the iteration on its evaluation set (``EarlyStopping``).

    ``path`` is where a ``ModelCheckpoint`` saves the best model, when literal.
    """

    what: str
    path: str = ""


@dataclass(frozen=True)
class Klass:
    """A class defined in the checked file: its methods and its bases' names."""

    name: str
    methods: Any = field(compare=False)
    bases: tuple = ()


@dataclass(frozen=True)
class Obj:
    """An instance of a class of the file, by where it was made (``oid``)."""

    klass: Klass
    oid: str


@dataclass(frozen=True)
class Chosen:
    """A model whose iterations an evaluation set chose; ``on``: that set's taints.

    ``base`` is what the model was before; ``mark`` the ``chosen`` taint its
    predictions carry.
    """

    base: Any
    on: frozenset
    mark: Taint


@dataclass(frozen=True)
class Splitter:
    """A scikit-learn splitter (``StratifiedKFold(...)``): its ``split`` is a sink."""

    cls: str


@dataclass(frozen=True)
class Estimator:
    """An estimator whose ``fit`` is a sink: a search, or one that validates itself.

    ``search`` is set for the searches and the ``*CV`` estimators (their
    ``fit`` cross-validates); ``validates`` names the internal validation
    (``early_stopping=True``); ``valid_rows`` holds the taints of a skorch
    ``predefined_split`` dataset.
    """

    cls: str
    search: bool = False
    validates: str | None = None
    takes_x_val: bool = False
    valid_rows: frozenset = frozenset()


@dataclass(frozen=True)
class Preproc:
    """A scaler, imputer, encoder, selector or projection; ``fitted``: its fit."""

    cls: str
    fitted: Taint | None = None


@dataclass(frozen=True)
class SkorchSplit:
    """A skorch ``train_split``: ``splits`` when it carves the fit rows."""

    splits: bool
    rows: frozenset = frozenset()


@dataclass(frozen=True)
class Value:
    """The abstract value of an expression (see the module docstring)."""

    taints: frozenset = frozenset()
    parts: frozenset = frozenset()
    items: tuple | None = None
    obj: Any = None
    listy: bool = False
    rows: bool = False
    const: bool = False
    subset: bool = False

    def data(self) -> Value:
        """Return the rows alone: taints and parts, no structure or object."""
        if self.items is None and self.obj is None and not self.listy:
            return self
        return Value(self.taints, self.parts, rows=self.rows, const=self.const,
                     subset=self.subset)  # fmt: skip

    def with_taints(self, *taints: Taint) -> Value:
        """Return these rows, gone through ``taints`` too."""
        return Value(self.taints | frozenset(taints), self.parts, rows=True)

    def glued(self) -> Value:
        """Parts become taints: the resampled part was put back with the rest."""
        if not self.parts:
            return self.data()
        return Value(self.taints | self.parts, rows=True)


CLEAN = Value()
CONSTANT = Value(const=True)


def union(values: Any) -> Value:
    """Return the rows of all ``values`` together (no structure kept).

    They are rows if any of them are, a constant if all of them are.
    """
    taints: set = set()
    parts: set = set()
    rows, const, empty = False, True, True
    for v in values:
        taints |= v.taints
        parts |= v.parts
        rows = rows or v.rows
        const = const and v.const
        empty = False
    const = const and not empty
    if not taints and not parts and not rows:
        return CONSTANT if const else CLEAN
    return Value(frozenset(taints), frozenset(parts), rows=rows, const=const)


def merge(a: Value | None, b: Value | None) -> Value:
    """Return what a variable may hold where two paths meet (``if``, loops)."""
    if a is None:
        return b if b is not None else CLEAN
    if b is None or a is b or a == b:
        return a
    items = None
    if a.items is not None and b.items is not None and len(a.items) == len(b.items):
        items = tuple(merge(x, y) for x, y in zip(a.items, b.items, strict=True))
    return Value(
        a.taints | b.taints,
        a.parts | b.parts,
        items,
        a.obj if a.obj == b.obj else None,
        a.listy and b.listy,
        a.rows or b.rows,
        a.const and b.const,
    )


def lifted(value: Value, frame: int, via: int) -> Value:
    """Move a value returned from a helper into the caller's frame."""

    def lift(t: Taint) -> Taint:
        if t.frame <= frame:
            return t
        return replace(t, frame=frame, via=t.via if t.via is not None else via)

    if not value.taints and not value.parts and value.items is None:
        return value
    items = None
    if value.items is not None:
        items = tuple(lifted(v, frame, via) for v in value.items)
    return Value(
        frozenset(map(lift, value.taints)),
        frozenset(map(lift, value.parts)),
        items,
        value.obj,
        value.listy,
        value.rows,
        value.const,
    )
