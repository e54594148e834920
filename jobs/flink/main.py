"""Managed Service for Apache Flink entry point (run option `python` = "main.py").

Reads the "telemetry" application property group, builds the PyFlink job and runs it. Locally, point
TELEMETRY_FLINK_PROPERTIES at a properties JSON file of the same shape and run `python main.py` in an
environment with apache-flink 1.20 installed.
"""
import os
import sys

APP_DIR = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, APP_DIR)

from telemetry_job.properties import MANAGED_FLINK_PROPERTIES_FILE, load_job_config  # noqa: E402


def main():
    config = load_job_config()
    from telemetry_job.job import build_job

    env = build_job(config, APP_DIR, on_managed_flink=os.path.exists(MANAGED_FLINK_PROPERTIES_FILE))
    env.execute("telemetry-dedup-route")


if __name__ == "__main__":
    main()
