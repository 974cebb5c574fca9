# pattern: PCA(n_components=10).fit_transform on the whole dataset, then train_test_split of the components (preprocessing fitted before the split)
import pandas as pd
import matplotlib.pyplot as plt
from sklearn.decomposition import PCA
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report

secom = pd.read_csv("secom.csv").fillna(0)
y = (secom.pop("pass_fail") == 1).astype(int)
X = secom.values

pca = PCA(n_components=10)
X_pca = pca.fit_transform(X)
plt.plot(pca.explained_variance_ratio_.cumsum(), marker="o")
plt.ylabel("cumulative explained variance")
plt.show()

X_train, X_test, y_train, y_test = train_test_split(X_pca, y, test_size=0.25, stratify=y, random_state=3)  # expect: preprocessing
lr = LogisticRegression(class_weight="balanced", max_iter=2000).fit(X_train, y_train)
print(classification_report(y_test, lr.predict(X_test)))
