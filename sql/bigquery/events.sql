-- Main events table (partitioned and clustered), exactly as seed 003 defines it.
-- Placeholders: {{project}}, {{dataset}} (filled by components/gcp/sql-template.ts).
CREATE TABLE `{{project}}.{{dataset}}.events`
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
    days_since_install INT64
)
PARTITION BY event_date
CLUSTER BY event_type, user_id
OPTIONS (
    partition_expiration_days = 365,
    require_partition_filter = true
);
