import { expect } from '@open-wc/testing';
import { compact, expandSynonyms, findSynonyms, normalize, similarity, SYNONYMS, tokens } from './text.js';

describe('normalize', () => {
  it('folds full-width, case and whitespace', () => {
    expect(normalize('  ＲＥＦＵＮＤ\t\n  Policy　１２３ ')).to.equal('refund policy 123');
    expect(normalize('我的快递，到哪了？')).to.equal('我的快递,到哪了?');
  });

  it('is safe on empty, emoji, combining marks, RTL and regex metacharacters', () => {
    expect(normalize('')).to.equal('');
    expect(normalize('   \u3000 ')).to.equal('');
    expect(normalize('cafe\u0301')).to.equal('café');
    expect(normalize('👩‍👩‍👧 OK')).to.equal('👩‍👩‍👧 ok');
    expect(normalize('مرحبا  بكم')).to.equal('مرحبا بكم');
    expect(normalize('.*+?^${}()|[]\\')).to.equal('.*+?^${}()|[]\\');
  });

  it('handles a 10,000-character paste', () => {
    const long = 'Ａ b\u3000'.repeat(2500);
    expect(normalize(long)).to.have.length(4 * 2500 - 1);
  });
});

describe('tokens', () => {
  it('cuts CJK into bigrams and keeps Latin words', () => {
    expect(tokens('快递到哪了')).to.deep.equal(['快递', '递到', '到哪', '哪了']);
    expect(tokens('iPhone15退款?')).to.deep.equal(['iphone15', '退款']);
    expect(tokens('Where is my parcel?')).to.deep.equal(['where', 'is', 'my', 'parcel']);
  });

  it('drops punctuation and emoji and keeps a single CJK character', () => {
    expect(tokens('😡!!! 急')).to.deep.equal(['急']);
    expect(tokens('(.*)')).to.deep.equal([]);
    expect(tokens('')).to.deep.equal([]);
  });
});

describe('similarity', () => {
  it('is 1 for the same words with other punctuation and case', () => {
    expect(similarity('Where is my parcel?', 'where is my parcel')).to.equal(1);
    expect(similarity('我的快递到哪了？', '我的快递到哪了')).to.equal(1);
  });

  it('is high for a typo and low for a different question', () => {
    expect(similarity("where's my parcel", 'where is my parcel')).to.be.greaterThan(0.8);
    expect(similarity('退款', '退货')).to.equal(0);
    expect(similarity('how do I get an invoice', 'where is my parcel')).to.be.lessThan(0.3);
    expect(similarity('', '')).to.equal(0);
    expect(similarity('!!!', '???')).to.equal(0);
  });

  it('compacts away spaces, punctuation and emoji', () => {
    expect(compact(' Hi, there! 👋')).to.equal('hithere');
  });
});

describe('synonyms', () => {
  it('expands 快递 to the words a knowledge base uses', () => {
    const words = expandSynonyms('快递到哪了');
    expect(words).to.include.members(['物流', '包裹', 'delivery', 'parcel']);
    expect(words).not.to.include('快递');
  });

  it('matches English members as whole words only', () => {
    expect(expandSynonyms('I want my money back')).to.include('refund');
    expect(expandSynonyms('ref')).to.deep.equal([]);
    expect(findSynonyms('paypal')).to.deep.equal([]);
  });

  it('finds every group a query mentions, in zh-TW too', () => {
    expect(findSynonyms('發票和退款').map((m) => m.term)).to.deep.equal(['退款', '發票']);
  });

  it('accepts a custom table', () => {
    expect(expandSynonyms('运费险', [['运费险', 'shipping insurance']])).to.deep.equal(['shipping insurance']);
    expect(expandSynonyms('快递', [])).to.deep.equal([]);
  });

  it('has normalized, unique entries', () => {
    for (const group of SYNONYMS) {
      expect(group.map(normalize)).to.deep.equal([...group]);
      expect(new Set(group).size).to.equal(group.length);
    }
  });
});
