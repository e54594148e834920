-- Seed 003 task `compute_user_metrics`, run daily by a scheduled query. The DELETE makes a re-run
-- replace the day instead of appending it twice.
DELETE FROM `{{project}}.{{dataset}}.user_daily_metrics` WHERE date = DATE('{{ ds }}');

INSERT INTO `{{project}}.{{dataset}}.user_daily_metrics`
(user_id, date, sessions, events, levels_played,
 levels_completed, playtime_minutes, revenue_usd)

SELECT
    user_id,
    DATE('{{ ds }}') as date,
    COUNT(DISTINCT session_id) as sessions,
    COUNT(*) as events,
    COUNT(DISTINCT IF(event_type = 1001,
        JSON_VALUE(parameters, '$.level_id'), NULL)) as levels_played,
    COUNTIF(event_type = 1002) as levels_completed,
    SUM(CAST(JSON_VALUE(parameters, '$.duration_sec') AS INT64)) / 60.0 as playtime_minutes,
    SUM(IF(event_type = 2001,
        CAST(JSON_VALUE(parameters, '$.price_usd') AS FLOAT64), 0)) as revenue_usd
FROM `{{project}}.{{dataset}}.events`
WHERE event_date = '{{ ds }}'
GROUP BY user_id;
