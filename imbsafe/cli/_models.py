"""The command line's models: ``--model logreg|rf|mlp``."""

from __future__ import annotations

from typing import Any

from ._errors import CliError

__all__ = ["MODELS", "mlp_module", "model"]

MODELS = ("logreg", "rf", "mlp")


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
