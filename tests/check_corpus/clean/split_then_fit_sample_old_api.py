# pattern: old imblearn API fit_sample applied to the training split only; the test split is never resampled (clean)
import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn import metrics

data = pd.read_csv('diabetes.csv')
feature_names = ['Pregnancies', 'Glucose', 'BloodPressure', 'SkinThickness',
                 'Insulin', 'BMI', 'DiabetesPedigreeFunction', 'Age']
X = data[feature_names].values
y = data.Outcome.values

X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.3, random_state=0, stratify=y)

print('Before OverSampling, counts of label 1: {}'.format(sum(y_train == 1)))
sm = SMOTE(ratio='minority', random_state=7)
X_train_res, y_train_res = sm.fit_sample(X_train, y_train.ravel())
print('After OverSampling, counts of label 1: {}'.format(sum(y_train_res == 1)))
print('After OverSampling, counts of label 0: {}'.format(sum(y_train_res == 0)))

logreg = LogisticRegression(solver='liblinear')
logreg.fit(X_train_res, y_train_res.ravel())
y_pred = logreg.predict(X_test)
print(metrics.classification_report(y_test, y_pred))
