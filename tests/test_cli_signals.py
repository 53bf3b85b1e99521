"""Ctrl-C during a send: what the second signal promises must be what the settings do, and
the handler lasts only as long as the run."""

from __future__ import annotations

import signal

import pytest

from newsletter.cli.app import _stop_on_signals


@pytest.mark.parametrize(
    ("resend_unknown", "wanted", "not_wanted"),
    [
        (True, "sends them again once", "leaves them"),
        (False, "NEWSLETTER_RESEND_UNKNOWN is off", "sends them again once"),
    ],
)
def test_the_second_signal_says_what_resend_unknown_really_does(
    make_settings,
    capsys: pytest.CaptureFixture[str],
    resend_unknown: bool,
    wanted: str,
    not_wanted: str,
) -> None:
    settings = make_settings(resend_unknown=resend_unknown)
    before = signal.getsignal(signal.SIGINT)
    with _stop_on_signals(settings) as stop:
        signal.raise_signal(signal.SIGINT)
        signal.raise_signal(signal.SIGINT)
        assert stop.is_set()
    second = capsys.readouterr().err.splitlines()[-1]
    assert wanted in second and not_wanted not in second, second
    # Found by review: the handler outlived the run; a Ctrl-C after it must act as before.
    assert signal.getsignal(signal.SIGINT) is before
