import { describeConformance } from '@switchyard/core/testing';
import plugin from '../src/index.js';

// `ollama` is not one of Switchyard's own runtimes: add it to the grid's installed sets.
describeConformance(plugin, { grid: { runtimes: ['ollama'] } });
