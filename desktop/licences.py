"""Klassbok's version and the licences of what it ships, for the About dialog.

Read from the installed distributions' metadata (importlib.metadata), so
the figures are those of the libraries actually bundled; the installer
copies exactly these distributions' metadata into the bundle
(build_installer.spec imports this list). Qt-free: the spec imports it.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass
from importlib import metadata

#: The Python distributions the desktop app runs on (what the bundle holds).
#: Platform-only ones are simply absent elsewhere (SecretStorage on Linux,
#: pywin32-ctypes and tzdata on Windows).
BUNDLED_DISTRIBUTIONS = (
    "PySide6-Essentials",
    "shiboken6",
    "SQLAlchemy",
    "alembic",
    "Mako",
    "MarkupSafe",
    "sqlcipher3",
    "pydantic",
    "pydantic_core",
    "annotated-types",
    "typing-inspection",
    "typing_extensions",
    "requests",
    "urllib3",
    "idna",
    "charset-normalizer",
    "certifi",
    "keyring",
    "jaraco.classes",
    "jaraco.functools",
    "jaraco.context",
    "more-itertools",
    "SecretStorage",
    "jeepney",
    "cryptography",
    "cffi",
    "pycparser",
    "pywin32-ctypes",
    "platformdirs",
    "tzdata",
)

#: Where a distribution's metadata names no licence: what its project states.
STATED_LICENCES = {
    "sqlcipher3": "zlib",  # the pysqlite3 fork's licence
}

#: Libraries compiled into the wheels above rather than Python distributions.
NATIVE_LIBRARIES = (
    ("Qt", "LGPL-3.0-only"),  # inside PySide6-Essentials, dynamically linked
    ("SQLCipher", "BSD-3-Clause"),  # inside sqlcipher3
    ("OpenSSL", "Apache-2.0"),  # inside sqlcipher3, SQLCipher's crypto provider
    ("ICU", "Unicode-3.0"),  # Qt's text handling
    ("Python", "PSF-2.0"),
)


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    licence: str


def app_version() -> str:
    try:
        return metadata.version("klassbok")
    except metadata.PackageNotFoundError:
        return "0+unknown"  # a source tree that was never installed


def _field(meta: metadata.PackageMetadata, key: str) -> str:
    # get_all: a missing field is None in every version (meta[key] raises in some).
    values = meta.get_all(key) or []
    return str(values[0]) if values else ""


def _licence(meta: metadata.PackageMetadata, name: str) -> str:
    expression = _field(meta, "License-Expression")
    if expression:
        return expression
    text = _field(meta, "License").strip()
    if text and "\n" not in text and len(text) < 80:
        return text
    for classifier in meta.get_all("Classifier") or []:
        if classifier.startswith("License :: OSI Approved :: "):
            return classifier.rsplit(" :: ", 1)[1]
    return STATED_LICENCES.get(name, "see the project")


def python_components() -> list[Component]:
    """The bundled distributions that are installed here, with version and licence."""
    found = []
    for name in BUNDLED_DISTRIBUTIONS:
        try:
            meta = metadata.metadata(name)
        except metadata.PackageNotFoundError:
            continue
        found.append(Component(str(meta["Name"]), str(meta["Version"]), _licence(meta, name)))
    return found


def native_components(qt_version: str) -> list[Component]:
    versions = {"Qt": qt_version, "Python": platform.python_version()}
    versions.update(_sqlcipher_versions())
    return [Component(name, versions.get(name, ""), licence) for name, licence in NATIVE_LIBRARIES]


def _sqlcipher_versions() -> dict[str, str]:
    """SQLCipher's and its crypto library's versions, as SQLCipher reports them."""
    try:
        import sqlcipher3

        conn = sqlcipher3.connect(":memory:")
        try:
            # A throwaway key for a database in memory: the provider answers only then.
            conn.execute("PRAGMA key = 'about'")
            cipher = conn.execute("PRAGMA cipher_version").fetchone()
            provider = conn.execute("PRAGMA cipher_provider_version").fetchone()
        finally:
            conn.close()
    except Exception:  # never fail the About dialog over a version string
        return {}
    versions = {}
    if cipher:
        versions["SQLCipher"] = str(cipher[0]).split()[0]
    if provider:
        versions["OpenSSL"] = str(provider[0]).removeprefix("OpenSSL ").split()[0]
    return versions
