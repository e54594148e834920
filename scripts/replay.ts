/**
 * tsx scripts/replay.ts --from ISO --to ISO --bucket B --stream S [--tables a,b] [--prefix raw/]
 *                       [--endpoint URL | --s3-endpoint URL --kinesis-endpoint URL] [--region R] [--dry-run]
 *
 * Re-sends the RAW zone's records of [from, to) to the raw stream (see functions/replay/replay.ts).
 * --endpoint points both clients at one emulator/proxy (e.g. LocalStack); the per-service flags win.
 * Prints progress per object and a JSON summary. Exit 0 when every selected record was sent, 1 when
 * some could not be, 2 on bad usage or when the bucket/stream cannot be read.
 */
import { KinesisClient } from "@aws-sdk/client-kinesis";
import { S3Client } from "@aws-sdk/client-s3";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { parseArgs } from "node:util";
import { replay } from "../functions/replay/replay";
import { tableList } from "../functions/replay/replay-filter";
import { replayWindow } from "../functions/replay/replay-window";

const USAGE =
  "usage: tsx scripts/replay.ts --from ISO --to ISO --bucket B --stream S [--tables a,b] [--prefix raw/]\n" +
  "         [--endpoint URL | --s3-endpoint URL --kinesis-endpoint URL] [--region R] [--dry-run]";

export const EXIT = { ok: 0, someFailed: 1, usage: 2 } as const;

function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value === "") throw new RangeError(`--${name} is required\n${USAGE}`);
  return value;
}

export async function main(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        from: { type: "string" },
        to: { type: "string" },
        bucket: { type: "string" },
        stream: { type: "string" },
        tables: { type: "string" },
        prefix: { type: "string", default: "raw/" },
        endpoint: { type: "string" },
        "s3-endpoint": { type: "string" },
        "kinesis-endpoint": { type: "string" },
        region: { type: "string" },
        "dry-run": { type: "boolean", default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    out(`${(error as Error).message}\n${USAGE}`);
    return EXIT.usage;
  }
  let request;
  try {
    request = {
      bucket: required(parsed, "bucket"),
      stream: required(parsed, "stream"),
      rawPrefix: parsed.prefix!,
      window: replayWindow(required(parsed, "from"), required(parsed, "to")),
      tables: tableList(parsed.tables),
      dryRun: parsed["dry-run"] === true,
    };
  } catch (error) {
    out((error as Error).message);
    return EXIT.usage;
  }
  const region = parsed.region ?? process.env.AWS_REGION ?? "us-east-1";
  const s3Endpoint = parsed["s3-endpoint"] ?? parsed.endpoint;
  const kinesisEndpoint = parsed["kinesis-endpoint"] ?? parsed.endpoint;
  const s3 = new S3Client({ region, ...(s3Endpoint ? { endpoint: s3Endpoint, forcePathStyle: true } : {}) });
  // HTTP/1.1 handler: Kinesis emulators fail with the SDK's default HTTP/2 handler.
  const kinesis = new KinesisClient({ region, ...(kinesisEndpoint ? { endpoint: kinesisEndpoint, requestHandler: new NodeHttpHandler() } : {}) });
  try {
    const summary = await replay({ s3, kinesis, log: out }, request);
    out(JSON.stringify(summary, null, 2));
    return summary.failed > 0 ? EXIT.someFailed : EXIT.ok;
  } catch (error) {
    out(`replay failed: ${(error as Error).message}`);
    return EXIT.usage;
  } finally {
    s3.destroy();
    kinesis.destroy();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
