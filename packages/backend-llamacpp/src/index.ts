import { definePlugin } from '@switchyard/core';

export default definePlugin({ name: '@switchyard/backend-llamacpp', apiVersion: 1, backends: [] });
