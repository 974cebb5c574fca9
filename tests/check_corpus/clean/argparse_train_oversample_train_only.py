# pattern: argparse training script; the --oversample option resamples only the training split after train_test_split (clean)
import argparse
import json
from pathlib import Path

import joblib
import pandas as pd
from imblearn.over_sampling import RandomOverSampler, SMOTE
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score


def get_sampler(name, seed):
    if name == "random":
        return RandomOverSampler(random_state=seed)
    if name == "smote":
        return SMOTE(random_state=seed)
    return None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", type=Path, required=True)
    p.add_argument("--target", default="churn")
    p.add_argument("--oversample", choices=["none", "random", "smote"], default="none")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--out", type=Path, default=Path("artifacts"))
    args = p.parse_args()

    df = pd.read_parquet(args.data)
    X, y = df.drop(columns=[args.target]), df[args.target]
    X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.2, stratify=y, random_state=args.seed)

    sampler = get_sampler(args.oversample, args.seed)
    if sampler is not None:
        X_train, y_train = sampler.fit_resample(X_train, y_train)

    model = RandomForestClassifier(n_estimators=300, n_jobs=-1, random_state=args.seed)
    model.fit(X_train, y_train)
    f1 = f1_score(y_val, model.predict(X_val))
    args.out.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, args.out / "model.joblib")
    (args.out / "metrics.json").write_text(json.dumps({"f1": f1}))


if __name__ == "__main__":
    main()
