# pattern: credit-card kernel done right: split first, RobustScaler fitted on the training Amount/Time, SMOTE on the training part only (clean)
import pandas as pd
from sklearn.preprocessing import RobustScaler
from sklearn.model_selection import train_test_split
from imblearn.over_sampling import SMOTE
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report

df = pd.read_csv('../input/creditcard.csv')
X = df.drop('Class', axis=1)
y = df['Class']
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=42)

rob_scaler = RobustScaler()
X_train[['Amount', 'Time']] = rob_scaler.fit_transform(X_train[['Amount', 'Time']])
X_test[['Amount', 'Time']] = rob_scaler.transform(X_test[['Amount', 'Time']])

Xsm_train, ysm_train = SMOTE(sampling_strategy='minority', random_state=42).fit_resample(X_train, y_train)
log_reg = LogisticRegression(max_iter=1000).fit(Xsm_train, ysm_train)
print(classification_report(y_test, log_reg.predict(X_test), target_names=['No Fraud', 'Fraud']))
