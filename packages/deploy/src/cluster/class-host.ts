import { type HostInfo, parseHostInfo } from '@switchyard/core';
import type { NodeClass } from './node-class.js';

/** Kubernetes' names for operating systems and architectures, in HostInfo's words. */
const OS: Readonly<Record<string, HostInfo['os']>> = { linux: 'linux', windows: 'win32' };
const ARCH: Readonly<Record<string, HostInfo['arch']>> = { amd64: 'x64', arm64: 'arm64' };

/** Why a class cannot be described as a host at all, or undefined when it can. */
export function unsupportedPlatform(nodeClass: NodeClass): string | undefined {
  if (OS[nodeClass.os] === undefined) return `nodes run ${nodeClass.os}, and Switchyard plans for linux and windows`;
  if (ARCH[nodeClass.arch] === undefined)
    return `nodes are ${nodeClass.arch}, and Switchyard plans for amd64 and arm64`;
  return undefined;
}

/**
 * One node of the class as a host holding `gpus` of its GPUs (what one replica is given), with the
 * engines the images bring. Its memory is the node's allocatable memory.
 */
export function classHost(
  nodeClass: NodeClass,
  gpus: number,
  engines: Readonly<Record<string, { version: string }>>,
): HostInfo {
  const { gpu, allocatable } = nodeClass;
  return parseHostInfo({
    os: OS[nodeClass.os],
    arch: ARCH[nodeClass.arch],
    ...(allocatable.cpu === undefined || allocatable.cpu < 1
      ? {}
      : { cpu: { model: 'Kubernetes node', cores: Math.floor(allocatable.cpu) } }),
    ...(allocatable.memoryBytes === undefined ? {} : { memoryBytes: allocatable.memoryBytes }),
    gpus: gpu
      ? Array.from({ length: gpus }, (_, index) => ({
          index,
          vendor: 'nvidia',
          name: gpu.product,
          ...(gpu.memoryMiB === undefined ? {} : { memoryMiB: gpu.memoryMiB }),
          ...(gpu.computeCapability === undefined ? {} : { computeCapability: gpu.computeCapability }),
        }))
      : [],
    engines,
  });
}
