import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { GgufCorruptError, GgufMissingShardsError, GgufNotFirstShardError, GgufShardNameError } from './gguf-errors.js';
import type { GgufHeader, GgufValue } from './gguf-header.js';
import { readGgufHeader } from './read-gguf-header.js';

/** One file of a model, with its header. */
export interface GgufShard {
  readonly path: string;
  readonly header: GgufHeader;
}

/**
 * Every file of the model `given` belongs to: just it, or, for a split model (`split.count` > 1, as
 * llama.cpp's gguf-split writes them), all its shards in order. Refuses a shard other than the
 * first, and a split model with shards missing or damaged, as llama.cpp would. Each shard's header
 * is read (a few megabytes at most, its data size checked), so that the parameters of the whole
 * model are counted and a cut shard is caught here rather than by the engine.
 */
export async function readShards(given: GgufShard): Promise<readonly GgufShard[]> {
  const split = splitPosition(given.path, given.header);
  if (!split) return [given];
  const { shard, count } = split;
  const ownSuffix = shardSuffix(shard, count);
  const name = basename(given.path);
  const prefix = name.endsWith(ownSuffix) ? name.slice(0, -ownSuffix.length) : undefined;
  const shardPath = (n: number) => join(dirname(given.path), `${prefix}${shardSuffix(n, count)}`);
  if (shard !== 0) {
    throw new GgufNotFirstShardError(given.path, shard, count, prefix === undefined ? undefined : shardPath(0));
  }
  if (prefix === undefined) throw new GgufShardNameError(given.path, count, ownSuffix);

  const others = Array.from({ length: count - 1 }, (_, i) => shardPath(i + 1));
  const present = await Promise.all(
    others.map((path) =>
      stat(path).then(
        () => true,
        () => false,
      ),
    ),
  );
  const missing = others.filter((_, i) => !present[i]);
  if (missing.length > 0) throw new GgufMissingShardsError(given.path, count, missing);

  const shards: GgufShard[] = [given];
  for (const [i, path] of others.entries()) {
    const header = await readGgufHeader(path);
    const position = splitPosition(path, header);
    if (position?.shard !== i + 1 || position.count !== count) {
      const says = position ? `shard ${position.shard + 1} of ${position.count}` : 'no split position';
      throw new GgufCorruptError(path, `it is named as shard ${i + 2} of ${count}, but its header says ${says}`);
    }
    shards.push({ path, header });
  }
  return shards;
}

/** llama.cpp's llama_split_path suffix for the 0-based `shard` of `count`: `-00001-of-00003.gguf`. */
function shardSuffix(shard: number, count: number): string {
  const digits = (n: number) => String(n).padStart(5, '0');
  return `-${digits(shard + 1)}-of-${digits(count)}.gguf`;
}

/** `split.no` and `split.count` of a split model's file; undefined for a model in one file. */
function splitPosition(path: string, header: GgufHeader): { shard: number; count: number } | undefined {
  const count = integerOf(header.metadata.get('split.count'));
  if (count === undefined || count <= 1) return undefined;
  const shard = integerOf(header.metadata.get('split.no'));
  if (shard === undefined || shard < 0 || shard >= count) {
    throw new GgufCorruptError(
      path,
      `split.count says the model is split in ${count} files, but split.no is not 0 to ${count - 1}`,
    );
  }
  return { shard, count };
}

function integerOf(value: GgufValue | undefined): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}
