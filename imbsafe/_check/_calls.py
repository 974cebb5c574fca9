"""Calls: imported functions and classes, methods of values, the sinks they reach.

A mixin of :class:`imbsafe._check._expr.Expressions` (which gives ``ev``,
``taint``, ``sink``, ``lookup``, ``rebind``, ``call_local``): a call to a
known resampling makes tainted rows, a call to a data library keeps the
rows it is given, a method of a value keeps that value's rows, and a call
the checker does not know gives an unknown value.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from functools import reduce
from typing import Any

from ._handmade import UNDER, Handmade
from ._objects import Objects
from ._project import READERS, SAVERS, WRITERS, Tables
from ._selection import _PICKERS, PREDICTS, REPORTERS, SCORES, Selection
from ._sinks import Sink
from ._sources import (
    CONCAT_FUNCTIONS,
    CV_FUNCTIONS,
    DATA_LIBRARIES,
    FOLLOWED_BUILTINS,
    SAMPLER_LIBRARIES,
    SAMPLER_METHODS,
    constant,
    construct,
    is_trainer,
)
from ._values import (
    CLEAN,
    CONSTANT,
    Chosen,
    Estimator,
    Func,
    Funcs,
    Instance,
    Klass,
    Obj,
    Preproc,
    Ref,
    Sampler,
    Splitter,
    Stopper,
    Taint,
    Value,
    merge,
    union,
)

__all__ = ["Calls"]

_MUTATORS = frozenset({"append", "extend", "insert", "add", "update",
                       "appendleft", "extendleft"})  # fmt: skip
_COMBINERS = frozenset({"merge", "join", "combine_first", "append"})
_FITS = frozenset({"fit", "fit_transform", "fit_predict", "partial_fit"})
_EVAL_PARAMS = ("eval_set", "X_val", "validation_data")
_MODEL_ROOTS = frozenset({"tensorflow", "keras", "tf_keras"})
_LOADERS = frozenset({"load_state_dict", "load_weights", "set_weights"})
_NUMBERS = frozenset({"int", "float", "round", "abs", "str"})
_SAID = frozenset({"score", "chosen", "test", "pred"})
_APPLIERS = frozenset({"apply", "pipe", "agg", "aggregate", "transform"})
_IO_ROOTS = frozenset({"pandas", "numpy", "joblib", "pickle", "torch", "dill",
                       "datasets", "polars", "cloudpickle"})  # fmt: skip
_METRIC_NAMES = frozenset({"f1_score", "accuracy_score", "roc_auc_score",
                           "precision_score", "recall_score", "fbeta_score",
                           "balanced_accuracy_score", "matthews_corrcoef",
                           "average_precision_score"})  # fmt: skip


def _followed(qual: str) -> bool:
    return any(qual == lib or qual.startswith(lib + ".") for lib in DATA_LIBRARIES)


def _named(node: ast.AST, fallback: str) -> str:
    """Return a short text of ``node`` for messages (``grid.fit``)."""
    text = ast.unparse(node)
    return text if len(text) <= 40 else fallback


class Calls(Handmade, Objects, Selection, Tables):
    """Evaluate calls (see the module docstring for what the host supplies)."""

    ev: Any
    taint: Any
    sink: Any
    lookup: Any
    rebind: Any
    call_local: Any

    # -- calls ----------------------------------------------------------------

    def ev_Call(self, node: ast.Call) -> Value:
        func = node.func
        receiver = self.ev(func.value) if isinstance(func, ast.Attribute) else None
        args = [self.ev(a) for a in node.args]
        kwnodes = {k.arg: k.value for k in node.keywords if k.arg}
        kwvalues = {}
        for k in node.keywords:
            value = self.ev(k.value)
            if k.arg:
                kwvalues[k.arg] = value
        if receiver is not None:
            if isinstance(receiver.obj, Ref):
                qual = f"{receiver.obj.qual}.{func.attr}"
                return self.call_named(qual, node, args, kwnodes, kwvalues)
            if isinstance(receiver.obj, Klass):  # Utils.oversample(X, y)
                method = self.find_method(receiver.obj, func.attr)
                if method is not None:
                    return self.call_local(method, args, kwvalues)
                return CLEAN
            if isinstance(receiver.obj, Obj):
                done = self.call_object(receiver, func.attr, args, kwvalues)
                if done is not None:
                    return done
                receiver = self.fallback(receiver)
            return self.call_method(receiver, node, args, kwnodes, kwvalues)
        if isinstance(func, ast.Name):
            value = self.lookup(func.id)
            if value is None:
                return self.call_named(func.id, node, args, kwnodes, kwvalues, True)
            if isinstance(value.obj, Ref):
                return self.call_named(value.obj.qual, node, args, kwnodes, kwvalues)
            if isinstance(value.obj, Func):
                return self.call_local(value.obj, args, kwvalues)
            if isinstance(value.obj, Klass):
                return self.instantiate(value.obj, args, kwvalues)
            if isinstance(value.obj, Funcs):
                outs = [self.call_local(f, args, kwvalues) for f in value.obj.funcs]
                return reduce(merge, outs)
            if isinstance(value.obj, Chosen):  # net(X_te): the chosen net predicts
                return self.predicted(value.obj, args[0] if args else CLEAN)
            return CLEAN
        if isinstance(func, ast.Lambda):
            return self.call_local(self.ev(func).obj, args, kwvalues)
        self.ev(func)
        return CLEAN

    def call_named(
        self,
        qual: str,
        node: ast.Call,
        args: list,
        kwnodes: dict,
        kwvalues: dict,
        builtin: bool = False,
    ) -> Value:
        """Evaluate a call to an imported function or class (or a builtin)."""
        last = qual.rsplit(".", 1)[-1]
        foreign = self.imported(qual) if not builtin else None
        if foreign is not None:
            return self.call_local(foreign, args, kwvalues)
        root = qual.split(".")[0]
        if root in _IO_ROOTS:
            done = self._io(root, last, node, args)
            if done is not None:
                return done
        if root in SAMPLER_LIBRARIES and last in SAMPLER_METHODS:
            return self._resampled(args[:2], self.taint("leak", qual))
        if qual.startswith("sklearn.metrics") or (builtin and last in _METRIC_NAMES):
            return self.score_of(last, [*args, *kwvalues.values()])
        if (builtin or root == "numpy") and last in _PICKERS:
            picked = self.picked(args)
            if picked is not None:
                return picked
        if builtin and last in _NUMBERS:  # int(np.argmax(scores)): the choice
            said = {t for a in args for t in a.taints if t.kind in _SAID}
            return Value(frozenset(said)) if said else CONSTANT
        if last == "random_split" and qual.startswith("torch"):
            self.sink(Sink("split", last), args[:1], args[:1])
            return Value(items=tuple(args[:1]) * 2) if args else CLEAN
        if builtin and last in REPORTERS:
            self.printed(last, [*args, *kwvalues.values()])
            return CLEAN
        if last == "resample" and qual.startswith("sklearn"):
            drawn = constant(kwnodes.get("replace"), True)
            what = "sklearn.utils.resample" + ("" if drawn else "(replace=False)")
            return self._resampled(args, self.taint("leak", what), part=not drawn)
        if last == "resample_dataset" and "imbsafe" in qual:
            return self._resampled(args[:1], self.taint("leak", "resample_dataset"))
        if last == "choice" and qual.startswith("numpy"):
            return self._choice(args, kwnodes, node)
        if last in ("repeat", "tile") and qual.startswith("numpy"):
            part = self.taint("leak", f"np.{last}")
            rows = union(args[:1])
            return Value(rows.taints, rows.parts | {part}, rows=True)
        if last == "train_test_split":
            return self._split_outputs(args, kwvalues, last)
        if last in CV_FUNCTIONS:
            x = args[1] if len(args) > 1 else kwvalues.get("X", CLEAN)
            y = args[2] if len(args) > 2 else kwvalues.get("y", CLEAN)
            # groups keep a row's copies together: cannot tell, say nothing
            rows = [] if "groups" in kwvalues else [x, y]
            self.sink(Sink("cv", last), rows, [x])
            return CLEAN
        if is_trainer(last) and "eval_dataset" in kwvalues:
            self.sink(Sink("trainer", last), [kwvalues["eval_dataset"]])
            chosen = self.trainer_chooses(kwvalues)
            if chosen is not None:
                return chosen
        made = construct(last, qual, args, kwnodes, kwvalues)
        if made is not None and isinstance(made.obj, Stopper) and last[0] == "M":
            target = node.args[0] if node.args else kwnodes.get("filepath")
            saved = constant(target, "")
            if isinstance(saved, str) and saved:
                return Value(obj=replace(made.obj, path=saved))
        if last in ("load_model", "load") and node.args and root in _MODEL_ROOTS:
            return self.reloaded(self.read(node.args[0]))
        if made is not None and isinstance(made.obj, Instance):
            chosen = self.made_with(made, [*args, *kwvalues.values()])
            if chosen is not made:
                return chosen
        if made is not None and (not isinstance(made.obj, Instance) or made.obj.stops):
            return made
        if not builtin and _followed(qual):
            if last in CONCAT_FUNCTIONS:
                glued = replace(union(self._flat(args)).glued(), rows=True)
                repeated = self.repeated_in_concat(last, node)
                return glued.with_taints(repeated) if repeated else glued
            rows = union([*args, *kwvalues.values()])
            if last == "shuffle" and len(args) > 1:
                items = tuple(replace(a.data(), rows=True) for a in args)
                return replace(rows, items=items, rows=True, const=False)
            return replace(rows, rows=True, const=False)
        if builtin and last in ("range", "len"):
            return CONSTANT
        if builtin and last in FOLLOWED_BUILTINS:
            rows = union(args)
            items = args[0].items if last in ("list", "tuple") and args else None
            return replace(rows, items=items, listy=last == "list")
        return made if made is not None else CLEAN

    def _io(self, root: str, last: str, node: ast.Call, args: list) -> Value | None:
        """Write or read a table by a literal path (``np.save``, ``joblib.load``)."""
        if last in SAVERS and root != "pandas":
            where, what = SAVERS[last]
            if root in ("pickle", "torch", "dill", "cloudpickle") and last == "save":
                where, what = 1, 0
            if len(node.args) > max(where, what):
                self.wrote(node.args[where], args[what])
                return CLEAN
            return None
        if last in READERS and node.args:
            got = self.read(node.args[0])
            return got if got.taints else None
        return None

    @staticmethod
    def _flat(values: list) -> list:
        flat: list = []
        for v in values:
            flat.extend(v.items if v.items is not None else (v,))
        return flat

    def _resampled(self, args: list, taint: Taint, part: bool = False) -> Value:
        outs = []
        for a in args or [CLEAN]:
            rows = a.data()
            if part:
                outs.append(Value(rows.taints, rows.parts | {taint}, rows=True))
            else:
                outs.append(rows.with_taints(taint))
        if len(outs) == 1:
            return outs[0]
        whole = union(outs)
        return Value(whole.taints, whole.parts, tuple(outs))

    def _choice(self, args: list, kwnodes: dict, node: ast.Call) -> Value:
        # indices drawn with replacement: resampled rows once they select rows
        rows = union(args[:1])
        drawn = constant(kwnodes.get("replace"), None)
        sized = "size" in kwnodes or len(node.args) > 1
        if drawn is None and "replace" not in kwnodes and len(node.args) < 3:
            drawn = sized  # numpy draws with replacement unless told not to
        size = kwnodes.get("size", node.args[1] if len(node.args) > 1 else None)
        if drawn is False and sized and constant(size) is None:
            # cut to the size of another part (len(minority)): under-sampling
            # once glued back; a literal size makes a demo data set imbalanced
            part = self.taint("leak", UNDER + "choice(replace=False)")
            return Value(rows.taints, rows.parts | {part}, rows=rows.rows)
        if drawn is True:
            part = self.taint("leak", "choice(replace=True)")
            return Value(rows.taints, rows.parts | {part}, rows=rows.rows)
        return rows

    def _split_outputs(self, args: list, kwvalues: dict, name: str) -> Value:
        arrays = args or [v for k, v in kwvalues.items() if k in ("X", "y")]
        self.sink(Sink("split", name), arrays, arrays[:1])
        outs = self.split_parts(arrays, name)
        whole = union(outs)
        return Value(whole.taints, whole.parts, tuple(outs))

    def call_method(
        self, receiver: Value, node: ast.Call, args: list, kwnodes: dict, kwvalues: dict
    ) -> Value:
        """Evaluate a method call ``receiver.name(...)`` on a value of the file."""
        func = node.func
        name = func.attr
        obj = receiver.obj
        if isinstance(obj, Chosen) and name not in _FITS:
            if name in PREDICTS:
                return self.predicted(obj, args[0] if args else CLEAN)
            if name in SCORES:
                return self.scored(obj, name, _named(func, name), args)
            obj = obj.base
            receiver = Value(obj=obj)
        if isinstance(obj, Funcs) and name in ("items", "values"):
            return receiver
        if isinstance(obj, Sampler) and name in SAMPLER_METHODS:
            taint = self.taint("leak", f"{obj.cls}.{name}")
            return self._resampled(args[:2], taint)
        if obj is None and name in WRITERS:
            target = node.args[0] if node.args else None
            target = target or kwnodes.get("path") or kwnodes.get("path_or_buf")
            self.wrote(target, receiver)
            return CLEAN
        if args and isinstance(args[0].obj, Func) and name in _APPLIERS:
            return self.applied(receiver, args[0].obj, node, args)
        if name in ("fit_resample", "fit_sample"):
            cls = getattr(obj, "cls", "")
            taint = self.taint("leak", f"{cls}.{name}" if cls else name)
            x = args[0] if args else kwvalues.get("X", CLEAN)
            y = args[1] if len(args) > 1 else kwvalues.get("y", CLEAN)
            return self._resampled([x, y], taint)
        if name in _FITS or name == "transform":
            return self._fit(receiver, node, args, kwnodes, kwvalues)
        if obj is None and name == "sample":
            drawn = constant(kwnodes.get("replace"), False)
            frac = constant(kwnodes.get("frac"), 0)
            if drawn is True or (isinstance(frac, int | float) and frac > 1):
                what = "sample(replace=True)" if drawn is True else "sample(frac>1)"
                return receiver.data().with_taints(self.taint("leak", what))
            return self.cut(receiver, name, node, kwnodes)
        if obj is None and name == "head":
            return self.cut(receiver, name, node, kwnodes)
        if obj is None and name == "repeat" and args:
            return self.repeated_index(receiver)
        if obj is None and name == "query":
            return replace(receiver.data(), subset=True)
        if name == "choice" and not isinstance(obj, Ref):
            return self._choice(args, kwnodes, node)
        if name == "train_test_split" and obj is None:
            self.sink(Sink("hf_split", _named(func, name)), [receiver], [receiver])
            rows = receiver.data()
            inner = any(t.kind in ("train", "test", "val") for t in rows.taints)
            what = "a part's train_test_split" if inner else "train_test_split"
            return rows.with_taints(self.taint("splits", what))
        if name in _LOADERS and obj is None:
            if node.args and isinstance(node.args[0], ast.Constant):
                args = [self.read(node.args[0])]  # model.load_weights("best.h5")
            self.loaded(func, args)
            return CLEAN
        if name == "split" and isinstance(obj, Splitter):
            x = args[0] if args else kwvalues.get("X", CLEAN)
            y = args[1] if len(args) > 1 else kwvalues.get("y", CLEAN)
            grouped = "Group" in obj.cls and (len(args) > 2 or "groups" in kwvalues)
            rows = [] if grouped else [x, y]
            self.sink(Sink("folds", f"{obj.cls}.split"), rows, [x])
            return CLEAN
        if name in _MUTATORS and obj is None:
            rows = union([receiver, *args])
            again = self.appended_in_loop(name, node, args)
            parts = rows.parts | {again} if again else rows.parts
            grown = Value(rows.taints, parts, None, None, receiver.listy)
            self.rebind(func.value, grown)
            return grown
        if name in PREDICTS:
            return self.predicted(obj, args[0] if args else CLEAN)
        if name in SCORES and (obj is not None or len(args) > 1):
            return self.score_of(_named(func, name), args)
        if obj is not None:
            if isinstance(obj, Preproc) and name == "inverse_transform":
                return union(args[:1])
            return CLEAN  # a model's attributes and other methods: not the rows
        if name in _COMBINERS:
            return union([receiver, *args])
        chosen = {t for a in args for t in a.taints if t.kind == "chosen"}
        if chosen:  # scores.index(max(scores)): the choice passes through
            rows = receiver.data()
            return Value(rows.taints | chosen, rows.parts, rows=rows.rows)
        return receiver.data()

    def _fit(
        self, receiver: Value, node: ast.Call, args: list, kwnodes: dict, kwvalues: dict
    ) -> Value:
        func = node.func
        name = func.attr
        obj = receiver.obj
        x = args[0] if args else kwvalues.get("X", CLEAN)
        y = args[1] if len(args) > 1 else kwvalues.get("y", CLEAN)
        if name == "transform":
            if isinstance(obj, Preproc) and obj.fitted is not None:
                return x.data().with_taints(obj.fitted)
            return x.data()
        called = _named(func, name)
        if isinstance(obj, Estimator):
            if obj.search:
                self.sink(Sink("search", called, obj.cls), [x, y], [x])
            elif obj.validates and not (obj.takes_x_val and "X_val" in kwvalues):
                key = "skorch" if obj.cls.startswith("NeuralNet") else "self"
                self.sink(Sink(key, called, obj.cls), [x, y], detail=obj.validates)
            if obj.valid_rows:
                self.sink(Sink("eval", called, obj.cls), [Value(obj.valid_rows)],
                          detail="train_split=predefined_split(...)")  # fmt: skip
        how = self.chooses(obj, kwnodes, kwvalues)
        chosen = None
        for param in _EVAL_PARAMS:
            if param in kwvalues:
                evaluated = self._evaluated(kwnodes[param], kwvalues[param], node)
                rows = [evaluated, kwvalues.get("y_val", CLEAN)]
                self.sink(
                    Sink("eval", called, getattr(obj, "cls", "")), rows, detail=param
                )
                chosen = chosen or self.fitted_on(func, obj, how, param, evaluated)
        if "validation_split" in kwnodes and constant(kwnodes["validation_split"], 1):
            self.sink(Sink("keras", called), [x, y])
        if isinstance(obj, Preproc):
            taint = self.taint("preprocessing", f"{obj.cls}.{name}")
            fitted = Value(obj=Preproc(obj.cls, fitted=taint))
            self.rebind(func.value, fitted)
            if name == "fit_transform":
                return x.data().with_taints(taint)
            return fitted if name == "fit" else CLEAN
        if name == "fit_transform":
            return x.data()
        if name in ("fit", "partial_fit"):
            return chosen or receiver
        return CLEAN

    def _evaluated(self, param: ast.AST, value: Value, call: ast.Call) -> Value:
        """Return the rows of an ``eval_set`` that are not the training rows.

        ``eval_set=[(X_tr, y_tr), (X_val, y_val)]`` lists the training set to
        log its score: XGBoost stops on the last set, LightGBM skips the
        training set, so only the other pairs are evaluation rows.
        """
        given = [k.value for k in call.keywords if k.arg in ("X", "X_train", "x")]
        first = call.args[0] if call.args else (given[0] if given else None)
        if first is None or not isinstance(param, ast.List | ast.Tuple):
            return value
        if value.items is None or len(value.items) != len(param.elts):
            return value
        train = ast.dump(first)
        kept = [
            item
            for elt, item in zip(param.elts, value.items, strict=True)
            if not (
                isinstance(elt, ast.Tuple)
                and elt.elts
                and ast.dump(elt.elts[0]) == train
            )
        ]
        return union(kept)
