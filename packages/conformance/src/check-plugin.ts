import type { Backend, SwitchyardPlugin } from '@switchyard/core';
import { BackendRegistry, isSwitchyardError } from '@switchyard/core';
import { describeError, type Finding, FindingCollector } from './finding.js';

/**
 * Registers the plugin as `createSwitchyard` would, so that what would refuse it there (another
 * API version, two backends of one name) fails here first. A lone backend has nothing to check.
 */
export function checkPlugin(target: SwitchyardPlugin | Backend): Finding[] {
  if (!('backends' in target)) return [];
  const findings = new FindingCollector(target.name);
  try {
    new BackendRegistry().register(target);
  } catch (error) {
    findings.add(
      'plugin',
      `createSwitchyard would refuse it: ${isSwitchyardError(error) ? error.message : describeError(error)}`,
    );
  }
  return findings.list();
}
