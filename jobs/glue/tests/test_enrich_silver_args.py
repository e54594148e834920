"""enrich_silver.py's pure parts: which engine runs, the EMR Serverless argument parsing and the SILVER
arrival-day folders a partition rebuild reads. Spark itself only runs on Glue / EMR."""
import datetime
import unittest

from enrich_silver import (
    DEFAULT_LATE_DAYS,
    JobArgumentError,
    arrival_day_paths,
    default_event_dates,
    parse_spark_args,
    select_engine,
)

D = datetime.date
PAIRS = [
    "--silver_path", "s3://lake-silver/silver/",
    "--staging_path", "s3://lake-staging/staging/events/",
    "--staging_database", "tlm_prod_lake",
    "--staging_table", "staging_events",
    "--geo_lookup_path", "s3://artifacts/glue/lookups/geo.csv",
    "--device_lookup_path", "s3://artifacts/glue/lookups/devices.csv",
]


class SelectEngineTest(unittest.TestCase):
    def test_argument_wins_otherwise_the_runtime_decides(self):
        self.assertEqual(select_engine(PAIRS + ["--engine", "emr-serverless"], glue_importable=True), "emr-serverless")
        self.assertEqual(select_engine(["--engine=glue"], glue_importable=True), "glue")
        self.assertEqual(select_engine(PAIRS, glue_importable=True), "glue")
        self.assertEqual(select_engine(PAIRS, glue_importable=False), "emr-serverless")

    def test_bad_engine_values_name_the_value_and_the_choices(self):
        with self.assertRaises(JobArgumentError) as caught:
            select_engine(["--engine", "dataproc"], glue_importable=False)
        self.assertIn("'dataproc'", str(caught.exception))
        self.assertIn("glue, emr-serverless", str(caught.exception))
        with self.assertRaises(JobArgumentError):
            select_engine(["--engine"], glue_importable=False)
        with self.assertRaisesRegex(JobArgumentError, "awsglue"):
            select_engine(["--engine", "glue"], glue_importable=False)


class ParseSparkArgsTest(unittest.TestCase):
    def test_reads_the_components_pairs_with_defaults(self):
        args = parse_spark_args(PAIRS + ["--engine", "emr-serverless"])
        self.assertEqual(args["staging_path"], "s3://lake-staging/staging/events/")
        self.assertEqual(args["geo_lookup_path"], "s3://artifacts/glue/lookups/geo.csv")
        self.assertIsNone(args["event_dates"])
        self.assertEqual(args["late_days"], DEFAULT_LATE_DAYS)

    def test_event_dates_are_sorted_and_deduplicated(self):
        args = parse_spark_args(PAIRS + ["--event_dates", "2026-11-21,2026-11-20,2026-11-21", "--late_days", "2"])
        self.assertEqual(args["event_dates"], [D(2026, 11, 20), D(2026, 11, 21)])
        self.assertEqual(args["late_days"], 2)

    def test_refuses_what_it_cannot_run_with(self):
        cases = [
            (PAIRS[2:], "--silver_path"),  # missing required argument
            (PAIRS + ["--event_dates", "2026-13-01"], "2026-13-01"),
            (PAIRS + ["--late_days", "30"], "30"),
            (PAIRS + ["--bookmarks", "on"], "--bookmarks"),  # unknown arguments are not ignored
            (["--silver_path", "s3://lake-silver/silver"] + PAIRS[2:], "ending with /"),
        ]
        for argv, named in cases:
            with self.assertRaises(JobArgumentError, msg=named) as caught:
                parse_spark_args(argv)
            self.assertIn(named, str(caught.exception))


class ArrivalDaysTest(unittest.TestCase):
    def test_each_event_day_and_its_late_days_up_to_today(self):
        today = D(2026, 11, 22)
        self.assertEqual(default_event_dates(today), [D(2026, 11, 21), today])
        # event days 21 and 22 with one late day: arrivals on 21, 22 and 23 — but 23 is after today.
        paths = arrival_day_paths("s3://b/silver/", default_event_dates(today), 1, today)
        self.assertEqual(paths, ["s3://b/silver/year=2026/month=11/day=21/", "s3://b/silver/year=2026/month=11/day=22/"])

    def test_crosses_month_and_year_boundaries(self):
        paths = arrival_day_paths("s3://b/silver/", [D(2025, 12, 31)], 2, D(2026, 2, 1))
        self.assertEqual(
            paths,
            ["s3://b/silver/year=2025/month=12/day=31/", "s3://b/silver/year=2026/month=01/day=01/", "s3://b/silver/year=2026/month=01/day=02/"],
        )


if __name__ == "__main__":
    unittest.main()
