"""Class-balanced epochs by index, shareable between processes.

One epoch is a sequence of row positions whose classes take turns (class a,
class b, class a, ...), so that any run of consecutive positions — a batch,
or one process's share of the epoch — holds each class within one row of the
others. Within a class, rows follow a fresh permutation of that class, again
and again as the epoch needs: a minority row repeats only after all its class
has been drawn, and a majority row never repeats when its class has rows to
spare. The sequence depends on (seed, epoch) alone, so every process computes
the same one and takes its own contiguous share of it. No rows are copied.
Torch-free: the Lightning sampler wraps it.
"""

from __future__ import annotations

import numpy as np

__all__ = ["balanced_epoch", "share"]


def balanced_epoch(codes: np.ndarray, length: int, seed: int, epoch: int) -> np.ndarray:
    """Return ``length`` positions into ``codes`` with the classes taking turns.

    ``codes`` are class codes 0..K-1, one per row (every class present).
    Each class's rows come from its own stream, seeded by (seed, epoch,
    class): a longer epoch of the same (seed, epoch) starts with the shorter.
    """
    k = int(codes.max()) + 1
    first = int(np.random.default_rng([seed, epoch]).integers(k))
    slot_class = (first + np.arange(length)) % k
    order = np.empty(length, dtype=np.int64)
    for c in range(k):
        rows = np.flatnonzero(codes == c)
        slots = np.flatnonzero(slot_class == c)
        rng = np.random.default_rng([seed, epoch, c])
        rounds = -(-slots.shape[0] // rows.shape[0])  # ceil
        stream = np.concatenate([rng.permutation(rows) for _ in range(rounds)])
        order[slots] = stream[: slots.shape[0]]
    return order


def share(n: int, num_replicas: int, rank: int) -> tuple[int, int]:
    """Return (start, stop) of ``rank``'s contiguous share of an epoch of ``n``.

    Every share has ceil(n / num_replicas) positions, as in torch's
    ``DistributedSampler``: the epoch is extended (by its own sequence, not
    by wrapping around) to that many times ``num_replicas``.
    """
    size = -(-n // num_replicas)
    return rank * size, (rank + 1) * size
