import type { Finding, RenderedWorkspace } from '../../Finding';
import { imageUserFor, isNumericUser } from './imageUser';
import { onEveryBuild } from './kustomizeBuilds';
import { containersOf, podTemplates } from './podTemplates';

// Pod Security Standards, "restricted": the volume types it allows.
const RESTRICTED_VOLUMES = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

/**
 * What a kubelet and the Pod Security admission would do with each pod
 * template kustomize builds:
 * - `workload/run-as-non-root`: runAsNonRoot without runAsUser needs a
 *   numeric USER in the image, or the kubelet refuses the container
 *   ("container has runAsNonRoot and image has non-numeric user").
 * - `pss/restricted`: the Pod Security Standards' restricted profile.
 * - `workload/resources`: CPU and memory requests and limits.
 */
export async function validatePodSecurity(
  workspace: RenderedWorkspace,
): Promise<Finding[]> {
  return onEveryBuild(workspace, build => {
    const findings: Finding[] = [];
    const add = (rule: string, message: string) =>
      findings.push({
        file: build.file,
        rule,
        message: `${build.name}: ${message}`,
        severity: 'error',
      });
    const image = imageUserFor(workspace, build.file);
    for (const { label, template } of podTemplates(build.objects)) {
      const pod = template.spec ?? {};
      const podContext = pod.securityContext ?? {};
      for (const key of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
        if (pod[key]) {
          add(
            'pss/restricted',
            `${label} sets ${key}, which the restricted profile forbids`,
          );
        }
      }
      for (const volume of pod.volumes ?? []) {
        const type = Object.keys(volume).find(k => k !== 'name');
        if (type && !RESTRICTED_VOLUMES.has(type)) {
          add(
            'pss/restricted',
            `${label} volume \`${volume.name}\` is a ${type} volume, which the restricted profile forbids`,
          );
        }
      }
      for (const container of containersOf(pod)) {
        const context = container.securityContext ?? {};
        const where = `${label} container \`${container.name}\``;
        const restricted = (message: string) =>
          add(
            'pss/restricted',
            `${where} ${message} (Pod Security Standards, restricted)`,
          );
        if (context.privileged) {
          restricted('is privileged');
        }
        if (context.allowPrivilegeEscalation !== false) {
          restricted('must set allowPrivilegeEscalation: false');
        }
        const drop: string[] = context.capabilities?.drop ?? [];
        if (!drop.includes('ALL')) {
          restricted('must drop ALL capabilities');
        }
        const added = (context.capabilities?.add ?? []).filter(
          (c: string) => c !== 'NET_BIND_SERVICE',
        );
        if (added.length > 0) {
          restricted(
            `adds capabilities ${added.join(
              ', ',
            )}; only NET_BIND_SERVICE is allowed`,
          );
        }
        const runAsNonRoot = context.runAsNonRoot ?? podContext.runAsNonRoot;
        if (runAsNonRoot !== true) {
          restricted('must run with runAsNonRoot: true');
        }
        const runAsUser = context.runAsUser ?? podContext.runAsUser;
        if (runAsUser === 0) {
          restricted('runs as user 0');
        }
        const seccomp =
          context.seccompProfile?.type ?? podContext.seccompProfile?.type;
        if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') {
          restricted(
            'must set seccompProfile type RuntimeDefault (or Localhost)',
          );
        }
        // The kubelet's own check, before any admission.
        if (runAsNonRoot === true && runAsUser === undefined && image) {
          if (!image.user) {
            add(
              'workload/run-as-non-root',
              `${where} sets runAsNonRoot without runAsUser, and ${image.dockerfile} has no USER, so the image runs as root: the kubelet refuses to start it. Set a numeric USER (e.g. 10001:10001) or runAsUser.`,
            );
          } else if (!isNumericUser(image.user)) {
            add(
              'workload/run-as-non-root',
              `${where} sets runAsNonRoot without runAsUser, and the image's USER \`${image.user}\` (${image.dockerfile}:${image.line}) is not numeric: the kubelet refuses to start it ("container has runAsNonRoot and image has non-numeric user"). Use a numeric USER (e.g. 10001:10001) or set runAsUser.`,
            );
          } else if (/^0(:|$)/.test(image.user)) {
            add(
              'workload/run-as-non-root',
              `${where} sets runAsNonRoot, and the image's USER is 0 (${image.dockerfile}:${image.line}): the kubelet refuses to start it.`,
            );
          }
        }
        const resources = container.resources ?? {};
        const missing = [
          ['requests', 'cpu'],
          ['requests', 'memory'],
          ['limits', 'cpu'],
          ['limits', 'memory'],
        ]
          .filter(([kind, name]) => resources[kind]?.[name] === undefined)
          .map(([kind, name]) => `${kind}.${name}`);
        if (missing.length > 0) {
          add('workload/resources', `${where} has no ${missing.join(', ')}`);
        }
      }
    }
    return findings;
  });
}
