# pattern: minority subset repeated with pd.concat([df] + [df_minority] * 5), then cross_val_predict on the inflated frame (leak)
import pandas as pd
import matplotlib.pyplot as plt
from sklearn.model_selection import cross_val_predict
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report, ConfusionMatrixDisplay

df = pd.read_csv("heart_failure_clinical_records_dataset.csv")
print(df.DEATH_EVENT.value_counts())
df.hist(figsize=(14, 10))
plt.tight_layout()
plt.show()

df_minority = df[df.DEATH_EVENT == 1]
df = pd.concat([df] + [df_minority] * 5, ignore_index=True)
print("after repeating the minority:", df.DEATH_EVENT.value_counts().to_dict())

X = df.drop(columns="DEATH_EVENT")
y = df.DEATH_EVENT

lr = LogisticRegression(max_iter=10000, C=0.5)
oof_pred = cross_val_predict(lr, X, y, cv=10)  # expect: leak
print(classification_report(y, oof_pred))
ConfusionMatrixDisplay.from_predictions(y, oof_pred)
plt.show()
