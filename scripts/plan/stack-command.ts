/**
 * Shared runner for the stack CLIs (plan, cost, diagram): parses `<stack> [--set k=v]... [--json]`
 * plus command-specific flags; exit 2 on bad usage or bad config (message, no stack trace), 1 on
 * anything else.
 */
import { ConfigError } from "../../components/config";

export interface StackArgs {
  stack: string;
  sets: string[];
  json: boolean;
  /** Other `--flag value` options, by flag name without dashes. */
  options: Record<string, string>;
}

export class UsageError extends Error {}

export function parseStackArgs(argv: string[], valueFlags: string[] = []): StackArgs {
  const sets: string[] = [];
  const options: Record<string, string> = {};
  let stack: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--json") json = true;
    else if (arg === "--set") {
      const value = argv[++i];
      if (value === undefined) throw new UsageError("--set needs namespace:key=value");
      sets.push(value);
    } else if (arg.startsWith("--set=")) sets.push(arg.slice(6));
    else if (arg.startsWith("--") && valueFlags.includes(arg.slice(2))) {
      const value = argv[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      options[arg.slice(2)] = value;
    } else if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
    else if (stack === undefined) stack = arg;
    else throw new UsageError(`unexpected argument ${arg}`);
  }
  if (!stack) throw new UsageError("missing <stack>");
  return { stack, sets, json, options };
}

/** Runs a stack command with the shared exit-code contract. */
export function runStackCommand(usage: string, valueFlags: string[], command: (args: StackArgs) => Promise<string>): void {
  let args: StackArgs;
  try {
    args = parseStackArgs(process.argv.slice(2), valueFlags);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nusage: ${usage}\n`);
    process.exit(2);
  }
  command(args).then(
    (output) => {
      process.stdout.write(output.endsWith("\n") ? output : `${output}\n`);
    },
    (error: unknown) => {
      if (error instanceof ConfigError || error instanceof UsageError) {
        process.stderr.write(`${error.message}\n`);
        process.exit(2);
      }
      process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
