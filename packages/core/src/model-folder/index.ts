export { type ModelConfig, readModelConfig } from './model-config.js';
export * from './model-folder-errors.js';
export { type ModelFolderInfo, readModelFolder } from './read-model-folder.js';
export { readSafetensorsHeader, type SafetensorsHeader, type SafetensorsTensor } from './safetensors-header.js';
