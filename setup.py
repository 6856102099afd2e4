"""Install the `tui/` folder under the import name `hustings`, with the bundled policies inside.

The package list is read from the folders, never kept by hand; the project's metadata is in
pyproject.toml.
"""

from setuptools import find_packages, setup

SOURCE, NAME = "tui", "hustings"
PACKAGES = [NAME + name[len(SOURCE) :] for name in find_packages(include=[SOURCE, f"{SOURCE}.*"])]

setup(
    packages=[*PACKAGES, f"{NAME}._bundled_policies"],
    package_dir={NAME: SOURCE, f"{NAME}._bundled_policies": "policies"},
    package_data={
        f"{NAME}.app": ["*.tcss"],
        f"{NAME}.serve.web": ["*.html", "static/*"],
        f"{NAME}._bundled_policies": ["*.toml", "*.md", "*.json", "sources/*.txt"],
    },
)
