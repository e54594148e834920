/**
 * HTTPS ingestion: a Cloud Functions (2nd gen, Node 22) function serving `POST /v1/events` with the
 * shared API-key contract. Its source is bundled from the repository on every run of the program
 * (`functions/gcp-ingest/build-source.ts`, a few hundred ms) and uploaded as a zip object, so the
 * deployed code is always the tested code. Invocation is public (`allUsers` → run.invoker): the API key checked in
 * the function — hashed at rest in its own Firestore database — is the gate, exactly like the AWS API.
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { buildIngestSource, INGEST_DIST_DIR } from "../../functions/gcp-ingest/build-source";
import { API_KEYS_COLLECTION } from "../../functions/gcp-ingest/firestore-api-keys";
import type { Names } from "../naming";
import type { IngestFunctionSizing } from "./gcp-sizing";

export const INGEST_ENTRY_POINT = "ingest";
export const INGEST_RUNTIME = "nodejs22";

/** How the function reaches the raw channel. */
export type RawChannelTarget =
  | { kind: "pubsub"; rawTopic: gcp.pubsub.Topic }
  | {
      kind: "kafka";
      bootstrapServers: pulumi.Input<string>;
      rawTopic: string;
      network: gcp.compute.Network;
      subnet: gcp.compute.Subnetwork;
    };

export interface GcpIngestFunctionArgs {
  names: Names;
  region: string;
  projectId: pulumi.Input<string>;
  labels: Record<string, string>;
  sizing: IngestFunctionSizing;
  artifactsBucket: gcp.storage.Bucket;
  target: RawChannelTarget;
  /** Limits the function applies before publishing (the core's record limit). */
  maxRecordBytes: number;
}

export class GcpIngestFunction extends pulumi.ComponentResource {
  public readonly function: gcp.cloudfunctionsv2.Function;
  public readonly serviceAccount: gcp.serviceaccount.Account;
  public readonly url: pulumi.Output<string>;
  public readonly keysDatabase: gcp.firestore.Database;

  constructor(name: string, args: GcpIngestFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("telemetry:gcp:IngestFunction", name, {}, opts);
    this.serviceAccount = new gcp.serviceaccount.Account(
      `${name}-sa`,
      { accountId: args.names.resource("ingest", 30), displayName: "Telemetry ingest function" },
      { parent: this },
    );
    const member = this.serviceAccount.member;

    // API keys live (as SHA-256 hashes) in a dedicated Firestore database; the function may only read
    // documents of that database (datastore.viewer with an IAM condition on the database's resource
    // name). Keys are written by `npm run api-keys -- --backend firestore`.
    this.keysDatabase = new gcp.firestore.Database(
      `${name}-keys`,
      {
        name: args.names.resource("keys", 63),
        locationId: args.region,
        type: "FIRESTORE_NATIVE",
        deleteProtectionState: "DELETE_PROTECTION_ENABLED",
        deletionPolicy: "ABANDON",
      },
      { parent: this },
    );
    const grants: pulumi.Resource[] = [
      new gcp.projects.IAMMember(
        `${name}-keys-reader`,
        {
          project: args.projectId,
          role: "roles/datastore.viewer",
          member,
          condition: {
            title: "api-keys-database-only",
            expression: pulumi.interpolate`resource.name.startsWith("${this.keysDatabase.id}")`,
          },
        },
        { parent: this },
      ),
    ];
    const env: Record<string, pulumi.Input<string>> = {
      API_KEYS_DATABASE: this.keysDatabase.name,
      API_KEYS_COLLECTION,
      GCP_PROJECT_ID: args.projectId,
      MAX_RECORD_BYTES: String(args.maxRecordBytes),
    };
    const target = args.target;
    let vpc: Partial<gcp.types.input.cloudfunctionsv2.FunctionServiceConfig> = {};
    // Only gcp-kafka needs the VPC (private broker addresses); Pub/Sub is a Google API.
    if (target.kind === "pubsub") {
      env.RAW_CHANNEL = "pubsub";
      env.RAW_TOPIC = target.rawTopic.name;
      grants.push(new gcp.pubsub.TopicIAMMember(`${name}-raw-publisher`, { topic: target.rawTopic.name, role: "roles/pubsub.publisher", member }, { parent: this }));
    } else {
      env.RAW_CHANNEL = "kafka";
      env.KAFKA_BOOTSTRAP_SERVERS = target.bootstrapServers;
      env.RAW_TOPIC = target.rawTopic;
      // Managed Kafka authorises clients with this project-level role (no per-topic IAM exists).
      grants.push(new gcp.projects.IAMMember(`${name}-kafka-client`, { project: args.projectId, role: "roles/managedkafka.client", member }, { parent: this }));
      vpc = {
        directVpcNetworkInterfaces: [{ network: target.network.id, subnetwork: target.subnet.id }],
        directVpcEgress: "VPC_EGRESS_PRIVATE_RANGES_ONLY",
      };
    }

    const source = new gcp.storage.BucketObject(
      `${name}-source`,
      { name: "functions/gcp-ingest/source.zip", bucket: args.artifactsBucket.name, source: new pulumi.asset.FileArchive(buildIngestSource(INGEST_DIST_DIR)) },
      { parent: this },
    );
    this.function = new gcp.cloudfunctionsv2.Function(
      `${name}-function`,
      {
        name: args.names.resource("ingest", 63),
        location: args.region,
        description: "POST /v1/events: API-key check, ingest envelope, publish to the raw channel.",
        buildConfig: {
          runtime: INGEST_RUNTIME,
          entryPoint: INGEST_ENTRY_POINT,
          source: { storageSource: { bucket: args.artifactsBucket.name, object: source.name, generation: source.generation } },
        },
        serviceConfig: {
          availableMemory: "512Mi",
          availableCpu: "1",
          timeoutSeconds: 60,
          maxInstanceCount: args.sizing.maxInstances,
          maxInstanceRequestConcurrency: args.sizing.concurrency,
          ingressSettings: "ALLOW_ALL",
          allTrafficOnLatestRevision: true,
          serviceAccountEmail: this.serviceAccount.email,
          environmentVariables: env,
          ...vpc,
        },
        labels: args.labels,
      },
      { parent: this, dependsOn: grants },
    );
    // Public invocation on purpose: clients hold API keys, not Google identities; the function
    // rejects every request without a valid key before touching the stream.
    new gcp.cloudrunv2.ServiceIamMember(
      `${name}-public-invoker`,
      {
        name: this.function.serviceConfig.apply((c) => c!.service!),
        location: args.region,
        role: "roles/run.invoker",
        member: "allUsers",
      },
      { parent: this },
    );
    this.url = this.function.url;
    this.registerOutputs({ url: this.url });
  }
}
