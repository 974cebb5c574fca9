# pattern: `import imblearn` module-attribute style; imblearn.pipeline.make_pipeline(imblearn.over_sampling.SMOTE(), ...) in cross_validate on raw data (clean)
import imblearn
import imblearn.over_sampling
import imblearn.pipeline
import numpy as np
import pandas as pd
import sklearn.model_selection as ms
from sklearn import linear_model

df = pd.read_csv("spambase.csv")
X = df.drop(columns="is_spam").to_numpy()
y = df["is_spam"].to_numpy()
rng = np.random.default_rng(0)
drop = rng.choice(np.flatnonzero(y == 1), size=int(0.9 * (y == 1).sum()), replace=False)
X, y = np.delete(X, drop, axis=0), np.delete(y, drop)

model = imblearn.pipeline.make_pipeline(
    imblearn.over_sampling.SMOTE(sampling_strategy="minority", random_state=0),
    linear_model.LogisticRegression(max_iter=5000),
)
out = ms.cross_validate(model, X, y, cv=ms.StratifiedKFold(5), scoring=("f1", "roc_auc"))
print({k: v.mean().round(3) for k, v in out.items() if k.startswith("test_")})
