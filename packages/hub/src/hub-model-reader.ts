import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type ModelReader, parseModelSpec } from '@switchyard/core';
import { readHubGgufModel } from './files/hub-model-spec.js';
import { parseHubReference } from './files/hub-reference.js';
import { type HubSettings, hubSettings } from './hub-settings.js';

/**
 * Reads a hub id as a model reference: `org/name` or `org/name:QUANT` that is not a path on this
 * machine. A GGUF repository becomes the spec of the file the quantization names, read from the
 * hub's listing (offline, from the cache); any other repository is the model folder the options
 * describe (`format`, `family`, `size`), which engines that download for themselves are given by
 * its hub id. Put it before the GGUF file reader, which takes anything with a slash for a path.
 */
export function hubModelReader(settings: HubSettings = hubSettings()): ModelReader {
  return {
    name: 'hub',
    async read(reference, { options, cwd }) {
      const parsed = parseHubReference(reference);
      if (parsed === undefined || (await exists(resolve(cwd, reference)))) return undefined;
      const quantization = parsed.quantization ?? options.quantization;
      const request = quantization === undefined ? parsed : { ...parsed, quantization };
      const overrides = {
        ...(options.size === undefined ? {} : { sizeInBillions: options.size }),
        ...(options.family === undefined ? {} : { modelFamily: options.family }),
      };
      const gguf = options.format === undefined || /^gguf/i.test(options.format);
      const model = gguf ? await readHubGgufModel(request, settings) : undefined;
      if (model !== undefined) {
        return {
          specs: [parseModelSpec({ ...model.spec, ...overrides })],
          source: `read from the hub: ${model.source}`,
          // The bytes the hub lists are the weights' real size: the memory fit uses them.
          files: { weights: { bytes: model.bytes, source: `files as the hub lists them (${model.source})` } },
        };
      }
      const spec = parseModelSpec({
        modelName: parsed.repo,
        format: options.format ?? 'pytorch',
        ...(quantization === undefined ? {} : { quantization }),
        hubId: parsed.repo,
        ...overrides,
      });
      return { specs: [spec], source: `the hub repository ${parsed.repo}, as the options describe it` };
    },
  };
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );
