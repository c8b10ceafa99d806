// The Custom Elements Manifest, generated from the elements' JSDoc: the API reference and Storybook's controls.
export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [
    {
      // The analyzer lists modules in the file system's directory order, which differs between machines;
      // everything generated from the manifest must come out the same everywhere.
      name: 'sort-modules',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    },
  ],
};
