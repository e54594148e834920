/**
 * Runs SQL through the Redshift Data API and waits for it. A BatchExecuteStatement runs its SQL as one
 * transaction in one session, so a batch is the unit of atomicity here. The Data API is asynchronous:
 * the statement is polled with DescribeStatement until FINISHED, FAILED or ABORTED, with a deadline so a
 * stuck statement fails the invocation instead of hitting the Lambda timeout silently.
 */
import { BatchExecuteStatementCommand, DescribeStatementCommand, type RedshiftDataClient } from "@aws-sdk/client-redshift-data";

export interface RedshiftTarget {
  /** Redshift Serverless workgroup. */
  workgroupName: string;
  database: string;
  /** Secrets Manager secret with the database credentials; without it the Lambda role's IAM identity is used. */
  secretArn?: string;
}

export interface PollOptions {
  intervalMs: number;
  timeoutMs: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface BatchOutcome {
  id: string;
  /** Rows affected per statement, in order (COPY: rows loaded; DELETE/INSERT: rows changed). */
  rowsPerStatement: number[];
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function runBatch(client: RedshiftDataClient, target: RedshiftTarget, sqls: string[], statementName: string, poll: PollOptions): Promise<BatchOutcome> {
  if (sqls.length === 0) throw new Error(`statement batch ${statementName} is empty`);
  const sleep = poll.sleep ?? defaultSleep;
  const now = poll.now ?? Date.now;
  const started = await client.send(
    new BatchExecuteStatementCommand({
      WorkgroupName: target.workgroupName,
      Database: target.database,
      SecretArn: target.secretArn,
      Sqls: sqls,
      StatementName: statementName.slice(0, 500),
    }),
  );
  if (!started.Id) throw new Error(`BatchExecuteStatement for ${statementName} returned no statement id`);
  const deadline = now() + poll.timeoutMs;
  for (;;) {
    const described = await client.send(new DescribeStatementCommand({ Id: started.Id }));
    switch (described.Status) {
      case "FINISHED":
        return { id: started.Id, rowsPerStatement: (described.SubStatements ?? []).map((s) => Number(s.ResultRows ?? 0)) };
      case "FAILED":
      case "ABORTED": {
        const failing = (described.SubStatements ?? []).find((s) => s.Status === "FAILED" || s.Error);
        const detail = failing ? ` in statement ${failing.Id}: ${failing.Error ?? failing.Status} — ${String(failing.QueryString ?? "").slice(0, 300)}` : "";
        throw new Error(`${statementName} ${described.Status}: ${described.Error ?? "no error message"}${detail}`);
      }
      default:
        if (now() >= deadline) throw new Error(`${statementName} still ${described.Status ?? "unknown"} after ${poll.timeoutMs} ms (statement ${started.Id})`);
        await sleep(poll.intervalMs);
    }
  }
}
