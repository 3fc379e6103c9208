/**
 * Shell scripts the generated pipelines call. They live in the service's
 * repository under `.devops/`, so the same logic runs from GitHub Actions
 * and GitLab CI, and every line is checked by shellcheck in our tests.
 */

export const STRATEGIES = ['rolling', 'blue-green', 'canary'] as const;
export type Strategy = (typeof STRATEGIES)[number];

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
 * Deploys an image to an environment with the chosen strategy, checks the
 * health endpoint afterwards and rolls back automatically when it fails.
 */
export function deployScript(service: string, healthPath: string): string {
  return `#!/usr/bin/env bash
# Usage: deploy.sh <environment> <strategy> <image>
# Reads the cluster from KUBECONFIG and the public URL from SERVICE_URL.
set -euo pipefail

environment="$1"
strategy="$2"
image="$3"
service="${service}"
namespace="$service-$environment"
overlay="k8s/overlays/$environment"

healthy() {
  curl --silent --fail --retry 10 --retry-delay 6 --retry-all-errors --max-time 5 \\
    "$SERVICE_URL${healthPath}" > /dev/null
}

apply_overlay() {
  (cd "$overlay" && kustomize edit set image "$image")
  kubectl apply -k "$overlay"
}

rolling() {
  apply_overlay
  if ! kubectl -n "$namespace" rollout status "deployment/$service" --timeout=10m || ! healthy; then
    kubectl -n "$namespace" rollout undo "deployment/$service"
    return 1
  fi
}

blue_green() {
  live="$(kubectl -n "$namespace" get service "$service" -o jsonpath='{.spec.selector.color}' || true)"
  idle="blue"
  if [ "$live" = "blue" ]; then idle="green"; fi
  apply_overlay
  kubectl -n "$namespace" get deployment "$service" -o yaml \\
    | sed -e "s/name: $service\\$/name: $service-$idle/" \\
    | kubectl -n "$namespace" apply -f -
  kubectl -n "$namespace" set image "deployment/$service-$idle" "$service=$image"
  kubectl -n "$namespace" rollout status "deployment/$service-$idle" --timeout=10m
  kubectl -n "$namespace" patch service "$service" -p "{\\"spec\\":{\\"selector\\":{\\"color\\":\\"$idle\\"}}}"
  if ! healthy; then
    if [ -n "$live" ]; then
      kubectl -n "$namespace" patch service "$service" -p "{\\"spec\\":{\\"selector\\":{\\"color\\":\\"$live\\"}}}"
    fi
    return 1
  fi
}

canary() {
  kubectl -n "$namespace" get deployment "$service" -o yaml \\
    | sed -e "s/name: $service\\$/name: $service-canary/" \\
    | kubectl -n "$namespace" apply -f -
  kubectl -n "$namespace" scale "deployment/$service-canary" --replicas=1
  kubectl -n "$namespace" set image "deployment/$service-canary" "$service=$image"
  kubectl -n "$namespace" rollout status "deployment/$service-canary" --timeout=10m
  # Let the canary take traffic before promoting it.
  sleep "\${CANARY_SECONDS:-300}"
  if ! healthy; then
    kubectl -n "$namespace" delete deployment "$service-canary"
    return 1
  fi
  kubectl -n "$namespace" delete deployment "$service-canary"
  rolling
}

case "$strategy" in
  rolling) rolling ;;
  blue-green) blue_green ;;
  canary) canary ;;
  *)
    echo "unknown strategy $strategy" >&2
    exit 2
    ;;
esac
`;
}
