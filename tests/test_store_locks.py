"""Opening a second SQLite store on a file this process already has open keeps the first's locks.

SQLite's locks are POSIX record locks: closing ANY descriptor of the file drops all of this
process's locks on it. The header check of `SQLiteStore._connect` read the file with
open()/close(); done while ingest's writer had the file open (its checkpoint reader opens
beside it), it dropped the writer's SHARED lock, so another process's last connection could
checkpoint and delete the WAL under the writer (tests/test_store_resume.py lost commits).
"""
import subprocess
import sys

from parley import open_store

# SQLite's shared-lock byte range on the database file (os_unix.c: PENDING_BYTE + 2, 510 bytes)
SHARED_FIRST = 0x40000000 + 2
SHARED_SIZE = 510
PROBE = f"""
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR)
try:
    fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, {SHARED_SIZE}, {SHARED_FIRST})
    print("free")
except OSError:
    print("held")
"""


def _shared_lock_held(path) -> bool:
    """Whether some other process holds a shared lock on the file (asked from a new process)."""
    out = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, check=True)
    return out.stdout.strip() == "held"


def test_a_second_store_on_the_same_file_keeps_the_first_ones_lock(tmp_path):
    path = tmp_path / "store.db"
    with open_store(str(path)) as writer:
        writer.counts()                       # a read, so the connection holds its shared lock
        assert _shared_lock_held(path), "an open WAL store holds a shared lock on its file"
        with open_store(str(path)) as reader:
            reader.counts()
        writer.counts()
        assert _shared_lock_held(path), "opening and closing a second store dropped the first one's lock"
