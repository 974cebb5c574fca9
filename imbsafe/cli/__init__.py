"""The ``imbsafe`` command line.

``imbsafe compare`` shows, on real data, how much resampling before splitting
overstates cross-validated scores; ``imbsafe audit`` checks a train/valid pair
of CSV files for that mistake (exit 1 when leaky, so it can gate a pipeline).
Bad input ends with a one-line error and exit status 2, never a traceback.

One module per subcommand (``compare``, ``audit``); reading CSV input
(``_input``), writing output (``_output``), progress (``_progress``), the
HTML report (``_report``) and the ``--model mlp`` net (``_mlp``) beside them.
The commands print and serialize the library's result objects
(:meth:`imbsafe.ComparisonResult.to_dict`, :meth:`imbsafe.LeakageReport.to_dict`);
they compute no statistics of their own.
"""

from ._main import entry_point, main

__all__ = ["entry_point", "main"]
