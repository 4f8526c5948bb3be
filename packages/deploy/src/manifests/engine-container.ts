import type { LaunchPlan } from '@switchyard/core';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { SecretRef } from './secret-ref.js';

/**
 * Stands in for the API key while planning: the engine's plan shows where it reads the key from, and
 * there the manifest puts a reference to the Secret instead. The placeholder itself never leaves.
 */
export const API_KEY_PLACEHOLDER = 'switchyard-api-key-from-secret';

/** Where the model-cache volume is mounted; the engines' caches are pointed under it. */
export const CACHE_MOUNT = '/cache';

export interface EnvSources {
  readonly cacheEnv: Readonly<Record<string, string>>;
  readonly hfToken?: SecretRef;
  readonly apiKey?: SecretRef;
}

/**
 * The container's environment: the plan's own variables (the API key, if any, as the Secret's key),
 * the model cache's locations, and the Hugging Face token from its Secret. Only references to
 * Secrets appear, never a value.
 */
export function containerEnv(plan: LaunchPlan, sources: EnvSources): IEnvVar[] {
  const env: IEnvVar[] = Object.entries(plan.env).map(([name, value]) =>
    value === API_KEY_PLACEHOLDER && sources.apiKey ? fromSecret(name, sources.apiKey) : { name, value },
  );
  for (const [name, path] of Object.entries(sources.cacheEnv)) env.push({ name, value: `${CACHE_MOUNT}/${path}` });
  if (sources.hfToken) env.push(fromSecret('HF_TOKEN', sources.hfToken));
  return env;
}

const fromSecret = (name: string, ref: SecretRef): IEnvVar => ({
  name,
  valueFrom: { secretKeyRef: { name: ref.name, key: ref.key } },
});
