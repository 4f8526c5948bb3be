import { InvalidInputError, type ReadinessCheck } from '@switchyard/core';
import type { IProbe } from 'kubernetes-models/v1/Probe';

/** How long a model may take to load once downloaded: as long as `launch` waits for an engine (10 minutes). */
export const LOAD_ALLOWANCE_SECONDS = 600;
/**
 * A pod with an empty cache downloads the weights first: they are given this rate (about 800 Mbit/s,
 * what a cloud node reaches from the Hugging Face hub) on top of the load allowance.
 */
const DOWNLOAD_BYTES_PER_SECOND = 100 * 2 ** 20;
const STARTUP_PERIOD_SECONDS = 10;

/** Seconds the startup probe waits: the load allowance plus the weights' download. */
export function startupSeconds(weightBytes: number): number {
  return LOAD_ALLOWANCE_SECONDS + Math.ceil(weightBytes / DOWNLOAD_BYTES_PER_SECOND);
}

export interface Probes {
  readonly startupProbe: IProbe;
  readonly readinessProbe: IProbe;
  readonly livenessProbe: IProbe;
}

/**
 * The plan's readiness check as the kubelet's probes, on the named container port: a startup probe
 * that waits out the download and load (`startup` seconds), then readiness (in the Service or not) and liveness (restart a hung
 * engine). Kubelet probes can only GET, and count 200–399 as success.
 */
export function probesFor(check: ReadinessCheck, engine: string, port: string, startup: number): Probes {
  if (check.method !== 'GET' || check.expectStatus < 200 || check.expectStatus > 399) {
    throw new InvalidInputError(
      `readiness check of ${engine}`,
      [
        {
          field: 'readiness',
          message: `${check.method} ${check.path} expecting ${check.expectStatus} cannot be a Kubernetes httpGet probe, which GETs and counts 200–399 as success`,
        },
      ],
      "Pick another engine with `engine`: Kubernetes cannot probe this one's readiness.",
    );
  }
  const httpGet = { path: check.path, port };
  return {
    startupProbe: {
      httpGet,
      periodSeconds: STARTUP_PERIOD_SECONDS,
      failureThreshold: Math.ceil(startup / STARTUP_PERIOD_SECONDS),
      timeoutSeconds: 5,
    },
    readinessProbe: { httpGet, periodSeconds: 5, failureThreshold: 3, timeoutSeconds: 5 },
    livenessProbe: { httpGet, periodSeconds: 15, failureThreshold: 4, timeoutSeconds: 10 },
  };
}
