# pattern: SMOTE on the training split only, skorch NeuralNetClassifier(train_split=None) so no internal validation on synthetic rows; scored on the untouched test split (clean)
import numpy as np
import torch
from torch import nn
from skorch import NeuralNetClassifier
from imblearn.over_sampling import SMOTE
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score

X, y = make_classification(n_samples=20000, n_features=30, n_informative=10, weights=[0.97], random_state=0)
X = X.astype(np.float32)
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, test_size=0.2, random_state=0)


class MLP(nn.Module):
    def __init__(self, n_in=30, hidden=64):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(n_in, hidden), nn.ReLU(), nn.Dropout(0.2), nn.Linear(hidden, 2))

    def forward(self, X):
        return self.net(X)


X_train_sm, y_train_sm = SMOTE(random_state=0).fit_resample(X_train, y_train)

net = NeuralNetClassifier(MLP, module__n_in=30, criterion=nn.CrossEntropyLoss,
                          optimizer=torch.optim.Adam, lr=1e-3, max_epochs=20,
                          batch_size=256, iterator_train__shuffle=True,
                          train_split=None)
net.fit(X_train_sm.astype(np.float32), y_train_sm.astype(np.int64))
print("test AUC:", roc_auc_score(y_test, net.predict_proba(X_test)[:, 1]))
