/** Glue Data Catalog statements scoped to named databases and their tables. */
import * as pulumi from "@pulumi/pulumi";
import type { PolicyStatement } from "../../iam/policy-document";

export const GLUE_CATALOG_READ_ACTIONS = ["glue:BatchGetPartition", "glue:GetDatabase", "glue:GetPartition", "glue:GetPartitions", "glue:GetTable", "glue:GetTables"] as const;
/** What Athena DDL and Iceberg MERGE / UNLOAD need on top of reads. */
export const GLUE_CATALOG_WRITE_ACTIONS = ["glue:BatchCreatePartition", "glue:CreatePartition", "glue:CreateTable", "glue:UpdatePartition", "glue:UpdateTable"] as const;

export interface CatalogScope {
  region: pulumi.Input<string>;
  accountId: pulumi.Input<string>;
  /** Database names; every table of each database is in scope. */
  databases: pulumi.Input<string>[];
}

export function glueCatalogStatements(scope: CatalogScope, access: "read" | "write"): PolicyStatement[] {
  if (scope.databases.length === 0) throw new RangeError("glueCatalogStatements needs at least one database");
  const glue = (resource: pulumi.Input<string>) => pulumi.interpolate`arn:aws:glue:${scope.region}:${scope.accountId}:${resource}`;
  const resources = [
    glue("catalog"),
    ...scope.databases.map((db) => glue(pulumi.interpolate`database/${db}`)),
    ...scope.databases.map((db) => glue(pulumi.interpolate`table/${db}/*`)),
  ];
  const actions = access === "read" ? [...GLUE_CATALOG_READ_ACTIONS] : [...GLUE_CATALOG_READ_ACTIONS, ...GLUE_CATALOG_WRITE_ACTIONS];
  return [{ Sid: access === "read" ? "CatalogRead" : "CatalogReadWrite", Effect: "Allow", Action: actions, Resource: resources }];
}
