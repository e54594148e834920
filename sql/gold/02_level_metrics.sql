-- Seed 003 "compute_level_metrics" ported from BigQuery to Athena (Trino) over the STAGING table.
-- Event types: seed 003 uses numeric codes (1001 level_start, 1002 level_complete, 1003 level_fail);
-- SILVER keeps event_type as text, so both the code and the name are accepted.
-- Differences from the seed, on purpose:
--   * attempts = level starts. The seed counted every start/complete/fail row as an attempt, so one
--     played level counted two or three times and pass_rate could never reach 1.
--   * rows whose parameters carry no numeric level_id are left out: they cannot be keyed, and a NULL
--     key would make the MERGE insert them again on every re-run.
--   * APPROX_QUANTILES(...)[OFFSET(n)] → approx_percentile(x, n/100); COUNTIF → count_if;
--     SAFE_DIVIDE → division guarded by NULLIF.
MERGE INTO ${gold_database}.level_metrics AS t
USING (
  WITH level_events AS (
    SELECT
      TRY_CAST(json_extract_scalar(parameters, '$.level_id') AS bigint) AS level_id,
      user_id,
      CASE
        WHEN event_type IN ('1001', 'level_start') THEN 'start'
        WHEN event_type IN ('1002', 'level_complete') THEN 'complete'
        ELSE 'fail'
      END AS kind,
      TRY_CAST(json_extract_scalar(parameters, '$.moves_used') AS bigint) AS moves_used,
      TRY_CAST(json_extract_scalar(parameters, '$.time_seconds') AS bigint) AS time_seconds,
      json_format(json_extract(parameters, '$.boosters_used')) AS boosters_used,
      event_timestamp
    FROM ${staging_database}.${staging_table}
    WHERE event_date = '${run_date}'
      AND event_type IN ('1001', '1002', '1003', 'level_start', 'level_complete', 'level_fail')
  ),
  keyed AS (
    SELECT * FROM level_events WHERE level_id IS NOT NULL
  ),
  level_stats AS (
    SELECT
      level_id,
      count_if(kind = 'start') AS attempts,
      count_if(kind = 'complete') AS completions,
      avg(CASE WHEN kind = 'complete' THEN moves_used END) AS avg_moves,
      avg(CASE WHEN kind = 'complete' THEN time_seconds END) AS avg_time_seconds,
      approx_percentile(CASE WHEN kind = 'complete' THEN moves_used END, 0.5) AS p50_moves,
      approx_percentile(CASE WHEN kind = 'complete' THEN moves_used END, 0.95) AS p95_moves,
      count(DISTINCT user_id) AS unique_players,
      CAST(count_if(boosters_used IS NOT NULL AND boosters_used <> '[]') AS double) / count(*) AS booster_usage_rate
    FROM keyed
    GROUP BY level_id
  ),
  retry_stats AS (
    SELECT
      level_id,
      CAST(count_if(attempt_num > 1) AS double) / count(*) AS retry_rate
    FROM (
      SELECT
        level_id,
        row_number() OVER (PARTITION BY level_id, user_id ORDER BY event_timestamp) AS attempt_num
      FROM keyed
      WHERE kind = 'start'
    )
    GROUP BY level_id
  )
  SELECT
    s.level_id,
    DATE '${run_date}' AS metric_date,
    s.attempts,
    s.completions,
    CAST(s.completions AS double) / NULLIF(s.attempts, 0) AS pass_rate,
    s.avg_moves,
    s.avg_time_seconds,
    s.p50_moves,
    s.p95_moves,
    s.unique_players,
    s.booster_usage_rate,
    COALESCE(r.retry_rate, 0) AS retry_rate
  FROM level_stats AS s
  LEFT JOIN retry_stats AS r ON r.level_id = s.level_id
) AS m
ON t.level_id = m.level_id AND t.metric_date = m.metric_date
WHEN MATCHED THEN UPDATE SET
  attempts = m.attempts,
  completions = m.completions,
  pass_rate = m.pass_rate,
  avg_moves = m.avg_moves,
  avg_time_seconds = m.avg_time_seconds,
  p50_moves = m.p50_moves,
  p95_moves = m.p95_moves,
  unique_players = m.unique_players,
  booster_usage_rate = m.booster_usage_rate,
  retry_rate = m.retry_rate
WHEN NOT MATCHED THEN INSERT
  (level_id, metric_date, attempts, completions, pass_rate, avg_moves, avg_time_seconds, p50_moves, p95_moves, unique_players, booster_usage_rate, retry_rate)
  VALUES (m.level_id, m.metric_date, m.attempts, m.completions, m.pass_rate, m.avg_moves, m.avg_time_seconds, m.p50_moves, m.p95_moves, m.unique_players, m.booster_usage_rate, m.retry_rate)
