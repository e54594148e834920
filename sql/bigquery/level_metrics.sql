-- Level metrics aggregation table, as seed 003 defines it.
CREATE TABLE `{{project}}.{{dataset}}.level_metrics`
(
    level_id INT64 NOT NULL,
    date DATE NOT NULL,
    attempts INT64,
    completions INT64,
    pass_rate FLOAT64,
    avg_moves FLOAT64,
    avg_time_seconds FLOAT64,
    p50_moves INT64,
    p95_moves INT64,
    unique_players INT64,
    booster_usage_rate FLOAT64,
    retry_rate FLOAT64
)
PARTITION BY date
CLUSTER BY level_id;
