"""The loaders' samplers: each process its own share, never replaced.

Both subclass torch's ``DistributedSampler``, so that Lightning's default
``use_distributed_sampler=True`` keeps them (it only swaps in its own sampler
where the loader has none of that kind) and calls their ``set_epoch`` before
each epoch.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from torch.utils.data import Dataset, DistributedSampler

from .._balanced import balanced_epoch, share


class BalancedShares(DistributedSampler):
    """Class-balanced epochs of a train part, one contiguous share per process.

    Each epoch is one sequence of as many rows as the train part has (see
    :mod:`imbsafe._balanced`), seeded by (seed, epoch); process ``rank`` takes
    its contiguous share, so the shares are disjoint, together make the
    one-process epoch, and each batch holds each class within one row.
    """

    def __init__(
        self,
        dataset: Dataset,
        codes: np.ndarray,
        *,
        num_replicas: int,
        rank: int,
        seed: int,
    ) -> None:
        super().__init__(
            dataset, num_replicas=num_replicas, rank=rank, shuffle=True, seed=seed
        )
        self.codes = codes
        self.start, self.stop = share(len(codes), num_replicas, rank)
        self.num_samples = self.stop - self.start
        self.total_size = self.num_samples * num_replicas

    def __iter__(self) -> Iterator[int]:
        order = balanced_epoch(self.codes, self.total_size, self.seed, self.epoch)
        return iter(order[self.start : self.stop].tolist())

    def __len__(self) -> int:
        return self.num_samples


class EvenShares(DistributedSampler):
    """Every row once across the processes: rows ``rank``, ``rank + n``, ...

    Unlike ``DistributedSampler``, which repeats rows so that every process
    gets as many, no row is repeated: metrics synced across processes are
    those of the valid part itself.
    """

    def __init__(self, dataset: Dataset, *, num_replicas: int, rank: int) -> None:
        super().__init__(dataset, num_replicas=num_replicas, rank=rank, shuffle=False)
        self.rows = list(range(rank, len(dataset), num_replicas))
        self.num_samples = len(self.rows)

    def __iter__(self) -> Iterator[int]:
        return iter(self.rows)

    def __len__(self) -> int:
        return self.num_samples
