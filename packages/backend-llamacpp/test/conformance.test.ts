import { describeConformance } from '@switchyard/conformance';
import plugin from '../src/index.js';

describeConformance(plugin);
