"""The cache key and the token live in the OS keyring, and only there."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends import chainer, fail, null

from local_db.keystore import KeyringUnavailable, KeyStore, KeystoreError
from local_db.profile import Profile
from tests.support.keyring_backend import MemoryKeyring


def test_cache_key_is_made_once_and_kept(memory_keyring: MemoryKeyring) -> None:
    store = KeyStore()
    assert store.available()
    first = store.cache_key("p1")
    assert len(first) == 32
    assert store.cache_key("p1") == first
    assert KeyStore().cache_key("p1") == first
    assert store.cache_key("p2") != first
    store.forget_cache_key("p1")
    assert store.cache_key("p1") != first
    # Forgetting what is not there is not an error.
    store.forget_cache_key("never")


def test_token_round_trip(memory_keyring: MemoryKeyring) -> None:
    store = KeyStore()
    assert store.load_token("p1") is None
    store.save_token("p1", "secret-token")
    assert store.load_token("p1") == "secret-token"
    assert store.load_token("p2") is None
    store.forget_token("p1")
    assert store.load_token("p1") is None
    store.forget_token("p1")


def test_secrets_go_to_the_keyring_and_nowhere_else(
    memory_keyring: MemoryKeyring, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    store = KeyStore()
    key = store.cache_key("p1")
    store.save_token("p1", "tok-123")
    stored = memory_keyring.entries()
    assert set(stored.values()) == {key.hex(), "tok-123"}
    assert {service for service, _ in stored} == {"Klassbok"}
    assert list(tmp_path.iterdir()) == []


def test_a_damaged_key_entry_is_reported_not_replaced(memory_keyring: MemoryKeyring) -> None:
    memory_keyring.set_password("Klassbok", "cache-key:p1", "not hex")
    with pytest.raises(KeystoreError, match="damaged"):
        KeyStore().cache_key("p1")
    assert memory_keyring.get_password("Klassbok", "cache-key:p1") == "not hex"


@pytest.fixture(params=["fail", "null", "empty_chainer"])
def no_keyring(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """keyring's own stand-ins for "there is no keyring here"."""
    if request.param == "fail":
        keyring.set_keyring(fail.Keyring())
    elif request.param == "null":
        keyring.set_keyring(null.Keyring())
    else:
        # What keyring picks when it finds no backend to chain.
        monkeypatch.setattr(chainer.ChainerBackend, "backends", [])
        keyring.set_keyring(chainer.ChainerBackend())
    # The autouse memory_keyring fixture puts the previous backend back.


def test_without_a_keyring_nothing_is_stored(no_keyring: None) -> None:
    store = KeyStore()
    assert not store.available()
    with pytest.raises(KeyringUnavailable) as caught:
        store.cache_key("p1")
    assert "password store" in str(caught.value)
    with pytest.raises(KeyringUnavailable):
        store.save_token("p1", "tok")
    with pytest.raises(KeyringUnavailable):
        store.load_token("p1")


class _BrokenKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("locked")


def test_a_keyring_that_fails_on_access_counts_as_unavailable() -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(_BrokenKeyring())
    try:
        store = KeyStore()
        assert not store.available()
        with pytest.raises(KeyringUnavailable):
            store.cache_key("p1")
    finally:
        keyring.set_keyring(previous)


def test_profile_id_is_stable_and_separates_accounts(tmp_path: Path) -> None:
    one = Profile("https://Klassbok.Skola.se/", "Karin")
    assert one.profile_id == Profile("https://klassbok.skola.se", "karin ").profile_id
    assert one.profile_id != Profile("https://klassbok.skola.se", "olle").profile_id
    assert one.profile_id != Profile("https://annan.skola.se", "karin").profile_id
    assert len(one.profile_id) == 16
    path = one.cache_path(tmp_path)
    assert path.parent.parent.parent == tmp_path
    assert one.profile_id in str(path)
