import { readFileSync } from 'node:fs';
import llamacpp from '@switchyard/backend-llamacpp';
import mlx from '@switchyard/backend-mlx';
import sglang from '@switchyard/backend-sglang';
import transformers from '@switchyard/backend-transformers';
import vllm from '@switchyard/backend-vllm';
import { createSwitchyard } from '@switchyard/core';
import type { DeployResult, Manifest } from '@switchyard/deploy';
import { Deployment, type IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IContainer } from 'kubernetes-models/v1/Container';
import { type IService, Service } from 'kubernetes-models/v1/Service';
import { expect } from 'vitest';
import { fixture } from '../support/run-cli.js';

/** The GKE cluster of the issue: a CPU pool, an L4 pool (1 × 24 GB) and an A100-80GB ×4 pool. */
export const GKE = 'clusters/gke-l4-a100.nodes.json';
/** An EKS cluster without GPUs: two m6i.4xlarge nodes and a cordoned one. */
export const EKS_CPU = 'clusters/eks-cpu-only.nodes.json';

export const nodesOf = (name: string): unknown => JSON.parse(readFileSync(fixture(name), 'utf8'));

export const switchyard = () => createSwitchyard({ plugins: [vllm, sglang, llamacpp, transformers, mlx] });

/**
 * Validates each manifest against the Kubernetes API schemas (kubernetes-models) here, apart from
 * the check deploy makes itself, and returns the Deployment's engine container and the Service.
 */
export function validated(result: DeployResult | readonly Manifest[]): {
  deployment: IDeployment;
  container: IContainer;
  service: IService;
} {
  const manifests = 'manifests' in result ? result.manifests : result;
  expect(manifests.map((manifest) => [manifest.apiVersion, manifest.kind])).toEqual([
    ['apps/v1', 'Deployment'],
    ['v1', 'Service'],
  ]);
  const deployment = manifests[0] as IDeployment;
  const service = manifests[1] as IService;
  new Deployment(deployment).validate();
  new Service(service).validate();
  const container = deployment.spec?.template.spec?.containers[0];
  if (!container) throw new Error('the Deployment has no container');
  return { deployment, container, service };
}
