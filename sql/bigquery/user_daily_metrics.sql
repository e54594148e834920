-- Per-user daily metrics. Seed 003 gives only the INSERT column list; the types follow the
-- expressions that fill them (COUNT → INT64, SUM(...)/60.0 and prices → FLOAT64).
CREATE TABLE `{{project}}.{{dataset}}.user_daily_metrics`
(
    user_id STRING NOT NULL,
    date DATE NOT NULL,
    sessions INT64,
    events INT64,
    levels_played INT64,
    levels_completed INT64,
    playtime_minutes FLOAT64,
    revenue_usd FLOAT64
)
PARTITION BY date
CLUSTER BY user_id;
