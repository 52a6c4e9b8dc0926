"""A throwaway PostgreSQL server for the tests: a real cluster in a temporary folder.

    1. find the server binaries (PARLEY_PG_BIN, /usr/lib/postgresql/*/bin, then PATH)
    2. initdb a cluster in a temporary folder (as an unprivileged user when we are root:
       initdb and postgres refuse to run as root)
    3. start it on 127.0.0.1 with a free port, sockets in the same folder
    4. hand out one fresh database per test; stop the server and delete the folder at the end

`PARLEY_TEST_PG_URL=postgresql://...` uses an existing server instead (each test still gets
its own database). Run `python tests/pg.py` to start one by hand and print its URL.
"""
from __future__ import annotations

import atexit
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

INSTALL_HINT = ("install the PostgreSQL server (Debian: `apt-get install -y postgresql`; "
                ".ci/run does this) or set PARLEY_TEST_PG_URL to a server you can create databases on")
UNPRIVILEGED = ("postgres", "nobody")


class PostgresUnavailable(RuntimeError):
    pass


def find_bindir() -> Path:
    """1. The folder holding initdb, pg_ctl and postgres."""
    candidates = [os.environ.get("PARLEY_PG_BIN", "")]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                         key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0,
                         reverse=True)
    which = shutil.which("initdb")
    if which:
        candidates.append(str(Path(which).resolve().parent))
    for c in candidates:
        if c and all((Path(c) / tool).exists() for tool in ("initdb", "pg_ctl", "postgres")):
            return Path(c)
    raise PostgresUnavailable(f"no PostgreSQL server binaries (initdb, pg_ctl, postgres) found: {INSTALL_HINT}")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_as() -> pwd.struct_passwd | None:
    if os.geteuid() != 0:
        return None
    for name in UNPRIVILEGED:
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise PostgresUnavailable("running as root and no unprivileged user (postgres, nobody) exists "
                              "to run initdb as: create one (`useradd postgres`)")


@dataclass
class Server:
    bindir: Path
    root: Path
    port: int
    user: pwd.struct_passwd | None

    @property
    def url(self) -> str:
        return f"postgresql://parley@127.0.0.1:{self.port}/postgres"

    def _cmd(self, *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
        kw = {}
        if self.user is not None:
            kw = {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}
        env = dict(os.environ, LC_ALL="C", LANG="C")
        proc = subprocess.run(args, capture_output=True, text=True, cwd=self.root, env=env,
                              timeout=timeout, **kw)
        if proc.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise PostgresUnavailable(f"{' '.join(args)} failed ({proc.returncode}):\n"
                                      f"{proc.stdout}\n{proc.stderr}\n{tail}")
        return proc

    def start(self) -> "Server":
        """2-3. initdb and start; returns when the server accepts connections."""
        data = self.root / "data"
        self._cmd(str(self.bindir / "initdb"), "-D", str(data), "-U", "parley", "--auth=trust",
                  "-E", "UTF8", "--no-locale", "--no-sync")
        opts = (f"-h 127.0.0.1 -p {self.port} -k {self.root} -F -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50")
        self._cmd(str(self.bindir / "pg_ctl"), "-D", str(data), "-l", str(self.root / "server.log"),
                  "-o", opts, "-w", "-t", "60", "start")
        return self

    def restart(self) -> None:
        """Stop the server at once (-m fast: open sessions are cut off) and start it again on
        the same port; returns when it accepts connections."""
        self._cmd(str(self.bindir / "pg_ctl"), "-D", str(self.root / "data"), "-l", str(self.root / "server.log"),
                  "-m", "fast", "-w", "-t", "60", "restart")

    def stop(self) -> None:
        data = self.root / "data"
        if (data / "postmaster.pid").exists():
            try:
                self._cmd(str(self.bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop", timeout=60)
            except (PostgresUnavailable, subprocess.TimeoutExpired):
                self._cmd(str(self.bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop", timeout=60)
        shutil.rmtree(self.root, ignore_errors=True)


def start_server() -> Server:
    """Start a private server; it is stopped at exit even if the caller forgets."""
    bindir = find_bindir()
    user = _run_as()
    # as root the server runs as another user, who must reach the folder: keep it under /tmp
    root = Path(tempfile.mkdtemp(prefix="parley-pg-", dir="/tmp" if user is not None else None))
    if user is not None:
        os.chown(root, user.pw_uid, user.pw_gid)
    os.chmod(root, 0o700)
    server = Server(bindir, root, free_port(), user)
    try:
        server.start()
    except Exception:
        server.stop()
        raise
    atexit.register(server.stop)
    return server


def create_database(admin_url: str) -> str:
    """4. A fresh, empty database on the server; returns its URL."""
    import psycopg
    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0] + "/" + name


def drop_database(admin_url: str, url: str) -> None:
    import psycopg
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    srv = start_server()
    print(srv.url, flush=True)
    print("press Ctrl-C to stop", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
