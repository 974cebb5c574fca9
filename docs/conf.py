"""Sphinx configuration: numpydoc + autosummary + sphinx-gallery."""

import os
from pathlib import Path

import imbsafe

project = "imbsafe"
author = "the imbsafe developers"
copyright = "2026, the imbsafe developers"
release = imbsafe.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "numpydoc",
    "sphinx_gallery.gen_gallery",
]

autosummary_generate = True
autodoc_default_options = {"members": True, "inherited-members": False}
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
# Validate the docstrings of the API pages (warnings are errors with -W): every
# parameter documented and spelled as in the signature, sections in order.
numpydoc_validate = True
numpydoc_validation_checks = {
    "PR01",
    "PR02",
    "PR03",
    "PR10",
    "GL02",
    "GL03",
    "GL06",
    "GL07",
    "SS01",
}
# Result records (dataclasses, named tuples): their fields are documented
# under Attributes, the constructor is not for users.
numpydoc_validation_exclude = {
    r"\.ComparisonResult$",
    r"\.LeakageReport$",
    r"\.ConfusionCounts$",
    r"\.RemedyResult$",
    # the builders the functions that return them call, not for users either
    r"\.ComparisonResult\.from_folds$",
    r"\.RemedyResult\.from_folds$",
}
templates_path = ["_templates"]
exclude_patterns = ["_build", "generated/*.examples"]
html_theme = "pydata_sphinx_theme"
html_static_path = ["_static"]
html_title = f"imbsafe {release}"
html_theme_options = {
    # no icons or version switchers that would fetch from the network
    "navigation_with_keys": False,
}

os.environ.setdefault("MPLBACKEND", "Agg")
sphinx_gallery_conf = {
    "examples_dirs": str(Path(__file__).parent.parent / "examples"),
    "gallery_dirs": "auto_examples",
    "filename_pattern": r"plot_",
    "download_all_examples": False,
    "remove_config_comments": True,
    "within_subsection_order": "FileNameSortKey",
    "matplotlib_animations": False,
}


def _skip_foreign_members(app, what, name, obj, skip, options):
    """Document what imbsafe defines; leave inherited scikit-learn and skorch
    methods (get_params, set_*_request, ...) to their own documentation."""
    module = getattr(obj, "__module__", None) or ""
    if what == "class" and module and not module.startswith("imbsafe"):
        return True
    return skip


def setup(app):
    app.connect("autodoc-skip-member", _skip_foreign_members)
