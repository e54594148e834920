-- Seed 003 task `data_quality_check` (a BigQueryCheckOperator: fails unless every value is true).
-- As a scheduled query the failure is ERROR(): the run fails, the transfer's failure e-mail and the
-- "scheduled query failed" alert policy fire.
SELECT
    IF(no_null_levels AND valid_pass_rates AND has_data,
       'data quality ok',
       ERROR(FORMAT('data quality check failed for %t: no_null_levels=%t valid_pass_rates=%t has_data=%t',
                    DATE('{{ ds }}'), no_null_levels, valid_pass_rates, has_data))) AS result
FROM (
    SELECT
        COUNTIF(level_id IS NULL) = 0 as no_null_levels,
        COUNTIF(pass_rate < 0 OR pass_rate > 1) = 0 as valid_pass_rates,
        COUNT(*) > 0 as has_data
    FROM `{{project}}.{{dataset}}.level_metrics`
    WHERE date = '{{ ds }}'
);
