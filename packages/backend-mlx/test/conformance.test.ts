import { describeConformance } from '@switchyard/core/testing';
import plugin from '../src/index.js';

describeConformance(plugin);
