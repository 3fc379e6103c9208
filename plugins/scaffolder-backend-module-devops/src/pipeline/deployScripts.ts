import { WORKLOAD_KIND, type Strategy } from '../environments/deliveryStrategy';

/**
 * Shell scripts the generated pipelines call. They live in the service's
 * repository under `.devops/`, so the same logic runs from GitHub Actions
 * and GitLab CI, and every line is checked by shellcheck in our tests.
 */

export { STRATEGIES } from '../environments/deliveryStrategy';
export type { Strategy } from '../environments/deliveryStrategy';

/** The file deploy.sh writes its verdict to, for the report step. */
export const VERDICT_FILE = '.devops/deploy-verdict';

/** Reports one deployment to the Backstage DevOps API; never fails the build. */
export const reportDeploymentScript = `#!/usr/bin/env bash
# Usage: report-deployment.sh <environment> <status> [rollback-of]
# Reads BACKSTAGE_URL, BACKSTAGE_DEVOPS_TOKEN, ENTITY_REF, VERSION, COMMIT_SHA,
# RUN_ID, RUN_URL, ACTOR, STRATEGY and STARTED_AT from the environment.
set -euo pipefail

environment="$1"
status="$2"
rollback_of="\${3:-}"
now="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
finished=""
case "$status" in
  succeeded | failed | rolled_back | cancelled) finished="$now" ;;
esac

body="$(jq -n \\
  --arg entityRef "$ENTITY_REF" \\
  --arg environment "$environment" \\
  --arg version "$VERSION" \\
  --arg status "$status" \\
  --arg strategy "\${STRATEGY:-}" \\
  --arg externalId "$RUN_ID-$environment" \\
  --arg startedAt "\${STARTED_AT:-$now}" \\
  --arg finishedAt "$finished" \\
  --arg commitSha "$COMMIT_SHA" \\
  --arg commitTime "\${COMMIT_TIME:-}" \\
  --arg actor "\${ACTOR:-}" \\
  --arg url "\${RUN_URL:-}" \\
  --arg rollbackOf "$rollback_of" \\
  '{entityRef: $entityRef, environment: $environment, version: $version,
    status: $status, externalId: $externalId, startedAt: $startedAt,
    commitSha: $commitSha}
   + (if $strategy != "" then {strategy: $strategy} else {} end)
   + (if $finishedAt != "" then {finishedAt: $finishedAt} else {} end)
   + (if $commitTime != "" then {commitTime: $commitTime} else {} end)
   + (if $actor != "" then {actor: $actor} else {} end)
   + (if $url != "" then {url: $url} else {} end)
   + (if $rollbackOf != "" then {rollbackOf: $rollbackOf} else {} end)')"

# Reporting must not break a deployment: retry, then warn.
if ! curl --silent --show-error --fail --retry "\${BACKSTAGE_REPORT_RETRIES:-5}" --retry-all-errors --max-time 10 \\
  -X POST "$BACKSTAGE_URL/api/devops/v1/deployments" \\
  -H "Authorization: Bearer $BACKSTAGE_DEVOPS_TOKEN" \\
  -H 'Content-Type: application/json' \\
  --data "$body"; then
  echo "warning: could not report the deployment to Backstage" >&2
fi
`;

/** Reports the migration runner's JSON output to the Backstage DevOps API. */
export const reportMigrationsScript = `#!/usr/bin/env bash
# Usage: report-migrations.sh <environment> <tool> <report.json>
# report.json holds the runner's list: [{"id": "...", "status": "applied"}, ...]
set -euo pipefail

environment="$1"
tool="$2"
report="$3"

body="$(jq -n \\
  --arg entityRef "$ENTITY_REF" \\
  --arg environment "$environment" \\
  --arg tool "$tool" \\
  --slurpfile migrations "$report" \\
  '{entityRef: $entityRef, environment: $environment, tool: $tool,
    migrations: $migrations[0]}')"

if ! curl --silent --show-error --fail --retry "\${BACKSTAGE_REPORT_RETRIES:-5}" --retry-all-errors --max-time 10 \\
  -X POST "$BACKSTAGE_URL/api/devops/v1/migrations" \\
  -H "Authorization: Bearer $BACKSTAGE_DEVOPS_TOKEN" \\
  -H 'Content-Type: application/json' \\
  --data "$body"; then
  echo "warning: could not report migrations to Backstage" >&2
fi
`;

