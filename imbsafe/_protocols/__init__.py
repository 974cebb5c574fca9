"""The split-first protocols: ResampledCV, the fold runner and compare.

Outer folds are split before anything is resampled, and every score is
measured on the untouched test fold.
"""
