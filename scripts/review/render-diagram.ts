/**
 * DOT → SVG (Graphviz compiled to WebAssembly, @hpcc-js/wasm-graphviz) → PNG (resvg compiled to
 * WebAssembly, @resvg/resvg-wasm): no native binaries, so it works on a clean clone after `npm ci`.
 */
import { existsSync, readFileSync } from "node:fs";
import { Graphviz } from "@hpcc-js/wasm-graphviz";
import { initWasm, Resvg } from "@resvg/resvg-wasm";

/** Fonts resvg may use for the PNG's text (resvg-wasm cannot read system fonts by itself). */
export const FONT_CANDIDATES = [
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/TTF/DejaVuSans.ttf",
  "/Library/Fonts/Arial.ttf",
  "C:\\Windows\\Fonts\\arial.ttf",
];

let resvgReady: Promise<void> | undefined;

export async function renderSvg(dot: string): Promise<string> {
  const graphviz = await Graphviz.load();
  return graphviz.dot(dot);
}

/** PNG bytes of an SVG at `width` pixels; `font` is undefined when no font file was found (text is then not drawn). */
export async function renderPng(svg: string, width = 2400): Promise<{ png: Uint8Array; font?: string }> {
  resvgReady ??= initWasm(readFileSync(require.resolve("@resvg/resvg-wasm/index_bg.wasm")));
  await resvgReady;
  const font = FONT_CANDIDATES.find((path) => existsSync(path));
  const image = new Resvg(svg, {
    fitTo: { mode: "width", value: width },
    background: "white",
    font: font ? { fontBuffers: [readFileSync(font)], defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" } : { fontBuffers: [] },
  });
  return { png: image.render().asPng(), font };
}
