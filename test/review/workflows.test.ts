/** The GitHub Actions workflows parse and contain the PR checks and deployments the README promises. */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { availableStacks, PROJECT_ROOT } from "../../scripts/plan/stack-config";

const WORKFLOWS = join(PROJECT_ROOT, ".github", "workflows");

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  uses?: string;
  needs?: string | string[];
  if?: string;
  environment?: string | { name: string };
  strategy?: { matrix?: { stack?: string[]; include?: Array<Record<string, string>> } };
  steps?: Step[];
}
interface Workflow {
  on: Record<string, any>;
  jobs: Record<string, Job>;
}

const load = (file: string): Workflow => parse(readFileSync(join(WORKFLOWS, file), "utf8")) as Workflow;
const needs = (job: Job) => ([] as string[]).concat(job.needs ?? []);
const pulumiSteps = (job: Job) => (job.steps ?? []).filter((s) => s.uses?.startsWith("pulumi/actions@"));
const runs = (job: Job) => (job.steps ?? []).map((s) => s.run ?? "").join("\n");
const matrixStacks = (job: Job) => [...(job.strategy?.matrix?.stack ?? []), ...(job.strategy?.matrix?.include ?? []).map((i) => i.stack)].sort();

describe("GitHub Actions workflows", () => {
  it("every workflow parses, has triggers and jobs, and pins every action to a version", () => {
    const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));
    assert.deepEqual(files.sort(), ["deploy.yml", "pull-request.yml", "test.yml"]);
    for (const file of files) {
      const workflow = load(file);
      assert.ok(workflow.on && Object.keys(workflow.jobs).length > 0, file);
      for (const [name, job] of Object.entries(workflow.jobs)) {
        for (const step of job.steps ?? []) {
          if (step.uses) assert.match(step.uses, /^[\w.-]+\/[\w.-]+@(v\d+|[0-9a-f]{40})$/, `${file} ${name}: ${step.uses}`);
          assert.ok(step.uses || step.run, `${file} ${name}: a step with neither uses nor run`);
        }
      }
    }
  });

  it("the shared test workflow runs npm ci then npm test", () => {
    const test = load("test.yml");
    assert.ok("workflow_call" in test.on);
    const commands = (test.jobs.test.steps ?? []).map((s) => s.run ?? "");
    const ci = commands.findIndex((c) => /^npm ci\b/.test(c));
    const npmTest = commands.findIndex((c) => c === "npm test");
    assert.ok(ci >= 0 && npmTest > ci, `steps: ${commands.join(" | ")}`);
  });

  describe("pull_request", () => {
    const pr = load("pull-request.yml");

    it("runs the tests first", () => {
      assert.ok("pull_request" in pr.on);
      assert.equal(pr.jobs.test.uses, "./.github/workflows/test.yml");
    });

    it("previews every stack with the policy pack and comments on the PR", () => {
      const preview = pr.jobs.preview;
      assert.deepEqual(needs(preview), ["test"]);
      assert.deepEqual(matrixStacks(preview), availableStacks(), "one preview per Pulumi.<stack>.yaml");
      const [step] = pulumiSteps(preview);
      assert.equal(step.with?.command, "preview");
      assert.equal(step.with?.policyPacks, "policy");
      assert.equal(step.with?.["comment-on-pr"], true);
      assert.match(String(step.with?.["stack-name"]), /matrix\.stack/);
      assert.match(String(step.env?.PULUMI_ACCESS_TOKEN), /secrets\.PULUMI_ACCESS_TOKEN/);
      assert.ok(existsSync(join(PROJECT_ROOT, "policy", "PulumiPolicy.yaml")), "the pack the step names exists");
      assert.ok((preview.steps ?? []).some((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@")), "AWS OIDC credentials");
      assert.ok((preview.steps ?? []).some((s) => s.uses?.startsWith("google-github-actions/auth@")), "GCP workload identity");
    });

    it("posts the offline plan diff (against the base branch's plan) and the cost for every stack", () => {
      const diff = pr.jobs["plan-diff"];
      assert.deepEqual(matrixStacks(diff), availableStacks());
      const commands = runs(diff);
      assert.match(commands, /npm run --silent plan -- "\$STACK" --json > "\$RUNNER_TEMP\/base-plan\.json"/);
      assert.match(commands, /npm run --silent plan -- "\$STACK" --diff "\$RUNNER_TEMP\/base-plan\.json"/);
      assert.match(commands, /npm run --silent cost -- "\$STACK"/);
      const post = (diff.steps ?? []).find((s) => s.uses?.startsWith("actions/github-script@"));
      assert.match(String(post?.with?.script), /createComment/);
    });
  });

  describe("push to main", () => {
    const deploy = load("deploy.yml");

    it("deploys dev after the tests, then prod behind the protected production environment", () => {
      assert.deepEqual(deploy.on.push.branches, ["main"]);
      assert.equal(deploy.jobs.test.uses, "./.github/workflows/test.yml");
      const dev = deploy.jobs["deploy-dev"];
      const prod = deploy.jobs["deploy-prod"];
      assert.deepEqual(needs(dev), ["test"]);
      assert.deepEqual(needs(prod), ["deploy-dev"]);
      assert.equal(prod.environment, "production");
      for (const [job, stack] of [[dev, "dev"], [prod, "prod"]] as const) {
        const [step] = pulumiSteps(job);
        assert.equal(step.with?.command, "up");
        assert.match(String(step.with?.["stack-name"]), new RegExp(`'${stack}'`));
        assert.equal(step.with?.policyPacks, "policy");
      }
    });
  });
});
