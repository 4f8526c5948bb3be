import type { Systeminformation } from 'systeminformation';
import type { GpuInfo } from '../host-info.js';
import type { Probed } from './probe-context.js';

type Vendor = GpuInfo['vendor'];

const VENDORS: readonly [RegExp, Vendor][] = [
  [/nvidia/i, 'nvidia'],
  [/\bamd\b|advanced micro devices|\bati\b/i, 'amd'],
  [/intel/i, 'intel'],
  [/apple/i, 'apple'],
];

/** GPUs systeminformation sees (lspci, system_profiler, WMI): the fallback without nvidia-smi. */
export async function probeGraphics(): Promise<Probed<GpuInfo[]>> {
  const { default: si } = await import('systeminformation');
  const gpus = controllersToGpus((await si.graphics()).controllers);
  const summary = gpus.length === 0 ? 'no GPU listed' : gpus.map((gpu) => `${gpu.vendor} ${gpu.name}`).join(', ');
  return { value: gpus, summary };
}

/**
 * Keeps the controllers of GPU vendors, numbered in order. Display adapters of servers and VMs
 * (ASPEED, Matrox, VMware SVGA) cannot run a model, so they are left out.
 */
export function controllersToGpus(controllers: readonly Systeminformation.GraphicsControllerData[]): GpuInfo[] {
  const gpus: GpuInfo[] = [];
  for (const controller of controllers) {
    const vendor = VENDORS.find(([pattern]) => pattern.test(`${controller.vendor} ${controller.model}`))?.[1];
    if (!vendor) continue;
    const gpu: GpuInfo = { index: gpus.length, vendor, name: controller.model || controller.name || vendor };
    if (controller.vram) gpu.memoryMiB = controller.vram;
    if (controller.driverVersion) gpu.driverVersion = controller.driverVersion;
    gpus.push(gpu);
  }
  return gpus;
}
