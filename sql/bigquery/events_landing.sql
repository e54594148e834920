-- Landing table the Dataflow template streams into (at-least-once): the seed 003 `events` columns
-- plus what the dedup MERGE needs. Rows reach `events` only through dedup_merge.sql.
CREATE TABLE `{{project}}.{{dataset}}.events_landing`
(
    event_id STRING NOT NULL,
    user_id STRING NOT NULL,
    session_id STRING,
    event_type INT64 NOT NULL,
    event_name STRING,
    timestamp TIMESTAMP NOT NULL,
    event_date DATE NOT NULL,
    parameters JSON,
    platform STRING,
    app_version STRING,
    country STRING,
    region STRING,
    device_category STRING,
    device_tier STRING,
    is_paying_user BOOL,
    days_since_install INT64,
    game_id STRING,
    event_hour INT64 NOT NULL,
    received_at TIMESTAMP NOT NULL,
    dedup_key STRING NOT NULL
)
PARTITION BY DATE(received_at)
CLUSTER BY dedup_key
OPTIONS (
    partition_expiration_days = {{landing_retention_days}},
    require_partition_filter = true
);
