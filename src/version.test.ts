import { expect } from '@open-wc/testing';
import { version } from './version.js';

describe('version', () => {
  it('matches package.json', async () => {
    const pkg = (await (await fetch('/package.json')).json()) as { version: string };
    expect(version).to.equal(pkg.version);
  });
});
