/**
 * A stack's architecture as a graph, derived from its planned resources: nodes are the resources
 * that carry or hold data (NODE_KINDS), clusters are the component resources that own them, and
 * edges are data flow read from the wiring — IAM grants (who writes/reads what), event source
 * mappings, Firehose sources and destinations, API integrations, subscriptions, Dataflow
 * parameters, alarm actions — falling back to plain references between nodes.
 */
import { checkedFromPlan } from "../../policy/planned-resources";
import type { PlannedResource } from "../plan/run-under-mocks";
import { NODE_KINDS, ZONES, zoneFromComponent, type Zone } from "./architecture-nodes";
import { mentions } from "./mentions";

export interface GraphNode {
  id: string;
  label: string;
  zone: Zone;
  /** URN of the component cluster it sits in (undefined: top level). */
  cluster?: string;
  /** URNs of the resources it stands for (several when aggregated). */
  members: string[];
}

export interface GraphCluster {
  urn: string;
  label: string;
  parent?: string;
}

export type EdgeKind = "data" | "control" | "reference";

export interface GraphEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  label?: string;
}

export interface ArchitectureGraph {
  title: string;
  clusters: GraphCluster[];
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const PIPELINE_TYPE = "telemetry:index:Pipeline";
/** Lambdas, tables and queues serve whichever zone their component serves. */
const ZONE_FROM_CONTEXT = new Set(["aws:lambda/function:Function", "aws:dynamodb/table:Table", "aws:sqs/queue:Queue"]);

const WRITE_ACTION = /^(kinesis:Put|firehose:Put|s3:(Put|Abort|DeleteObject)|dynamodb:(Put|Update|BatchWrite|Delete|ConditionCheck)|sns:Publish|sqs:SendMessage|kafka-cluster:WriteData|kafka-cluster:\*|redshift-data:ExecuteStatement|states:StartExecution|lambda:InvokeFunction|glue:StartJobRun|kinesisanalytics:)/i;
const READ_ACTION = /^(kinesis:(Get|Describe|List|SubscribeToShard)|s3:(Get|List)|dynamodb:(Get|Query|Scan|BatchGet|DescribeStream|GetRecords|GetShardIterator)|sqs:(Receive|Delete)|kafka-cluster:ReadData|kafka:GetBootstrapBrokers)/i;
const GCP_WRITE_ROLE = /publisher|dataEditor|objectCreator|objectAdmin|objectUser|admin|editor|writer/i;
const GCP_READ_ROLE = /subscriber|viewer|reader|dataViewer/i;

const sanitize = (text: string) => text.replace(/[^A-Za-z0-9_]/g, "_");

/** Every string inside an input value, with JSON strings (policies, env maps) opened up. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") {
    out.push(value);
    if (/^\s*[{[]/.test(value)) {
      try {
        strings(JSON.parse(value), out);
      } catch {
        /* plain string */
      }
    }
  } else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value !== null && typeof value === "object") Object.values(value).forEach((v) => strings(v, out));
  return out;
}

