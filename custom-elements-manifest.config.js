// The Custom Elements Manifest, generated from the elements' JSDoc: the API reference and Storybook's controls.
export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts'],
  outdir: 'dist',
  litelement: true,
};
