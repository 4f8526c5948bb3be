import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { EngineInstall } from '@switchyard/core';
import type { ProbeContext, Probed } from './probe-context.js';

const PACKAGE = 'node-llama-cpp';

/**
 * node-llama-cpp as Node would resolve it from the project or from Switchyard, read from its
 * package.json: loading the package would load its native binding.
 */
export async function probeNodeLlamaCpp(context: ProbeContext): Promise<Probed<EngineInstall | undefined>> {
  const directories = new Set(
    context.nodeModulesFrom.flatMap((from) => createRequire(from).resolve.paths(PACKAGE) ?? []),
  );
  for (const directory of directories) {
    const manifest = join(directory, PACKAGE, 'package.json');
    const version = await readVersion(manifest);
    if (version) return { value: { version, path: dirname(manifest) }, summary: `${version} at ${dirname(manifest)}` };
  }
  return { value: undefined, summary: 'not installed in this project' };
}

async function readVersion(manifest: string): Promise<string | undefined> {
  try {
    const json = JSON.parse(await readFile(manifest, 'utf8')) as { name?: unknown; version?: unknown };
    return json.name === PACKAGE && typeof json.version === 'string' ? json.version : undefined;
  } catch {
    return undefined;
  }
}
