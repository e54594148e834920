/**
 * Google-managed service agents that act on this stack's resources (Pub/Sub delivering to GCS and
 * dead-letter topics, KMS users). Their e-mail addresses follow from the project number.
 */
export function pubsubServiceAgent(projectNumber: string): string {
  return `serviceAccount:service-${projectNumber}@gcp-sa-pubsub.iam.gserviceaccount.com`;
}

export function managedKafkaServiceAgent(projectNumber: string): string {
  return `serviceAccount:service-${projectNumber}@gcp-sa-managedkafka.iam.gserviceaccount.com`;
}

export function dataflowServiceAgent(projectNumber: string): string {
  return `serviceAccount:service-${projectNumber}@dataflow-service-producer-prod.iam.gserviceaccount.com`;
}

export function computeServiceAgent(projectNumber: string): string {
  return `serviceAccount:service-${projectNumber}@compute-system.iam.gserviceaccount.com`;
}
