"""A standalone Spark cluster on this machine, from the pyspark distribution's own jars.

    with StandaloneCluster(workers=2, cores=1) as cluster:
        run_spark(inputs, out, settings, master=cluster.master)   # spark://127.0.0.1:PORT

1. the master: `java -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.master.Master`, bound to
   127.0.0.1 on a free port, its own process
2. `workers` workers, each its own process (`...deploy.worker.Worker spark://127.0.0.1:PORT`)
   with `cores` cores and `memory` of executor memory; each starts executors that run this
   Python (PYSPARK_PYTHON) when a job comes
3. wait until the master's status page lists every worker ALIVE
4. on exit: stop the workers, then the master (SIGTERM, then SIGKILL after a grace period)

Also a command, to try `parley spark --master spark://...` by hand:
    python -m parley.spark.cluster --workers 2    (prints the master URL; Ctrl+C stops it)
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from ..errors import Errors

LOOPBACK = "127.0.0.1"
WORKER_CLASS = "org.apache.spark.deploy.worker.Worker"
MASTER_CLASS = "org.apache.spark.deploy.master.Master"


def spark_home() -> Path:
    """The pyspark package folder: it holds the jars (and bin/) of the distribution."""
    env = os.environ.get("SPARK_HOME")
    if env and (Path(env) / "jars").is_dir():
        return Path(env)
    import pyspark
    return Path(pyspark.__file__).parent


def scala_version(home: Path) -> str:
    """'2.13' from the distribution's spark-core_2.13-*.jar."""
    for jar in sorted((home / "jars").glob("spark-core_*.jar")):
        return jar.name.split("_", 1)[1].split("-", 1)[0]
    return "2.13"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


class StandaloneCluster:
    def __init__(self, workers: int = 2, cores: int = 1, memory: str = "1g", timeout: float = 120):
        self.workers, self.cores, self.memory, self.timeout = workers, cores, memory, timeout
        self.port, self.ui_port = free_port(), free_port()
        self.procs: list[subprocess.Popen] = []
        self.dir = Path(tempfile.mkdtemp(prefix="parley-spark-cluster-"))

    @property
    def master(self) -> str:
        return f"spark://{LOOPBACK}:{self.port}"

    def _java(self, cls: str, *args: str, log: str) -> subprocess.Popen:
        java = shutil.which("java")
        if java is None:
            raise RuntimeError(Errors.P501)
        home = spark_home()
        # SPARK_SCALA_VERSION: the worker's launcher asks for it to find the jars of a
        # distribution that has no RELEASE file (the pip package), else executors fail to start
        env = dict(os.environ, SPARK_HOME=str(home), SPARK_LOCAL_IP=LOOPBACK, SPARK_SCALA_VERSION=scala_version(home),
                   PYSPARK_PYTHON=os.environ.get("PYSPARK_PYTHON", sys.executable),
                   SPARK_WORKER_DIR=str(self.dir / "work"), SPARK_LOG_DIR=str(self.dir))
        cmd = [java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
               "-cp", f"{home / 'jars'}/*", cls, *args]
        fh = open(self.dir / log, "wb")
        return subprocess.Popen(cmd, env=env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)

    def start(self) -> "StandaloneCluster":
        self.procs.append(self._java(MASTER_CLASS, "--host", LOOPBACK, "--port", str(self.port),  # 1
                                     "--webui-port", str(self.ui_port), log="master.log"))
        for k in range(self.workers):                                                          # 2
            self.procs.append(self._java(
                WORKER_CLASS, "--host", LOOPBACK, "--port", str(free_port()), "--webui-port", str(free_port()),
                "--cores", str(self.cores), "--memory", self.memory, "--work-dir", str(self.dir / f"work{k}"),
                self.master, log=f"worker{k}.log"))
        self._wait_alive()                                                                     # 3
        return self

    def state(self) -> dict:
        """The master's status page as JSON (workers, active and completed applications)."""
        try:
            with urllib.request.urlopen(f"http://{LOOPBACK}:{self.ui_port}/json/", timeout=5) as r:
                return json.load(r)
        except OSError:
            return {}

    def alive_workers(self) -> int:
        return sum(1 for w in self.state().get("workers", []) if w.get("state") == "ALIVE")

    def _wait_alive(self) -> None:
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.alive_workers() >= self.workers:
                return
            if any(p.poll() is not None for p in self.procs):
                break
            time.sleep(0.5)
        logs = "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-1500:]}" for p in sorted(self.dir.glob("*.log")))
        self.stop()
        raise RuntimeError(Errors.P502.format(workers=self.workers, seconds=self.timeout, logs=logs))

    def stop(self) -> None:                                                                    # 4
        for p in reversed(self.procs):
            if p.poll() is None:
                p.terminate()
        for p in reversed(self.procs):
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(timeout=10)
        self.procs.clear()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> "StandaloneCluster":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def main() -> None:
    import argparse
    ap = argparse.ArgumentParser(description="a standalone Spark cluster on 127.0.0.1")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--cores", type=int, default=1)
    ap.add_argument("--memory", default="1g")
    args = ap.parse_args()
    with StandaloneCluster(args.workers, args.cores, args.memory) as cluster:
        print(cluster.master, flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
