-- GOLD table for seed 003's per-user daily metrics (Iceberg, MERGE target; see 00_create_level_metrics.sql).
CREATE TABLE IF NOT EXISTS ${gold_database}.user_daily_metrics (
  user_id string,
  metric_date date,
  sessions bigint,
  events bigint,
  levels_played bigint,
  levels_completed bigint,
  playtime_minutes double,
  revenue_usd double
)
PARTITIONED BY (metric_date)
LOCATION '${gold_location}user_daily_metrics/'
TBLPROPERTIES ('table_type' = 'ICEBERG', 'format' = 'parquet', 'write_compression' = 'snappy')
