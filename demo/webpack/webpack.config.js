// A plain webpack 5 production build of demo/webpack: `webpack --config demo/webpack/webpack.config.js`.
// Webpack resolves `service-hall` through the package's `exports`, like any installed dependency, and splits
// the panel and the sample backend into chunks of their own because the package loads them with import().
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

export default {
  mode: 'production',
  context: here('.'),
  // index.html rides along as an asset so that the output folder is a complete, servable app.
  entry: { main: ['./main.js', './index.html'] },
  output: { path: here('../../dist/webpack-example'), clean: true, publicPath: 'auto' },
  module: { rules: [{ test: /\.html$/, type: 'asset/resource', generator: { filename: '[name][ext]' } }] },
  performance: { hints: false },
};
