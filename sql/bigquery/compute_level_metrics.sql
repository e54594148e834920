-- Seed 003 task `compute_level_metrics`, run daily by a scheduled query. '{{ ds }}' is the day being
-- computed (yesterday relative to the run date; see sql-template.ts). Two changes to the seed text:
-- the DELETE makes a re-run replace the day instead of appending it twice, and level_events selects
-- `timestamp`, which retry_stats orders by (the seed's CTE omitted it, so its query could not run).
DELETE FROM `{{project}}.{{dataset}}.level_metrics` WHERE date = DATE('{{ ds }}');

INSERT INTO `{{project}}.{{dataset}}.level_metrics`
(level_id, date, attempts, completions, pass_rate,
 avg_moves, avg_time_seconds, p50_moves, p95_moves,
 unique_players, booster_usage_rate, retry_rate)

WITH level_events AS (
    SELECT
        CAST(JSON_VALUE(parameters, '$.level_id') AS INT64) as level_id,
        user_id,
        event_type,
        timestamp,
        CAST(JSON_VALUE(parameters, '$.moves_used') AS INT64) as moves_used,
        CAST(JSON_VALUE(parameters, '$.time_seconds') AS INT64) as time_seconds,
        JSON_VALUE(parameters, '$.boosters_used') as boosters_used
    FROM `{{project}}.{{dataset}}.events`
    WHERE event_date = '{{ ds }}'
      AND event_type IN (1001, 1002, 1003)  -- level_start, complete, fail
),

level_stats AS (
    SELECT
        level_id,
        COUNT(*) as attempts,
        COUNTIF(event_type = 1002) as completions,
        AVG(IF(event_type = 1002, moves_used, NULL)) as avg_moves,
        AVG(IF(event_type = 1002, time_seconds, NULL)) as avg_time_seconds,
        APPROX_QUANTILES(IF(event_type = 1002, moves_used, NULL), 100)[OFFSET(50)] as p50_moves,
        APPROX_QUANTILES(IF(event_type = 1002, moves_used, NULL), 100)[OFFSET(95)] as p95_moves,
        COUNT(DISTINCT user_id) as unique_players,
        COUNTIF(boosters_used IS NOT NULL AND boosters_used != '[]') / COUNT(*) as booster_usage_rate
    FROM level_events
    GROUP BY level_id
),

retry_stats AS (
    SELECT
        level_id,
        COUNTIF(attempt_num > 1) / COUNT(*) as retry_rate
    FROM (
        SELECT
            level_id,
            user_id,
            ROW_NUMBER() OVER (PARTITION BY level_id, user_id ORDER BY timestamp) as attempt_num
        FROM level_events
        WHERE event_type = 1001  -- level_start
    )
    GROUP BY level_id
)

SELECT
    s.level_id,
    DATE('{{ ds }}') as date,
    s.attempts,
    s.completions,
    SAFE_DIVIDE(s.completions, s.attempts) as pass_rate,
    s.avg_moves,
    s.avg_time_seconds,
    s.p50_moves,
    s.p95_moves,
    s.unique_players,
    s.booster_usage_rate,
    COALESCE(r.retry_rate, 0) as retry_rate
FROM level_stats s
LEFT JOIN retry_stats r USING (level_id);
