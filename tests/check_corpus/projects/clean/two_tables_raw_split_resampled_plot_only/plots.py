# pattern: cross-file look-alike, plot script: reads train_smote_for_plots.csv and draws per-class histograms only; no split, CV or eval set (clean)
import pandas as pd
import matplotlib.pyplot as plt

df = pd.read_csv("train_smote_for_plots.csv")
for col in ["Air temperature [K]", "Torque [Nm]", "Tool wear [min]"]:
    df.groupby("Machine failure")[col].plot.hist(alpha=0.5, bins=40, legend=True)
    plt.title(col)
    plt.savefig(f"hist_{col.split()[0]}.png")
    plt.close()
