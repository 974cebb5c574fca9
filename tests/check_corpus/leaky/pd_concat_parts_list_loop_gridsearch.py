# pattern: parts = [df]; parts.append(df[df.label == c]) for every rare class in a loop; pd.concat(parts) then GridSearchCV.fit on the duplicated rows (leak at the search fit)
import pandas as pd
from sklearn.model_selection import GridSearchCV
from sklearn.svm import SVC

df = pd.read_csv("glass.csv")
counts = df["Type"].value_counts()
print(counts)

parts = [df]
for cls, n in counts.items():
    if n < 30:
        for _ in range(3):
            parts.append(df[df["Type"] == cls])
df_os = pd.concat(parts, ignore_index=True)

X = df_os.drop(columns="Type")
y = df_os["Type"]
grid = GridSearchCV(SVC(), {"C": [0.1, 1, 10, 100], "gamma": ["scale", 0.01, 0.1]}, cv=5)
grid.fit(X, y)  # expect: leak
print(grid.best_estimator_)
print("best score", grid.best_score_)
