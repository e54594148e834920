import ast
import json
import pathlib
import unittest

from enrichment import STAGING_SCHEMA, DeviceTable, GeoTable, LookupError_, derived_date_fields, enrich_event

GEO = """network,country,region,city
10.0.0.0/8,ZZ,Private,Intranet
81.2.69.0/24,GB,England,London
2001:db8::/32,DE,Berlin,Berlin
"""
DEVICES = """device_model,category,performance_tier
iPhone 15 Pro,phone,high
Galaxy Tab A8,tablet,mid
"""


class GeoTableTest(unittest.TestCase):
    table = GeoTable(GEO)

    def test_finds_the_network_holding_the_address(self):
        self.assertEqual(self.table.lookup("81.2.69.160"), {"country": "GB", "region": "England", "city": "London"})
        self.assertEqual(self.table.lookup("10.255.255.255")["country"], "ZZ")  # last address of 10/8
        self.assertEqual(self.table.lookup("2001:db8::1")["country"], "DE")
        self.assertEqual(self.table.lookup("::ffff:81.2.69.1")["city"], "London")  # IPv4-mapped IPv6

    def test_unknown_or_invalid_addresses_have_no_geo(self):
        for ip in ("81.2.70.1", "11.0.0.0", "999.1.1.1", "", None, 42):
            self.assertEqual(self.table.lookup(ip), {"country": None, "region": None, "city": None}, ip)

    def test_rejects_overlaps_and_bad_headers(self):
        with self.assertRaises(LookupError_) as caught:
            GeoTable(GEO + "10.1.0.0/16,ZZ,x,y\n")
        self.assertIn("overlap", str(caught.exception))
        with self.assertRaises(LookupError_):
            GeoTable("cidr,country\n1.0.0.0/8,AU\n")


class DeviceAndDateTest(unittest.TestCase):
    def test_device_lookup_ignores_case_and_spacing(self):
        devices = DeviceTable(DEVICES)
        self.assertEqual(devices.lookup("  iphone   15 PRO "), {"device_category": "phone", "device_tier": "high"})
        self.assertEqual(devices.lookup("Nokia 3310"), {"device_category": None, "device_tier": None})
        with self.assertRaises(LookupError_):
            DeviceTable(DEVICES + "IPHONE 15 pro,phone,high\n")

    def test_derived_date_fields(self):
        # 2026-11-22 is a Sunday: weekday() = 6; 23:30 at +02:00 is 21:30 UTC
        self.assertEqual(derived_date_fields("2026-11-22T23:30:00+02:00"), {"event_date": "2026-11-22", "event_hour": 21, "day_of_week": 6})
        self.assertEqual(derived_date_fields("2026-11-23T00:00:00.000Z")["day_of_week"], 0)
        self.assertEqual(derived_date_fields("garbage"), {"event_date": None, "event_hour": None, "day_of_week": None})


class EnrichEventTest(unittest.TestCase):
    def test_silver_row_becomes_a_staging_row(self):
        silver = {
            "event_id": "e1",
            "event_type": "level_start",
            "event_timestamp": "2026-11-22T05:00:00.000Z",
            "received_at": "2026-11-22T05:00:01.000Z",
            "user_id": "u1",
            "session_id": "s1",
            "game_id": "g1",
            "platform": "ios",
            "app_version": "1.2.3",
            "parameters": json.dumps({"ip_address": "81.2.69.160", "device_model": "iPhone 15 Pro", "level_id": 3}),
            "event_date": "2026-11-22",
            "event_hour": 5,
        }
        row = enrich_event(silver, GeoTable(GEO), DeviceTable(DEVICES))
        self.assertEqual(list(row), [name for name, _ in STAGING_SCHEMA])
        self.assertEqual((row["country"], row["city"], row["device_category"], row["device_tier"]), ("GB", "London", "phone", "high"))
        self.assertEqual((row["event_date"], row["event_hour"], row["day_of_week"]), ("2026-11-22", 5, 6))
        self.assertEqual(row["parameters"], silver["parameters"])  # passed through untouched
        # parameters as an object (Glue inferred a struct) are written back as JSON text
        as_object = enrich_event({**silver, "parameters": {"ip": "10.1.2.3"}}, GeoTable(GEO), DeviceTable(DEVICES))
        self.assertEqual((as_object["country"], as_object["parameters"]), ("ZZ", '{"ip":"10.1.2.3"}'))


class GlueScriptTest(unittest.TestCase):
    def test_script_reads_every_documented_argument_and_imports_glue_only_in_main(self):
        source = pathlib.Path(__file__).resolve().parent.parent.joinpath("enrich_silver.py").read_text()
        tree = ast.parse(source)
        top_level_imports = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
        # Spark and awsglue are imported inside the engine functions only, so the pure parts load anywhere.
        self.assertEqual(sorted(a.name for n in top_level_imports for a in n.names), ["argparse", "datetime", "sys"])
        import enrich_silver

        for name in enrich_silver.REQUIRED_ARGS:
            if name != "JOB_NAME":
                self.assertIn(f"--{name}", enrich_silver.__doc__)
                self.assertIn(f'args["{name}"]', source)


if __name__ == "__main__":
    unittest.main()
