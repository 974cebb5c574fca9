"""``imbsafe compare``: naive against safe resampling on one data set."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from .._utils._names import SAMPLER_NAMES
from ._command import Fitting, run_fitting
from ._errors import CliError
from ._models import MODELS, add_run_options, mlp_module
from ._progress import FoldProgress

if TYPE_CHECKING:
    import numpy as np

    from .._protocols._comparison import ComparisonResult

# The library (numpy, scikit-learn, imbalanced-learn) is imported inside the
# functions that run a command, so that building the parser and --help stay
# fast and Ctrl-C during start-up meets the command line's own handler.

__all__ = ["METRICS", "MODELS", "SAMPLERS", "add_parser", "run"]

METRICS = ("f1", "precision", "recall", "roc_auc", "average_precision")
SAMPLERS = (*SAMPLER_NAMES, "none")


def add_parser(commands: Any, whole_number: Any, positive: Any) -> None:
    """Add ``compare`` and its options to the subcommand parsers."""
    compare = commands.add_parser(
        "compare",
        help="naive (resample, then split) vs safe (split, then resample) scores",
        description=(
            "Cross-validate a model twice on the same folds: resampling the whole "
            "data set before splitting (naive) and resampling only each training "
            "fold (safe). Without --data, runs on an embedded data set."
        ),
    )
    add_run_options(
        compare,
        whole_number,
        report="also write a self-contained HTML report with per-fold curves",
    )
    compare.add_argument("--sampler", choices=SAMPLERS, default="ros")
    compare.add_argument(
        "--k-neighbors",
        type=positive,
        default=5,
        metavar="K",
        help="neighbours of --sampler smote / adasyn (default 5)",
    )
    compare.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run ``imbsafe compare``; return its exit status."""
    return run_fitting(args, COMPARE)


def _intro(args: argparse.Namespace, loaded: Any) -> str:
    return (
        f"imbsafe compare: {loaded.source}, {len(loaded.y)} rows, positive class "
        f"{loaded.positive!r} ({loaded.rate:.1%}); {args.sampler} + {args.model}, "
        f"{args.cv} folds ..."
    )


def _folds(args: argparse.Namespace) -> Any:
    from sklearn.model_selection import StratifiedKFold

    from .._protocols._folds import seeded

    return seeded(StratifiedKFold(args.cv, shuffle=True, random_state=args.seed))


def _check(args: argparse.Namespace, loaded: Any) -> None:
    _check_neighbours(args, loaded.y, _folds(args))


def _run(args: argparse.Namespace, loaded: Any, choice: Any) -> ComparisonResult:
    from .._protocols._compare import run_protocols, scoring_dict
    from .._resample._sampling import named_sampler

    sampler = named_sampler(args.sampler, args.seed, args.k_neighbors)
    return run_protocols(
        choice.estimator,
        sampler,
        choice.data,
        loaded.y,
        _folds(args),
        scoring_dict(METRICS),
        args.n_jobs,
        on_progress=FoldProgress(args.json),
        safe_estimator=_safe_model(args.model, sampler, args.seed, choice.head),
    )


def _payload(args: argparse.Namespace, result: ComparisonResult) -> dict:
    summary = result.to_dict()
    payload = {"metrics": summary["metrics"]}
    if "logged" in summary:
        payload["logged_valid_f1"] = logged_gap(result, summary)
    return payload


def _render(result: ComparisonResult, info: Any, args: argparse.Namespace) -> str:
    from ._report import render

    return render(result, info)


COMPARE = Fitting(
    intro=_intro,
    creates_rows=lambda args: args.sampler in ("smote", "adasyn"),
    run=_run,
    payload=_payload,
    render=_render,
    table=lambda result, payload, info, args: table(payload),
    sampler=lambda args: args.sampler,
    check=_check,
)


def logged_gap(result: ComparisonResult, summary: dict) -> dict[str, Any]:
    """Compare skorch's logged valid F1 with the untouched test folds' F1."""
    untouched = summary["metrics"]["f1"]["safe"]["mean"]
    return {
        "untouched_test_f1": untouched,
        **{
            protocol: {"logged": logged["f1"], "gap": logged["f1"] - untouched}
            for protocol, logged in summary["logged"].items()
            if "f1" in logged
        },
    }


def _check_neighbours(args: argparse.Namespace, y: np.ndarray, cv: Any) -> None:
    """Before any fit: every training fold must hold enough positives.

    SMOTE and ADASYN need ``--k-neighbors`` + 1 rows of the class they grow
    (the sampler's own rule), in the whole data (naive protocol) and in each
    training fold (safe).
    """
    import numpy as np

    from .._resample._sampling import named_sampler, required_rows

    needed = required_rows(named_sampler(args.sampler, k_neighbors=args.k_neighbors))
    if needed is None:
        return
    fewest = min(int(y[train].sum()) for train, _ in cv.split(np.zeros(len(y)), y))
    if fewest < needed:
        lower = f"pass --k-neighbors {fewest - 1} or less, or " if fewest > 1 else ""
        raise CliError(
            f"the positive class has {fewest} row(s) in the smallest training fold; "
            f"--sampler {args.sampler} with --k-neighbors {args.k_neighbors} needs "
            f"at least {needed}: {lower}use --sampler ros"
        )


def _safe_model(name: str, sampler: Any, seed: int, head: Any) -> Any:
    """Return the safe protocol's model (None: ResampledClassifier(model, sampler)).

    A skorch net must not get resampled data, because its own train/valid
    split would then validate on resampled rows; it resamples inside its
    split instead.
    """
    if name != "mlp":
        return None
    from ..skorch import ResampledValidSplit

    split = ResampledValidSplit(5, sampler)
    return mlp_module().make_mlp(seed, train_split=split, head=head)


def table(payload: dict) -> str:
    """Format the naive/safe table people read, with what it means."""
    lines = [
        f"{payload['data']}: {payload['n_rows']} rows, positive class "
        f"{payload['positive_class']!r} ({payload['prevalence']:.1%}), sampler "
        f"{payload['sampler']}, model {payload['model']}, {payload['cv']}-fold CV, "
        f"seed {payload['seed']}",
        "",
        f"{'metric':<20}{'naive (resample, split)':>26}{'safe (split, resample)':>26}"
        f"{'inflation':>11}",
    ]
    for metric, row in payload["metrics"].items():
        naive, safe = row["naive"], row["safe"]
        lines.append(
            f"{metric:<20}"
            f"{naive['mean']:>18.3f} ± {naive['std']:<5.3f}"
            f"{safe['mean']:>18.3f} ± {safe['std']:<5.3f}"
            f"{row['inflation']:>+11.3f}"
        )
    f1 = payload["metrics"]["f1"]
    from ._report import meaning

    lines += ["", meaning(payload["sampler"], f1)]
    gap = payload.get("logged_valid_f1")
    if gap is not None:
        lines += [
            "",
            "skorch's logged valid F1 (last epoch, mean over folds) against F1 on "
            f"the untouched test folds ({gap['untouched_test_f1']:.3f}):",
        ]
        names = {
            "naive": "naive: net's own ValidSplit on resampled data",
            "safe": "safe: ResampledValidSplit",
        }
        for protocol, name in names.items():
            if protocol in gap:
                row = gap[protocol]
                lines.append(
                    f"  {name:<48} logged {row['logged']:.3f}   gap {row['gap']:+.3f}"
                )
    return "\n".join(lines)
