import type { GpuInfo } from '@switchyard/core';
import type { Systeminformation } from 'systeminformation';
import { pciAddress, readAmdgpuVram } from './amdgpu-vram.js';
import type { ProbeContext, Probed } from './probe-context.js';

type Vendor = GpuInfo['vendor'];

const VENDORS: readonly [RegExp, Vendor][] = [
  [/nvidia/i, 'nvidia'],
  [/\bamd\b|advanced micro devices|\bati\b/i, 'amd'],
  [/intel/i, 'intel'],
  [/apple/i, 'apple'],
];

/** GPUs systeminformation sees (lspci, system_profiler, WMI): the fallback without nvidia-smi. */
export async function probeGraphics(context: ProbeContext): Promise<Probed<GpuInfo[]>> {
  const { default: si } = await import('systeminformation');
  const gpus = await controllersToGpus((await si.graphics()).controllers, context);
  const summary = gpus.length === 0 ? 'no GPU listed' : gpus.map((gpu) => `${gpu.vendor} ${gpu.name}`).join(', ');
  return { value: gpus, summary };
}

/**
 * Keeps the controllers of GPU vendors, numbered in order. Display adapters of servers and VMs
 * (ASPEED, Matrox, VMware SVGA) cannot run a model, so they are left out. A GPU's memory is left
 * out too where systeminformation's figure is not its own memory: on Linux that figure is the
 * largest PCI BAR (256 MiB for an MI250X), so only amdgpu's count in sysfs is taken there, and an
 * integrated GPU (vramDynamic) shares the machine's memory.
 */
export async function controllersToGpus(
  controllers: readonly Systeminformation.GraphicsControllerData[],
  context: Pick<ProbeContext, 'platform' | 'sysfs'>,
): Promise<GpuInfo[]> {
  const sysfsVram = context.platform === 'linux' ? await readAmdgpuVram(context.sysfs) : undefined;
  const memoryOf = (controller: Systeminformation.GraphicsControllerData) => {
    if (controller.vramDynamic) return undefined;
    if (sysfsVram) return controller.busAddress ? sysfsVram.get(pciAddress(controller.busAddress)) : undefined;
    return controller.vram ?? undefined;
  };
  const gpus: GpuInfo[] = [];
  for (const controller of controllers) {
    const vendor = VENDORS.find(([pattern]) => pattern.test(`${controller.vendor} ${controller.model}`))?.[1];
    if (!vendor) continue;
    const gpu: GpuInfo = { index: gpus.length, vendor, name: controller.model || controller.name || vendor };
    const memoryMiB = memoryOf(controller);
    if (memoryMiB) gpu.memoryMiB = memoryMiB;
    if (controller.driverVersion) gpu.driverVersion = controller.driverVersion;
    gpus.push(gpu);
  }
  return gpus;
}
