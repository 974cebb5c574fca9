# pattern: resampled arrays passed around by tuple packing/unpacking and renaming (data = (X_bal, y_bal); features, labels = data) before cross_val_score (leak)
from imblearn.over_sampling import RandomOverSampler
from sklearn.datasets import fetch_openml
from sklearn.model_selection import cross_val_score
from sklearn.naive_bayes import GaussianNB


def load():
    X, y = fetch_openml("pc1", version=1, return_X_y=True, as_frame=True)
    return X, (y == "true").astype(int)


X, y = load()
print(y.value_counts())

X_bal, y_bal = RandomOverSampler(random_state=1).fit_resample(X, y)
data = (X_bal, y_bal)

# ... later in the script
features, labels = data
inputs = features
scores = cross_val_score(GaussianNB(), inputs, labels, cv=10, scoring="recall")  # expect: leak
print("recall: {:.3f}".format(scores.mean()))
