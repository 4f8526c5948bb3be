import { join } from 'node:path';
import type { ModelSpec } from '../spec/model-spec.js';
import { normalizeQuantization } from '../spec/quantization.js';
import type { CatalogModel, CatalogSpec } from './catalog-schema.js';

/** One runnable choice from the catalog: a model, one of its specs, and one of that spec's quantizations. */
export interface CatalogEntry {
  readonly model: CatalogModel;
  readonly spec: CatalogSpec;
  /** The quantization as the catalog spells it; file names and hub ids use this spelling. */
  readonly quantization: string;
  /** What the backends judge and launch: the catalog entry as a normalised model spec. */
  readonly modelSpec: ModelSpec;
  /** For GGUF, the file to load (the first part of a split model). */
  readonly fileName?: string;
}

const cache = new WeakMap<CatalogModel, readonly CatalogEntry[]>();

/** Every (spec, quantization) of a model, in catalog order; computed once per model. */
export function catalogEntries(model: CatalogModel): readonly CatalogEntry[] {
  let entries = cache.get(model);
  if (!entries) {
    entries = model.specs.flatMap((spec) =>
      spec.quantizations.map((quantization) => entryOf(model, spec, quantization)),
    );
    cache.set(model, entries);
  }
  return entries;
}

function entryOf(model: CatalogModel, spec: CatalogSpec, quantization: string): CatalogEntry {
  const fileName = ggufFileName(spec, quantization);
  const hubId = spec.hubId?.replaceAll('{quantization}', quantization);
  const modelPath =
    spec.modelPath && fileName && !spec.modelPath.endsWith('.gguf') ? join(spec.modelPath, fileName) : spec.modelPath;
  const modelSpec: ModelSpec = {
    modelName: model.modelName,
    modelFamily: model.modelFamily ?? model.modelName,
    format: spec.format,
    quantization: normalizeQuantization(spec.format, quantization),
    sizeInBillions: spec.sizeInBillions,
    abilities: model.abilities,
    ...(model.contextLength === undefined ? {} : { contextLength: model.contextLength }),
    ...(hubId === undefined ? {} : { hubId }),
    ...(hubId === undefined || fileName === undefined ? {} : { hubFile: fileName }),
    ...(modelPath === undefined ? {} : { modelPath }),
    ...(model.architectures === undefined ? {} : { architectures: model.architectures }),
  };
  return { model, spec, quantization, modelSpec, ...(fileName === undefined ? {} : { fileName }) };
}

function ggufFileName(spec: CatalogSpec, quantization: string): string | undefined {
  const firstPart = spec.quantizationParts?.[quantization]?.[0];
  const template =
    firstPart !== undefined && spec.splitFileNameTemplate
      ? spec.splitFileNameTemplate.replaceAll('{part}', firstPart)
      : spec.fileNameTemplate;
  return template?.replaceAll('{quantization}', quantization);
}
