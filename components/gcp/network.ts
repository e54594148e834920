/**
 * The stack's VPC: one regional subnet with Private Google Access, where Dataflow workers run without
 * public IPs and (gcp-kafka) the Kafka cluster and the ingest function's egress live. Ingress is
 * allowed only from inside the subnet, on Dataflow's worker-to-worker ports and Kafka's port.
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { Names } from "../naming";

/** Dataflow workers talk to each other on these ports (shuffle / streaming). */
export const DATAFLOW_WORKER_PORTS = "12345-12346";
export const KAFKA_PORT = 9092;

export interface GcpNetworkArgs {
  names: Names;
  region: string;
  cidr: string;
  /** Open the Kafka port inside the subnet (gcp-kafka). */
  kafka: boolean;
}

export class GcpNetwork extends pulumi.ComponentResource {
  public readonly network: gcp.compute.Network;
  public readonly subnet: gcp.compute.Subnetwork;

  constructor(name: string, args: GcpNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("telemetry:gcp:Network", name, {}, opts);
    this.network = new gcp.compute.Network(
      `${name}-vpc`,
      { name: args.names.resource("vpc", 63), autoCreateSubnetworks: false, routingMode: "REGIONAL" },
      { parent: this },
    );
    this.subnet = new gcp.compute.Subnetwork(
      `${name}-subnet`,
      {
        name: args.names.resource("subnet", 63),
        network: this.network.id,
        region: args.region,
        ipCidrRange: args.cidr,
        // Workers and the function reach Google APIs without public IPs.
        privateIpGoogleAccess: true,
        logConfig: { aggregationInterval: "INTERVAL_5_MIN", flowSampling: 0.5, metadata: "INCLUDE_ALL_METADATA" },
      },
      { parent: this },
    );
    new gcp.compute.Firewall(
      `${name}-internal`,
      {
        name: args.names.resource("internal", 63),
        network: this.network.id,
        direction: "INGRESS",
        sourceRanges: [args.cidr],
        allows: [{ protocol: "tcp", ports: [DATAFLOW_WORKER_PORTS, ...(args.kafka ? [String(KAFKA_PORT)] : [])] }],
      },
      { parent: this },
    );
    this.registerOutputs({ network: this.network.id, subnet: this.subnet.id });
  }
}
