import { definePlugin } from '@switchyard/core';

export default definePlugin({ name: '@switchyard/backend-sglang', apiVersion: 1, backends: [] });
