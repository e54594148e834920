"""Telemetry dedup/validate/route job for Managed Service for Apache Flink (PyFlink, runtime FLINK-1_20).

Everything in this package except `job.py` is plain Python (no PyFlink import), so it runs and is tested
with any python3; `job.py` imports pyflink only when the job is built.
"""
