/**
 * Builds the Node side (the `cors-inspector/node` API, the Playwright fixture and the CLI) into
 * dist-node/. Dependencies stay external: they are installed with the package.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: 'dist-node',
    emptyOutDir: true,
    ssr: true,
    target: 'node20',
    sourcemap: true,
    rollupOptions: {
      input: {
        node: 'src/node/index.ts',
        playwright: 'src/node/playwright.ts',
        cli: 'src/cli/main.ts',
        demo: 'src/demo/demo-site.ts',
        'demo-devtools': 'src/demo/devtools-window.ts',
        bench: 'bench/run.ts',
        'bench-har': 'bench/har-import.ts',
        soak: 'bench/soak.ts',
        'audit-throughput': 'bench/audit-throughput.ts',
        screenshots: 'scripts/screenshots.ts',
      },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
