-- Deduplication: moves rows that arrived in the last {{lookback_minutes}} minutes from events_landing into
-- events, once per dedup key. Within the window the first arrival wins (ROW_NUMBER over dedup_key, the
-- core's key); against events, a key already present in any partition an accepted event can have
-- (the core dead-letters events older than {{max_age_days}} days) is skipped. Re-running is harmless.
MERGE `{{project}}.{{dataset}}.events` AS target
USING (
    SELECT * EXCEPT (arrival)
    FROM (
        SELECT *, ROW_NUMBER() OVER (PARTITION BY dedup_key ORDER BY received_at, event_id) AS arrival
        FROM `{{project}}.{{dataset}}.events_landing`
        WHERE received_at >= TIMESTAMP_SUB(@run_time, INTERVAL {{lookback_minutes}} MINUTE)
    ) AS arrivals
    WHERE arrival = 1
) AS source
ON target.event_date >= DATE_SUB(DATE(@run_time), INTERVAL {{max_age_days}} DAY)
   AND {{dedup_match}}
WHEN NOT MATCHED THEN
    INSERT ({{event_columns}})
    VALUES ({{source_event_columns}});
