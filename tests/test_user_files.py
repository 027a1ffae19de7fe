"""Files a user names are read only if they are regular files, and never beyond a cap."""

import os
from pathlib import Path

import pytest

from quiz.storage.user_files import UnreadableFile, read_user_file


def test_a_regular_file_is_read_whole_up_to_the_cap(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 100)
    assert read_user_file(path, 100) == b"x" * 100
    with pytest.raises(UnreadableFile) as caught:
        read_user_file(path, 99)
    assert caught.value.too_big and caught.value.reason == "is more than 99 bytes"


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_the_size_read_counts_not_the_size_stat_reports():
    assert os.stat("/proc/self/status").st_size == 0
    assert b"Name:" in read_user_file(Path("/proc/self/status"), 1 << 20)
    with pytest.raises(UnreadableFile, match="is more than 10 bytes"):
        read_user_file(Path("/proc/self/status"), 10)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_pipes_devices_folders_and_missing_files_are_refused_at_once(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "zero").symlink_to("/dev/zero")
    cases = {tmp_path / "pipe": "is a pipe (FIFO), not a regular file",
             tmp_path / "zero": "is a device, not a regular file",
             tmp_path: "is a folder, not a file",
             tmp_path / "none": "no such file"}
    for path, reason in cases.items():
        with pytest.raises(UnreadableFile) as caught:
            read_user_file(path, 1 << 30)
        assert caught.value.reason == reason and str(caught.value) == f"{path}: {reason}"
    assert caught.value.missing
