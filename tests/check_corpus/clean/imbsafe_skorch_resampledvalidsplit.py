# pattern: skorch NeuralNetClassifier with train_split=imbsafe.skorch.ResampledValidSplit, fitted on the RAW training data (the sampler is applied only to the internal train part) (clean)
import numpy as np
import torch
from torch import nn
from skorch import NeuralNetClassifier
from imblearn.over_sampling import RandomOverSampler
from imbsafe.skorch import ResampledValidSplit
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split
from sklearn.metrics import roc_auc_score

X, y = make_classification(n_samples=20000, n_features=30, weights=[0.97], random_state=0)
X = X.astype(np.float32)
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, test_size=0.2, random_state=0)


class MLP(nn.Module):
    def __init__(self, n_in=30):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(n_in, 64), nn.ReLU(), nn.Linear(64, 2))

    def forward(self, X):
        return self.net(X)


net = NeuralNetClassifier(MLP, criterion=nn.CrossEntropyLoss, optimizer=torch.optim.Adam,
                          lr=1e-3, max_epochs=30, batch_size=256,
                          train_split=ResampledValidSplit(RandomOverSampler(random_state=0), cv=5))
net.fit(X_train, y_train.astype(np.int64))
print("test AUC:", roc_auc_score(y_test, net.predict_proba(X_test)[:, 1]))
