import { describeConformance } from '@switchyard/conformance';
import plugin from '../src/index.js';

// The grid installs the runtimes the backend declares (`ollama`) beside Switchyard's own.
describeConformance(plugin);
