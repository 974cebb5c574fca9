# pattern: a balanced sub-sample (df.loc[df.Class == 0].sample(492) + frauds) is built only for a correlation heatmap and boxplots; the model is trained and cross-validated on the original rows with an imblearn pipeline (clean)
import pandas as pd
import seaborn as sns
import matplotlib.pyplot as plt
from imblearn.pipeline import make_pipeline
from imblearn.under_sampling import RandomUnderSampler
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score

df = pd.read_csv("creditcard.csv")

# balanced view of the data, for the plots only
frauds = df.loc[df.Class == 1]
legit = df.loc[df.Class == 0].sample(492, random_state=0)
sub = pd.concat([frauds, legit])
fig, ax = plt.subplots(1, 2, figsize=(20, 8))
sns.heatmap(df.corr(), cmap="coolwarm_r", ax=ax[0])
ax[0].set_title("Imbalanced correlation matrix")
sns.heatmap(sub.corr(), cmap="coolwarm_r", ax=ax[1])
ax[1].set_title("SubSample correlation matrix")
plt.show()
for col in ["V14", "V12", "V10"]:
    sns.boxplot(x="Class", y=col, data=sub)
    plt.show()

X = df.drop(columns=["Class", "Time"])
y = df["Class"]
pipe = make_pipeline(RandomUnderSampler(random_state=0), LogisticRegression(max_iter=1000))
print(cross_val_score(pipe, X, y, cv=5, scoring="average_precision").mean())
