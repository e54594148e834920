/** Deploy-time values for the GOLD SQL placeholders, shared by the SQL and state-machine tests. */
export const SAMPLE_VALUES = {
  gold_database: "telemetry_gold",
  staging_database: "telemetry_staging",
  staging_table: "events_enriched",
  gold_location: "s3://telemetry-lake-gold/gold/",
  aggregates_location: "s3://telemetry-lake-gold/aggregates/",
};
