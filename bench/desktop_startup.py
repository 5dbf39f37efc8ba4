"""Cold start of the desktop app to Today showing data, with a demo cache.

    .venv/bin/python bench/desktop_startup.py [--runs 5]

Builds the demo school on a local server, logs in once and syncs the
demo teacher's cache (as a first start would), stops the server, then
starts `klassbok --measure-startup` as a fresh process several times,
offscreen and offline (the classroom case), and prints a table:
- in-app: from desktop.app's first line to Today painted with data;
- process: wall-clock of the whole process, interpreter start to exit.
Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop.demo_server import DemoServer, demo_teacher  # noqa: E402
from desktop.session import device_name, start_session  # noqa: E402
from local_db.keystore import KeyStore  # noqa: E402
from local_db.sync.api_client import ApiClient  # noqa: E402
from local_db.sync.engine import SyncEngine  # noqa: E402

LINE = re.compile(r"start-up to Today with data: ([0-9.]+) s")


def prepare_profile(folder: Path, env: dict[str, str]) -> None:
    os.environ.update(env)
    import keyring

    from tests.support.keyring_backend import FileKeyring

    keyring.set_keyring(FileKeyring())
    today = dt.date.today()
    server = DemoServer(folder / "server", today)
    accounts = server.prepare()
    url = server.start()
    try:
        teacher = demo_teacher(accounts)
        client = ApiClient(url)
        login = client.login(teacher.username, teacher.password, device_name())
        session = start_session(folder / "client", KeyStore(), url, login, persistent=True)
        report = SyncEngine(session.cache, client).pull()
        session.cache.close()
        client.close()
        print(f"demo cache: {report.records_applied} records, {session.cache_path}")
        (folder / "client" / "settings.ini").write_text(
            f"[login]\nserver_url={url}\nusername={teacher.username}\n", "utf-8"
        )
    finally:
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="klassbok-bench-") as temp:
        folder = Path(temp)
        env = {
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHON_KEYRING_BACKEND": "tests.support.keyring_backend.FileKeyring",
            "KLASSBOK_TEST_KEYRING_FILE": str(folder / "keyring.json"),
        }
        prepare_profile(folder, env)
        in_app: list[float] = []
        wall: list[float] = []
        for _ in range(args.runs):
            started = time.perf_counter()
            proc = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "desktop.app",
                    "--data-dir",
                    str(folder / "client"),
                    "--lang",
                    "sv",
                    "--measure-startup",
                ],
                cwd=ROOT,
                env={**os.environ, **env},
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            wall.append(time.perf_counter() - started)
            match = LINE.search(proc.stdout)
            if proc.returncode != 0 or match is None:
                print(proc.stdout, proc.stderr, file=sys.stderr)
                return 1
            in_app.append(float(match.group(1)))
    print(f"\n{'runs':<6}{'measure':<48}{'median':>8}{'min':>8}{'max':>8}")
    for name, values in (
        ("in-app: desktop.app import -> Today with data", in_app),
        ("process: interpreter start -> exit", wall),
    ):
        print(
            f"{len(values):<6}{name[:47]:<48}{statistics.median(values):>7.3f}s"
            f"{min(values):>7.3f}s{max(values):>7.3f}s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
