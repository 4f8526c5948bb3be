import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ModelConfigError, SafetensorsCorruptError, SafetensorsShardMissingError } from './model-folder-errors.js';
import { readSafetensorsHeader, type SafetensorsHeader } from './safetensors-header.js';

const INDEX = 'model.safetensors.index.json';

/**
 * The headers of every safetensors shard of the model in `folder`: those its
 * `model.safetensors.index.json` maps tensors to (each must be present, and hold the tensors the
 * index puts there), else every `*.safetensors` file in it. Empty when the folder has none.
 */
export async function readSafetensorsShards(folder: string, files: readonly string[]): Promise<SafetensorsHeader[]> {
  if (!files.includes(INDEX)) {
    const shards = files.filter((file) => file.endsWith('.safetensors')).sort();
    return Promise.all(shards.map((file) => readSafetensorsHeader(join(folder, file))));
  }
  const indexPath = join(folder, INDEX);
  const weightMap = await readWeightMap(indexPath);
  const shards = [...new Set(Object.values(weightMap))];
  const missing = shards.filter((shard) => !files.includes(shard));
  if (missing.length > 0) throw new SafetensorsShardMissingError(indexPath, missing);
  const headers = await Promise.all(shards.map((shard) => readSafetensorsHeader(join(folder, shard))));
  const held = new Map(headers.map((header, i) => [shards[i], new Set(header.tensors.map((t) => t.name))]));
  for (const [tensor, shard] of Object.entries(weightMap)) {
    if (!held.get(shard)?.has(tensor)) {
      throw new SafetensorsCorruptError(
        join(folder, shard),
        `${INDEX} puts tensor "${tensor}" in it, but it does not hold one`,
      );
    }
  }
  return headers;
}

async function readWeightMap(indexPath: string): Promise<Record<string, string>> {
  let index: unknown;
  try {
    index = JSON.parse(await readFile(indexPath, 'utf8'));
  } catch (error) {
    throw new ModelConfigError(indexPath, `it is not valid JSON (${(error as Error).message})`);
  }
  const weightMap = (index as { weight_map?: unknown } | null)?.weight_map;
  const valid =
    typeof weightMap === 'object' &&
    weightMap !== null &&
    Object.values(weightMap).every(
      (shard) => typeof shard === 'string' && shard.endsWith('.safetensors') && !/[\\/]/.test(shard),
    );
  if (!valid) {
    throw new ModelConfigError(indexPath, '"weight_map" must map each tensor to a .safetensors file of this folder');
  }
  return weightMap as Record<string, string>;
}
