"""Recordings, spooled uploads and the SQLite database are readable only by the app's own
account (files 0600, folders 0700), whatever the umask."""

from __future__ import annotations

import os
import stat

import pytest

from sim_core.storage.local import LocalStore
from sim_core.storage.spool import SpoolingStore


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture(autouse=True)
def permissive_umask():
    old = os.umask(0o022)  # the usual default: world-readable files
    yield
    os.umask(old)


def _tree_modes(root):
    for dirpath, _dirs, files in os.walk(root):
        yield dirpath, _mode(dirpath), True
        for name in files:
            yield os.path.join(dirpath, name), _mode(os.path.join(dirpath, name)), False


def test_recordings_in_the_local_folder_are_private(tmp_path):
    store = LocalStore(tmp_path / "data" / "audio")
    store.check()
    store.put("calls/abc/turn-001.wav", b"RIFF....")
    for path, mode, is_dir in _tree_modes(tmp_path / "data"):
        assert mode == (0o700 if is_dir else 0o600), path
    assert store.get("calls/abc/turn-001.wav") == b"RIFF...."


def test_spooled_uploads_are_private(tmp_path):
    class Down:
        def put(self, *a, **k):
            from sim_core.storage.errors import StorageUnavailable

            raise StorageUnavailable("down")

    spool = SpoolingStore(Down(), tmp_path / "spool")
    spool.put("calls/abc/turn-001.wav", b"voice", "audio/wav")
    assert spool.pending == 1
    modes = list(_tree_modes(tmp_path / "spool"))
    assert len(modes) >= 3
    for path, mode, is_dir in modes:
        assert mode == (0o700 if is_dir else 0o600), path


def test_the_sqlite_database_and_its_journal_are_private(tmp_path):
    import sqlalchemy as sa

    from db.engine import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'data' / 'simulator.db'}")
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE t (x TEXT)"))
        conn.execute(sa.text("INSERT INTO t VALUES ('a trainee line')"))
    with engine.connect() as conn:  # WAL and shared-memory files exist while connected
        conn.execute(sa.text("SELECT * FROM t")).all()
        files = sorted(p.name for p in (tmp_path / "data").iterdir())
        assert "simulator.db" in files and "simulator.db-wal" in files
        for path, mode, is_dir in _tree_modes(tmp_path / "data"):
            assert mode == (0o700 if is_dir else 0o600), path
    engine.dispose()


def test_lines_queued_during_a_database_outage_are_private(tmp_path):
    from sim_core.persist.outbox import FileOutbox

    box = FileOutbox(tmp_path / "outbox")
    box.push({"seq": 1, "id": "a", "kind": "event", "text": "my husband is not breathing"})
    assert len(box) == 1
    for path, mode, is_dir in _tree_modes(tmp_path / "outbox"):
        assert mode == (0o700 if is_dir else 0o600), path
