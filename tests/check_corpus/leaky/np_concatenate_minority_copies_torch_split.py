# pattern: PyTorch script: positive rows copied with np.concatenate([X] + [X[y == 1]] * 4) before torch.utils.data.random_split into train/val; validation loss is computed on copies of training rows (leak at the random_split line)
import numpy as np
import torch
from torch import nn
from torch.utils.data import TensorDataset, DataLoader, random_split

X = np.load("X_tabular.npy").astype(np.float32)
y = np.load("y_tabular.npy").astype(np.float32)

X = np.concatenate([X] + [X[y == 1]] * 4)
y = np.concatenate([y] + [y[y == 1]] * 4)

ds = TensorDataset(torch.from_numpy(X), torch.from_numpy(y))
n_val = int(0.2 * len(ds))
train_ds, val_ds = random_split(ds, [len(ds) - n_val, n_val])  # expect: leak
train_dl = DataLoader(train_ds, batch_size=128, shuffle=True)
val_dl = DataLoader(val_ds, batch_size=512)

net = nn.Sequential(nn.Linear(X.shape[1], 64), nn.ReLU(), nn.Linear(64, 1))
opt = torch.optim.Adam(net.parameters(), lr=1e-3)
loss_fn = nn.BCEWithLogitsLoss()
for epoch in range(20):
    net.train()
    for xb, yb in train_dl:
        opt.zero_grad()
        loss = loss_fn(net(xb).squeeze(1), yb)
        loss.backward()
        opt.step()
    net.eval()
    with torch.no_grad():
        val_loss = sum(loss_fn(net(xb).squeeze(1), yb).item() for xb, yb in val_dl) / len(val_dl)
    print(f"epoch {epoch} val_loss {val_loss:.4f}")
