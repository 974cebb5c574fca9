"""Scale-out: a real dask.distributed cluster on loopback, through joblib."""

import numpy as np
import pytest
from imblearn.over_sampling import RandomOverSampler
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, StratifiedKFold

from imbsafe import ResampledCV

distributed = pytest.importorskip(
    "distributed", reason="the [dask] extra is not installed (CI installs it)"
)
joblib = pytest.importorskip("joblib")


def _search():
    cv = ResampledCV(
        RandomOverSampler(random_state=0),
        cv=StratifiedKFold(3, shuffle=True, random_state=0),
    )
    return GridSearchCV(
        LogisticRegression(),
        {"C": [0.01, 0.1, 1.0]},
        cv=cv,
        scoring=["f1", "average_precision"],
        refit="average_precision",
        n_jobs=-1,
    )


def test_grid_search_on_local_cluster_equals_single_process():
    X, y = make_classification(n_samples=400, weights=[0.9], random_state=0)
    local = _search().fit(X, y).cv_results_

    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address=None,
            processes=True,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        assert len(client.scheduler_info()["workers"]) == 2
        with (
            distributed.get_task_stream(client) as stream,
            joblib.parallel_backend("dask"),
        ):
            remote = _search().fit(X, y).cv_results_
        # the fits really ran on the cluster: 3 candidates x 3 folds at least
        assert len(stream.data) >= 9
        assert {task["worker"] for task in stream.data} <= set(
            client.scheduler_info()["workers"]
        )

    for key in ("mean_test_f1", "mean_test_average_precision", "rank_test_f1"):
        np.testing.assert_allclose(remote[key], local[key])
    for i in range(3):
        np.testing.assert_allclose(
            remote[f"split{i}_test_f1"], local[f"split{i}_test_f1"]
        )
