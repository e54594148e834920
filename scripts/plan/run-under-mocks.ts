/**
 * Runs Pulumi program code in-process under `pulumi.runtime.setMocks` and returns every resource it
 * registered, with resolved inputs, parent URN and resource options. This is the one harness behind
 * `npm run plan`, the policy checks, the cost estimate, the diagrams and the graph tests.
 *
 * Invokes are mocked strictly: a data-source call the harness does not know fails the run, so a
 * program change that starts depending on live cloud lookups is caught offline.
 */
import * as pulumi from "@pulumi/pulumi";
import { MOCK_ACCOUNT, MOCK_GCP_PROJECT, MOCK_REGION, mockResourceState } from "./mock-state";

export interface PlannedResource {
  /** Pulumi type token, e.g. `aws:kinesis/stream:Stream`. */
  type: string;
  /** Logical name. */
  name: string;
  urn: string;
  /** Parent URN (absent for top-level resources). */
  parent?: string;
  /** Resolved inputs as the provider would receive them. */
  inputs: Record<string, any>;
  /** True for provider-managed resources, false for components. */
  custom: boolean;
  protect: boolean;
  retainOnDelete: boolean;
  /** URNs of explicit `dependsOn` resources. */
  dependsOn: string[];
}

export type InvokeMock = (inputs: Record<string, any>) => Record<string, unknown>;

/** Data sources the program is allowed to call, answered with the mock account/region/project. */
export const DEFAULT_INVOKES: Record<string, InvokeMock> = {
  "aws:index/getCallerIdentity:getCallerIdentity": () => ({ accountId: MOCK_ACCOUNT, arn: `arn:aws:iam::${MOCK_ACCOUNT}:user/plan`, userId: "AIDAPLAN", id: MOCK_ACCOUNT }),
  "aws:index/getRegion:getRegion": () => ({ name: MOCK_REGION, region: MOCK_REGION, id: MOCK_REGION, description: "US East (N. Virginia)", endpoint: `ec2.${MOCK_REGION}.amazonaws.com` }),
  "aws:index/getPartition:getPartition": () => ({ partition: "aws", dnsSuffix: "amazonaws.com", id: "aws", reverseDnsPrefix: "com.amazonaws" }),
  "aws:index/getAvailabilityZones:getAvailabilityZones": () => ({ names: [`${MOCK_REGION}a`, `${MOCK_REGION}b`, `${MOCK_REGION}c`, `${MOCK_REGION}d`], zoneIds: ["use1-az1", "use1-az2", "use1-az4", "use1-az6"], id: MOCK_REGION }),
  "gcp:organizations/getProject:getProject": () => ({ projectId: MOCK_GCP_PROJECT, number: "123456789012", name: MOCK_GCP_PROJECT, id: `projects/${MOCK_GCP_PROJECT}` }),
  "gcp:storage/getProjectServiceAccount:getProjectServiceAccount": () => ({ emailAddress: "service-123456789012@gs-project-accounts.iam.gserviceaccount.com", member: "serviceAccount:service-123456789012@gs-project-accounts.iam.gserviceaccount.com", id: "gcs-sa" }),
  "gcp:bigquery/getDefaultServiceAccount:getDefaultServiceAccount": () => ({ email: "bq-123456789012@bigquery-encryption.iam.gserviceaccount.com", member: "serviceAccount:bq-123456789012@bigquery-encryption.iam.gserviceaccount.com", id: "bq-sa" }),
};

export interface RunOptions {
  project?: string;
  stack?: string;
  /** Extra or overriding invoke mocks by token. */
  invokes?: Record<string, InvokeMock>;
}

export interface MockRun<T> {
  resources: PlannedResource[];
  result: T;
}

/** Mocked runs share Pulumi's global runtime state, so they are serialised. */
let queue: Promise<unknown> = Promise.resolve();

export function runUnderMocks<T>(build: () => T | Promise<T>, options: RunOptions = {}): Promise<MockRun<T>> {
  const run = queue.then(() => runExclusive(build, options));
  queue = run.catch(() => undefined);
  return run;
}

async function runExclusive<T>(build: () => T | Promise<T>, options: RunOptions): Promise<MockRun<T>> {
  const invokes = { ...DEFAULT_INVOKES, ...options.invokes };
  const resources: PlannedResource[] = [];
  const failures: unknown[] = [];

  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const { id, state } = mockResourceState(args.type, args.name, args.inputs);
        return { id: args.custom ? id : undefined, state };
      },
      call(args) {
        const mock = invokes[args.token];
        if (!mock) {
          const error = new Error(`unmocked invoke ${args.token}: add it to the harness's invokes if the program really needs it`);
          failures.push(error);
          throw error;
        }
        return mock(args.inputs);
      },
    },
    options.project ?? "game-telemetry",
    options.stack ?? "test",
    false,
  );

  // Wrap the mock monitor to see what `newResource` is not told: parent, protect, dependsOn.
  const monitor = pulumi.runtime.getMonitor() as any;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, callback: (err: unknown, response: any) => void) => {
    const parent: string = req.getParent();
    register(req, (err: unknown, response: any) => {
      if (err) {
        failures.push(err);
      } else {
        resources.push({
          type: req.getType(),
          name: req.getName(),
          urn: response.getUrn(),
          inputs: pulumi.runtime.deserializeProperties(req.getObject()),
          custom: Boolean(req.getCustom()),
          parent: parent || undefined,
          protect: Boolean(req.getProtect?.()),
          retainOnDelete: Boolean(req.getRetainondelete?.()),
          dependsOn: req.getDependenciesList?.() ?? [],
        });
      }
      callback(err, response);
    });
  };

  const onRejection = (reason: unknown) => failures.push(reason);
  process.on("unhandledRejection", onRejection);
  try {
    let result: T;
    try {
      result = await build();
      await settle();
    } catch (error) {
      // The harness's own diagnosis (e.g. an unmocked invoke) says more than the SDK's wrapper error.
      throw asError(failures[0] ?? error);
    }
    if (failures.length > 0) throw asError(failures[0]);
    return { resources, result };
  } finally {
    process.off("unhandledRejection", onRejection);
  }
}

/** Waits until Pulumi's RPC queue (resource registrations, invokes, outputs) has drained. */
async function settle(): Promise<void> {
  const waitForRPCs: (() => Promise<void>) | undefined = (pulumi.runtime as any).waitForRPCs;
  for (let round = 0; round < 3; round++) {
    if (waitForRPCs) await waitForRPCs();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

/** The value inside an Output, for tests and plan printing (only valid under mocks, preview=false). */
export function resolveOutput<T>(output: pulumi.Input<T>): Promise<T> {
  return new Promise((resolve) => {
    pulumi.output(output).apply((value) => {
      resolve(value as T);
      return value;
    });
  });
}
