"""Files only the app's own user can read: recordings, spooled writes, the SQLite file.

Folders are created 0700 and files 0600 whatever the process umask, so another account
on the machine cannot read a trainee's voice or a call's transcript.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: str | Path) -> Path:
    """path as a folder (created with its missing parents) that only we can enter."""
    path = Path(path)
    missing = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:
            pass
        os.chmod(folder, DIR_MODE)  # mkdir's mode is filtered by the umask
    if path.is_dir() and (path.stat().st_mode & 0o077):
        os.chmod(path, DIR_MODE)
    return path


def write_private(path: str | Path, data: bytes) -> None:
    """Write data to path atomically (temporary file, fsync, rename), readable only by us."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def private_file(path: str | Path) -> Path:
    """An existing or new (empty) file at path, readable only by us. SQLite gives its
    -wal and -shm files the database file's permissions, so they follow."""
    path = Path(path)
    private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
    os.close(fd)
    os.chmod(path, FILE_MODE)
    return path


__all__ = ["DIR_MODE", "FILE_MODE", "private_dir", "private_file", "write_private"]
