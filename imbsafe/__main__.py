"""``python -m imbsafe``: the same as the ``imbsafe`` command."""

from ._launch import entry_point

entry_point()
