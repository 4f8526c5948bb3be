import type { LaunchPlan } from '@switchyard/core';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import { GPU_RESOURCE } from '../cluster/labels.js';
import { mebibytes } from '../cluster/quantity.js';
import type { EngineImage } from '../images/engine-images.js';
import type { ClassVerdict } from '../placement/placement.js';
import { CACHE_MOUNT, containerEnv, type EnvSources } from './engine-container.js';
import { appLabels, imageVersion, selectorLabels } from './labels.js';
import { probesFor, startupSeconds } from './probes.js';
import { resourceRequests } from './resources.js';

/** Shared memory per GPU for tensor parallelism: NCCL passes tensors between the GPUs' processes through /dev/shm. */
const SHM_BYTES_PER_GPU = 2 * 2 ** 30;
const PORT_NAME = 'http';

export interface DeploymentInput {
  readonly name: string;
  readonly namespace?: string;
  readonly replicas: number;
  readonly verdict: ClassVerdict & { readonly fit: NonNullable<ClassVerdict['fit']> };
  readonly plan: LaunchPlan;
  readonly image: EngineImage;
  readonly env: EnvSources;
  readonly cachePvc?: string;
}

/**
 * The engine's Deployment: the plan's command in the engine's image, pinned to the chosen class,
 * with its GPUs, probes, requests and volumes.
 */
export function engineDeployment(input: DeploymentInput): IDeployment {
  const { name, plan, image, verdict } = input;
  const { nodeClass, fit } = verdict;
  const labels = appLabels(plan.backend, name, imageVersion(image.image));
  // Tensor parallelism spans every GPU of the pod (the plans split over all GPUs they see).
  const shmBytes = fit.gpus > 1 ? SHM_BYTES_PER_GPU * fit.gpus : 0;
  const volumes: IVolume[] = [
    input.cachePvc === undefined
      ? { name: 'model-cache', emptyDir: {} }
      : { name: 'model-cache', persistentVolumeClaim: { claimName: input.cachePvc } },
    ...(shmBytes > 0 ? [{ name: 'shm', emptyDir: { medium: 'Memory', sizeLimit: mebibytes(shmBytes) } }] : []),
  ];
  const gpus: Record<string, string> = fit.gpus > 0 ? { [GPU_RESOURCE]: String(fit.gpus) } : {};
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, ...(input.namespace ? { namespace: input.namespace } : {}), labels },
    spec: {
      replicas: input.replicas,
      selector: { matchLabels: selectorLabels(plan.backend, name) },
      // A new pod needs GPUs (and an RWO cache volume) the old one holds: replace, do not surge.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
      template: {
        metadata: { labels },
        spec: {
          nodeSelector: { ...nodeClass.selector },
          ...(fit.gpus > 0 ? { tolerations: [{ key: GPU_RESOURCE, operator: 'Exists', effect: 'NoSchedule' }] } : {}),
          containers: [
            {
              name: plan.backend,
              image: image.image,
              imagePullPolicy: 'IfNotPresent',
              command: [image.command ?? plan.command],
              args: [...plan.args],
              ports: [{ name: PORT_NAME, containerPort: plan.port, protocol: 'TCP' }],
              env: containerEnv(plan, input.env),
              resources: {
                requests: { ...resourceRequests(nodeClass, fit, shmBytes), ...gpus },
                ...(fit.gpus > 0 ? { limits: gpus } : {}),
              },
              volumeMounts: [
                { name: 'model-cache', mountPath: CACHE_MOUNT },
                ...(shmBytes > 0 ? [{ name: 'shm', mountPath: '/dev/shm' }] : []),
              ],
              ...probesFor(plan.readiness, plan.backend, PORT_NAME, startupSeconds(fit.memory.neededBytes)),
            },
          ],
          volumes,
        },
      },
    },
  };
}
