import type { HostInfo, Switchyard } from '@switchyard/core';
import type { CliIo } from '../io.js';
import { type CatalogFlags, catalogFor, resolveFromCatalog } from './catalog-model.js';
import { composeSwitchyard } from './compose-switchyard.js';
import { hostWithGpus } from './gpu-selection.js';
import type { HostFlags } from './host-input.js';
import { type ModelFlags, type ResolvedModel, resolveModel } from './model-input.js';
import type { PluginFlags } from './plugins.js';

export interface TargetFlags extends ModelFlags, HostFlags, PluginFlags, CatalogFlags {
  readonly engine?: string;
  readonly python?: string;
  /** `--gpus` of plan and launch: the catalog sizes models for these GPUs only. */
  readonly gpus?: number[];
}

export interface Target {
  readonly switchyard: Switchyard;
  readonly model: ResolvedModel;
  readonly host: HostInfo;
}

/** What select, plan and launch share: the composed instance, the model and the host. */
export async function resolveTarget(given: string | undefined, flags: TargetFlags, io: CliIo): Promise<Target> {
  // An empty MODEL (`select ""`, an unset shell variable) is no model at all.
  const model = given?.trim() === '' ? undefined : given;
  const { switchyard, config } = await composeSwitchyard(flags, io.cwd);
  // A catalog name resolves to the spec that suits this host's engines, so the host comes first.
  const [catalog, host] = await Promise.all([
    catalogFor(model, flags, io.cwd),
    switchyard.host(flags.python ? { python: flags.python } : {}),
  ]);
  // Checked whatever MODEL is: --gpus names GPUs this host must have.
  const usable = hostWithGpus(host, flags.gpus);
  const resolved =
    resolveFromCatalog(model, flags, catalog, switchyard.registry.list(), usable, config.prefer) ??
    (await resolveModel(model, flags, io.cwd));
  return { switchyard, model: resolved, host };
}
