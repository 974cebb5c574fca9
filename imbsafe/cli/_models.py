"""What ``compare`` and ``remedies`` share: the models and the run options.

The options choose the data, the model, the folds and the output.
"""

from __future__ import annotations

from typing import Any

from ._errors import CliError

__all__ = ["MODELS", "add_run_options", "mlp_module", "model"]

MODELS = ("logreg", "rf", "mlp")


def add_run_options(parser: Any, whole_number: Any, report: str) -> None:
    """Add --data, --target, --model, --cv, --seed, --report and --json."""
    parser.add_argument("--data", metavar="FILE.csv", help="a CSV file")
    parser.add_argument("--target", metavar="COL", help="the class column of --data")
    parser.add_argument("--model", choices=MODELS, default="logreg")
    parser.add_argument("--cv", type=whole_number, default=5, metavar="N", help="folds")
    parser.add_argument("--seed", type=seed, default=0, metavar="N")
    parser.add_argument("--report", metavar="FILE.html", help=report)
    parser.add_argument("--json", action="store_true", help="JSON only, no progress")


def seed(text: str) -> int:
    """Parse ``--seed``: a whole number numpy accepts as a seed (0 to 2**32 - 1)."""
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 0 <= value < 2**32:
        raise argparse.ArgumentTypeError(
            f"a seed is a whole number from 0 to {2**32 - 1}, got {value}"
        )
    return value


def model(name: str, seed: int, n_features: int = 0) -> Any:
    """Return the unfitted model ``--model name`` stands for."""
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    if name == "logreg":
        return make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
    if name == "mlp":
        return mlp_module().make_mlp(n_features, seed)
    return RandomForestClassifier(n_estimators=200, random_state=seed)


def mlp_module() -> Any:
    """Import the skorch side of the command line, or say what to install."""
    try:
        from . import _mlp
    except ImportError as e:
        raise CliError(
            f"--model mlp needs torch and skorch ({e.name} is missing): "
            "pip install torch==2.13.0 'imbsafe[torch]'"
        ) from e
    return _mlp
