"""Small shared tools every layer uses; they import nothing else of imbsafe.

Class labels, one-line errors, optional extras, meta-estimator plumbing,
metric and sampler names, parallel fits, matplotlib, seeds, rows and
warning stack levels.
"""
