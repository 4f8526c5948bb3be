import { definePlugin } from '@switchyard/core';

export default definePlugin({ name: '@switchyard/backend-mlx', apiVersion: 1, backends: [] });
