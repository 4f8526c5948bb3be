import { definePlugin } from '@switchyard/core';

export default definePlugin({ name: '@switchyard/backend-transformers', apiVersion: 1, backends: [] });
