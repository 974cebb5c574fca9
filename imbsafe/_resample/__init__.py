"""One sampler on one training part: fit it, and carry weights to its rows.

Everything that resamples (ResampledCV, the fit, the audit, skorch and
Hugging Face) goes through here; it imports only the shared tools.
"""
