-- Seed 003 "export_features" (EXPORT DATA … PARQUET) as an Athena UNLOAD into the GOLD S3 aggregates
-- prefix. UNLOAD refuses a non-empty target, so each execution writes below its own run id; consumers
-- read the newest run of a date.
UNLOAD (
  SELECT level_id, pass_rate, avg_moves, p95_moves, retry_rate, booster_usage_rate
  FROM ${gold_database}.level_metrics
  WHERE metric_date = DATE '${run_date}'
)
TO '${aggregates_location}level_features/run_date=${run_date}/run_id=${run_id}/'
WITH (format = 'PARQUET', compression = 'SNAPPY')
