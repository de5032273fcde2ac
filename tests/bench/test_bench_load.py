"""The load benchmark's crash mode in small: gunicorn is SIGKILLed once while respondents answer, restarted, and
every submission that got a success reply must be stored exactly once, on the database the suite runs on (SQLite,
or the PostgreSQL server of YOUSAID_TEST_DATABASE_URL, in a database of its own)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_acknowledged_submissions_survive_a_sigkill_exactly_once(tmp_path):
    command = [sys.executable, str(ROOT / "bench" / "bench_load.py"), "--crash", "1", "--quick", "--preload",
               "--seconds", "4", "--people", "6", "--workers", "2", "--invitations", "30", "--port", "0",
               "--log", str(tmp_path / "gunicorn.log")]
    url = os.environ.get("YOUSAID_TEST_DATABASE_URL", "")
    if url.startswith("postgresql"):
        command += ["--postgres", url, "--only-postgres"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=240,  # noqa: S603
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "killed with SIGKILL 1 times" in result.stdout
    [checked] = json.loads(result.stdout.strip().splitlines()[-1])
    assert checked["acknowledged"] > 0, "no survey was completed: the run proved nothing"
    assert (checked["lost"], checked["twice"], checked["bad_invitations"]) == (0, 0, 0)
    assert checked["integrity"].startswith("ok")
