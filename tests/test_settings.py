"""The settings read from .streamlit/secrets.toml as people write it, TOML types included."""

import settings


def test_a_toml_boolean_in_secrets_allows_loopback_links(monkeypatch, tmp_path):
    # regression: `allow_loopback_links = true` is a TOML boolean, and reading it stopped with AttributeError
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('public_url = "http://127.0.0.1:8501/"\nallow_loopback_links = true\n', encoding="utf-8")
    monkeypatch.setattr(settings, "SECRETS", secrets)
    monkeypatch.delenv("CARERS_MONITOR_PUBLIC_URL", raising=False)
    monkeypatch.delenv("CARERS_MONITOR_ALLOW_LOOPBACK_LINKS", raising=False)
    read = settings.read()
    assert (read.public_url, read.allow_loopback_links) == ("http://127.0.0.1:8501", True)
    assert settings.public_address_problem(read) is None


def test_the_secret_key_is_made_once_whole_and_private_even_when_many_threads_ask_at_once(tmp_path, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    monkeypatch.delenv("CARERS_MONITOR_SECRET_KEY", raising=False)
    config = settings.read(str(tmp_path / "carers.duckdb"))
    with ThreadPoolExecutor(16) as pool:
        keys = set(pool.map(lambda _: config.secret_key, range(64)))
    assert len(keys) == 1 and len(keys.pop()) >= 40  # one key, whole (an empty read would be a second value)
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]  # no temporary file left behind
