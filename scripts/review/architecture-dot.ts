/** DOT source for an ArchitectureGraph: clusters nested like the components, nodes coloured by zone, left to right. */
import type { ArchitectureGraph, EdgeKind, GraphCluster, GraphNode } from "./architecture-graph";
import type { Zone } from "./architecture-nodes";

const ZONE_COLOURS: Record<Zone, string> = {
  ingestion: "#dbeafe",
  stream: "#fde68a",
  processing: "#d9f99d",
  lake: "#fed7aa",
  warehouse: "#e9d5ff",
  monitoring: "#fecaca",
};

const EDGE_STYLES: Record<EdgeKind, string> = {
  data: 'color="#334155", penwidth=1.6',
  control: 'color="#64748b", style=dashed',
  reference: 'color="#94a3b8", style=dotted, arrowhead=open',
};

const quote = (text: string) => `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
const clusterId = (urn: string) => quote(`cluster_${urn.split("::").pop()}_${hash(urn)}`);

/** Short stable hash so two components of the same name get distinct cluster ids. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}

export function architectureDot(graph: ArchitectureGraph): string {
  const lines: string[] = [];
  lines.push(`digraph ${quote(graph.title)} {`);
  lines.push(`  graph [rankdir=LR, compound=true, newrank=true, fontname="DejaVu Sans", fontsize=12, labelloc=t, label=${quote(graph.title)}, nodesep=0.3, ranksep=0.6];`);
  lines.push(`  node [shape=box, style="rounded,filled", fontname="DejaVu Sans", fontsize=10, color="#475569"];`);
  lines.push(`  edge [fontname="DejaVu Sans", fontsize=9];`);

  const childrenOf = new Map<string | undefined, GraphCluster[]>();
  for (const cluster of graph.clusters) childrenOf.set(cluster.parent, [...(childrenOf.get(cluster.parent) ?? []), cluster]);
  const nodesIn = new Map<string | undefined, GraphNode[]>();
  for (const node of graph.nodes) nodesIn.set(node.cluster, [...(nodesIn.get(node.cluster) ?? []), node]);

  const emit = (parent: string | undefined, indent: string) => {
    for (const node of nodesIn.get(parent) ?? []) {
      lines.push(`${indent}${quote(node.id)} [label=${quote(node.label)}, fillcolor=${quote(ZONE_COLOURS[node.zone])}];`);
    }
    for (const cluster of childrenOf.get(parent) ?? []) {
      lines.push(`${indent}subgraph ${clusterId(cluster.urn)} {`);
      lines.push(`${indent}  label=${quote(cluster.label)}; style="rounded"; color="#94a3b8"; fontsize=10;`);
      emit(cluster.urn, `${indent}  `);
      lines.push(`${indent}}`);
    }
  };
  emit(undefined, "  ");

  for (const edge of graph.edges) {
    const label = edge.label ? `, label=${quote(edge.label)}` : "";
    lines.push(`  ${quote(edge.from)} -> ${quote(edge.to)} [${EDGE_STYLES[edge.kind]}${label}];`);
  }

  // Legend: one swatch per zone present, in pipeline order.
  const zones = (Object.keys(ZONE_COLOURS) as Zone[]).filter((zone) => graph.nodes.some((n) => n.zone === zone));
  lines.push(`  subgraph cluster_legend {`);
  lines.push(`    label="zones"; style="rounded"; color="#cbd5e1"; fontsize=10;`);
  for (const zone of zones) lines.push(`    ${quote(`legend_${zone}`)} [label=${quote(zone)}, fillcolor=${quote(ZONE_COLOURS[zone])}];`);
  for (let i = 1; i < zones.length; i++) lines.push(`    ${quote(`legend_${zones[i - 1]}`)} -> ${quote(`legend_${zones[i]}`)} [style=invis];`);
  lines.push(`  }`);
  lines.push(`}`);
  return `${lines.join("\n")}\n`;
}
