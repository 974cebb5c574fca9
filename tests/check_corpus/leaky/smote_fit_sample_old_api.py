# pattern: old imblearn API SMOTE(ratio=...).fit_sample(X, y) on every row, then train_test_split of the resampled arrays (leak)
import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn import metrics

data = pd.read_csv('diabetes.csv')
print(data.head())
print(data.Outcome.value_counts())

feature_names = ['Pregnancies', 'Glucose', 'BloodPressure', 'SkinThickness',
                 'Insulin', 'BMI', 'DiabetesPedigreeFunction', 'Age']
X = data[feature_names].values
y = data.Outcome.values

print('Original dataset shape {}'.format(np.bincount(y)))
sm = SMOTE(ratio='minority', random_state=7)
X_sm, y_sm = sm.fit_sample(X, y)
print('Resampled dataset shape {}'.format(np.bincount(y_sm)))

X_train, X_test, y_train, y_test = train_test_split(  # expect: leak
    X_sm, y_sm, test_size=0.3, random_state=0)

logreg = LogisticRegression(solver='liblinear')
logreg.fit(X_train, y_train)
y_pred = logreg.predict(X_test)

print('Accuracy of logistic regression classifier on test set: {:.2f}'.format(logreg.score(X_test, y_test)))
print(metrics.confusion_matrix(y_test, y_pred))
print(metrics.classification_report(y_test, y_pred))
