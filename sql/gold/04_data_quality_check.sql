-- Seed 003 "data_quality_check" ported to Athena. BigQueryCheckOperator fails on any false column;
-- Step Functions reads this query's single row instead: `passed` is 'true' only when every check holds,
-- `failed_checks` names the failing ones ('none' when all pass, so the column is never empty).
WITH level_checks AS (
  SELECT
    count_if(level_id IS NULL) = 0 AS no_null_levels,
    count_if(pass_rate < 0 OR pass_rate > 1) = 0 AS valid_pass_rates,
    count(*) > 0 AS has_level_data
  FROM ${gold_database}.level_metrics
  WHERE metric_date = DATE '${run_date}'
),
user_checks AS (
  SELECT count(*) > 0 AS has_user_data
  FROM ${gold_database}.user_daily_metrics
  WHERE metric_date = DATE '${run_date}'
),
checks AS (
  SELECT l.no_null_levels, l.valid_pass_rates, l.has_level_data, u.has_user_data
  FROM level_checks AS l CROSS JOIN user_checks AS u
)
SELECT
  CASE WHEN no_null_levels AND valid_pass_rates AND has_level_data AND has_user_data THEN 'true' ELSE 'false' END AS passed,
  COALESCE(
    NULLIF(
      array_join(
        filter(
          ARRAY[
            CASE WHEN NOT no_null_levels THEN 'no_null_levels' END,
            CASE WHEN NOT valid_pass_rates THEN 'valid_pass_rates' END,
            CASE WHEN NOT has_level_data THEN 'has_level_data' END,
            CASE WHEN NOT has_user_data THEN 'has_user_data' END
          ],
          name -> name IS NOT NULL
        ),
        ','
      ),
      ''
    ),
    'none'
  ) AS failed_checks
FROM checks
