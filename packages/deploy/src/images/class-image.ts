import { type Backend, displayNameOf } from '@switchyard/core';
import type { NodeClass } from '../cluster/node-class.js';
import { ENGINE_IMAGES, type EngineImage } from './engine-images.js';

/** `--image`: replaces the chosen engine's image; with `--engine`, it also makes an engine without one deployable. */
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
      refusal: `${displayNameOf(backend)} has no known server image; pass --engine ${backend.name} --image IMAGE to deploy it`,
    };
  }
  if (!variant) {
    return {
      refusal: `${displayNameOf(backend)}'s official image is built for ${nodeClass.gpu ? 'CPUs only' : 'NVIDIA GPUs'}, and these nodes have ${nodeClass.gpu ? 'NVIDIA GPUs' : 'none'}`,
    };
  }
  if (!variant.platforms.includes(nodeClass.arch)) {
    return {
      refusal: `${variant.image} is published for ${variant.platforms.join(', ')}, not ${nodeClass.arch}; pass --engine ${backend.name} --image IMAGE with a ${nodeClass.arch} build`,
    };
  }
  return { image: variant };
}

/**
 * The backends as a class judges them: an engine its own rules accept is refused when its image
 * cannot run there; an engine that cannot serve on a cluster at all is refused for that alone.
 */
export function backendsForClass(
  backends: readonly Backend[],
  nodeClass: NodeClass,
  override: ImageOverride,
): Backend[] {
  return backends.map((backend) => {
    const choice = classImage(backend, nodeClass, override);
    if ('image' in choice) return backend;
    const always = ENGINE_IMAGES[backend.name]?.unavailable !== undefined;
    return Object.create(backend, {
      matches: {
        value: (...args: Parameters<Backend['matches']>) => {
          // An engine no cluster can run is refused for that alone; its own rules would only add noise.
          if (always) return { eligible: false, reasons: [choice.refusal], failedRules: ['image'] };
          const verdict = backend.matches(...args);
          if (!verdict.eligible) return verdict;
          return { eligible: false, reasons: [choice.refusal], failedRules: ['image'] };
        },
      },
    }) as Backend;
  });
}

/** What the images bring, as `HostInfo.engines`: every engine counts as installed, since its image brings it. */
export function imageRuntimes(backends: readonly Backend[]): Record<string, { version: string }> {
  const runtimes: Record<string, { version: string }> = {};
  for (const backend of backends) {
    const names = ENGINE_IMAGES[backend.name]?.runtimes ?? {};
    for (const [name, version] of Object.entries(names)) runtimes[name] = { version: version || 'container' };
    for (const detection of backend.runtimes ?? []) runtimes[detection.name] ??= { version: 'container' };
  }
  return runtimes;
}
