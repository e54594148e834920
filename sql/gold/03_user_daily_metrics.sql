-- Seed 003 "compute_user_metrics" ported to Athena (Trino) over the STAGING table, as a MERGE so a
-- re-run of the same day replaces its rows. Event codes as in 02_level_metrics.sql; 2001 = purchase.
-- Unparseable numbers in parameters count as absent (TRY_CAST) instead of failing the whole day.
MERGE INTO ${gold_database}.user_daily_metrics AS t
USING (
  SELECT
    user_id,
    DATE '${run_date}' AS metric_date,
    count(DISTINCT session_id) AS sessions,
    count(*) AS events,
    count(DISTINCT CASE WHEN event_type IN ('1001', 'level_start') THEN json_extract_scalar(parameters, '$.level_id') END) AS levels_played,
    count_if(event_type IN ('1002', 'level_complete')) AS levels_completed,
    COALESCE(sum(TRY_CAST(json_extract_scalar(parameters, '$.duration_sec') AS double)), 0) / 60.0 AS playtime_minutes,
    sum(CASE WHEN event_type IN ('2001', 'purchase') THEN COALESCE(TRY_CAST(json_extract_scalar(parameters, '$.price_usd') AS double), 0) ELSE 0 END) AS revenue_usd
  FROM ${staging_database}.${staging_table}
  WHERE event_date = '${run_date}'
    AND user_id IS NOT NULL
  GROUP BY user_id
) AS m
ON t.user_id = m.user_id AND t.metric_date = m.metric_date
WHEN MATCHED THEN UPDATE SET
  sessions = m.sessions,
  events = m.events,
  levels_played = m.levels_played,
  levels_completed = m.levels_completed,
  playtime_minutes = m.playtime_minutes,
  revenue_usd = m.revenue_usd
WHEN NOT MATCHED THEN INSERT
  (user_id, metric_date, sessions, events, levels_played, levels_completed, playtime_minutes, revenue_usd)
  VALUES (m.user_id, m.metric_date, m.sessions, m.events, m.levels_played, m.levels_completed, m.playtime_minutes, m.revenue_usd)
