/** Bootstrap brokers of an MSK cluster from the control plane (GetBootstrapBrokers). */
import { GetBootstrapBrokersCommand, type GetBootstrapBrokersCommandOutput } from "@aws-sdk/client-kafka";
import { parseBrokerList } from "./msk-iam-client";

/** The one KafkaClient method used, so tests can pass a client mocked with aws-sdk-client-mock. */
export interface BootstrapBrokersClient {
  send(command: GetBootstrapBrokersCommand): Promise<GetBootstrapBrokersCommandOutput>;
}

/**
 * The IAM (SASL/IAM over TLS, port 9098) broker list. Provisioned and serverless clusters both
 * answer in `BootstrapBrokerStringSaslIam`; a cluster without IAM auth answers without it, which is a
 * deployment error worth naming.
 */
export async function fetchIamBootstrapBrokers(client: BootstrapBrokersClient, clusterArn: string): Promise<string[]> {
  const output = await client.send(new GetBootstrapBrokersCommand({ ClusterArn: clusterArn }));
  const brokers = parseBrokerList(output.BootstrapBrokerStringSaslIam ?? "");
  if (brokers.length === 0) {
    throw new Error(`cluster ${clusterArn} has no IAM bootstrap brokers (is SASL/IAM client authentication enabled?)`);
  }
  return brokers;
}
