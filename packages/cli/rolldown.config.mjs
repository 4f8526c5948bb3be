import { pathToFileURL } from 'node:url';
import { defineConfig } from 'rolldown';

/**
 * commander requires node:child_process when it loads, only to run executable subcommands, which
 * Switchyard has none of: loading it costs every run ~4 ms. commander gets it on first use instead.
 */
const childProcessOnUse = {
  name: 'commander-child-process-on-use',
  resolveId(source, importer) {
    if (source === 'node:child_process' && /[\\/]commander[\\/]/.test(importer ?? '')) return '\0child-process-on-use';
  },
  load(id) {
    if (id === '\0child-process-on-use') {
      return "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });";
    }
  },
};

/**
 * The builtin catalog (110 KB of data) as `JSON.parse('…')` instead of an object literal: V8 reads a
 * JSON string about three times faster than it compiles and runs the literal, and a select loads it.
 */
const catalogAsJson = {
  name: 'builtin-catalog-as-json',
  async transform(_code, id) {
    if (!/[\\/]core[\\/]dist[\\/]catalog[\\/]builtin-families\.js$/.test(id)) return;
    const { BUILTIN_FAMILIES } = await import(pathToFileURL(id).href);
    const code = `export const BUILTIN_FAMILIES = JSON.parse(${JSON.stringify(JSON.stringify(BUILTIN_FAMILIES))});`;
    // One line of data: nothing in it for a stack trace to point at.
    return { code, map: { mappings: '' } };
  },
};

// The CLI ships as one bundle (plus lazily loaded chunks): resolving and evaluating a few hundred
// small ESM files costs Node more than the work of a `select`, and start-up time is what a person
// at a terminal feels. CommonJS, because Node loads it without the ES module loader's resolve and
// link pass (about 15 ms of a `select`); `import()` of plugins and node-llama-cpp stays an import.
// The libraries stay ES modules, unbundled, for programs that import them.
export default defineConfig({
  input: { switchyard: 'dist/bin.js' },
  plugins: [childProcessOnUse, catalogAsJson],
  platform: 'node',
  // A native addon cannot be bundled; it loads from node_modules in the engine's own process.
  external: ['node-llama-cpp'],
  output: {
    dir: 'dist/bundle',
    cleanDir: true,
    format: 'cjs',
    entryFileNames: '[name].cjs',
    chunkFileNames: 'chunks/[name]-[hash].cjs',
    sourcemap: true,
    // Minified: compiling the bundle is a fifth of a `select`'s own time, and V8 compiles less text
    // faster. Names are kept so that error names (`new.target.name`) and stack traces read.
    minify: { compress: true, mangle: { keepNames: true }, codegen: true },
    // Named so that a person (and a test) can tell from a chunk's name what it loads.
    codeSplitting: {
      groups: [
        // Core's errors are shared by every chunk: kept with core, so loading one never loads the hub client.
        { name: 'core', test: /packages[\\/]core[\\/]dist[\\/](errors|spec|input)[\\/]/, priority: 1 },
        { name: 'systeminformation', test: /node_modules[\\/]systeminformation/ },
        { name: 'huggingface-hub', test: /node_modules[\\/]@huggingface[\\/]hub[\\/]/ },
      ],
    },
  },
});
