/**
 * `npm run diagram -- <stack> [--set key=value]... [--out docs/diagrams]`: the stack's architecture
 * from its offline plan, written as `<out>/<stack>.dot`, `.svg` and `.png`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { planStack } from "./plan/plan-stack";
import { runStackCommand } from "./plan/stack-command";
import { PROJECT_ROOT } from "./plan/stack-config";
import { stackDiagramDot } from "./review/stack-diagram";
import { renderPng, renderSvg } from "./review/render-diagram";

runStackCommand("npm run diagram -- <stack> [--set namespace:key=value]... [--out docs/diagrams]", ["out"], async ({ stack, sets, options }) => {
  const out = resolve(options.out ?? join(PROJECT_ROOT, "docs", "diagrams"));
  const dot = stackDiagramDot(await planStack(stack, sets));
  const svg = await renderSvg(dot);
  const { png, font } = await renderPng(svg);
  mkdirSync(out, { recursive: true });
  const written = [`${stack}.dot`, `${stack}.svg`, `${stack}.png`].map((file) => join(out, file));
  writeFileSync(written[0], dot);
  writeFileSync(written[1], svg);
  writeFileSync(written[2], png);
  const warning = font ? "" : "\nwarning: no TrueType font found (looked for DejaVu Sans / Arial); the PNG has no text — install fonts-dejavu-core";
  return `wrote ${written.join(", ")}${warning}`;
});
