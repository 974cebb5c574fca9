"""imbsafe check (#37): the spellings people write, selection, across files."""

from __future__ import annotations

import json
import re
import textwrap

import pytest

from imbsafe import check_path, check_source
from imbsafe.cli import main

HEAD = """\
import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split, cross_val_score, KFold
from sklearn.utils import resample
"""
_MARK = re.compile(r"#\s*expect:\s*([a-z]+)")


def _marked(code: str) -> list:
    return [
        (number, match.group(1))
        for number, text in enumerate(code.split("\n"), start=1)
        if (match := _MARK.search(text))
    ]


# Each source marks its expected findings; the ones without a marker are
# the clean look-alikes.
SOURCES = [
    pytest.param(
        """\
        class FraudModel:
            def __init__(self, path):
                self.df = pd.read_csv(path)
            def load(self):
                X, y = SMOTE().fit_resample(self.df.drop("y", axis=1), self.df.y)
                return X, y
            def evaluate(self, X, y):
                return cross_val_score(clf, X, y, cv=5)
        model = FraudModel("a.csv")
        X, y = model.load()
        model.evaluate(X, y)  # expect: leak
        """,
        id="class_method",
    ),
    pytest.param(
        """\
        class Trainer:
            def prepare(self):
                self.X, self.y = SMOTE().fit_resample(X, y)
            def run(self):
                self.prepare()
                scores = cross_val_score(clf, self.X, self.y)  # expect: leak
        Trainer().run()
        """,
        id="self_attr",
    ),
    pytest.param(
        """\
        class Trainer:
            def prepare(self):
                self.X, self.y = SMOTE().fit_resample(X, y)
            def run(self):
                scores = cross_val_score(clf, self.X, self.y)  # expect: leak
        """,
        id="self_attr_standalone",
    ),
    pytest.param(
        """\
        fraud = df[df.Class == 1]
        normal = df[df.Class == 0][:492]
        under = pd.concat([fraud, normal])
        X_tr, X_te = train_test_split(under)  # expect: leak
        """,
        id="under_slice",
    ),
    pytest.param(
        """\
        fraud = df.loc[df.Class == 1]
        normal = df.loc[df.Class == 0].sample(492)
        under = pd.concat([fraud, normal])
        X_tr, X_te = train_test_split(under)  # expect: leak
        """,
        id="under_sample",
    ),
    pytest.param(
        """\
        small = df.sample(5000)
        X_tr, X_te = train_test_split(small)
        head = X[:2000]
        X_tr, X_te = train_test_split(head)
        idx = np.random.choice(len(X), size=100, replace=False)
        X_tr, X_te = train_test_split(X[idx])
        """,
        id="clean_subsample",
    ),
    pytest.param(
        """\
        from adasyn import ADASYN
        adsn = ADASYN(k=7, imb_threshold=0.6, ratio=0.75)
        new_X, new_y = adsn.fit_transform(X, y)
        X_tr, X_te, y_tr, y_te = train_test_split(new_X, new_y)  # expect: leak
        """,
        id="adasyn",
    ),
    pytest.param(
        """\
        import smote_variants as sv
        oversampler = sv.distance_SMOTE()
        X_s, y_s = oversampler.sample(X, y)
        print(cross_val_score(clf, X_s, y_s))  # expect: leak
        """,
        id="sv",
    ),
    pytest.param(
        """\
        idx = np.random.choice(np.where(y == 1)[0], size=500)
        X_up = np.concatenate([X, X[idx]])
        y_up = np.concatenate([y, y[idx]])
        train_test_split(X_up, y_up)  # expect: leak
        """,
        id="choice",
    ),
    pytest.param(
        """\
        grouped = df.groupby("y", group_keys=False)
        bal = grouped.apply(lambda g: g.sample(1000, replace=True))
        train_test_split(bal)  # expect: leak
        """,
        id="groupby_apply",
    ),
    pytest.param(
        """\
        minority = df[df.y == 1]
        up = pd.concat([df, minority, minority, minority])
        train_test_split(up)  # expect: leak
        """,
        id="concat_dup",
    ),
    pytest.param(
        """\
        minority = df[df.y == 1]
        for _ in range(3):
            df = pd.concat([df, minority])
        train_test_split(df)  # expect: leak
        """,
        id="concat_loop",
    ),
    pytest.param(
        """\
        minority = df[df.y == 1]
        frames = [df]
        for _ in range(3):
            frames.append(minority)
        up = pd.concat(frames)
        train_test_split(up)  # expect: leak
        """,
        id="append_loop",
    ),
    pytest.param(
        """\
        frames = []
        for f in files:
            part = pd.read_csv(f)
            frames.append(part)
            all_df = pd.concat([all_df, part])
        df = pd.concat(frames)
        train_test_split(df)
        train_test_split(all_df)
        wide = pd.concat([df, df["a"]], axis=1)
        train_test_split(wide)
        """,
        id="clean_concat_loop",
    ),
    pytest.param(
        """\
        w = np.where(df.y == 1, 5, 1)
        up = df.loc[df.index.repeat(w)]
        train_test_split(up)  # expect: leak
        """,
        id="index_repeat",
    ),
    pytest.param(
        """\
        X2 = np.concatenate([X, X[y == 1], X[y == 1]])
        y2 = np.concatenate([y, y[y == 1], y[y == 1]])
        train_test_split(X2, y2)  # expect: leak
        """,
        id="np_concat",
    ),
    pytest.param(
        """\
        bal = lambda a, b: SMOTE().fit_resample(a, b)
        Xr, yr = bal(X, y)
        train_test_split(Xr, yr)  # expect: leak
        """,
        id="lambda",
    ),
    pytest.param(
        """\
        from xgboost import XGBClassifier
        from sklearn.metrics import roc_auc_score
        X_tr, X_te, y_tr, y_te = train_test_split(X, y)
        model = XGBClassifier(early_stopping_rounds=20)
        model.fit(X_tr, y_tr, eval_set=[(X_te, y_te)])
        print(roc_auc_score(y_te, model.predict_proba(X_te)[:, 1]))  # expect: selection
        """,
        id="sel_xgb",
    ),
    pytest.param(
        """\
        import lightgbm as lgb
        from sklearn.metrics import f1_score
        X_tr, X_te, y_tr, y_te = train_test_split(X, y)
        model = lgb.LGBMClassifier()
        stop = lgb.early_stopping(50)
        model.fit(X_tr, y_tr, eval_set=[(X_te, y_te)], callbacks=[stop])
        preds = model.predict(X_te)
        f1 = f1_score(y_te, preds)  # expect: selection
        """,
        id="sel_lgb",
    ),
    pytest.param(
        """\
        from tensorflow.keras.callbacks import EarlyStopping
        X_tr, X_te, y_tr, y_te = train_test_split(X, y)
        es = EarlyStopping(patience=3, restore_best_weights=True)
        model.fit(X_tr, y_tr, validation_data=(X_te, y_te), epochs=50, callbacks=[es])
        loss, acc = model.evaluate(X_te, y_te)  # expect: selection
        """,
        id="sel_keras",
    ),
    pytest.param(
        """\
        from xgboost import XGBClassifier
        from sklearn.metrics import roc_auc_score
        X_tmp, X_te, y_tmp, y_te = train_test_split(X, y)
        X_tr, X_val, y_tr, y_val = train_test_split(X_tmp, y_tmp)
        model = XGBClassifier(early_stopping_rounds=20)
        model.fit(X_tr, y_tr, eval_set=[(X_val, y_val)])
        print(roc_auc_score(y_te, model.predict_proba(X_te)[:, 1]))
        print(roc_auc_score(y_val, model.predict_proba(X_val)[:, 1]))
        """,
        id="sel_clean_val",
    ),
    pytest.param(
        """\
        X_tr, X_te, y_tr, y_te = train_test_split(X, y)
        model.fit(X_tr, y_tr, validation_data=(X_te, y_te), epochs=50)
        loss, acc = model.evaluate(X_te, y_te)
        """,
        id="sel_keras_no_cb",
    ),
    pytest.param(
        """\
        from sklearn.metrics import f1_score
        X_tr, X_te, y_tr, y_te = train_test_split(X, y)
        probs = clf.fit(X_tr, y_tr).predict_proba(X_te)[:, 1]
        best_f1, best_t = 0, 0.5
        for t in np.arange(0.1, 0.9, 0.05):
            f1 = f1_score(y_te, (probs >= t).astype(int))
            if f1 > best_f1:
                best_f1, best_t = f1, t
        print(f"best threshold {best_t:.2f}: F1 {best_f1:.3f}")  # expect: selection
        """,
        id="sel_threshold",
    ),
    pytest.param(
        """\
        from sklearn.metrics import f1_score
        X_tmp, X_te, y_tmp, y_te = train_test_split(X, y)
        X_tr, X_val, y_tr, y_val = train_test_split(X_tmp, y_tmp)
        clf.fit(X_tr, y_tr)
        probs = clf.predict_proba(X_val)[:, 1]
        best_f1, best_t = 0, 0.5
        for t in np.arange(0.1, 0.9, 0.05):
            f1 = f1_score(y_val, (probs >= t).astype(int))
            if f1 > best_f1:
                best_f1, best_t = f1, t
        print(f"best threshold {best_t:.2f}: val F1 {best_f1:.3f}")
        print(f1_score(y_te, clf.predict_proba(X_te)[:, 1] >= best_t))
        """,
        id="sel_threshold_val",
    ),
    pytest.param(
        """\
        X_tr, X_te, y_tr, y_te = train_test_split(X, y)
        best, best_k = 0, None
        for k in range(1, 20):
            knn = KNeighborsClassifier(k).fit(X_tr, y_tr)
            acc = knn.score(X_te, y_te)
            if acc > best:
                best, best_k = acc, k
        print("best k", best_k, "accuracy", best)  # expect: selection
        """,
        id="sel_hparam",
    ),
    pytest.param(
        """\
        from catboost import CatBoostClassifier
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2)
        cb = CatBoostClassifier(iterations=1000)
        cb.fit(X_tr, y_tr, eval_set=(X_te, y_te), verbose=100)
        print("test accuracy", cb.score(X_te, y_te))  # expect: selection
        """,
        id="sel_cat",
    ),
    pytest.param(
        """\
        from xgboost import XGBClassifier
        X_tr, X_te, y_tr, y_te = train_test_split(X, y)
        m = XGBClassifier()
        m.fit(
            X_tr, y_tr, eval_set=[(X_tr, y_tr), (X_te, y_te)], early_stopping_rounds=9
        )
        acc = m.score(X_te, y_te)  # expect: selection
        """,
        id="sel_fit_kw",
    ),
    pytest.param(
        """\
        from keras.callbacks import ModelCheckpoint
        X_tr, X_te, y_tr, y_te = train_test_split(X, y)
        ck = ModelCheckpoint("best.h5", save_best_only=True)
        model.fit(X_tr, y_tr, validation_data=(X_te, y_te), callbacks=[ck])
        model.evaluate(X_te, y_te)  # expect: selection
        """,
        id="sel_ckpt",
    ),
    pytest.param(
        """\
        from xgboost import XGBClassifier
        from sklearn.metrics import roc_auc_score
        X_tr, X_te, y_tr, y_te = train_test_split(X, y)
        m = XGBClassifier(n_estimators=200)
        m.fit(X_tr, y_tr, eval_set=[(X_te, y_te)], verbose=False)
        print(roc_auc_score(y_te, m.predict_proba(X_te)[:, 1]))
        """,
        id="clean_eval_no_stop",
    ),
    pytest.param(
        """\
        from sklearn.metrics import f1_score
        X_tr, X_te, y_tr, y_te = train_test_split(X, y)
        for name, m in models.items():
            m.fit(X_tr, y_tr)
            print(name, f1_score(y_te, m.predict(X_te)))
        """,
        id="clean_single_score",
    ),
    pytest.param(
        """\
        Xr, yr = SMOTE().fit_resample(X, y)
        plt.scatter(Xr[:, 0], Xr[:, 1], c=yr)
        X_tr, X_te, y_tr, y_te = train_test_split(X, y)
        """,
        id="resample_plot_only",
    ),
    pytest.param(
        """\
        df = df.sample(frac=1, random_state=0)
        X_tr, X_te = train_test_split(df)
        idx = np.random.permutation(len(X))
        X, y = X[idx], y[idx]
        train_test_split(X, y)
        """,
        id="shuffle",
    ),
]


