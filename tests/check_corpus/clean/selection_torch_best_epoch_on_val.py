# pattern: PyTorch loop that keeps the state_dict with the best accuracy on a validation part split off the training part; the best checkpoint is scored once on the test part (clean)
import copy
import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
from sklearn.model_selection import train_test_split
from sklearn.metrics import accuracy_score

X = np.load("mfcc_features.npy").astype("float32")
y = np.load("mfcc_labels.npy").astype("int64")
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
X_train, X_val, y_train, y_val = train_test_split(X_train, y_train, test_size=0.15, stratify=y_train, random_state=0)

train_dl = DataLoader(TensorDataset(torch.tensor(X_train), torch.tensor(y_train)), batch_size=64, shuffle=True)
net = nn.Sequential(nn.Linear(X.shape[1], 128), nn.ReLU(), nn.Linear(128, int(y.max()) + 1))
opt = torch.optim.AdamW(net.parameters(), lr=3e-4)
crit = nn.CrossEntropyLoss()


def predict(model, xs):
    model.eval()
    with torch.no_grad():
        return model(torch.tensor(xs)).argmax(1).numpy()


best_acc, best_state = 0.0, None
for epoch in range(50):
    net.train()
    for xb, yb in train_dl:
        opt.zero_grad()
        crit(net(xb), yb).backward()
        opt.step()
    acc = accuracy_score(y_val, predict(net, X_val))
    if acc > best_acc:
        best_acc, best_state = acc, copy.deepcopy(net.state_dict())

net.load_state_dict(best_state)
print("test accuracy:", accuracy_score(y_test, predict(net, X_test)))