export function buildArchitectureGraph(resources: PlannedResource[], title: string): ArchitectureGraph {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const pipeline = resources.find((r) => r.type === PIPELINE_TYPE);
  const componentOf = (r: PlannedResource): string | undefined => {
    for (let parent = r.parent ? byUrn.get(r.parent) : undefined; parent; parent = parent.parent ? byUrn.get(parent.parent) : undefined) {
      if (!parent.custom && parent.type !== PIPELINE_TYPE) return parent.urn;
    }
    return undefined;
  };
  const ancestorsText = (r: PlannedResource): string => {
    const parts: string[] = [];
    for (let p = r.parent ? byUrn.get(r.parent) : undefined; p && p !== pipeline; p = p.parent ? byUrn.get(p.parent) : undefined) parts.push(`${p.name} ${p.type}`);
    return parts.join(" ");
  };

  // Nodes (aggregated kinds: one per component).
  const nodes = new Map<string, GraphNode>();
  const nodeOfUrn = new Map<string, string>();
  for (const r of resources) {
    const kind = r.custom ? NODE_KINDS[r.type] : undefined;
    if (!kind) continue;
    const cluster = componentOf(r);
    const id = kind.aggregate ? `agg_${sanitize(r.type.split(":").pop()!)}_${sanitize(cluster ? byUrn.get(cluster)!.name : "top")}` : `n_${sanitize(r.name)}_${sanitize(r.type.split(":").pop()!)}`;
    const zone = ZONE_FROM_CONTEXT.has(r.type) ? (zoneFromComponent(r.name) ?? zoneFromComponent(ancestorsText(r)) ?? kind.zone) : kind.zone;
    const existing = nodes.get(id);
    if (existing) existing.members.push(r.urn);
    else {
      const owner = cluster ? byUrn.get(cluster)!.name : undefined;
      const short = owner && r.name.startsWith(`${owner}-`) ? r.name.slice(owner.length + 1) : r.name;
      nodes.set(id, { id, label: kind.aggregate ? kind.label : `${kind.label}\n${short}`, zone, cluster, members: [r.urn] });
    }
    nodeOfUrn.set(r.urn, id);
  }
  for (const node of nodes.values()) if (node.members.length > 1) node.label = `${node.label} ×${node.members.length}`;

  // Identity index: what strings name each node resource.
  const identities: Array<{ identity: string; node: string }> = [];
  for (const r of resources) {
    const node = nodeOfUrn.get(r.urn);
    if (!node) continue;
    for (const identity of checkedFromPlan(r).identities) if (identity.length >= 6) identities.push({ identity, node });
    // BigQuery tables are addressed as `dataset.table` inside table specs and SQL.
    if (r.type === "gcp:bigquery/table:Table") identities.push({ identity: `${r.inputs.datasetId}.${r.inputs.tableId}`, node });
  }
  /** Nodes whose identity `value` mentions; `loose: false` ignores a bare name inside another resource's ARN. */
  const nodesNamedIn = (value: unknown, loose = true, ownNames: string[] = []): Set<string> => {
    const found = new Set<string>();
    for (const text of strings(value)) {
      if (ownNames.includes(text)) continue;
      for (const { identity, node } of identities) {
        if (!loose && text.startsWith("arn:") && !identity.startsWith("arn:")) continue;
        if (mentions(text, identity)) found.add(node);
      }
    }
    return found;
  };

  const edges = new Map<string, GraphEdge>();
  const RANK: Record<EdgeKind, number> = { data: 3, control: 2, reference: 1 };
  const addEdge = (from: string | undefined, to: string | undefined, kind: EdgeKind, label?: string) => {
    if (!from || !to || from === to) return;
    const key = `${from}->${to}`;
    const existing = edges.get(key);
    if (!existing || RANK[kind] > RANK[existing.kind]) edges.set(key, { from, to, kind, ...(label ? { label } : {}) });
  };

  // Principals: which nodes act as an IAM role or a GCP service account.
  const principalUsers = (principal: PlannedResource): Set<string> => {
    const users = new Set<string>();
    // Only the role ARN / account e-mail: a role's bare name often equals its function's or job's name.
    const ids = checkedFromPlan(principal).identities.filter((id) => id.startsWith("arn:") || id.includes("@"));
    for (const r of resources) {
      if (r.urn === principal.urn) continue;
      const holder = nodeOfUrn.get(r.urn) ?? (r.type === "aws:apigateway/integration:Integration" ? nodesNamedIn(r.inputs.restApi).values().next().value : undefined);
      if (!holder || nodes.get(holder)?.zone === "monitoring") continue;
      if (strings(r.inputs).some((text) => ids.some((id) => mentions(text, id)))) users.add(holder);
    }
    return users;
  };

  // 1. IAM grants (AWS): the role's users write to / read from the resources its statements name.
  const roles = resources.filter((r) => r.type === "aws:iam/role:Role");
  const policiesOfRole = (role: PlannedResource): unknown[] => {
    const roleIds = checkedFromPlan(role).identities;
    const documents: unknown[] = ((role.inputs.inlinePolicies as Array<{ policy?: unknown }>) ?? []).map((p) => p.policy);
    for (const r of resources) {
      if (r.type === "aws:iam/rolePolicy:RolePolicy" && roleIds.includes(String(r.inputs.role))) documents.push(r.inputs.policy);
      if (r.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment" && roleIds.includes(String(r.inputs.role))) {
        const policy = resources.find((p) => p.type === "aws:iam/policy:Policy" && checkedFromPlan(p).identities.includes(String(r.inputs.policyArn)));
        if (policy) documents.push(policy.inputs.policy);
      }
    }
    return documents;
  };
  for (const role of roles) {
    const users = principalUsers(role);
    if (users.size === 0) continue;
    // Per target: does the role write it, or only read it? Writing decides the direction.
    const access = new Map<string, { writes: boolean; reads: boolean }>();
    for (const document of policiesOfRole(role)) {
      const parsed = typeof document === "string" ? safeJson(document) : document;
      const statements = ([] as Array<Record<string, unknown>>).concat(((parsed as Record<string, unknown>)?.Statement as Array<Record<string, unknown>>) ?? []);
      for (const statement of statements) {
        if (statement.Effect === "Deny") continue;
        const actions = ([] as string[]).concat((statement.Action as string | string[]) ?? []);
        for (const target of nodesNamedIn(statement.Resource)) {
          const flags = access.get(target) ?? { writes: false, reads: false };
          flags.writes ||= actions.some((a) => WRITE_ACTION.test(a));
          flags.reads ||= actions.some((a) => READ_ACTION.test(a));
          access.set(target, flags);
        }
      }
    }
    for (const [target, { writes, reads }] of access) {
      for (const user of users) {
        if (writes) addEdge(user, target, "data");
        else if (reads) addEdge(target, user, "data");
      }
    }
  }

  // 2. GCP IAM members: a service account's users publish to / read from the granted resource.
  const accounts = resources.filter((r) => r.type === "gcp:serviceaccount/account:Account");
  for (const grant of resources.filter((r) => /^gcp:/.test(r.type) && /Iam(Member|Binding)$/i.test(r.type.split(":").pop() ?? ""))) {
    const role = String(grant.inputs.role ?? "");
    const members = strings([grant.inputs.member, grant.inputs.members]);
    const { member: _m, members: _ms, role: _r, ...target } = grant.inputs;
    const targets = nodesNamedIn([target, target.tableId ? `${target.datasetId}.${target.tableId}` : undefined]);
    const granted = accounts.filter((a) => checkedFromPlan(a).identities.some((id) => id.includes("@") && members.some((m) => m.endsWith(`:${id}`))));
    for (const account of granted) {
      for (const user of principalUsers(account)) {
        for (const t of targets) {
          if (GCP_WRITE_ROLE.test(role)) addEdge(user, t, "data");
          else if (GCP_READ_ROLE.test(role)) addEdge(t, user, "data");
        }
      }
    }
  }

  // 3. Specific wiring.
  const first = (value: unknown) => nodesNamedIn(value).values().next().value as string | undefined;
  for (const r of resources) {
    const self = nodeOfUrn.get(r.urn);
    const i = r.inputs;
    switch (r.type) {
      case "aws:lambda/eventSourceMapping:EventSourceMapping": {
        const fn = first(i.functionName);
        addEdge(first(i.eventSourceArn), fn, "data", "trigger");
        addEdge(fn, first((i.destinationConfig as Record<string, unknown>)?.onFailure), "control", "on failure");
        break;
      }
      case "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream":
        addEdge(first([i.kinesisSourceConfiguration, i.mskSourceConfiguration]), self, "data");
        addEdge(self, first((i.extendedS3Configuration as Record<string, unknown>)?.bucketArn), "data");
        break;
      case "aws:apigateway/integration:Integration":
        addEdge(first(i.restApi), first(i.uri), "data");
        break;
      case "aws:apigateway/authorizer:Authorizer":
        addEdge(first(i.restApi), first(i.authorizerUri), "control", "authorizes");
        break;
      case "aws:cloudwatch/metricAlarm:MetricAlarm":
        for (const topic of nodesNamedIn([i.alarmActions, i.okActions])) addEdge(self, topic, "control", "notifies");
        break;
      case "aws:glue/catalogTable:CatalogTable":
        for (const bucket of nodesNamedIn(i.storageDescriptor)) addEdge(bucket, first(i.databaseName), "control", "catalogued");
        break;
      case "gcp:monitoring/alertPolicy:AlertPolicy":
        for (const channel of nodesNamedIn(i.notificationChannels)) addEdge(self, channel, "control", "notifies");
        break;
      case "gcp:bigquery/dataTransferConfig:DataTransferConfig": {
        const params = (i.params ?? {}) as Record<string, unknown>;
        const destination = first(`${i.destinationDatasetId}.${params.destination_table_name_template}`);
        addEdge(self, destination, "data");
        for (const source of nodesNamedIn(params.query)) if (source !== destination) addEdge(source, self, "data");
        break;
      }
      case "gcp:pubsub/subscription:Subscription":
        addEdge(first(i.topic), self, "data");
        addEdge(self, first([(i.cloudStorageConfig as Record<string, unknown>)?.bucket, (i.bigqueryConfig as Record<string, unknown>)?.table]), "data");
        addEdge(self, first((i.deadLetterPolicy as Record<string, unknown>)?.deadLetterTopic), "control", "dead letters");
        break;
      case "gcp:dataflow/flexTemplateJob:FlexTemplateJob":
        for (const [key, value] of Object.entries((i.parameters ?? {}) as Record<string, unknown>)) {
          if (/^input/i.test(key)) addEdge(first(value), self, "data");
          else if (/^output|dead.?letter/i.test(key)) addEdge(self, first(value), "data");
        }
        break;
      default:
        break;
    }
  }

  // 4. Plain references between nodes not already connected: lower zone → higher zone.
  const connected = new Set([...edges.values()].flatMap((e) => [`${e.from}|${e.to}`, `${e.to}|${e.from}`]));
  const zoneRank = (id: string) => ZONES.indexOf(nodes.get(id)!.zone);
  for (const r of resources) {
    const self = nodeOfUrn.get(r.urn);
    if (!self || nodes.get(self)!.zone === "monitoring") continue;
    // A bare name inside some other ARN (a log group named after a table) is not a reference to it.
    // …nor is the resource's own name that happens to equal another's (a Flink app and a table both "tlm-prod-dedup").
    for (const other of nodesNamedIn(r.inputs, false, checkedFromPlan(r).identities)) {
      if (other === self || connected.has(`${self}|${other}`) || nodes.get(other)!.zone === "monitoring") continue;
      const [from, to] = zoneRank(other) <= zoneRank(self) ? [other, self] : [self, other];
      addEdge(from, to, "reference");
      connected.add(`${self}|${other}`).add(`${other}|${self}`);
    }
  }

  // A component wrapping a single node (a SecureBucket around its bucket) is drawn as that node,
  // named after the component, inside the component's parent.
  for (let changed = true; changed; ) {
    changed = false;
    for (const node of nodes.values()) {
      if (!node.cluster || node.members.length > 1) continue;
      const wrapper = byUrn.get(node.cluster)!;
      const siblings = [...nodes.values()].filter((n) => n.cluster === wrapper.urn);
      const nested = [...nodes.values()].some((n) => n.cluster !== undefined && n.cluster !== wrapper.urn && byUrn.get(n.cluster)?.parent === wrapper.urn);
      if (siblings.length !== 1 || nested) continue;
      const parent = componentOf(wrapper);
      const parentName = parent ? byUrn.get(parent)!.name : pipeline?.name;
      const short = parentName && wrapper.name.startsWith(`${parentName}-`) ? wrapper.name.slice(parentName.length + 1) : wrapper.name;
      node.label = `${node.label.split("\n")[0]}\n${short}`;
      node.cluster = parent;
      changed = true;
    }
  }

  const clusterUrns = new Set<string>();
  for (const node of nodes.values()) {
    for (let c = node.cluster; c; c = componentOf(byUrn.get(c)!)) clusterUrns.add(c);
  }
  const clusters = [...clusterUrns].map((urn) => {
    const component = byUrn.get(urn)!;
    return { urn, label: `${component.name}\n(${component.type})`, parent: componentOf(component) };
  });

  return {
    title,
    clusters: clusters.sort((a, b) => a.urn.localeCompare(b.urn)),
    nodes: [...nodes.values()].sort((a, b) => a.id.localeCompare(b.id)),
    edges: [...edges.values()].sort((a, b) => `${a.from}>${a.to}`.localeCompare(`${b.from}>${b.to}`)),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
