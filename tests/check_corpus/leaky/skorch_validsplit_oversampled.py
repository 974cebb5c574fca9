# pattern: RandomOverSampler on every row, then skorch NeuralNetClassifier(train_split=ValidSplit(5)) fitted on the duplicated arrays (leak)
import numpy as np
import pandas as pd
import torch
import torch.nn.functional as F
from torch import nn
from skorch import NeuralNetClassifier
from skorch.dataset import ValidSplit
from imblearn.over_sampling import RandomOverSampler

df = pd.read_csv("cardio_train.csv", sep=";")
y = df.pop("cardio_rare_complication").values.astype(np.int64)
X = df.drop(columns=["id"]).values.astype(np.float32)

ros = RandomOverSampler(random_state=42)
X_o, y_o = ros.fit_resample(X, y)


class Net(nn.Module):
    def __init__(self, num_units=32, nonlin=F.relu):
        super().__init__()
        self.dense0 = nn.Linear(X.shape[1], num_units)
        self.nonlin = nonlin
        self.dropout = nn.Dropout(0.3)
        self.dense1 = nn.Linear(num_units, 16)
        self.output = nn.Linear(16, 2)

    def forward(self, X, **kwargs):
        X = self.nonlin(self.dense0(X))
        X = self.dropout(X)
        X = F.relu(self.dense1(X))
        return F.softmax(self.output(X), dim=-1)


net = NeuralNetClassifier(
    Net,
    max_epochs=20,
    lr=0.05,
    train_split=ValidSplit(5, stratified=True),
    iterator_train__shuffle=True,
    verbose=1,
)
net.fit(X_o, y_o)  # expect: leak
print(net.history[-1, "valid_acc"])
torch.save(net.module_.state_dict(), "cardio_net.pt")
