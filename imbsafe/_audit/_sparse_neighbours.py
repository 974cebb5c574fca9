"""Neighbours among sparse rows: the ends of the lines the sparse search tries.

Rows stay where they are (rows of the train and valid parts, never copied
whole); distances are Euclidean on the stored cells, a bounded block of them
at a time. A missing value is read as 0 for distances only (the line tests
read the parts as stored).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from scipy import sparse

from .._utils._rows import SPARSE_BLOCK_CELLS

# Distances computed at once by the neighbour search, in MiB.
_WORKING_MEMORY = 1


def zero_missing(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """Store NaN and inf as 0 (in a copy, made only where there are any)."""
    if np.isfinite(matrix.data).all():
        return matrix
    out = matrix.copy()
    out.data[~np.isfinite(out.data)] = 0.0
    return out


class Ends:
    """Rows of two matrices read as one list: the ends of the lines tried.

    ``in_train`` marks the rows of the first matrix (the train part).
    """

    def __init__(self, matrices: list, rows: list) -> None:
        self.matrices, self.rows = matrices, rows
        self.n = sum(r.shape[0] for r in rows)
        self.in_train = np.arange(self.n) < rows[0].shape[0]

    def stacked(self, which: np.ndarray) -> sparse.csr_matrix:
        """Stack the rows ``which`` (end indices) into one CSR matrix."""
        first = self.rows[0].shape[0]
        blocks = [
            self.matrices[0][self.rows[0][[n]]]
            if n < first
            else self.matrices[1][self.rows[1][[n - first]]]
            for n in which
        ]
        return sparse.csr_matrix(sparse.vstack(blocks, format="csr"))

    def cells(self, which: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Owner (position in ``which``), column and value of the rows' cells."""
        owners, columns, values = [], [], []
        first = self.rows[0].shape[0]
        for at, n in enumerate(which):
            matrix, row = (
                (self.matrices[0], self.rows[0][n])
                if n < first
                else (self.matrices[1], self.rows[1][n - first])
            )
            span = slice(matrix.indptr[row], matrix.indptr[row + 1])
            columns.append(matrix.indices[span])
            values.append(matrix.data[span])
            owners.append(np.full(columns[-1].shape[0], at))
        return np.concatenate(owners), np.concatenate(columns), np.concatenate(values)


def nearest(queries: sparse.csr_matrix, ends: Ends, k: int) -> np.ndarray:
    """Find the ``k`` ends nearest each query (Euclidean), nearest first.

    The ends are read a block of rows at a time (never copied whole); each
    block's distances to every query update the queries' running ``k``
    nearest, so memory stays near ``_WORKING_MEMORY`` MiB.
    """
    n_queries = queries.shape[0]
    squared_queries = _squared_norms(queries)
    flipped = queries.T.tocsr()  # columns x queries: a row-major product below
    best = np.full((n_queries, 0), np.inf)
    best_at = np.zeros((n_queries, 0), dtype=np.intp)
    offset = 0
    for matrix, rows in zip(ends.matrices, ends.rows, strict=True):
        for block in _row_blocks_of(matrix, rows, n_queries):
            part = matrix[block]  # a copy of a few rows, taken once
            dot = (part @ flipped).toarray()
            distance = _squared_norms(part)[:, None] - 2 * dot
            distance += squared_queries[None, :]
            best = np.hstack([best, distance.T])
            best_at = np.hstack(
                [
                    best_at,
                    np.broadcast_to(
                        offset + np.arange(block.shape[0]), (n_queries, block.shape[0])
                    ),
                ]
            )
            offset += block.shape[0]
            if best.shape[1] > k:
                keep = np.argpartition(best, k - 1, axis=1)[:, :k]
                best = np.take_along_axis(best, keep, axis=1)
                best_at = np.take_along_axis(best_at, keep, axis=1)
    order = np.argsort(best, axis=1, kind="stable")
    return np.take_along_axis(best_at, order, axis=1)


def _row_blocks_of(
    matrix: sparse.csr_matrix, rows: np.ndarray, n_queries: int
) -> Iterator[np.ndarray]:
    """Split ``rows`` into blocks whose products with the queries fit in memory.

    A block holds at most ``_WORKING_MEMORY`` MiB of distances to the
    queries and at most a block's worth of stored cells (see ``row_blocks``).
    """
    width = max(1, _WORKING_MEMORY * 2**20 // (8 * max(n_queries, 1)))
    lengths = np.cumsum(np.diff(matrix.indptr)[rows])
    start = 0
    while start < rows.shape[0]:
        before = lengths[start - 1] if start else 0
        by_cells = int(
            np.searchsorted(lengths, before + SPARSE_BLOCK_CELLS, side="right")
        )
        stop = min(max(by_cells, start + 1), start + width, rows.shape[0])
        yield rows[start:stop]
        start = stop


def _squared_norms(rows: sparse.csr_matrix) -> np.ndarray:
    per_cell = np.repeat(np.arange(rows.shape[0]), np.diff(rows.indptr))
    return np.bincount(per_cell, weights=rows.data**2, minlength=rows.shape[0])
