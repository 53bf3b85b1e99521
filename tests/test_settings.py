"""load_settings: every problem is one ConfigError naming the variable the operator set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsletter.errors import ConfigError
from newsletter.settings import load_settings


def config_error(monkeypatch: pytest.MonkeyPatch, **env: str) -> str:
    for name, value in env.items():
        monkeypatch.setenv(f"NEWSLETTER_{name}", value)
    with pytest.raises(ConfigError) as info:
        load_settings()
    return str(info.value)


def test_a_data_dir_that_is_a_file_is_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    message = config_error(monkeypatch, DATA_DIR=str(blocker))
    assert message.startswith("NEWSLETTER_DATA_DIR: ") and "not a directory" in message
    message = config_error(monkeypatch, DATA_DIR=str(blocker / "deeper"))
    assert message.startswith("NEWSLETTER_DATA_DIR: ") and f"runs through {blocker}" in message


def test_db_url_setting_names_where_the_url_came_from(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_settings().db_url_setting == "NEWSLETTER_DATA_DIR"
    monkeypatch.setenv("NEWSLETTER_DATABASE_URL", "sqlite:///x.db")
    assert load_settings().db_url_setting == "NEWSLETTER_DATABASE_URL"


def test_an_unwritable_data_dir_is_named_when_a_key_is_generated(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes anywhere")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    settings = load_settings(data_dir=locked / "data")
    with pytest.raises(ConfigError, match="NEWSLETTER_DATA_DIR: cannot keep"):
        settings.secret_keys()


def test_a_password_file_error_names_its_own_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    missing = tmp_path / "nope"
    message = config_error(monkeypatch, SMTP__PASSWORD_FILE=str(missing))
    assert message == (
        f"NEWSLETTER_SMTP__PASSWORD_FILE: cannot read {missing}: No such file or directory"
    )
    cp949 = tmp_path / "cp949"
    cp949.write_bytes("비밀번호".encode("cp949"))
    message = config_error(monkeypatch, SMTP__PASSWORD_FILE=str(cp949))
    assert message == f"NEWSLETTER_SMTP__PASSWORD_FILE: {cp949} is not UTF-8 text"


def test_a_password_file_is_read_and_an_explicit_password_wins(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    secret = tmp_path / "pw"
    secret.write_text("from-the-file\n", "utf-8")
    monkeypatch.setenv("NEWSLETTER_SMTP__HOST", "smtp.example.com")  # else a settings error
    monkeypatch.setenv("NEWSLETTER_SMTP__PASSWORD_FILE", str(secret))
    assert load_settings().smtp.password.get_secret_value() == "from-the-file"
    monkeypatch.setenv("NEWSLETTER_SMTP__PASSWORD_FILE", str(tmp_path / "missing"))
    monkeypatch.setenv("NEWSLETTER_SMTP__PASSWORD", "given")
    assert load_settings().smtp.password.get_secret_value() == "given"


def test_a_secrets_dir_that_is_not_there_is_an_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    message = config_error(monkeypatch, SECRETS_DIR=str(tmp_path / "nope"))
    assert message == f"NEWSLETTER_SECRETS_DIR: {tmp_path / 'nope'} does not exist"
    (tmp_path / "file").write_text("x")
    message = config_error(monkeypatch, SECRETS_DIR=str(tmp_path / "file"))
    assert message == f"NEWSLETTER_SECRETS_DIR: {tmp_path / 'file'} is not a directory"


def test_a_secrets_dir_supplies_secrets(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "newsletter_secret_key").write_text("k" * 20, "utf-8")
    monkeypatch.setenv("NEWSLETTER_SECRETS_DIR", str(tmp_path))
    assert load_settings().secret_keys() == [b"k" * 20]


def test_a_dot_env_in_cp949_is_named(tmp_path: Path) -> None:
    # The autouse fixture runs each test in tmp_path, where load_settings looks for .env.
    (tmp_path / ".env").write_bytes("# 설정\nNEWSLETTER_LOCALE=en\n".encode("cp949"))
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert str(info.value) == (
        f"{tmp_path / '.env'}: not UTF-8 text"
        " (save it as UTF-8; from Windows: iconv -f cp949 -t utf-8)"
    )


def test_a_dot_env_in_utf8_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("# 설정\nNEWSLETTER_LOCALE=en\n", "utf-8")
    assert load_settings().locale == "en"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("{bad", "NEWSLETTER_SMTP: not valid JSON"),
        ('{"port": "x"}', "NEWSLETTER_SMTP__PORT: "),
    ],
)
def test_a_bad_json_group_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: str
) -> None:
    message = config_error(monkeypatch, SMTP=value)
    assert message.startswith(expected), message


def test_bad_json_in_dot_env_says_so(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("NEWSLETTER_SMTP={bad\n", "utf-8")
    with pytest.raises(ConfigError, match=r"^NEWSLETTER_SMTP \(in \.env\): not valid JSON"):
        load_settings()
