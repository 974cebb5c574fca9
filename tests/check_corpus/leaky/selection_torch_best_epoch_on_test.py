# pattern: plain PyTorch loop that evaluates on the test loader after every epoch, keeps the state_dict with the best test accuracy, reloads it and reports accuracy_score on the test part (selection, marked on the final score line)
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

train_dl = DataLoader(TensorDataset(torch.tensor(X_train), torch.tensor(y_train)), batch_size=64, shuffle=True)
test_x = torch.tensor(X_test)

net = nn.Sequential(nn.Linear(X.shape[1], 128), nn.ReLU(), nn.Dropout(0.3), nn.Linear(128, int(y.max()) + 1))
opt = torch.optim.AdamW(net.parameters(), lr=3e-4)
crit = nn.CrossEntropyLoss()


def predict(model, xs):
    model.eval()
    with torch.no_grad():
        return model(xs).argmax(1).numpy()


best_acc, best_state = 0.0, None
for epoch in range(50):
    net.train()
    for xb, yb in train_dl:
        opt.zero_grad()
        crit(net(xb), yb).backward()
        opt.step()
    acc = accuracy_score(y_test, predict(net, test_x))
    if acc > best_acc:
        best_acc, best_state = acc, copy.deepcopy(net.state_dict())
        torch.save(best_state, "best.pt")
    print(f"epoch {epoch:02d} test acc {acc:.4f}")

net.load_state_dict(torch.load("best.pt"))
print("final test accuracy:", accuracy_score(y_test, predict(net, test_x)))  # expect: selection
