"""The names the checker knows: where resampled rows come from, the objects.

Resampling sources are recognised by the call, whatever the variables are
called: a sampler's ``fit_resample`` (or the old ``fit_sample``),
``sklearn.utils.resample``, ``df.sample(replace=True)`` or ``frac > 1``,
``np.random.choice``/``Generator.choice`` with ``replace=True``,
``imbsafe.hf.resample_dataset``; and parts that become resampled rows once
glued back to the rest (``resample(replace=False)``, ``np.repeat``, a list
repeated ``[minority] * k``). Constructors of splitters, searches,
self-validating estimators, skorch nets and preprocessors give objects whose
methods are sinks or sources. Everything else is unknown.
"""

from __future__ import annotations

import ast
from typing import Any

from ._values import (
    Estimator,
    Instance,
    Preproc,
    Sampler,
    SkorchSplit,
    Splitter,
    Stopper,
    Value,
)

__all__ = [
    "CONCAT_FUNCTIONS",
    "CV_FUNCTIONS",
    "DATA_LIBRARIES",
    "FOLLOWED_BUILTINS",
    "SAMPLER_LIBRARIES",
    "SAMPLER_METHODS",
    "constant",
    "construct",
    "is_trainer",
]

SPLITTERS = frozenset({
    "KFold", "StratifiedKFold", "GroupKFold", "StratifiedGroupKFold",
    "RepeatedKFold", "RepeatedStratifiedKFold", "ShuffleSplit",
    "StratifiedShuffleSplit", "GroupShuffleSplit", "LeaveOneOut", "LeavePOut",
    "LeaveOneGroupOut", "LeavePGroupsOut", "TimeSeriesSplit", "PredefinedSplit",
    "ResampledCV", "MultilabelStratifiedKFold", "IterativeStratification",
})  # fmt: skip

SEARCHES = frozenset({
    "GridSearchCV", "RandomizedSearchCV", "HalvingGridSearchCV",
    "HalvingRandomSearchCV", "BayesSearchCV", "TuneSearchCV", "TuneGridSearchCV",
    "LogisticRegressionCV", "RidgeClassifierCV", "RFECV",
    "TunedThresholdClassifierCV",
})  # fmt: skip

CV_FUNCTIONS = frozenset({
    "cross_val_score", "cross_validate", "cross_val_predict", "learning_curve",
    "validation_curve", "permutation_test_score",
})  # fmt: skip

PREPROCESSORS = frozenset({
    "StandardScaler", "MinMaxScaler", "MaxAbsScaler", "RobustScaler",
    "QuantileTransformer", "PowerTransformer", "KBinsDiscretizer",
    "SimpleImputer", "KNNImputer", "IterativeImputer",
    "OneHotEncoder", "OrdinalEncoder", "LabelEncoder", "LabelBinarizer",
    "TargetEncoder",
    "SelectKBest", "SelectPercentile", "SelectFpr", "SelectFdr", "SelectFwe",
    "GenericUnivariateSelect", "VarianceThreshold", "RFE", "SelectFromModel",
    "SequentialFeatureSelector", "PCA", "IncrementalPCA", "KernelPCA",
    "TruncatedSVD", "SparsePCA", "FactorAnalysis", "FastICA", "NMF",
})  # fmt: skip

COMPOSERS = frozenset({
    "Pipeline", "make_pipeline", "ColumnTransformer", "make_column_transformer",
    "FeatureUnion", "make_union",
})  # fmt: skip

# Estimators whose n_iter_no_change alone turns early stopping on.
N_ITER_STOPPERS = frozenset({"GradientBoostingClassifier", "GradientBoostingRegressor"})
# Estimators that take an outside validation set instead of carving one.
X_VAL_TAKERS = frozenset({"HistGradientBoostingClassifier",
                          "HistGradientBoostingRegressor"})  # fmt: skip

SKORCH_SPLITS = frozenset({"ValidSplit", "CVSplit", "ResampledValidSplit"})

CONCAT_FUNCTIONS = frozenset({
    "concat", "concatenate", "vstack", "hstack", "row_stack", "column_stack",
    "stack", "append", "concatenate_datasets", "interleave_datasets", "cat",
    "r_", "union_all",
})  # fmt: skip

# Functions of these libraries keep the rows they are given (or glue them).
DATA_LIBRARIES = frozenset({
    "numpy", "pandas", "scipy", "torch", "datasets", "polars", "tensorflow",
    "catboost", "lightgbm", "xgboost", "skorch", "copy", "sklearn.utils",
    "sklearn.datasets", "imbsafe.datasets",
})  # fmt: skip

# Over- and under-sampling libraries besides imbalanced-learn: what their
# objects' methods return are resampled rows (smote_variants' ``sample``,
# the adasyn package's ``fit_transform``, crucio's ``balance``).
SAMPLER_LIBRARIES = frozenset({
    "smote_variants", "adasyn", "crucio", "kmeans_smote", "gsmote",
    "imbalanced_ensemble", "multi_imbalance", "smogn", "imblearn_extra",
})  # fmt: skip
SAMPLER_METHODS = frozenset({
    "sample", "fit_transform", "fit_resample", "fit_sample", "resample",
    "balance", "oversample", "undersample", "smoter",
})  # fmt: skip

FOLLOWED_BUILTINS = frozenset({
    "list", "tuple", "zip", "enumerate", "sorted", "reversed", "iter", "next",
    "map", "filter", "set",
})  # fmt: skip


