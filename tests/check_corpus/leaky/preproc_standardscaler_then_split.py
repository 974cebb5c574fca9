# pattern: StandardScaler().fit_transform on all of X, then train_test_split of the scaled matrix (preprocessing fitted before the split); k is then chosen by the test score in a loop and the refitted model scored on the same test part (selection)
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.metrics import accuracy_score, classification_report

df = pd.read_csv("diabetes.csv")
print(df.describe())
X = df.drop("Outcome", axis=1)
y = df["Outcome"]

sc_X = StandardScaler()
X = pd.DataFrame(sc_X.fit_transform(X), columns=X.columns)
print(X.head())

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=1 / 3, random_state=42, stratify=y)  # expect: preprocessing

test_scores = []
for k in range(1, 15):
    knn = KNeighborsClassifier(k)
    knn.fit(X_train, y_train)
    test_scores.append(knn.score(X_test, y_test))
best_k = 1 + test_scores.index(max(test_scores))
print("best k:", best_k, "score:", max(test_scores))

knn = KNeighborsClassifier(best_k).fit(X_train, y_train)
print(accuracy_score(y_test, knn.predict(X_test)))  # expect: selection
print(classification_report(y_test, knn.predict(X_test)))
