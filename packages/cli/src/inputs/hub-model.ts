import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidInputError } from '@switchyard/core';
import type { HubModelRequest } from '@switchyard/hub';
import type { CliIo } from '../io.js';
import { resolveTarget, type TargetFlags } from './target.js';

export interface HubFlags extends TargetFlags {
  readonly file?: string;
  readonly revision?: string;
}

/**
 * What to fetch for MODEL: a hub id (`org/name`, `org/name:QUANT`; `--file` names a GGUF file in
 * it) is fetched as given; anything else is resolved as `launch` resolves it — a catalog name picks
 * the spec that suits this host — and that spec's hub repository and file are fetched.
 */
export async function hubRequestFor(model: string, flags: HubFlags, io: CliIo): Promise<HubModelRequest> {
  const { parseHubReference, hubRequestOf } = await import('@switchyard/hub');
  const reference = existsSync(resolve(io.cwd, model)) ? undefined : parseHubReference(model);
  const revision = flags.revision === undefined ? {} : { revision: flags.revision };
  if (reference !== undefined) {
    const quantization = reference.quantization ?? flags.quantization;
    return {
      ...reference,
      ...revision,
      ...(flags.file === undefined ? {} : { file: flags.file }),
      ...(quantization === undefined ? {} : { quantization }),
    };
  }
  if (flags.file !== undefined) {
    throw new InvalidInputError(
      'command line',
      [{ field: '--file', message: 'names a file in a hub repository; give MODEL as a hub id, e.g. org/name' }],
      'Give MODEL as a hub id (org/name), or drop --file.',
    );
  }
  const target = await resolveTarget(model, flags, io);
  const { spec } = await target.switchyard.select(target.reference, target.request);
  const request = hubRequestOf(spec);
  if (request === undefined) {
    throw new InvalidInputError(
      `model ${spec.modelName}`,
      [
        {
          field: 'MODEL',
          message: spec.modelPath
            ? `it is already on this machine (${spec.modelPath}): there is nothing to pull`
            : 'it names no Hugging Face repository (hubId) to pull from',
        },
      ],
      'Run it as it is: `switchyard launch` takes the local file or folder.',
    );
  }
  return { ...request, ...revision };
}