@pytest.mark.parametrize("code", SOURCES)
def test_pattern_findings_equal_the_markers(code):
    code = HEAD + textwrap.dedent(code)
    found = [(f.line, f.kind) for f in check_source(code)]
    assert found == _marked(code)


def test_selection_says_what_chose_what_and_the_fix():
    code = HEAD + textwrap.dedent("""\
        from xgboost import XGBClassifier
        X_tr, X_te, y_tr, y_te = train_test_split(X, y)
        model = XGBClassifier(early_stopping_rounds=20)
        model.fit(X_tr, y_tr, eval_set=[(X_te, y_te)])
        acc = model.score(X_te, y_te)
        """)
    (finding,) = check_source(code)
    assert (finding.line, finding.kind, finding.sink) == (
        10,
        "selection",
        "model.score",
    )
    assert "early_stopping_rounds" in finding.message
    assert "at line 9" in finding.message and "eval_set" in finding.message
    assert "validation part" in finding.fix and "ResampledClassifier" in finding.fix
    assert finding.origins == (9,)


def _project(tmp_path, files: dict):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return tmp_path


PREP = """\
    import pandas as pd
    from imblearn.over_sampling import SMOTE

    df = pd.read_csv("raw.csv")
    X, y = SMOTE().fit_resample(df.drop(columns="y"), df.y)
    X.assign(y=y).to_csv("data/smote.csv", index=False)
    """


