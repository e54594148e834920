import unittest

from telemetry_job.js_compat import js_json_stringify, js_key_order, js_number_to_string, js_round, js_trim, utf16_length


class NumberToStringTest(unittest.TestCase):
    def test_layouts_follow_ecmascript(self):
        # integers print without ".0"; exponent form only from 1e21 up and below 1e-6
        self.assertEqual(js_number_to_string(1.0), "1")
        self.assertEqual(js_number_to_string(1e20), "1" + "0" * 20)
        self.assertEqual(js_number_to_string(1e21), "1e+21")
        self.assertEqual(js_number_to_string(0.000001), "0.000001")
        self.assertEqual(js_number_to_string(1.5e-7), "1.5e-7")
        self.assertEqual(js_number_to_string(-45.5), "-45.5")
        # JSON.parse turns big integers into doubles: 12345678901234567890 → 12345678901234567000
        self.assertEqual(js_number_to_string(12345678901234567890), "12345678901234567000")

    def test_round_half_up_like_math_round(self):
        self.assertEqual(js_round(2.5), 3)  # Python's round(2.5) is 2
        self.assertEqual(js_round(-2.5), -2)


class StringsTest(unittest.TestCase):
    def test_trim_uses_javascript_whitespace(self):
        self.assertEqual(js_trim("\ufeff x \u3000"), "x")  # BOM and ideographic space are JS whitespace
        self.assertEqual(js_trim("\x1cx\x1c"), "\x1cx\x1c")  # file separator is Python whitespace, not JS

    def test_length_counts_utf16_units(self):
        self.assertEqual(utf16_length("a\U0001F600"), 3)


class JsonStringifyTest(unittest.TestCase):
    def test_matches_json_stringify_layout_and_key_order(self):
        value = {"b": 1.0, "2": True, "a": [None, "x\n"], "1": 0.5}
        # array-index keys first, ascending; numbers in JS form; no spaces
        self.assertEqual(js_json_stringify(value), '{"1":0.5,"2":true,"b":1,"a":[null,"x\\n"]}')
        self.assertEqual([k for k, _ in js_key_order({"x": 1, "10": 2, "9": 3})], ["9", "10", "x"])


if __name__ == "__main__":
    unittest.main()
