"""The progress bar: the same items, drawn on standard error in a terminal only, never on standard output."""

from __future__ import annotations

import io

import pytest

from helpers.core import progress as pr


class Terminal(io.StringIO):
    """A standard error that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_quiet_when_standard_error_is_not_a_terminal(capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    monkeypatch.delenv(pr.PROGRESS_ENV, raising=False)
    assert list(pr.progress(range(5), desc="tables")) == [0, 1, 2, 3, 4]
    assert capsys.readouterr() == ("", "")


def test_draws_on_standard_error_in_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    err, out = Terminal(), io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    monkeypatch.setattr("sys.stdout", out)
    monkeypatch.setattr(pr, "DELAY_SECONDS", 0)
    monkeypatch.delenv(pr.PROGRESS_ENV, raising=False)
    assert list(pr.progress(iter("abc"), total=3, desc="tables")) == ["a", "b", "c"]
    assert "tables:" in err.getvalue() and "/3 [" in err.getvalue()  # the bar, cleared when done (leave=False)
    assert out.getvalue() == ""


@pytest.mark.parametrize(("value", "terminal", "drawn"), [("0", True, False), ("1", False, True), ("", True, True)])
def test_the_environment_variable_overrides(monkeypatch: pytest.MonkeyPatch, value: str, terminal: bool, drawn: bool):
    monkeypatch.setenv(pr.PROGRESS_ENV, value)
    monkeypatch.setattr("sys.stderr", Terminal() if terminal else io.StringIO())
    assert pr.enabled() is drawn


def test_stopping_early_closes_the_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    err = Terminal()
    monkeypatch.setattr("sys.stderr", err)
    monkeypatch.setattr(pr, "DELAY_SECONDS", 0)
    monkeypatch.setenv(pr.PROGRESS_ENV, "1")
    items = pr.progress(range(100), desc="x")
    assert next(items) == 0
    items.close()  # a loop left by break or an exception
    assert "x" in err.getvalue()