def test_a_table_written_by_one_file_and_split_by_another(tmp_path):
    folder = _project(tmp_path, {
        "prep.py": PREP,
        "train.py": """\
            import pandas as pd
            from sklearn.model_selection import train_test_split
            df = pd.read_csv("data/smote.csv")
            parts = train_test_split(df)
            """,
    })  # fmt: skip
    (finding,) = check_path(folder)
    assert (finding.path, finding.line, finding.kind) == (
        str(folder / "train.py"),
        4,
        "leak",
    )
    assert "SMOTE.fit_resample at prep.py:5" in finding.message
    assert "written to smote.csv at prep.py:6 and read at line 3" in finding.message
    # one file alone cannot know what another wrote: no guessing
    assert check_path(folder / "train.py") == []


def test_tables_follow_a_chain_and_numpy_joblib_pickle(tmp_path):
    folder = _project(tmp_path, {
        "a_prep.py": PREP,
        "b_mid.py": """\
            import joblib
            import numpy as np
            import pandas as pd
            df = pd.read_csv("smote.csv")
            np.save("X.npy", df.values)
            joblib.dump(df, "frame.pkl")
            """,
        "c_train.py": """\
            import joblib
            import numpy as np
            from sklearn.model_selection import cross_val_score, train_test_split
            X = np.load("X.npy")
            scores = cross_val_score(model, X, y)
            frame = joblib.load("frame.pkl")
            parts = train_test_split(frame)
            """,
    })  # fmt: skip
    found = [(f.path.rsplit("/", 1)[-1], f.line) for f in check_path(folder)]
    assert found == [("c_train.py", 5), ("c_train.py", 7)]


