"""ResampledDataModule: split first, resample the train part only."""

from __future__ import annotations

from numbers import Integral, Real
from typing import Any

import numpy as np
import torch
from lightning.pytorch import LightningDataModule
from sklearn.base import clone
from sklearn.model_selection import train_test_split
from torch.utils.data import DataLoader, Dataset, DistributedSampler, Subset

from .._fit._weights import class_weights
from .._resample._sampling import (
    CREATES_ROWS,
    fit_resample,
    is_passthrough,
    is_sampler,
    pick_rows,
    sampler_kind,
)
from .._utils._random import fresh_seed, int_seed
from ..exceptions import SamplerNotIndexableError
from ._data import TrainPart, features, numeric_labels, rows_dataset
from ._samplers import BalancedShares, Batches, EvenBatches

_WHERE = "the train part"


class ResampledDataModule(LightningDataModule):
    """A ``LightningDataModule`` that splits first and resamples only the train part.

    ``setup()`` splits the rows once, stratified, into a train and a valid
    part; the sampler is fitted on the train part alone. ``RandomOverSampler``
    and ``RandomUnderSampler`` pick rows by index (nothing is copied); a
    sampler that creates rows (SMOTE) adds them to the train part only. The
    valid loader serves the untouched original rows, at the data's own class
    balance, so the metrics logged on it are those of the data.

    Under DDP every process makes the same split (a ``random_state`` of None
    is drawn once and shared), the train loader gives each process a disjoint
    share of each epoch and the valid loader each valid row to exactly one
    process. Both loaders carry their own ``DistributedSampler``, which
    Lightning's default ``use_distributed_sampler=True`` keeps as it is.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Numeric features (a DataFrame works); served as float32 tensors.
    y : array-like of shape (n_samples,)
        Integer class labels; served as int64 tensors.
    sampler : imbalanced-learn sampler or None, default=None
        Fitted (as a clone) on the train part only. A sampler with
        ``random_state=None`` gets the module's seed, so that every process
        resamples alike.
    val_fraction : float, default=0.2
        Share of the rows in the valid part, in (0, 1).
    batch_size : int, default=64
    balanced_batches : bool, default=False
        Draw class-balanced batches from the train part each epoch, by index:
        the classes take turns, so every batch holds each class within one
        row; an epoch has as many rows as the train part; a minority row
        repeats only once its whole class has been drawn.
    random_state : int, RandomState or None, default=None
        Seed of the split, the sampler and the batches.

    Attributes
    ----------
    train_part_ : torch.utils.data.Subset
        The train part as the train loader serves it (after resampling).
    valid_part_ : torch.utils.data.Subset
        The valid part, untouched.
    train_rows_, valid_rows_ : numpy.ndarray
        Rows of the data in each part (the train part's before resampling).
    train_labels_ : numpy.ndarray
        Labels of the train part as it is served (after resampling).
    seed_ : int
        The seed used (drawn once when ``random_state`` is None).

    Examples
    --------
    >>> import numpy as np
    >>> from imblearn.over_sampling import RandomOverSampler
    >>> from imbsafe.lightning import ResampledDataModule
    >>> X = np.random.default_rng(0).normal(size=(100, 3))
    >>> y = np.r_[np.zeros(90, int), np.ones(10, int)]
    >>> dm = ResampledDataModule(X, y, sampler=RandomOverSampler(), random_state=0)
    >>> dm.setup("fit")
    >>> np.bincount(dm.train_labels_), np.bincount(y[dm.valid_rows_])
    (array([72, 72]), array([18,  2]))
    """

    def __init__(
        self,
        X: Any,
        y: Any,
        *,
        sampler: Any = None,
        val_fraction: float = 0.2,
        batch_size: int = 64,
        balanced_batches: bool = False,
        random_state: Any = None,
    ) -> None:
        super().__init__()
        self.X = X
        self.y = y
        self.sampler = sampler
        self.val_fraction = val_fraction
        self.batch_size = batch_size
        self.balanced_batches = balanced_batches
        self.random_state = random_state
        self.train_part_ = None

    @classmethod
    def from_dataset(
        cls, dataset: Dataset, labels: Any, **kwargs: Any
    ) -> ResampledDataModule:
        """Build the module on a torch ``Dataset`` and its rows' labels.

        For data that is not one array (images, text, dicts). The sampler
        must pick rows by their labels (``RandomOverSampler``,
        ``RandomUnderSampler``) unless the dataset is a ``TensorDataset``
        whose first tensor holds the features.

        Parameters
        ----------
        dataset : torch.utils.data.Dataset
            Map-style: ``len(dataset)`` rows, ``dataset[i]`` one row.
        labels : array-like of shape (len(dataset),)
            Integer class label of each row.
        **kwargs
            The keyword arguments of :class:`ResampledDataModule`.

        Returns
        -------
        module : ResampledDataModule
        """
        if not isinstance(dataset, Dataset) or not hasattr(dataset, "__len__"):
            raise TypeError(
                "ResampledDataModule.from_dataset needs a map-style torch Dataset "
                f"(with __len__ and __getitem__), got {type(dataset).__name__}; for "
                "arrays use ResampledDataModule(X, y)."
            )
        return cls(dataset, labels, **kwargs)

    def setup(self, stage: str | None = None) -> None:
        """Split and resample, once: later stages reuse the same parts.

        Parameters
        ----------
        stage : str or None, default=None
            The Trainer's stage ("fit", "validate", ...); every stage gets
            the parts of the first call.
        """
        if self.train_part_ is not None:
            return
        self._check_params()
        y = numeric_labels(self.y)
        if isinstance(self.X, Dataset):
            base = self.X
            if len(base) != y.shape[0]:
                raise ValueError(
                    f"the dataset has {len(base)} rows and labels {y.shape[0]}; "
                    "pass one label per row."
                )
        else:
            base = rows_dataset(self.X, y)
        seed = self._shared_seed()
        try:
            train, valid = train_test_split(
                np.arange(y.shape[0]),
                test_size=self.val_fraction,
                stratify=y,
                random_state=seed,
            )
        except ValueError as e:
            raise ValueError(
                f"ResampledDataModule cannot split {np.bincount(y).tolist()} rows "
                f"per class with val_fraction={self.val_fraction}: {e}"
            ) from None
        self.seed_, self.train_rows_, self.valid_rows_ = seed, train, valid
        self.train_part_, self.train_labels_ = self._resampled(base, y, train, seed)
        self.valid_part_ = Subset(base, valid)

    def train_dataloader(self) -> DataLoader:
        """Return the train part's loader: shuffled or balanced, a share per process."""
        self.setup()
        num_replicas, rank = self._world()
        part = self.train_part_
        if self.balanced_batches:
            _, codes = np.unique(self.train_labels_, return_inverse=True)
            sampler = BalancedShares(
                part, codes, num_replicas=num_replicas, rank=rank, seed=self.seed_
            )
        else:
            sampler = DistributedSampler(
                part, num_replicas=num_replicas, rank=rank, seed=self.seed_
            )
        return DataLoader(part, batch_size=self.batch_size, sampler=sampler)

    def val_dataloader(self) -> DataLoader:
        """Return the valid part's loader: untouched, each row to one process."""
        self.setup()
        num_replicas, rank = self._world()
        if num_replicas == 1:
            return DataLoader(self.valid_part_, batch_size=self.batch_size)
        sampler = EvenBatches(
            self.valid_part_,
            batch_size=self.batch_size,
            num_replicas=num_replicas,
            rank=rank,
        )
        return DataLoader(Batches(self.valid_part_), batch_size=None, sampler=sampler)

    def class_weights(
        self,
        scheme: str = "balanced",
        *,
        normalize: str | None = None,
        beta: float = 0.999,
    ) -> torch.Tensor:
        """Per-class weights of the train part's labels, for the loss.

        :func:`imbsafe.class_weights` on the labels the train loader serves
        (after resampling: a balancing sampler leaves weights near 1), never
        the valid part's. Classes in the order of ``np.unique``.

        Parameters
        ----------
        scheme : {"balanced", "inverse", "sqrt_inverse", "effective"}, \
default="balanced"
        normalize : {None, "mean", "sum"}, default=None
        beta : float, default=0.999

        Returns
        -------
        weights : torch.Tensor of dtype float32
            E.g. ``torch.nn.CrossEntropyLoss(weight=weights)``.
        """
        self.setup()
        weights = class_weights(
            self.train_labels_, scheme=scheme, normalize=normalize, beta=beta
        )
        return torch.as_tensor(weights, dtype=torch.float32)

    def _check_params(self) -> None:
        fraction = self.val_fraction
        if isinstance(fraction, bool) or not (
            isinstance(fraction, Real) and 0 < fraction < 1
        ):
            raise ValueError(
                f"ResampledDataModule(val_fraction={fraction!r}) must be a number "
                "between 0 and 1 (the share of rows in the valid part)."
            )
        size = self.batch_size
        if isinstance(size, bool) or not isinstance(size, Integral) or size < 1:
            raise ValueError(
                f"ResampledDataModule(batch_size={size!r}) must be a positive int."
            )
        if not isinstance(self.balanced_batches, bool):
            raise ValueError(
                f"ResampledDataModule(balanced_batches={self.balanced_batches!r}) "
                "must be True or False."
            )
        if not (is_passthrough(self.sampler) or is_sampler(self.sampler)):
            raise TypeError(
                "ResampledDataModule(sampler=...) takes an imbalanced-learn sampler "
                f"or None, got {type(self.sampler).__name__}."
            )

    def _world(self) -> tuple[int, int]:
        trainer = self.trainer
        if trainer is not None:
            return trainer.world_size, trainer.global_rank
        dist = torch.distributed
        if dist.is_available() and dist.is_initialized():
            return dist.get_world_size(), dist.get_rank()
        return 1, 0

    def _shared_seed(self) -> int:
        seed = int_seed(self.random_state)
        if seed is not None:
            return seed
        seed = fresh_seed()
        trainer = self.trainer
        if trainer is not None and trainer.world_size > 1:
            # every process must split alike: rank 0's draw for all
            seed = trainer.strategy.broadcast(seed, src=0)
        return seed

    def _resampled(
        self, base: Dataset, y: np.ndarray, train: np.ndarray, seed: int
    ) -> tuple[TrainPart, np.ndarray]:
        """Return the train part after the sampler, and its labels."""
        if is_passthrough(self.sampler):
            return TrainPart(base, train, None), y[train]
        sampler = clone(self.sampler)
        if sampler.get_params().get("random_state", 0) is None:
            sampler.set_params(random_state=seed)
        before = Subset(base, train)
        y_train = y[train]
        if sampler_kind(sampler) != CREATES_ROWS:
            try:
                picked = pick_rows(
                    sampler,
                    y_train,
                    features=lambda: features(before, "ResampledDataModule"),
                    where=_WHERE,
                )
            except SamplerNotIndexableError:
                pass  # an unknown sampler that creates rows after all
            else:
                return TrainPart(base, train[picked], before), y_train[picked]
        X_train = features(before, f"{type(sampler).__name__}, which creates rows,")
        _, X_res, y_res = fit_resample(sampler, X_train, y_train, where=_WHERE)
        created = rows_dataset(np.asarray(X_res), numeric_labels(y_res))
        return TrainPart(created, np.arange(len(created)), before), y_res