def constant(node: ast.AST | None, default: Any = None) -> Any:
    """Return the literal value of ``node`` (``True``, ``0.2``), else ``default``."""
    if isinstance(node, ast.Constant):
        return node.value
    if (
        isinstance(node, ast.UnaryOp)
        and isinstance(node.op, ast.USub)
        and isinstance(node.operand, ast.Constant)
        and isinstance(node.operand.value, int | float)
    ):
        return -node.operand.value
    return default


_MISSING = object()


def _truthy_flag(kw: dict, name: str) -> bool:
    node = kw.get(name, _MISSING)
    if node is _MISSING:
        return False
    value = constant(node, _MISSING)
    if value is _MISSING:
        return False  # a variable: cannot tell, say nothing
    return bool(value) and value != "auto"


def is_trainer(last: str) -> bool:
    """Hugging Face trainers: ``Trainer``, ``Seq2SeqTrainer``, ``SFTTrainer``."""
    return last.endswith("Trainer")


def construct(
    last: str, qual: str, args: list, kwnodes: dict, kwvalues: dict
) -> Value | None:
    """Return the object a class call makes, when the checker models it.

    ``args``/``kwvalues`` are the evaluated arguments, ``kwnodes`` the
    keyword arguments' nodes (for their literal values).
    """
    if qual.split(".")[0] in SAMPLER_LIBRARIES:
        return Value(obj=Sampler(last))
    stopper = _stopper(last, qual, kwnodes)
    if stopper is not None:
        return Value(obj=Stopper(stopper))
    if last in SPLITTERS:
        return Value(obj=Splitter(last))
    if last in SEARCHES:
        return Value(obj=Estimator(last, search=True))
    if last in PREPROCESSORS:
        return Value(obj=Preproc(last))
    if last in SKORCH_SPLITS:
        return Value(obj=SkorchSplit(splits=True))
    if last == "predefined_split":
        rows = args[0].taints if args else frozenset()
        return Value(obj=SkorchSplit(splits=False, rows=rows))
    if last.startswith("NeuralNet") and ("skorch" in qual or qual == last):
        return Value(obj=_skorch_net(last, kwnodes, kwvalues))
    if last in COMPOSERS:
        return _composed(last, args, kwvalues)
    validates = None
    if _truthy_flag(kwnodes, "early_stopping"):
        validates = "early_stopping=True"
    elif last in N_ITER_STOPPERS and constant(kwnodes.get("n_iter_no_change")) not in (
        None,
        0,
    ):
        validates = "n_iter_no_change"
    elif _truthy_flag(kwnodes, "oob_score"):
        validates = "oob_score=True"
    if validates is not None:
        return Value(obj=Estimator(last, validates=validates,
                                   takes_x_val=last in X_VAL_TAKERS))  # fmt: skip
    if last[:1].isupper():
        return Value(obj=Instance(last, stops=_stops(last, kwnodes, kwvalues)))
    return None


def _stopper(last: str, qual: str, kwnodes: dict) -> str | None:
    """Callbacks that keep the iteration best on the evaluation set."""
    if last == "EarlyStopping":
        return "an EarlyStopping callback"
    if last == "ModelCheckpoint" and constant(kwnodes.get("save_best_only")) is True:
        return "ModelCheckpoint(save_best_only=True)"
    if last == "early_stopping" and qual.startswith(("lightgbm", "xgboost")):
        return f"{qual.split('.')[0]}.early_stopping"
    return None


def _stops(last: str, kwnodes: dict, kwvalues: dict) -> str:
    """How a model made with these arguments stops early on its eval set."""
    if last.startswith("CatBoost") and constant(kwnodes.get("use_best_model"), 1):
        return "CatBoost's use_best_model, on by default with an eval_set"
    if constant(kwnodes.get("load_best_model_at_end")) is True:
        return "load_best_model_at_end=True"
    rounds = kwnodes.get("early_stopping_rounds")
    if rounds is not None and constant(rounds, 1) not in (None, 0):
        return "early_stopping_rounds"
    callbacks = kwvalues.get("callbacks")
    for item in (callbacks.items or ()) if callbacks is not None else ():
        if isinstance(item.obj, Stopper):
            return item.obj.what
    return ""


def _skorch_net(last: str, kwnodes: dict, kwvalues: dict) -> Estimator:
    if "train_split" not in kwnodes:
        return Estimator(last, validates="the default train_split, ValidSplit(5)")
    split = kwvalues["train_split"].obj
    if isinstance(split, SkorchSplit):
        if split.splits:
            return Estimator(last, validates="train_split=ValidSplit(...)")
        return Estimator(last, valid_rows=split.rows)
    return Estimator(last)  # None, or a split the checker does not know


def _composed(last: str, args: list, kwvalues: dict) -> Value:
    """Type a pipeline: a preprocessor if all its steps are, else its last step."""
    steps: list[Any] = []
    for value in [*args, *kwvalues.values()]:
        steps.extend(_step_objects(value))
    if steps and all(isinstance(s, Preproc) for s in steps):
        return Value(obj=Preproc(steps[0].cls))
    if steps and isinstance(steps[-1], Estimator) and steps[-1].validates:
        return Value(obj=steps[-1])
    return Value(obj=Instance(last))


def _step_objects(value: Value) -> list:
    if value.obj is not None:
        return [value.obj]
    found: list = []
    for item in value.items or ():
        found.extend(_step_objects(item))
    return found