def test_raw_tables_and_the_training_part_written_after_the_split_are_clean(tmp_path):
    folder = _project(tmp_path, {
        "prep.py": """\
            import pandas as pd
            from imblearn.over_sampling import SMOTE
            from sklearn.model_selection import train_test_split
            df = pd.read_csv("raw.csv")
            df.to_csv("clean.csv")
            train, test = train_test_split(df)
            X, y = SMOTE().fit_resample(train.drop(columns="y"), train.y)
            X.assign(y=y).to_csv("train_res.csv")
            test.to_csv("test.csv")
            """,
        "train.py": """\
            import pandas as pd
            from sklearn.model_selection import train_test_split
            tr = pd.read_csv("train_res.csv")
            te = pd.read_csv("test.csv")
            model.fit(tr.drop(columns="y"), tr.y)
            print(model.score(te.drop(columns="y"), te.y))
            a, b = train_test_split(pd.read_csv("clean.csv"))
            """,
    })  # fmt: skip
    assert check_path(folder) == []


UTILS = """\
    import pandas as pd
    from sklearn.utils import resample


    def balance(df, target="y"):
        major = df[df[target] == 0]
        minor = df[df[target] == 1]
        up = resample(minor, replace=True, n_samples=len(major))
        return pd.concat([major, up])
    """


