# pattern: classic credit-card kernel: RobustScaler fitted on Amount/Time of every row, then SMOTE on all rows, then train_test_split (leak and preprocessing on the same line)
import pandas as pd
import numpy as np
import matplotlib.pyplot as plt
import seaborn as sns
from sklearn.preprocessing import RobustScaler
from sklearn.model_selection import train_test_split
from imblearn.over_sampling import SMOTE
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report, roc_auc_score

df = pd.read_csv('../input/creditcard.csv')
print('No Frauds', round(df['Class'].value_counts()[0] / len(df) * 100, 2), '% of the dataset')
print('Frauds', round(df['Class'].value_counts()[1] / len(df) * 100, 2), '% of the dataset')

fig, ax = plt.subplots(1, 2, figsize=(18, 4))
sns.histplot(df['Amount'].values, ax=ax[0], color='r')
sns.histplot(df['Time'].values, ax=ax[1], color='b')
plt.show()

# RobustScaler is less prone to outliers.
rob_scaler = RobustScaler()
df['scaled_amount'] = rob_scaler.fit_transform(df['Amount'].values.reshape(-1, 1))
df['scaled_time'] = rob_scaler.fit_transform(df['Time'].values.reshape(-1, 1))
df.drop(['Time', 'Amount'], axis=1, inplace=True)

X = df.drop('Class', axis=1)
y = df['Class']

sm = SMOTE(sampling_strategy='minority', random_state=42)
Xsm_train, ysm_train = sm.fit_resample(X, y)

X_train, X_test, y_train, y_test = train_test_split(Xsm_train, ysm_train, test_size=0.2, random_state=42)  # expect: leak, preprocessing

log_reg = LogisticRegression(max_iter=1000)
log_reg.fit(X_train, y_train)
print(classification_report(y_test, log_reg.predict(X_test), target_names=['No Fraud', 'Fraud']))
print('ROC AUC', roc_auc_score(y_test, log_reg.predict_proba(X_test)[:, 1]))
