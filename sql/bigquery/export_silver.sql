-- Daily copy of the deduplicated events of '{{ ds }}' into the SILVER bucket as Parquet (JSON
-- parameters as a string: Parquet has no JSON type).
EXECUTE IMMEDIATE FORMAT("""
EXPORT DATA OPTIONS (
    uri = 'gs://{{silver_bucket}}/events/event_date=%t/*.parquet',
    format = 'PARQUET',
    overwrite = true
) AS
SELECT * REPLACE (TO_JSON_STRING(parameters) AS parameters)
FROM `{{project}}.{{dataset}}.events`
WHERE event_date = '%t'
""", DATE('{{ ds }}'), DATE('{{ ds }}'));
