import { expect } from '@open-wc/testing';
import { centredRect, isDeliberate, nudgeRect, rectBetween } from './redact.js';

const size = { width: 1000, height: 500 };

describe('redact geometry', () => {
  it('makes the same rectangle whichever way the drag went, kept inside the image', () => {
    expect(rectBetween({ x: 300, y: 200 }, { x: 100, y: 50 }, size)).to.deep.equal({ x: 100, y: 50, w: 200, h: 150 });
    expect(rectBetween({ x: -20, y: 450 }, { x: 50, y: 900 }, size)).to.deep.equal({ x: 0, y: 450, w: 50, h: 50 });
  });

  it('starts the keyboard box in the middle, a quarter of each side', () => {
    expect(centredRect(size)).to.deep.equal({ x: 375, y: 188, w: 250, h: 125 });
  });

  it('moves the box by steps of 2 % and stops at the edges', () => {
    const start = { x: 0, y: 0, w: 100, h: 100 };
    expect(nudgeRect(start, 1, 2, size)).to.deep.equal({ x: 20, y: 20, w: 100, h: 100 });
    expect(nudgeRect(start, -1, -1, size)).to.deep.equal(start);
    expect(nudgeRect({ ...start, x: 890 }, 5, 0, size).x).to.equal(900);
  });

  it('resizes from the far corner, never below one step nor past the edge', () => {
    const start = { x: 900, y: 0, w: 40, h: 40 };
    expect(nudgeRect(start, 10, 0, size, true).w).to.equal(100);
    expect(nudgeRect(start, -10, -10, size, true)).to.deep.equal({ x: 900, y: 0, w: 20, h: 10 });
  });

  it('ignores a click without a drag', () => {
    expect(isDeliberate({ x: 5, y: 5, w: 1, h: 1 }, size)).to.equal(false);
    expect(isDeliberate({ x: 5, y: 5, w: 30, h: 12 }, size)).to.equal(true);
  });
});