/**
 * Reports how a started deployment ended: the verdict deploy.sh wrote, or
 * failed when it never ran (a migration failed first), so a deployment is
 * never left in progress.
 */
export const reportOutcomeScript = `#!/usr/bin/env bash
# Usage: report-outcome.sh <environment>
# Reports the verdict in ${VERDICT_FILE}, or failed when there is none.
set -euo pipefail
status="failed"
if [ -s ${VERDICT_FILE} ]; then
  status="$(cat ${VERDICT_FILE})"
fi
exec "$(dirname "$0")/report-deployment.sh" "$1" "$status"
`;
export const REPORT_OUTCOME = '.devops/report-outcome.sh';

/** pg_dump for the backup before production migrations, pinned. */
export const PG_DUMP_IMAGE = 'postgres:17.2-bookworm';
/** How long CI keeps that backup. */
export const BACKUP_RETENTION_DAYS = 30;

/** The kubectl plugin that reads Argo Rollouts' verdict, pinned. */
export const ARGO_ROLLOUTS_PLUGIN_VERSION = 'v1.7.2';
export const installArgoRolloutsPlugin = `curl --silent --show-error --fail --location --output /usr/local/bin/kubectl-argo-rollouts https://github.com/argoproj/argo-rollouts/releases/download/${ARGO_ROLLOUTS_PLUGIN_VERSION}/kubectl-argo-rollouts-linux-amd64 && chmod +x /usr/local/bin/kubectl-argo-rollouts`;

/**
 * Sets the image in an environment's overlay, applies it and waits for the
 * verdict of the engine that rolls it out: `kubectl rollout status` for a
 * Deployment (undone with `kubectl rollout undo` when it fails), Argo
 * Rollouts for blue-green and canary (which aborts and returns traffic to
 * the stable version itself when its analysis fails). The verdict -
 * succeeded, failed or rolled_back - is what the pipeline reports.
 */
export function deployScript(service: string, strategy: Strategy): string {
  const kind = WORKLOAD_KIND[strategy];
  const wait =
    kind === 'Deployment'
      ? `if kubectl -n "$namespace" rollout status "deployment/$service" --timeout=10m; then
  verdict succeeded
  exit 0
fi
# A Deployment does not undo itself; return to the previous revision. The
# first deployment has none, and then the verdict is failed.
if kubectl -n "$namespace" rollout undo "deployment/$service" &&
  kubectl -n "$namespace" rollout status "deployment/$service" --timeout=10m; then
  verdict rolled_back
else
  verdict failed
fi
exit 1`
      : `# Exits non-zero when the analysis fails and the controller aborts.
if kubectl argo rollouts status "$service" -n "$namespace" --timeout 30m; then
  verdict succeeded
  exit 0
fi
# Aborting is idempotent: it stops a rollout that only timed out, and the
# controller moves traffic back to the stable version.
kubectl argo rollouts abort "$service" -n "$namespace" || true
stable="$(kubectl -n "$namespace" get rollout "$service" -o jsonpath='{.status.stableRS}')"
current="$(kubectl -n "$namespace" get rollout "$service" -o jsonpath='{.status.currentPodHash}')"
# Without an earlier stable version (the first deployment) there is
# nothing to return to.
if [ -n "$stable" ] && [ "$stable" != "$current" ]; then
  verdict rolled_back
else
  verdict failed
fi
exit 1`;
  return `#!/usr/bin/env bash
# Usage: deploy.sh <environment> <image>
# Sets <image> in k8s/overlays/<environment>, applies the overlay with the
# cluster from KUBECONFIG and waits for the verdict of ${
    kind === 'Deployment' ? 'the Deployment rollout' : 'Argo Rollouts'
  } (${strategy}).
# Writes succeeded, failed or rolled_back to ${VERDICT_FILE}; exits 0 only
# on succeeded.
set -euo pipefail

environment="$1"
image="$2"
service="${service}"
namespace="$service-$environment"
overlay="k8s/overlays/$environment"

verdict() {
  printf '%s\\n' "$1" > "${VERDICT_FILE}"
  echo "deployment verdict: $1"
}
verdict failed

(cd "$overlay" && kustomize edit set image "$service=$image")
kubectl apply -k "$overlay"

${wait}
`;
}
