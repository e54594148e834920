/**
 * BigQuery table ids in the two spellings the services want: Dataflow template parameters take
 * `project:dataset.table`; SQL takes `project.dataset.table` (inside backticks).
 */
export function templateTableSpec(project: string, dataset: string, table: string): string {
  return `${project}:${dataset}.${table}`;
}

export function sqlTableRef(project: string, dataset: string, table: string): string {
  return `${project}.${dataset}.${table}`;
}

/** BigQuery dataset ids: letters, digits, underscores, ≤ 1,024 characters. */
export function datasetIdFor(stack: string): string {
  return `telemetry_${stack.toLowerCase().replace(/[^a-z0-9_]/g, "_")}`.slice(0, 1024);
}
