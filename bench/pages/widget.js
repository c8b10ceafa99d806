// The ES-module build as an app's bundler ships it: the launcher path first, the panel and the sample
// backend as lazy chunks. Used for opening, typing and the long history.
import { createMemoryAdapter, init } from '../../dist/index.js';
import { generateArticles, QUERIES } from './articles.js';
import { createHistoryAdapter, keepOnDevice } from '../../src/test/history.ts';

window.bench = { init, createMemoryAdapter, createHistoryAdapter, keepOnDevice, generateArticles, QUERIES };
