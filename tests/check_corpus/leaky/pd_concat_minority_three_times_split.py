# pattern: naive oversampling by repeating the minority frame in pd.concat([df, minority, minority, minority]) on the whole data, then train_test_split (leak at the split)
import pandas as pd
import matplotlib.pyplot as plt
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier, plot_tree
from sklearn.metrics import accuracy_score, confusion_matrix

df = pd.read_csv("heart_failure_clinical_records_dataset.csv")
print(df.DEATH_EVENT.value_counts())

minority = df[df.DEATH_EVENT == 1]
df = pd.concat([df, minority, minority, minority], ignore_index=True)
print(df.DEATH_EVENT.value_counts())

features = ["age", "ejection_fraction", "serum_creatinine", "serum_sodium", "time"]
x_train, x_test, y_train, y_test = train_test_split(df[features], df["DEATH_EVENT"], test_size=0.2, random_state=2)  # expect: leak

dt = DecisionTreeClassifier(max_depth=4).fit(x_train, y_train)
print("acc", accuracy_score(y_test, dt.predict(x_test)))
print(confusion_matrix(y_test, dt.predict(x_test)))
plt.figure(figsize=(18, 8))
plot_tree(dt, feature_names=features, filled=True)
plt.show()
