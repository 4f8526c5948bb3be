import { type Backend, type Candidate, displayNameOf } from '@switchyard/core';
import type { NodeClass } from '../cluster/node-class.js';
import { ENGINE_IMAGES, type EngineImage } from './engine-images.js';

/** The `image` option: replaces the chosen engine's image; with `engine`, it also makes an engine without one deployable. */
export interface ImageOverride {
  readonly engine?: string;
  readonly image?: string;
}

/** The image an engine runs in on a class, or why it has none there. */
export type ClassImage = { readonly image: EngineImage } | { readonly refusal: string };

export function classImage(backend: Backend, nodeClass: NodeClass, override: ImageOverride): ClassImage {
  const official = ENGINE_IMAGES[backend.name];
  const variant = nodeClass.gpu ? official?.gpu : official?.cpu;
  if (override.image !== undefined && override.engine === backend.name) {
    // The same layout as the official image is assumed (e.g. llama-server at /app/llama-server).
    const command = (official?.gpu ?? official?.cpu)?.command;
    return { image: { image: override.image, platforms: [nodeClass.arch], ...(command ? { command } : {}) } };
  }
  if (official?.unavailable) return { refusal: official.unavailable };
  if (!official) {
    return {
      refusal: `${displayNameOf(backend)} has no known server image; name it with \`engine\` and give an \`image\` to deploy it`,
    };
  }
  if (!variant) {
    return {
      refusal: `${displayNameOf(backend)}'s official image is built for ${nodeClass.gpu ? 'CPUs only' : 'NVIDIA GPUs'}, and these nodes have ${nodeClass.gpu ? 'NVIDIA GPUs' : 'none'}`,
    };
  }
  if (!variant.platforms.includes(nodeClass.arch)) {
    return {
      refusal: `${variant.image} is published for ${variant.platforms.join(', ')}, not ${nodeClass.arch}; name the engine with \`engine\` and give an \`image\` built for ${nodeClass.arch}`,
    };
  }
  return { image: variant };
}

/**
 * What the images bring on a class, as `HostInfo.engines`: the runtimes of every engine whose image
 * runs there, so that selection counts exactly those engines as installed.
 */
export function imageRuntimes(
  backends: readonly Backend[],
  nodeClass: NodeClass,
  override: ImageOverride,
): Record<string, { version: string }> {
  const runtimes: Record<string, { version: string }> = {};
  for (const backend of backends) {
    if (!('image' in classImage(backend, nodeClass, override))) continue;
    const names = ENGINE_IMAGES[backend.name]?.runtimes ?? {};
    for (const [name, version] of Object.entries(names)) runtimes[name] = { version: version || 'container' };
    for (const detection of backend.runtimes ?? []) runtimes[detection.name] ??= { version: 'container' };
  }
  return runtimes;
}

/**
 * Every engine's verdict as a class should show it: an engine without an image there is refused for
 * that alone (selection only saw it missing, and would say how to install it on a machine).
 */
export function explainImages(
  candidates: readonly Candidate[],
  backends: readonly Backend[],
  nodeClass: NodeClass,
  override: ImageOverride,
): Candidate[] {
  return candidates.map((candidate) => {
    const backend = backends.find((b) => b.name === candidate.backend);
    const choice = backend ? classImage(backend, nodeClass, override) : undefined;
    return choice && 'refusal' in choice ? { ...candidate, eligible: false, reasons: [choice.refusal] } : candidate;
  });
}
