/** The target project (id and number) as the provider sees it: `gcp:project` of the stack. */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";

export interface GcpProject {
  projectId: pulumi.Output<string>;
  projectNumber: pulumi.Output<string>;
}

export function currentProject(parent: pulumi.Resource): GcpProject {
  const project = gcp.organizations.getProjectOutput({}, { parent });
  return { projectId: project.apply((p) => p.projectId!), projectNumber: project.apply((p) => p.number) };
}
