/**
 * A throw-away PostgreSQL server for tests that must run SQL for real.
 *
 * initdb into a fresh temp dir, `pg_ctl start` on a free loopback port, stop and delete it afterwards.
 * Binaries: the directory of `pg_ctl` on PATH if it also holds `initdb` and `postgres`, otherwise the
 * newest `/usr/lib/postgresql/<major>/bin` (where Debian's `postgresql` package puts them).
 * PostgreSQL refuses to run as root, so when the tests run as root (CI) the data dir is chowned to
 * the `postgres` user and every server command runs through `runuser -u postgres --` (or
 * `su postgres -s /bin/sh -c …` where runuser is missing).
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

export interface PostgresServer {
  host: string;
  port: number;
  user: string;
  database: string;
  binDir: string;
  /** Runs one SQL statement that reads `stdin` (e.g. `COPY … FROM STDIN`) through psql. */
  copyFromStdin(sql: string, stdin: string | Buffer): Promise<void>;
  stop(): Promise<void>;
}

const REQUIRED_BINARIES = ["initdb", "pg_ctl", "postgres"];

function holdsServerBinaries(dir: string): boolean {
  return REQUIRED_BINARIES.every((bin) => existsSync(join(dir, bin)));
}

/** Version-aware descending sort of `/usr/lib/postgresql/<major>` entries ("16" before "9.6"). */
function newestFirst(versions: string[]): string[] {
  return [...versions].sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
}

export function findPostgresBinDir(env: NodeJS.ProcessEnv = process.env): string {
  for (const dir of (env.PATH ?? "").split(delimiter).filter(Boolean)) {
    if (existsSync(join(dir, "pg_ctl")) && holdsServerBinaries(dir)) return dir;
  }
  const debianRoot = "/usr/lib/postgresql";
  if (existsSync(debianRoot)) {
    for (const version of newestFirst(readdirSync(debianRoot))) {
      const dir = join(debianRoot, version, "bin");
      if (holdsServerBinaries(dir)) return dir;
    }
  }
  throw new Error(
    "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found on PATH or in /usr/lib/postgresql/*/bin; " +
      "install the Debian `postgresql` package (apt-get install -y postgresql)",
  );
}

interface RunAs {
  /** argv prefix that runs a command as the server's OS user. */
  wrap(command: string, args: string[]): { command: string; args: string[] };
  uid?: number;
  gid?: number;
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function runAsServerUser(): RunAs {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) {
    return { wrap: (command, args) => ({ command, args }) };
  }
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  const runuser = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"].find((p) => existsSync(p));
  if (runuser) {
    return { uid, gid, wrap: (command, args) => ({ command: runuser, args: ["-u", "postgres", "--", command, ...args] }) };
  }
  return {
    uid,
    gid,
    wrap: (command, args) => ({
      command: "su",
      args: ["postgres", "-s", "/bin/sh", "-c", [command, ...args].map(shellQuote).join(" ")],
    }),
  };
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function runChecked(runAs: RunAs, cwd: string, command: string, args: string[], what: string): void {
  const wrapped = runAs.wrap(command, args);
  const result = spawnSync(wrapped.command, wrapped.args, { cwd, encoding: "utf8", env: { ...process.env, LC_ALL: "C" } });
  if (result.error || result.status !== 0) {
    throw new Error(`${what} failed (exit ${result.status}): ${result.error?.message ?? ""}\n${result.stdout}\n${result.stderr}`);
  }
}

export async function startPostgres(): Promise<PostgresServer> {
  const binDir = findPostgresBinDir();
  const runAs = runAsServerUser();
  const root = mkdtempSync(join(tmpdir(), "telemetry-pg-"));
  if (runAs.uid !== undefined && runAs.gid !== undefined) chownSync(root, runAs.uid, runAs.gid);
  const dataDir = join(root, "data");
  const logFile = join(root, "server.log");
  const user = "postgres";
  const database = "postgres";

  try {
    runChecked(runAs, root, join(binDir, "initdb"), ["-D", dataDir, "-U", user, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"], "initdb");
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }

  // A port picked here can in principle be taken before the server binds it: retry a few times.
  let port = 0;
  let lastError: unknown;
  for (let attempt = 0; attempt < 3 && port === 0; attempt++) {
    const candidate = await freeLoopbackPort();
    const serverOptions = `-p ${candidate} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    try {
      runChecked(runAs, root, join(binDir, "pg_ctl"), ["start", "-D", dataDir, "-l", logFile, "-w", "-t", "30", "-o", serverOptions], "pg_ctl start");
      port = candidate;
    } catch (error) {
      lastError = error;
    }
  }
  if (port === 0) {
    const log = existsSync(logFile) ? readFileSync(logFile, "utf8") : "";
    rmSync(root, { recursive: true, force: true });
    throw new Error(`${(lastError as Error).message}\nserver log:\n${log}`);
  }

  const psql = existsSync(join(binDir, "psql")) ? join(binDir, "psql") : "psql";
  let stopped = false;
  return {
    host: "127.0.0.1",
    port,
    user,
    database,
    binDir,
    copyFromStdin(sql: string, stdin: string | Buffer): Promise<void> {
      return new Promise((resolve, reject) => {
        const child = spawn(psql, ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", String(port), "-U", user, "-d", database, "-c", sql], {
          stdio: ["pipe", "pipe", "pipe"],
        });
        let stderr = "";
        child.stderr.on("data", (chunk) => (stderr += chunk));
        child.on("error", reject);
        child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`psql exited ${code}: ${stderr.trim()}`))));
        child.stdin.end(stdin);
      });
    },
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      try {
        runChecked(runAs, root, join(binDir, "pg_ctl"), ["stop", "-D", dataDir, "-m", "fast", "-w"], "pg_ctl stop");
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
