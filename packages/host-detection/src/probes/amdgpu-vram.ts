import { readdir, readFile, readlink } from 'node:fs/promises';
import { basename, join } from 'node:path';

const MIB = 1024 ** 2;

/**
 * The VRAM of each GPU the amdgpu driver runs, in MiB, by PCI address ("0000:03:00.0"), as sysfs
 * (mounted at `sysfs`) states it in `class/drm/card<N>/device/mem_info_vram_total`. Cards of other
 * drivers have no such file and are left out.
 */
export async function readAmdgpuVram(sysfs: string): Promise<Map<string, number>> {
  const drm = join(sysfs, 'class/drm');
  // Connectors (card0-DP-1) sit beside the cards.
  const cards = (await readdir(drm).catch(() => [])).filter((name) => /^card\d+$/.test(name));
  const found = await Promise.all(cards.map((card) => readCard(join(drm, card, 'device'))));
  return new Map(found.filter((entry) => entry !== undefined));
}

async function readCard(device: string): Promise<[string, number] | undefined> {
  try {
    const [target, total] = await Promise.all([
      readlink(device),
      readFile(join(device, 'mem_info_vram_total'), 'utf8'),
    ]);
    const bytes = Number(total.trim());
    return Number.isSafeInteger(bytes) && bytes > 0
      ? [pciAddress(basename(target)), Math.round(bytes / MIB)]
      : undefined;
  } catch {
    return undefined;
  }
}

/** A PCI address with its domain, as sysfs writes it; lspci leaves out the domain 0000. */
export function pciAddress(address: string): string {
  const lower = address.trim().toLowerCase();
  return /^[\da-f]{4,}:[\da-f]{2}:/.test(lower) ? lower : `0000:${lower}`;
}
