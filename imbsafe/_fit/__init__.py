"""The fit of ResampledClassifier: decided as a plan, then done.

The wrapper, the plan, the estimator's own validation, early stopping,
what imbsafe knows of the boosting libraries, and class weights, the
alternative to resampling. It imports no protocol.
"""
