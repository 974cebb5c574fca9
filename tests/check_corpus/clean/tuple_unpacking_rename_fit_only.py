# pattern: resampled training arrays packed/unpacked and renamed (data = (X_bal, y_bal); features, labels = data) but only used for a plain fit; evaluation on the raw hold-out (clean)
from imblearn.over_sampling import RandomOverSampler
from sklearn.datasets import fetch_openml
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.metrics import recall_score

X, y = fetch_openml("pc1", version=1, return_X_y=True, as_frame=True)
y = (y == "true").astype(int)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, stratify=y, test_size=0.3, random_state=1)

X_bal, y_bal = RandomOverSampler(random_state=1).fit_resample(X_tr, y_tr)
data = (X_bal, y_bal)

features, labels = data
nb = GaussianNB().fit(features, labels)
print("hold-out recall: {:.3f}".format(recall_score(y_te, nb.predict(X_te))))
