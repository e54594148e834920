"""The seed lookup tables the component uploads (lookups/geo.csv, lookups/devices.csv), loaded through
enrichment.py's own loaders: a file the job would refuse must fail here, not on the first Glue run."""
import csv
import ipaddress
import pathlib
import unittest

from enrichment import DEVICE_HEADER, GEO_HEADER, DeviceTable, GeoTable

LOOKUPS = pathlib.Path(__file__).resolve().parent.parent / "lookups"
GEO_TEXT = (LOOKUPS / "geo.csv").read_text(encoding="utf-8")
DEVICES_TEXT = (LOOKUPS / "devices.csv").read_text(encoding="utf-8")


def data_rows(text):
    return [row for row in list(csv.reader(text.splitlines()))[1:] if row]


class GeoSeedTest(unittest.TestCase):
    def test_loads_without_overlaps_and_every_network_answers_with_its_own_row(self):
        table = GeoTable(GEO_TEXT)  # raises on a bad header, a bad network or overlapping networks
        rows = data_rows(GEO_TEXT)
        self.assertGreaterEqual(len(rows), 10)
        for network, country, region, city in rows:
            net = ipaddress.ip_network(network)  # strict: the network address itself, no host bits
            expected = {"country": country, "region": region or None, "city": city or None}
            self.assertEqual(table.lookup(str(net.network_address)), expected, network)
            self.assertEqual(table.lookup(str(net.broadcast_address)), expected, network)

    def test_rows_are_public_networks_with_iso_country_codes(self):
        versions = set()
        for network, country, _region, _city in data_rows(GEO_TEXT):
            net = ipaddress.ip_network(network)
            versions.add(net.version)
            self.assertTrue(net.is_global, f"{network} is not a globally routed network")
            self.assertRegex(country, r"^[A-Z]{2}$", network)
        self.assertEqual(versions, {4, 6})

    def test_addresses_outside_the_seed_have_no_geo(self):
        table = GeoTable(GEO_TEXT)
        for ip in ("10.1.2.3", "192.168.0.1", "127.0.0.1", "::1"):
            self.assertEqual(table.lookup(ip), {"country": None, "region": None, "city": None}, ip)

    def test_header_is_the_loader_header(self):
        self.assertEqual(tuple(next(csv.reader(GEO_TEXT.splitlines()))), GEO_HEADER)


class DeviceSeedTest(unittest.TestCase):
    def test_loads_and_every_model_maps_to_a_seed_003_category_and_tier(self):
        table = DeviceTable(DEVICES_TEXT)  # raises on a bad header or a repeated model
        self.assertEqual(tuple(next(csv.reader(DEVICES_TEXT.splitlines()))), DEVICE_HEADER)
        rows = data_rows(DEVICES_TEXT)
        self.assertGreaterEqual(len(rows), 10)
        for model, category, tier in rows:
            self.assertIn(category, ("phone", "tablet"), model)
            self.assertIn(tier, ("low", "mid", "high"), model)
            self.assertEqual(table.lookup(model), {"device_category": category, "device_tier": tier}, model)

    def test_apple_model_identifiers_keep_their_comma(self):
        # "iPhone15,2" must be one quoted field, not two columns.
        self.assertEqual(DeviceTable(DEVICES_TEXT).lookup("iPhone15,2"), {"device_category": "phone", "device_tier": "high"})


if __name__ == "__main__":
    unittest.main()
