import { defineConfig } from 'vite';

// Built like a production react-admin app; the bench serves dist/ with the
// reference server and its precompressed copies, as it serves user-admin.
export default defineConfig({
  build: { outDir: 'dist', emptyOutDir: true },
});
