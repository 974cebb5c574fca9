# pattern: `import imblearn` module-attribute style (imblearn.over_sampling.SMOTE) on the full data, then cross_validate (leak)
import imblearn
import imblearn.over_sampling
import numpy as np
import pandas as pd
import sklearn.model_selection as ms
from sklearn import linear_model

print("imblearn", imblearn.__version__)
df = pd.read_csv("spambase.csv")
X = df.drop(columns="is_spam").to_numpy()
y = df["is_spam"].to_numpy()

# pretend the positive class is rare
rng = np.random.default_rng(0)
drop = rng.choice(np.flatnonzero(y == 1), size=int(0.9 * (y == 1).sum()), replace=False)
X, y = np.delete(X, drop, axis=0), np.delete(y, drop)

sampler = imblearn.over_sampling.SMOTE(sampling_strategy="minority", random_state=0)
X2, y2 = sampler.fit_resample(X, y)

out = ms.cross_validate(linear_model.LogisticRegression(max_iter=5000), X2, y2, cv=ms.StratifiedKFold(5), scoring=("f1", "roc_auc"))  # expect: leak
print({k: v.mean().round(3) for k, v in out.items() if k.startswith("test_")})
