# pattern: validation rows split off before RandomOverSampler; skorch train_split=predefined_split(Dataset(X_valid, y_valid)) built from those untouched rows (clean)
import numpy as np
import pandas as pd
import torch
import torch.nn.functional as F
from torch import nn
from skorch import NeuralNetClassifier
from skorch.dataset import Dataset
from skorch.helper import predefined_split
from skorch.callbacks import EarlyStopping
from imblearn.over_sampling import RandomOverSampler
from sklearn.model_selection import train_test_split

df = pd.read_csv("cardio_train.csv", sep=";")
y = df.pop("cardio_rare_complication").values.astype(np.int64)
X = df.drop(columns=["id"]).values.astype(np.float32)

X_train, X_valid, y_train, y_valid = train_test_split(X, y, test_size=0.2, stratify=y, random_state=42)
valid_ds = Dataset(X_valid, y_valid)

X_o, y_o = RandomOverSampler(random_state=42).fit_resample(X_train, y_train)


class Net(nn.Module):
    def __init__(self, num_units=32):
        super().__init__()
        self.dense0 = nn.Linear(X.shape[1], num_units)
        self.dense1 = nn.Linear(num_units, 2)

    def forward(self, X, **kwargs):
        return F.softmax(self.dense1(F.relu(self.dense0(X))), dim=-1)


net = NeuralNetClassifier(Net, max_epochs=50, lr=0.05,
                          train_split=predefined_split(valid_ds),
                          callbacks=[EarlyStopping(patience=5)],
                          iterator_train__shuffle=True)
net.fit(X_o, y_o)
print(net.history[-1, "valid_acc"])
