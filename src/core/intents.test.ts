import { expect } from '@open-wc/testing';
import { disambiguate, isVague, wantsHuman } from './intents.js';
import { createSearchIndex } from './search.js';

describe('wantsHuman', () => {
  it('recognises requests for a person in zh-CN and zh-TW', () => {
    for (const text of [
      '人工',
      '转人工',
      '人工客服',
      '找人工！',
      '真人',
      '投诉',
      '我要投诉',
      '客服',
      '轉人工',
      '真人客服',
      '我要投訴你們',
      '请帮我转接客服',
      '你好，能不能帮我转人工处理一下这个订单的问题，谢谢',
    ]) {
      expect(wantsHuman(text), text).to.equal(true);
    }
  });

  it('recognises requests for a person in English', () => {
    for (const text of [
      'human',
      'Agent please',
      'AGENT!!!',
      'real person',
      'Can I talk to a person?',
      'I want to speak to someone about my order',
      'I would like to file a complaint',
      'representative',
      'operator',
      'get me a human',
      'Let me chat with a live agent',
    ]) {
      expect(wantsHuman(text), text).to.equal(true);
    }
  });

  it('ignores questions that only mention the words in passing', () => {
    for (const text of [
      'How do I change the user agent string in the app settings on my phone?',
      'Where is my package',
      'Is the agent fee included in the delivery price for international orders?',
      '人工智能推荐的商品怎么退货',
      '快递到哪了',
      'humane society donation receipt',
      '',
      '   ',
      '🤖',
    ]) {
      expect(wantsHuman(text), text).to.equal(false);
    }
  });

  it('is safe on a 10,000-character paste and regex metacharacters', () => {
    expect(wantsHuman('.*+?^${}()|[]\\'.repeat(700))).to.equal(false);
    expect(wantsHuman(`${'订单'.repeat(5000)}转人工`)).to.equal(true);
  });
});

describe('isVague', () => {
  it('calls one word or a short CJK phrase vague', () => {
    for (const q of ['快递', '发票', 'refund', 'Delivery', '我的快递']) expect(isVague(q), q).to.equal(true);
    for (const q of ['快递到哪了', 'how do I get a refund', 'track package', '', '???'])
      expect(isVague(q), q).to.equal(false);
  });
});

describe('disambiguate', () => {
  const hit = (id: string, title: string, score: number) => ({ id, title, score });

  it('offers choices for a vague query matching several candidates about equally', () => {
    const result = disambiguate('快递', [
      hit('track', '物流信息查询', 0.62),
      hit('when', '包裹什么时候到', 0.6),
      hit('late', '快递延误怎么办', 0.55),
      hit('refund', '如何申请退款', 0.2),
    ]);
    expect(result).to.deep.equal({
      kind: 'choices',
      choices: [
        { id: 'track', title: '物流信息查询' },
        { id: 'when', title: '包裹什么时候到' },
        { id: 'late', title: '快递延误怎么办' },
      ],
    });
  });

  it('answers a specific query with a clear winner', () => {
    const result = disambiguate('我的快递到哪了', [
      hit('track', '物流信息查询', 0.8),
      hit('late', '快递延误怎么办', 0.55),
    ]);
    expect(result).to.deep.equal({ kind: 'answer', id: 'track' });
  });

  it('answers an exact title even when others are close', () => {
    const result = disambiguate('Refund policy', [hit('r', 'Refund policy', 0.9), hit('r2', 'Refund status', 0.88)]);
    expect(result).to.deep.equal({ kind: 'answer', id: 'r' });
  });

  it('gives none below the minimum score or without hits, and at most five choices', () => {
    expect(disambiguate('delivery', [])).to.deep.equal({ kind: 'none' });
    expect(disambiguate('delivery', [hit('a', 'A', 0.1)])).to.deep.equal({ kind: 'none' });
    const many = Array.from({ length: 9 }, (_, i) => hit(`d${i}`, `Delivery ${i}`, 0.7));
    const result = disambiguate('delivery', many, { maxChoices: 9 });
    expect(result.kind === 'choices' && result.choices.length).to.equal(5);
  });

  it('ignores duplicate ids and unsorted input', () => {
    const result = disambiguate('refund', [
      hit('b', 'Refund status', 0.5),
      hit('a', 'Refund policy', 0.6),
      hit('a', 'Refund policy', 0.6),
    ]);
    expect(result).to.deep.equal({
      kind: 'choices',
      choices: [
        { id: 'a', title: 'Refund policy' },
        { id: 'b', title: 'Refund status' },
      ],
    });
  });

  it('works on real search results in zh-CN, zh-TW and en', () => {
    const index = createSearchIndex([
      { id: 'track', title: '物流信息查询', keywords: ['快递'] },
      { id: 'late', title: '快递延误怎么办' },
      { id: 'lost', title: '快递丢件处理', keywords: ['包裹'] },
      { id: 'invoice', title: '如何开具发票' },
      { id: 'invoice-tw', title: '電子發票怎麼開' },
      { id: 'invoice-edit', title: '发票抬头修改' },
      { id: 'en-track', title: 'Track your delivery' },
      { id: 'en-late', title: 'My delivery is late' },
      { id: 'en-refund', title: 'Refund policy' },
    ]);
    const decide = (q: string) =>
      disambiguate(
        q,
        index.search(q).map((h) => ({ ...h.item, score: h.score })),
      );
    expect(decide('快递').kind).to.equal('choices');
    expect(decide('发票').kind).to.equal('choices');
    expect(decide('delivery').kind).to.equal('choices');
    expect(decide('快递延误怎么办')).to.deep.equal({ kind: 'answer', id: 'late' });
    expect(decide('電子發票怎麼開')).to.deep.equal({ kind: 'answer', id: 'invoice-tw' });
    expect(decide('refund policy')).to.deep.equal({ kind: 'answer', id: 'en-refund' });
    expect(decide('xyzzy')).to.deep.equal({ kind: 'none' });
  });
});
