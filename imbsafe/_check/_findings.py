"""A finding, and the three ways the checker writes them: text, JSON, SARIF 2.1.0."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

__all__ = ["KINDS", "WARNINGS", "Finding", "sarif", "to_json"]

# kind -> SARIF level and rule description
KINDS = {
    "leak": (
        "error",
        "Resampled rows reach a split, cross-validation, search or evaluation set",
    ),
    "preprocessing": (
        "warning",
        "A preprocessing step is fitted on rows that are split afterwards",
    ),
    "selection": (
        "warning",
        "A test part chose the model, its iterations or a threshold, then scored it",
    ),
}
# kinds that are warnings: exit 0 unless ``--fail-on`` names them
WARNINGS = ("preprocessing", "selection")


@dataclass(frozen=True)
class Finding:
    """One place where resampled (or preprocessed) rows reach a split or a score.

    Attributes
    ----------
    path : str
        The file, as given.
    line : int
        The first line of the statement where the rows reach the sink. In a
        notebook, lines count the code cells' lines one after the other
        from 1; ``cell`` and ``cell_line`` give the place in the notebook.
    kind : {"leak", "preprocessing", "selection"}
        ``"leak"``: resampled rows reach a split, a cross-validation or
        search, an estimator's own validation or an evaluation set.
        ``"preprocessing"``: a scaler, imputer, encoder, selector or
        projection was fitted on rows that are split afterwards.
        ``"selection"``: a test part chose the model's iterations (early
        stopping, the best checkpoint) or a threshold or hyper-parameter
        (the best score in a loop), then that test part was scored.
    message : str
        What happened: which rows, resampled or fitted where, reach which call.
    fix : str
        The rewrite in imbsafe's terms.
    sink : str
        The call the rows reach (``train_test_split``, ``grid.fit``).
    origins : tuple of int
        The lines where the rows were resampled (or the step fitted).
    cell, cell_line : int or None
        In a notebook, the code cell (from 1) and the line in it (from 1).
    """

    path: str
    line: int
    kind: str
    message: str
    fix: str
    sink: str = ""
    origins: tuple = ()
    cell: int | None = None
    cell_line: int | None = None

    def __str__(self) -> str:
        place = f"(cell {self.cell}, line {self.cell_line}) " if self.cell else ""
        from ._notices import printable  # a newline in a path stays escaped

        head = f"{printable(self.path)}:{self.line}: {self.kind}: {place}{self.message}"
        return f"{head}\n    fix: {self.fix}"

    def to_dict(self) -> dict:
        """Return the finding as plain JSON types."""
        out = asdict(self)
        out["origins"] = list(self.origins)
        return out


def to_json(findings: list, files: int, errors: list) -> dict:
    """Build the ``--json`` document: findings, files read, errors."""
    return {
        "files_checked": files,
        "findings": [f.to_dict() for f in findings],
        "errors": list(errors),
        "summary": {kind: sum(f.kind == kind for f in findings) for kind in KINDS},
    }


def sarif(findings: list, version: str) -> dict:
    """Build a SARIF 2.1.0 log for GitHub code scanning: one rule per kind."""
    rules = [
        {
            "id": f"imbsafe/{kind}",
            "name": kind.capitalize(),
            "shortDescription": {"text": text},
            "defaultConfiguration": {"level": level},
            "helpUri": "https://imbsafe.readthedocs.io/en/latest/check.html",
        }
        for kind, (level, text) in KINDS.items()
    ]
    results: list[dict[str, Any]] = []
    for f in findings:
        region: dict[str, Any] = {"startLine": f.line}
        result: dict[str, Any] = {
            "ruleId": f"imbsafe/{f.kind}",
            "level": KINDS[f.kind][0],
            "message": {"text": f"{f.message}. Fix: {f.fix}"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(f.path)},
                        "region": region,
                    }
                }
            ],
        }
        if f.cell is not None:
            result["properties"] = {"cell": f.cell, "cellLine": f.cell_line}
        results.append(result)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "imbsafe check",
                        "version": version,
                        "informationUri": "https://github.com/imbsafe/imbsafe",
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }


def _uri(path: str) -> str:
    """Write ``path`` as code scanning expects: relative, with forward slashes.

    An absolute path under the working folder (the repository's checkout in
    CI) is made relative to it; one outside stays absolute, as a file URI.
    """
    if os.path.isabs(path):
        relative = os.path.relpath(path)
        if relative.startswith(".."):
            return Path(path).as_uri()
        path = relative
    uri = path.replace("\\", "/")
    while uri.startswith("./"):
        uri = uri[2:]
    return uri
