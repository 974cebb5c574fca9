# pattern: argparse training script; with --oversample the whole dataset is RandomOverSampled before train_test_split (leak on that path; the checker should report the possible flow)
import argparse
import json
import logging
from pathlib import Path

import joblib
import pandas as pd
from imblearn.over_sampling import RandomOverSampler, SMOTE
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import classification_report, f1_score

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
log = logging.getLogger("train")


def parse_args():
    p = argparse.ArgumentParser(description="Train churn classifier")
    p.add_argument("--data", type=Path, required=True)
    p.add_argument("--target", default="churn")
    p.add_argument("--oversample", choices=["none", "random", "smote"], default="none")
    p.add_argument("--test-size", type=float, default=0.2)
    p.add_argument("--n-estimators", type=int, default=300)
    p.add_argument("--out", type=Path, default=Path("artifacts"))
    p.add_argument("--seed", type=int, default=42)
    return p.parse_args()


def main():
    args = parse_args()
    df = pd.read_parquet(args.data)
    log.info("loaded %d rows, positive rate %.3f", len(df), df[args.target].mean())

    X = df.drop(columns=[args.target])
    y = df[args.target]

    if args.oversample == "random":
        X, y = RandomOverSampler(random_state=args.seed).fit_resample(X, y)
    elif args.oversample == "smote":
        X, y = SMOTE(random_state=args.seed).fit_resample(X, y)
    log.info("training rows after resampling: %d", len(y))

    X_train, X_val, y_train, y_val = train_test_split(  # expect: leak
        X, y, test_size=args.test_size, random_state=args.seed, stratify=y
    )

    model = RandomForestClassifier(n_estimators=args.n_estimators, n_jobs=-1, random_state=args.seed)
    model.fit(X_train, y_train)
    pred = model.predict(X_val)
    log.info("\n%s", classification_report(y_val, pred))

    args.out.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, args.out / "model.joblib")
    (args.out / "metrics.json").write_text(json.dumps({"f1": f1_score(y_val, pred)}))


if __name__ == "__main__":
    main()
