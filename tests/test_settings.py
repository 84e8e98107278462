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
