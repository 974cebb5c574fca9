"""The loaders' samplers: each process its own share, never replaced.

Both subclass torch's ``DistributedSampler``, so that Lightning's default
``use_distributed_sampler=True`` keeps them (it only swaps in its own sampler
where the loader has none of that kind) and calls their ``set_epoch`` before
each epoch.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
from torch.utils.data import Dataset, DistributedSampler, default_collate

from .._resample._balanced import balanced_epoch, share


class BalancedShares(DistributedSampler):
    """Class-balanced epochs of a train part, one contiguous share per process.

    Each epoch is one sequence of as many rows as the train part has (see
    :mod:`imbsafe._resample._balanced`), seeded by (seed, epoch); process ``rank`` takes
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


class EvenBatches(DistributedSampler):
    """Each valid row to one process, in as many batches on every process.

    Yields batches (lists of rows) for a loader with ``batch_size=None``
    over :class:`Batches`. Process ``rank`` gets rows ``rank``,
    ``rank + num_replicas``, ...: unlike ``DistributedSampler``, no row is
    repeated, so metrics synced across processes are those of the valid part
    itself. Every process runs the same number of batches (a DDP forward may
    sync buffers, which needs every process), each of at most ``batch_size``
    rows, or one more where the shares differ by a row and that is the only
    way to keep the counts equal.
    """

    def __init__(
        self, dataset: Dataset, *, batch_size: int, num_replicas: int, rank: int
    ) -> None:
        super().__init__(dataset, num_replicas=num_replicas, rank=rank, shuffle=False)
        n = len(dataset)
        if n < num_replicas:
            raise ValueError(
                f"the valid part has {n} rows for {num_replicas} processes: every "
                "process needs one; raise val_fraction or use fewer devices."
            )
        smallest, largest = n // num_replicas, -(-n // num_replicas)
        count = max(1, min(-(-largest // batch_size), smallest))
        rows = np.arange(rank, n, num_replicas)
        self.batches = [b.tolist() for b in np.array_split(rows, count)]
        self.num_samples = len(self.batches)

    def __iter__(self) -> Iterator[list[int]]:
        return iter(self.batches)

    def __len__(self) -> int:
        return self.num_samples


class Batches(Dataset):
    """A dataset read a batch at a time: ``batches[rows]`` collates those rows."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset

    def __getitem__(self, rows: list[int]) -> Any:
        return default_collate([self.dataset[i] for i in rows])

    def __len__(self) -> int:
        return len(self.dataset)
