import { Deployment, type IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import { type IService, Service } from 'kubernetes-models/v1/Service';
import { InvalidManifestError } from '../deploy-errors.js';

export type Manifest = IDeployment | IService;

/**
 * Checks a manifest against the Kubernetes API's OpenAPI schema (kubernetes-models), so that a
 * mistake surfaces here rather than as `kubectl apply` rejecting half of what was piped to it.
 */
export function validateManifest(manifest: Manifest): Manifest {
  const model = manifest.kind === 'Deployment' ? new Deployment(manifest) : new Service(manifest);
  try {
    model.validate();
  } catch (error) {
    throw new InvalidManifestError(manifest.kind, error instanceof Error ? error.message : String(error));
  }
  return manifest;
}
