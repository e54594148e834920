import json
import unittest

from telemetry_job.deep_json import loads_iterative


class DeepJsonTest(unittest.TestCase):
    def test_same_values_as_json_loads(self):
        for text in ('{}', "[]", '{"a":[1,2.5,{"b":null}],"c":"x\\n\\u00e9"}', "[1,[2,[3]]]", " true ", '"s"', "-0.5e3", '{"a":1,"a":2}'):
            self.assertEqual(loads_iterative(text), json.loads(text), text)

    def test_rejects_what_json_parse_rejects(self):
        for text in ("{", "[1,]", '{"a" 1}', "[1 2]", '{"a":1,}', "01", "NaN", "[1]x", "", '{"a":"\x01"}', "{'a':1}"):
            with self.assertRaises(ValueError, msg=text):
                loads_iterative(text)

    def test_parses_nesting_json_loads_cannot(self):
        depth = 20_000
        value = loads_iterative("[" * depth + "]" * depth)
        levels = 0
        while isinstance(value, list):
            levels += 1
            value = value[0] if value else None
        self.assertEqual(levels, depth)
        with self.assertRaises(RecursionError):
            json.loads("[" * depth + "]" * depth)


if __name__ == "__main__":
    unittest.main()
