"""``imbsafe check``: find resampled rows that reach a split, in code, before it runs.

Reads Python scripts and Jupyter notebooks without running them and follows
the data from where rows are resampled (a sampler's ``fit_resample``,
``sklearn.utils.resample`` glued back with ``pd.concat``, ``df.sample(
replace=True)``, a repeated minority, ``imbsafe.hf.resample_dataset``) to
where they must not go: a split, a cross-validation or search, an
estimator's own validation, an evaluation set. Then, with the same engine,
preprocessing fitted on rows that are split afterwards.

Modules: reading files (``_read``), notebooks (``_notebook``, and
``_ipython`` for IPython syntax), parsing with skipped cells and statements
(``_parse``), what was skipped (``_notices``), the abstract values
(``_values``), the names of sources and objects (``_sources``), the sinks
and their wording (``_sinks``), the engine (``_engine`` for statements,
``_expr`` for expressions, ``_calls`` for calls, ``_handmade`` for
resampling by hand, ``_objects`` for the file's classes, ``_selection``
for the test part that chose the model), the files checked together
(``_project``, ``_run``), findings and report formats (``_findings``).
"""

from __future__ import annotations

import os
import sys

from ._engine import Flow
from ._findings import Finding
from ._notices import CheckNotice, Notice, warn
from ._parse import parse
from ._project import Project
from ._read import CheckInputError, Source, files_under, read_text
from ._run import check_files, same_file_key, unique_files
from ._sinks import describe

__all__ = [
    "CheckInputError",
    "CheckNotice",
    "Finding",
    "Notice",
    "check_file",
    "check_path",
    "check_source",
    "files_under",
    "same_file_key",
]

_RECURSION_LIMIT = 20_000


def check_source(text: str, path: str = "<string>") -> list[Finding]:
    """Check Python code (or a notebook's JSON) for resampling before a split.

    Parameters
    ----------
    text : str
        The code of a script, or the JSON text of a ``.ipynb`` notebook.
    path : str, default="<string>"
        The name findings carry; a name ending in ``.ipynb`` reads ``text``
        as a notebook.

    Returns
    -------
    list of Finding
        Sorted by line, then kind. Empty when no resampled (or
        preprocessed) rows could be followed to a split or a score; values
        from calls the checker cannot see are not followed.

    Raises
    ------
    CheckInputError
        A ``ValueError``: nothing in the text parses (one line naming the
        place).

    Warns
    -----
    ~imbsafe.CheckNotice
        A ``UserWarning`` for each part skipped: a notebook cell or a
        statement that does not parse, a notebook whose kernel is not
        Python.

    Examples
    --------
    >>> from imbsafe import check_source
    >>> code = '''
    ... from imblearn.over_sampling import SMOTE
    ... from sklearn.model_selection import train_test_split
    ... X_res, y_res = SMOTE().fit_resample(X, y)
    ... X_tr, X_te, y_tr, y_te = train_test_split(X_res, y_res)
    ... '''
    >>> [(f.line, f.kind) for f in check_source(code)]
    [(5, 'leak')]
    """
    source = read_text(text, path)
    findings = _check(source, Project())
    warn(source.notices)
    return findings


def check_path(path: str | os.PathLike) -> list[Finding]:
    """Check a ``.py`` file, a ``.ipynb`` notebook, or every such file under a folder.

    The files of a folder are checked together: a table one writes (by a
    literal path) and another reads, and functions imported from a sibling
    module, are followed from one file to the other.

    Parameters
    ----------
    path : str or path-like
        A file, or a folder (searched recursively; hidden folders skipped).

    Returns
    -------
    list of Finding
        The findings of every file, in file order, then by line.

    Raises
    ------
    CheckInputError
        A ``ValueError``: a file cannot be read or nothing in it parses,
        ``path`` does not exist or is not a regular file or folder (one line
        naming the file).

    Warns
    -----
    ~imbsafe.CheckNotice
        A ``UserWarning`` for each part skipped: a cell or statement that
        does not parse, a notebook whose kernel is not Python, a FIFO,
        socket or device inside the folder.
    """
    notices: list[Notice] = []
    try:
        names = unique_files(files_under(path, notices))
        found, errors, skipped = check_files(names, _check)
        notices.extend(skipped)
    finally:
        warn(notices)
    if errors:
        raise errors[0]
    return found


def check_file(name: str) -> tuple[list[Finding], list[Notice]]:
    """Check one file alone; return its findings and what was skipped in it."""
    found, errors, notices = check_files([name], _check)
    if errors:
        raise errors[0]
    return found, notices


def _check(source: Source, project: Project | None = None) -> list[Finding]:
    tree = parse(source)
    limit = sys.getrecursionlimit()
    # the engine walks expressions recursively, a few frames per level
    sys.setrecursionlimit(max(limit, _RECURSION_LIMIT))
    try:
        raw = Flow(project, source.path, source.where).run(tree)
    except RecursionError as e:
        raise CheckInputError(
            f"{source.path}: an expression nested too deeply for the checker"
        ) from e
    finally:
        sys.setrecursionlimit(limit)
    findings = []
    for (line, kind), item in sorted(raw.items(), key=lambda kv: kv[0]):
        message, fix = describe(
            kind, item.sink, item.taints, source.where, item.detail, source.path
        )
        cell = source.cell_of(line)
        findings.append(
            Finding(
                path=source.path,
                line=line,
                kind=kind,
                message=message,
                fix=fix,
                sink=item.sink.name,
                origins=tuple(sorted({t.line for t in item.taints if not t.file})),
                cell=cell[0] if cell else None,
                cell_line=cell[1] if cell else None,
            )
        )
    return findings
