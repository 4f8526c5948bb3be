import { compareVersions } from '../host/engine-version.js';
import type { HostInfo } from '../host/host-info.js';
import type { ModelSpec } from '../spec/model-spec.js';
import type { Rule } from './rule.js';
import type { SupportedArchitectures } from './supported-architectures.js';

export interface ModelSupport {
  /** The engine's model list, judged against `spec.modelFamily` case-insensitively (the seed's rule). */
  readonly families: readonly string[];
  /** The key of the engine in `HostInfo.engines`, whose `architectures` (read from the install) win. */
  readonly runtime: string;
  /** The plugin's copy of the engine's registry, for hosts whose install was not read. */
  readonly architectures: SupportedArchitectures;
  /** How to get a newer engine, e.g. `pip install -U vllm`. */
  readonly upgrade: string;
}

/**
 * Whether the engine supports the model, the way the engine itself decides: a model that declares
 * its architectures (a model folder, a custom model with `architectures`) is judged by whether the
 * engine's model registry lists every one of them — the installed engine's own registry where host
 * detection read it, else the plugin's list with the release that added each; any other model by
 * the engine's family list, exactly as the seed lists it.
 */
export function modelSupportRule(engine: string, support: ModelSupport): Rule {
  const families = new Set(support.families.map((family) => family.toLowerCase()));
  const unsupported = (spec: ModelSpec, host: HostInfo) =>
    (spec.architectures ?? []).flatMap((name) => {
      const why = whyUnsupported(name, host, support);
      return why === undefined ? [] : [{ name, why }];
    });
  return {
    id: 'model-support',
    check: (spec, host) =>
      spec.architectures?.length ? unsupported(spec, host).length === 0 : families.has(spec.modelFamily.toLowerCase()),
    reason: (spec, host) => {
      if (!spec.architectures?.length) {
        return `${engine} does not support model family "${spec.modelFamily}": it is not among the ${families.size} families ${engine} lists; use another engine, a model of a listed family, or declare the model's architectures (as its config.json names them).`;
      }
      const install = host.engines[support.runtime];
      const { asOf } = support.architectures;
      return unsupported(spec, host)
        .map(({ name, why }) => {
          if (why.kind === 'too-old') {
            return `${engine} ${install?.version} does not support ${name}: ${engine} ${why.since} added it; upgrade (${support.upgrade}).`;
          }
          if (why.kind === 'not-in-installed-registry') {
            return `${engine} ${install?.version} does not support ${name}: its model registry does not list it.`;
          }
          return `${engine} does not support ${name}: ${engine}'s model registry does not list it (as of ${engine} ${asOf}).`;
        })
        .join(' ');
    },
  };
}

type Why = { kind: 'not-in-installed-registry' } | { kind: 'too-old'; since: string } | { kind: 'unknown' };

function whyUnsupported(name: string, host: HostInfo, support: ModelSupport): Why | undefined {
  const install = host.engines[support.runtime];
  if (install?.architectures)
    return install.architectures.includes(name) ? undefined : { kind: 'not-in-installed-registry' };
  const since = Object.hasOwn(support.architectures.since, name) ? support.architectures.since[name] : undefined;
  if (since === undefined) return { kind: 'unknown' };
  if (install && compareVersions(install.version, since) < 0) return { kind: 'too-old', since };
  return undefined;
}
