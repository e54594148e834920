-- Daily copy of the GOLD tables for '{{ ds }}' into the GOLD bucket as Parquet, including seed 003's
-- `export_features` level features.
EXECUTE IMMEDIATE FORMAT("""
EXPORT DATA OPTIONS (
    uri = 'gs://{{gold_bucket}}/level_metrics/date=%t/*.parquet',
    format = 'PARQUET',
    overwrite = true
) AS
SELECT * FROM `{{project}}.{{dataset}}.level_metrics` WHERE date = '%t'
""", DATE('{{ ds }}'), DATE('{{ ds }}'));

EXECUTE IMMEDIATE FORMAT("""
EXPORT DATA OPTIONS (
    uri = 'gs://{{gold_bucket}}/user_daily_metrics/date=%t/*.parquet',
    format = 'PARQUET',
    overwrite = true
) AS
SELECT * FROM `{{project}}.{{dataset}}.user_daily_metrics` WHERE date = '%t'
""", DATE('{{ ds }}'), DATE('{{ ds }}'));

EXECUTE IMMEDIATE FORMAT("""
EXPORT DATA OPTIONS (
    uri = 'gs://{{gold_bucket}}/features/level_features/%t/*.parquet',
    format = 'PARQUET',
    overwrite = true
) AS
SELECT level_id, pass_rate, avg_moves, p95_moves, retry_rate, booster_usage_rate
FROM `{{project}}.{{dataset}}.level_metrics`
WHERE date = '%t'
""", DATE('{{ ds }}'), DATE('{{ ds }}'));
