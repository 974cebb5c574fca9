# pattern: PCA fitted on X_train after the split, test projected with .transform (clean)
import pandas as pd
from sklearn.decomposition import PCA
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report

secom = pd.read_csv("secom.csv").fillna(0)
y = (secom.pop("pass_fail") == 1).astype(int)
X_train, X_test, y_train, y_test = train_test_split(secom.values, y, test_size=0.25, stratify=y, random_state=3)

pca = PCA(n_components=10).fit(X_train)
X_train_p, X_test_p = pca.transform(X_train), pca.transform(X_test)
lr = LogisticRegression(class_weight="balanced", max_iter=2000).fit(X_train_p, y_train)
print(classification_report(y_test, lr.predict(X_test_p)))
