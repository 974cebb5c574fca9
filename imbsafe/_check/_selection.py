"""The ``selection`` kind: a test part that chose the model, then scored it.

A mixin of :class:`imbsafe._check._expr.Expressions`. A split marks its
parts: the second output of ``train_test_split`` is a ``test`` part, unless
the rows split were already a part of an earlier split (then it is a
``val`` part: a validation part split off the training part, or the first
half of a test part split in two). Names do not count: a single split's
second part, called ``X_val`` or ``X_test``, is the part the score is
reported on. Two ways a test part chooses:

* it is the evaluation set of a fit that keeps its best iteration on it
  (``early_stopping_rounds``, an ``EarlyStopping`` callback,
  ``ModelCheckpoint(save_best_only=True)``, CatBoost's ``use_best_model``):
  the model is then marked chosen by that part;
* a score computed on it is compared in a loop and the best kept (``if f1
  > best: best, best_t = f1, t``, ``max(scores)``, ``np.argmax(scores)``):
  what the loop kept is marked chosen.

A model made with a chosen hyper-parameter (``KNN(best_k)``) is chosen
too. The finding is the first statement after the choice that scores that
same test part against its labels: ``model.score``/``evaluate``, a metric
of ``sklearn.metrics``; a choice never scored so but printed (``print(
best_f1)``) is reported at its first print. Each choice is reported once.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from typing import Any

from ._sinks import Sink
from ._sources import constant
from ._values import CLEAN, Chosen, Estimator, Instance, Stopper, Value

__all__ = ["PREDICTS", "Selection", "part_taints"]

PART_KINDS = frozenset({"train", "test", "val"})
PREDICTS = frozenset({"predict", "predict_proba", "decision_function",
                      "predict_log_proba", "predict_classes"})  # fmt: skip
SCORES = frozenset({"score", "evaluate"})
REPORTERS = frozenset({"print", "display"})
_PICKERS = frozenset({"max", "min", "argmax", "argmin", "nanargmax", "nanargmin",
                      "idxmax", "idxmin", "nanmax"})  # fmt: skip


def part_taints(value: Value, kinds: frozenset = PART_KINDS) -> frozenset:
    return frozenset(t for t in value.taints if t.kind in kinds)


def _without_parts(value: Value) -> Value:
    if not part_taints(value):
        return value
    kept = frozenset(t for t in value.taints if t.kind not in PART_KINDS)
    return Value(kept, value.parts, rows=value.rows, const=value.const)


def _only_test(rows: Value) -> frozenset:
    """Return the test parts ``rows`` are, if they are nothing but test parts."""
    parts = part_taints(rows)
    if any(t.kind != "test" for t in parts):
        return frozenset()  # mixed with other parts: cannot tell, say nothing
    return parts


def _stoppers(value: Value) -> list:
    if isinstance(value.obj, Stopper):
        return [value.obj]
    found: list = []
    for item in value.items or ():
        found.extend(_stoppers(item))
    return found


class Selection:
    """Follow test parts to a choice and the choice to a score (module docstring)."""

    taint: Any
    report: Any
    rebind: Any
    line: int
    loops: int
    told: set
    choice_loops: dict
    saved_to: list
    wrote: Any
    read: Any
    choosing: list
    printed_at: dict
    lines: list
    depth: int
    report_at: Any

    def split_parts(self, arrays: list, name: str) -> list:
        """Return the (first, second) outputs of each split array, marked as parts."""
        outs = []
        for a in arrays:
            rows = a.data()
            kinds = {t.kind for t in part_taints(rows)}
            bare = _without_parts(rows)
            if "test" in kinds:  # a test part split in two: validation, test
                first, second = "val", "test"
            elif kinds & {"train", "val"}:  # split off the training part
                first, second = "train", "val"
            else:
                first, second = "train", "test"
            for kind in (first, second):
                taints = bare.taints | {self.taint(kind, name)}
                outs.append(Value(taints, bare.parts, rows=bare.rows))
        return outs

    def chooses(self, obj: Any, kwnodes: dict, kwvalues: dict) -> str:
        """How a fit keeps its best iteration on its evaluation set ('' if not)."""
        if constant(kwnodes.get("use_best_model")) is False:
            return ""
        if constant(kwnodes.get("early_stopping_rounds"), 0):
            return "early_stopping_rounds"
        found = _stoppers(kwvalues.get("callbacks", CLEAN))
        if found:
            self.saved_to = [s.path for s in found if s.path]
            return found[0].what
        if isinstance(obj, Instance) and obj.stops:
            return obj.stops
        if constant(kwnodes.get("use_best_model")) is True:
            return "use_best_model=True"
        if isinstance(obj, Estimator) and obj.validates and obj.takes_x_val:
            return obj.validates
        return ""

    def fitted_on(
        self, func: ast.Attribute, obj: Any, how: str, param: str, rows: Value
    ) -> Value | None:
        """Mark the model chosen when its evaluation set is a test part."""
        tests = _only_test(rows)
        if not how or not tests:
            return None
        mark = self.taint("chosen", f"the iterations of the model ({how})")
        mark = replace(mark, note=f"the test part was its {param}")
        if isinstance(obj, Chosen):
            obj = obj.base
        for path in getattr(self, "saved_to", ()):  # the best model, saved
            self.wrote(ast.Constant(path), Value(tests | {mark}))
        self.saved_to = []
        chosen = Value(obj=Chosen(obj, tests, mark))
        self.rebind(func.value, chosen)
        return chosen

    def predicted(self, obj: Any, x: Value) -> Value:
        """Predictions carry the test part they were made on (and the choice)."""
        tests = part_taints(x, frozenset({"test"}))
        if not tests:
            return CLEAN
        made = tests | {self.taint("pred", "predictions")}
        if isinstance(obj, Chosen) and tests & obj.on:
            return Value(made | {obj.mark})
        return Value(made)

    def compared(self, left: Value, right: Value) -> Value | None:
        """``pred == y_te``: a score by hand (its mean is an accuracy)."""
        for a, b in ((left, right), (right, left)):
            if any(t.kind == "pred" for t in a.taints) and not any(
                t.kind == "pred" for t in b.taints
            ):
                tests = part_taints(b, frozenset({"test"}))
                if tests:
                    score = self.taint("score", "the accuracy by hand")
                    return Value(a.taints | tests | {score})
        return None

    def scored(self, obj: Any, name: str, called: str, args: list) -> Value:
        """``model.score(X_te, y_te)``: a finding if chosen on it, else a score."""
        x = args[0] if args else CLEAN
        tests = part_taints(x, frozenset({"test"}))
        if isinstance(obj, Chosen) and not args and name == "evaluate":
            tests = obj.on  # trainer.evaluate(): on its eval_dataset
        if isinstance(obj, Chosen) and tests & obj.on:
            self.tell(called, {obj.mark})
            return CLEAN
        return self.score_of(called, args)

    def score_of(self, what: str, args: list) -> Value:
        """Score its arguments as a metric: a finding if a choice reaches it."""
        taints = frozenset(t for a in args for t in a.taints)
        chosen = {t for t in taints if t.kind == "chosen"}
        tests = {t for t in taints if t.kind == "test"}
        if chosen and tests:
            self.tell(what, chosen)
        if not tests:
            return CLEAN
        return Value(frozenset(tests | chosen | {self.taint("score", what)}))

    def picked(self, args: list) -> Value | None:
        """``max(scores)``, ``np.argmax(scores)`` over test scores: a choice."""
        taints = frozenset(t for a in args for t in a.taints)
        scores = [t for t in taints if t.kind == "score"]
        if not scores:
            return None
        # one choice per set of scores, however often its best is taken
        first = min(scores, key=lambda t: (t.line, t.what))
        mark = replace(first, kind="chosen", what="the best of several scores on "
                       "the test part", note="picked by the best score")  # fmt: skip
        return Value(taints | {mark})

    def choice_of(self, test: Value) -> frozenset:
        """``if f1 > best:`` in a loop: the taints of what its body keeps."""
        if not self.loops or not any(t.kind == "score" for t in test.taints):
            return frozenset()
        what = min(t.what for t in test.taints if t.kind == "score")
        mark = self.taint(
            "chosen", f"the value kept when {what} on the test part beat the best"
        )
        mark = replace(mark, note="compared in a loop")
        self.choice_loops[(mark.line, mark.what)] = self.loops
        return part_taints(test, frozenset({"test"})) | {mark}

    def kept(self, value: Value) -> Value:
        """Mark a value assigned in the body of a choosing ``if`` as chosen."""
        marks = frozenset().union(*self.choosing)
        return Value(value.taints | marks, value.parts, value.items, value.obj,
                     value.listy, value.rows, value.const)  # fmt: skip

    def reloaded(self, value: Value) -> Value:
        """``load_model("best.h5")`` of a best model saved here: the chosen one."""
        marks = [t for t in value.taints if t.kind == "chosen"]
        tests = frozenset(t for t in value.taints if t.kind == "test")
        if marks and tests:
            return Value(obj=Chosen(None, tests, marks[0]))
        return CLEAN

    def loaded(self, func: ast.Attribute, args: list) -> None:
        """``net.load_state_dict(best_state)``: the net becomes the chosen one."""
        taints = {t for a in args for t in a.taints}
        marks = [t for t in taints if t.kind == "chosen"]
        tests = frozenset(t for t in taints if t.kind == "test")
        if marks and tests:
            self.rebind(func.value, Value(obj=Chosen(None, tests, marks[0])))

    def trainer_chooses(self, kwvalues: dict) -> Value | None:
        """Mark a Trainer keeping its best checkpoint on a test part it evaluates on."""
        settings = kwvalues.get("args", CLEAN).obj
        rows = kwvalues.get("eval_dataset", CLEAN)
        tests = _only_test(rows)
        if not (isinstance(settings, Instance) and settings.stops and tests):
            return None
        mark = self.taint("chosen", f"the checkpoint of the model ({settings.stops})")
        mark = replace(mark, note="the test part was its eval_dataset")
        return Value(obj=Chosen(Instance("Trainer"), tests, mark))

    def printed(self, what: str, args: list) -> None:
        """Keep where a choice is first printed, for a choice never scored."""
        taints = {t for a in args for t in a.taints}
        chosen = {t for t in taints if t.kind == "chosen"}
        if chosen and any(t.kind in ("test", "score") for t in taints):
            for t in self._fresh(chosen):
                key = (t.line, t.what)
                if key not in self.printed_at:
                    frame = min(t.frame, self.depth)
                    self.printed_at[key] = (self.lines[frame], what, t)

    def tell_printed(self) -> None:
        """Report the choices that were printed and never scored."""
        for key, (line, what, mark) in self.printed_at.items():
            if key not in self.told:
                self.told.add(key)
                self.report_at(line, "selection", Sink("selection", what), {mark})

    def made_with(self, made: Value, args: list) -> Value:
        """Mark a model made with a chosen hyper-parameter as chosen by that part."""
        taints = {t for a in args for t in a.taints}
        marks = [t for t in taints if t.kind == "chosen"]
        tests = frozenset(t for t in taints if t.kind == "test")
        if not marks or not tests:
            return made
        return Value(obj=Chosen(made.obj, tests, marks[0]))

    def _fresh(self, chosen: set) -> set:
        return {
            t
            for t in chosen
            if (t.line, t.what) not in self.told
            # inside the loop that chose, the best so far is not yet the choice
            and self.choice_loops.get((t.line, t.what), self.loops + 1) > self.loops
        }

    def tell(self, what: str, chosen: set) -> None:
        fresh = self._fresh(chosen)
        if not fresh:
            return
        self.told.update((t.line, t.what) for t in fresh)
        self.report("selection", Sink("selection", what), fresh, "")

    lookup: Any
    bind: Any
