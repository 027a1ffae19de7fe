"""Where things live on disk: the bundled bank and each learner's progress file."""

import os
from pathlib import Path

APP_NAME = "media-literacy-quiz"
PROGRESS_ENV = "QUIZ_PROGRESS"
"""Environment variable naming the progress file; `--progress PATH` wins over it."""

_PACKAGE = Path(__file__).resolve().parent


def bundled_bank() -> Path:
    """The bank shipped with the package: inside it when installed from a wheel, beside it in a checkout."""
    installed = _PACKAGE / "_bundled_questions"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "questions"


def bundled_techniques() -> Path:
    return bundled_bank() / "techniques.toml"


def progress_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The progress file: `override`, else $QUIZ_PROGRESS, else the user data folder of this platform."""
    if override:
        return Path(override).expanduser()
    if env := os.environ.get(PROGRESS_ENV):
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "progress.toml"


def error_log() -> Path:
    """Where the app writes the details of an unexpected error, so that none reaches a learner's
    screen as a traceback: the user log folder of this platform."""
    from platformdirs import user_log_path

    return user_log_path(APP_NAME, appauthor=False) / "errors.log"


def bank_cache() -> Path:
    """The folder where checked banks are kept for the next start (quiz.storage.bank_cache)."""
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False) / "banks"


def progress_summaries() -> Path:
    """The folder where each progress file's summary is kept for the next start
    (quiz.storage.progress_summary)."""
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False) / "progress"
