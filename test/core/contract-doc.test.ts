/** docs/event-contract.md must state exactly what the code does: its tables are parsed and compared. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_CORE_OPTIONS, FIELD_ALIASES, REASON_CODES } from "../../functions/core";

/** Body rows of the markdown table between `<!-- name:start -->` and `<!-- name:end -->`, as cell arrays. */
function tableRowsOf(DOC: string, name: string): string[][] {
  const start = DOC.indexOf(`<!-- ${name}:start -->`);
  const end = DOC.indexOf(`<!-- ${name}:end -->`);
  assert.ok(start >= 0 && end > start, `markers for table "${name}" not found`);
  const lines = DOC.slice(start, end).split("\n").filter((line) => line.startsWith("|"));
  return lines.slice(2).map((line) => line.slice(1, -1).split("|").map((cell) => cell.trim()));
}

const unquote = (cell: string): string => cell.replace(/^`(.*)`$/, "$1");

for (const file of ["docs/event-contract.md", "README.md"]) {
  const DOC = readFileSync(join(__dirname, "../..", file), "utf8");
  const tableRows = (name: string) => tableRowsOf(DOC, name);
  describe(`${file} matches the code`, () => {
    it("alias table lists every field and every name, in priority order", () => {
      const documented = Object.fromEntries(tableRows("aliases").map(([field, names]) => [unquote(field), names.split(",").map((n) => unquote(n.trim()))]));
      assert.deepEqual(documented, Object.fromEntries(Object.entries(FIELD_ALIASES).map(([field, names]) => [field, [...names]])));
      assert.deepEqual(Object.keys(documented), Object.keys(FIELD_ALIASES));
    });

    it("reason-code table lists every code with its exact description, in declaration order", () => {
      const rows = tableRows("reason-codes").map(([code, meaning]) => [unquote(code), meaning]);
      assert.deepEqual(rows, Object.entries(REASON_CODES));
    });

    if (file === "docs/event-contract.md") it("defaults table states every option's default", () => {
      const rows = tableRows("defaults").map(([option, value]) => [unquote(option), JSON.parse(unquote(value))]);
      assert.deepEqual(Object.fromEntries(rows), { ...DEFAULT_CORE_OPTIONS, dedupKeyFields: [...DEFAULT_CORE_OPTIONS.dedupKeyFields] });
    });
  });
}