@pytest.mark.parametrize(
    "imports, call",
    [("from utils import balance", "balance(df)"),
     ("import utils", "utils.balance(df)"),
     ("from src.utils import balance as bal", "bal(df)")],
)  # fmt: skip
def test_a_helper_imported_from_a_sibling_module(tmp_path, imports, call):
    folder = _project(tmp_path, {
        "src/utils.py": UTILS,
        "src/driver.py": f"""\
            import pandas as pd
            from sklearn.model_selection import train_test_split
            {imports}
            df = pd.read_csv("raw.csv")
            tr, te = train_test_split(df)
            up = {call.replace("df", "tr")}
            bal_all = {call}
            parts = train_test_split(bal_all)
            """,
    })  # fmt: skip
    (finding,) = check_path(folder)
    assert finding.path.endswith("driver.py") and finding.line == 8
    assert "sklearn.utils.resample at utils.py:8" in finding.message
    assert "in a helper called at line 7" in finding.message
    assert finding.origins == ()


def test_a_sibling_modules_own_findings_stay_its_own(tmp_path):
    folder = _project(tmp_path, {
        "helpers.py": """\
            from imblearn.over_sampling import SMOTE
            from sklearn.model_selection import train_test_split
            Xr, yr = SMOTE().fit_resample(X, y)
            parts = train_test_split(Xr, yr)

            def noop(a):
                return a
            """,
        "main.py": "from helpers import noop\nnoop(1)\n",
    })  # fmt: skip
    assert [(f.path.rsplit("/", 1)[-1], f.line) for f in check_path(folder)] == [
        ("helpers.py", 4)
    ]


SELECTION = (
    HEAD
    + """\
from xgboost import XGBClassifier
X_tr, X_te, y_tr, y_te = train_test_split(X, y)
model = XGBClassifier(early_stopping_rounds=20)
model.fit(X_tr, y_tr, eval_set=[(X_te, y_te)])
acc = model.score(X_te, y_te)
"""
)


@pytest.mark.parametrize(
    "flags, status",
    [([], 0), (["--fail-on", "selection"], 1),
     (["--fail-on", "preprocessing"], 0),
     (["--fail-on", "selection,preprocessing"], 1)],
)  # fmt: skip
def test_selection_is_a_warning_unless_fail_on_names_it(
    tmp_path, capsys, flags, status
):
    path = tmp_path / "train.py"
    path.write_text(SELECTION)
    assert main(["check", *flags, str(path)]) == status
    out, err = capsys.readouterr()
    assert ": selection: model.score scores the test part" in out
    assert err.strip().endswith(
        "0 leaks, 0 preprocessing warnings, 1 selection warning"
    )


def test_fail_on_an_unknown_kind_is_one_line_naming_the_kinds(tmp_path, capsys):
    path = tmp_path / "train.py"
    path.write_text(SELECTION)
    assert main(["check", "--fail-on", "leaks", str(path)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "unknown kind leaks" in err and "preprocessing, selection" in err


def test_json_and_sarif_carry_the_selection_kind(tmp_path, capsys):
    path = tmp_path / "train.py"
    path.write_text(SELECTION)
    log = tmp_path / "out.sarif"
    assert main(["check", "--json", "--sarif", str(log), str(path)]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["summary"]["selection"] == 1
    (result,) = json.loads(log.read_text())["runs"][0]["results"]
    assert (result["ruleId"], result["level"]) == ("imbsafe/selection", "warning")
