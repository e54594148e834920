/** Unit prices (one file per cloud/region in `prices/`), validated: every price names its unit, source URL and date. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

export const PRICES_DIR = join(__dirname, "..", "..", "prices");
export const PRICE_FILES = { aws: "aws-us-east-1.json", gcp: "gcp-us-central1.json" } as const;
export type Cloud = keyof typeof PRICE_FILES;

const priceSchema = z
  .object({
    usd: z.number().min(0),
    unit: z.string().min(1),
    source: z.string().url(),
    asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  })
  .strict();

const bookSchema = z
  .object({
    region: z.string().min(1),
    currency: z.literal("USD"),
    note: z.string().min(1),
    prices: z.record(priceSchema),
  })
  .strict();

export type Price = z.infer<typeof priceSchema>;
export type PriceFile = z.infer<typeof bookSchema>;

/** Prices of both clouds, addressed as `aws/<key>` and `gcp/<key>`. */
export interface PriceBook {
  files: Record<Cloud, PriceFile>;
  /** The price at `cloud/key`, or undefined when the book has none (e.g. an unknown instance type). */
  find(key: string): Price | undefined;
}

export function priceBook(files: Record<Cloud, PriceFile>): PriceBook {
  return {
    files,
    find(key) {
      const [cloud, ...rest] = key.split("/");
      return (files as Record<string, PriceFile>)[cloud]?.prices[rest.join("/")];
    },
  };
}

export function parsePriceFile(text: string, source: string): PriceFile {
  const parsed = bookSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new Error(`${source}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return parsed.data;
}

export function loadPriceBook(dir = PRICES_DIR): PriceBook {
  const read = (cloud: Cloud) => parsePriceFile(readFileSync(join(dir, PRICE_FILES[cloud]), "utf8"), PRICE_FILES[cloud]);
  return priceBook({ aws: read("aws"), gcp: read("gcp") });
}
