import type { IService } from 'kubernetes-models/v1/Service';
import { appLabels, selectorLabels } from './labels.js';

/** A ClusterIP Service in front of the engine's pods, on the engine's port. */
export function engineService(
  name: string,
  namespace: string | undefined,
  engine: string,
  port: number,
  version: string | undefined,
): IService {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, ...(namespace ? { namespace } : {}), labels: appLabels(engine, name, version) },
    spec: {
      type: 'ClusterIP',
      selector: selectorLabels(engine, name),
      ports: [{ name: 'http', port, targetPort: 'http', protocol: 'TCP' }],
    },
  };
}
