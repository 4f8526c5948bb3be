export { EngineSupervisor } from './engine-supervisor.js';
