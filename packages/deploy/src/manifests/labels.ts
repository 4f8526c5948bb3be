/** The recommended `app.kubernetes.io/*` labels; `name` and `instance` also select the pods. */
export function appLabels(engine: string, instance: string, version: string | undefined): Record<string, string> {
  return {
    ...selectorLabels(engine, instance),
    ...(version === undefined ? {} : { 'app.kubernetes.io/version': version }),
    'app.kubernetes.io/component': 'inference-server',
    'app.kubernetes.io/managed-by': 'switchyard',
  };
}

/** The labels that never change for a Deployment (its selector is immutable). */
export function selectorLabels(engine: string, instance: string): Record<string, string> {
  return { 'app.kubernetes.io/name': engine, 'app.kubernetes.io/instance': instance };
}

const LABEL_VALUE = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** The image's tag as a label value, when it is one (a digest or an odd tag is left out). */
export function imageVersion(image: string): string | undefined {
  const tag = /:([^:/@]+)$/.exec(image)?.[1];
  return tag !== undefined && LABEL_VALUE.test(tag) ? tag : undefined;
}
