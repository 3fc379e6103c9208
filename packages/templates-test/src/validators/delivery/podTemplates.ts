import type { BuiltObject } from './kustomizeBuilds';

/** Kinds that run pods from `spec.template`, and where the template is. */
const TEMPLATE_PATH: Record<string, (spec: any) => any> = {
  Deployment: spec => spec?.template,
  Rollout: spec => spec?.template,
  StatefulSet: spec => spec?.template,
  DaemonSet: spec => spec?.template,
  ReplicaSet: spec => spec?.template,
  Job: spec => spec?.template,
  CronJob: spec => spec?.jobTemplate?.spec?.template,
};

/** A workload's pod template, named for findings. */
export interface PodTemplateOf {
  object: BuiltObject;
  /** `Rollout payments-api`. */
  label: string;
  template: { metadata?: { labels?: Record<string, string> }; spec?: any };
}

export function podTemplates(objects: BuiltObject[]): PodTemplateOf[] {
  return objects.flatMap(object => {
    const template = TEMPLATE_PATH[object.kind]?.(object.spec);
    return template
      ? [
          {
            object,
            label: `${object.kind} ${object.metadata?.name}`,
            template,
          },
        ]
      : [];
  });
}

/** Every container of a pod spec, init containers included. */
export function containersOf(podSpec: any): any[] {
  return [...(podSpec?.initContainers ?? []), ...(podSpec?.containers ?? [])];
}
