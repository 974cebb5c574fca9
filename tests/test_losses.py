import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="the [torch] extra is not installed")

from imbsafe.losses import BinaryFocalLoss, FocalLoss, binary_proba


@pytest.fixture
def multiclass():
    g = torch.Generator().manual_seed(0)
    logits = torch.randn(64, 4, generator=g) * 3
    target = torch.randint(0, 4, (64,), generator=g)
    return logits, target


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("weight", [None, [1.0, 2.0, 0.5, 4.0]])
def test_focal_is_cross_entropy_at_gamma_0(multiclass, reduction, weight):
    logits, target = multiclass
    w = None if weight is None else torch.tensor(weight)
    ce = torch.nn.CrossEntropyLoss(weight=w, reduction=reduction)(logits, target)
    focal = FocalLoss(gamma=0.0, weight=weight, reduction=reduction)(logits, target)
    torch.testing.assert_close(focal, ce)


def test_focal_matches_definition_and_down_weights_easy_rows(multiclass):
    logits, target = multiclass
    gamma = 2.0
    p = torch.softmax(logits, 1)[torch.arange(64), target]
    expected = -((1 - p) ** gamma) * torch.log(p)
    got = FocalLoss(gamma=gamma, reduction="none")(logits, target)
    torch.testing.assert_close(got, expected)
    assert torch.all(got <= FocalLoss(gamma=0.0, reduction="none")(logits, target))


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("pos_weight", [None, 7.0])
def test_binary_focal_is_bce_at_gamma_0(reduction, pos_weight):
    g = torch.Generator().manual_seed(1)
    logits = torch.randn(50, generator=g) * 4
    target = torch.rand(50, generator=g)  # soft labels too
    pw = None if pos_weight is None else torch.tensor(pos_weight)
    bce = torch.nn.BCEWithLogitsLoss(pos_weight=pw, reduction=reduction)(logits, target)
    focal = BinaryFocalLoss(gamma=0.0, pos_weight=pos_weight, reduction=reduction)
    torch.testing.assert_close(focal(logits, target), bce)


def test_binary_focal_matches_definition():
    logits = torch.tensor([2.0, -1.0, 0.3, -4.0])
    target = torch.tensor([1.0, 1.0, 0.0, 0.0])
    p = torch.sigmoid(logits)
    pt = torch.where(target == 1, p, 1 - p)
    expected = -((1 - pt) ** 2) * torch.log(pt)
    torch.testing.assert_close(
        BinaryFocalLoss(gamma=2.0, reduction="none")(logits, target), expected
    )


@pytest.mark.parametrize("gamma", [0.0, 0.5, 2.0, 5.0])
def test_finite_loss_and_gradients_for_huge_logits(gamma):
    logits = torch.tensor([[1e4, -1e4, 0.0], [-1e4, 1e4, 3.0]], requires_grad=True)
    target = torch.tensor([0, 0])  # one certain and right, one certain and wrong
    loss = FocalLoss(gamma=gamma)(logits, target)
    loss.backward()
    assert torch.isfinite(loss) and torch.isfinite(logits.grad).all()
    x = torch.tensor([1e4, -1e4, 1e4, -1e4], requires_grad=True)
    y = torch.tensor([1.0, 1.0, 0.0, 0.0])
    loss = BinaryFocalLoss(gamma=gamma, pos_weight=3.0)(x, y)
    loss.backward()
    assert torch.isfinite(loss) and torch.isfinite(x.grad).all()


def test_bad_arguments():
    with pytest.raises(ValueError, match="gamma"):
        FocalLoss(gamma=-1)
    with pytest.raises(ValueError, match="reduction"):
        BinaryFocalLoss(reduction="avg")
    with pytest.raises(ValueError, match="BinaryFocalLoss"):
        FocalLoss()(torch.zeros(4), torch.zeros(4, dtype=torch.long))
    with pytest.raises(ValueError, match="one logit per target"):
        BinaryFocalLoss()(torch.zeros(4), torch.zeros(5))


def test_skorch_criterion_with_gamma():
    skorch = pytest.importorskip("skorch", reason="the [torch] extra is not installed")
    from sklearn.datasets import make_classification

    X, y = make_classification(
        n_samples=200, n_features=8, weights=[0.9], random_state=0
    )
    X, y = X.astype(np.float32), y.astype(np.int64)
    torch.manual_seed(0)
    net = skorch.NeuralNetClassifier(
        torch.nn.Sequential(
            torch.nn.Linear(8, 16), torch.nn.ReLU(), torch.nn.Linear(16, 2)
        ),
        criterion=FocalLoss,
        criterion__gamma=2.0,
        criterion__weight=[1.0, 9.0],
        predict_nonlinearity=torch.nn.Softmax(dim=-1),
        max_epochs=5,
        lr=0.1,
        train_split=None,
        verbose=0,
    ).fit(X, y)
    assert net.criterion_.gamma == 2.0
    losses = net.history[:, "train_loss"]
    assert losses[-1] < losses[0]
    np.testing.assert_allclose(net.predict_proba(X).sum(axis=1), 1.0, rtol=1e-5)
    bnet = skorch.NeuralNetBinaryClassifier(
        torch.nn.Sequential(torch.nn.Linear(8, 1), torch.nn.Flatten(0)),
        criterion=BinaryFocalLoss,
        criterion__gamma=1.0,
        criterion__pos_weight=9.0,
        predict_nonlinearity=binary_proba,
        max_epochs=3,
        train_split=None,
        verbose=0,
    ).fit(X, y.astype(np.float32))
    proba = bnet.predict_proba(X)
    assert proba.shape == (200, 2)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-6)
    assert set(np.unique(bnet.predict(X))) <= {0, 1}
