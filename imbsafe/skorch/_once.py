"""Callbacks that act once per fit, on the parts the net is about to use."""

from __future__ import annotations

from typing import Any

from skorch.callbacks import Callback


class OncePerFit(Callback):
    """Call :meth:`on_first_epoch` at the start of each fit's first epoch.

    skorch shows callbacks the train and valid parts only at the epoch hooks,
    after ``train_split`` has run; what is read from them (the audit, the
    class weights) is read once per fit: ``fit`` starts over, ``partial_fit``
    goes on with what the first fit read.

    Attributes
    ----------
    pending_ : bool
        Whether this fit's first epoch has yet to begin.
    """

    def initialize(self) -> OncePerFit:
        """Arm the callback for the next fit."""
        self.pending_ = True
        return self

    def on_train_begin(self, net: Any, **kwargs: Any) -> None:
        self.pending_ = True

    def on_epoch_begin(
        self,
        net: Any,
        dataset_train: Any = None,
        dataset_valid: Any = None,
        **kwargs: Any,
    ) -> None:
        if not self.pending_ or dataset_train is None:
            return
        self.pending_ = False
        self.on_first_epoch(net, dataset_train, dataset_valid)

    def on_first_epoch(self, net: Any, dataset_train: Any, dataset_valid: Any) -> None:
        """Act on the two parts (``dataset_valid`` may be None)."""
        raise NotImplementedError
