-- GOLD table for seed 003's daily level metrics, as an Iceberg table so the daily transform can MERGE
-- (re-running a day replaces that day's rows instead of appending a second copy).
-- Seed 003 calls the day column `date`; it is `metric_date` here because DATE is a reserved word in
-- Athena's DDL and DML dialects.
CREATE TABLE IF NOT EXISTS ${gold_database}.level_metrics (
  level_id bigint,
  metric_date date,
  attempts bigint,
  completions bigint,
  pass_rate double,
  avg_moves double,
  avg_time_seconds double,
  p50_moves bigint,
  p95_moves bigint,
  unique_players bigint,
  booster_usage_rate double,
  retry_rate double
)
PARTITIONED BY (metric_date)
LOCATION '${gold_location}level_metrics/'
TBLPROPERTIES ('table_type' = 'ICEBERG', 'format' = 'parquet', 'write_compression' = 'snappy')
