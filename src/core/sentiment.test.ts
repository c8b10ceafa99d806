import { expect } from '@open-wc/testing';
import { detectSentiment } from './sentiment.js';

describe('detectSentiment', () => {
  it('detects anger in zh-CN, zh-TW and en', () => {
    for (const text of [
      '你们这什么破服务',
      '骗子公司，退钱！',
      '再不处理我就打12315',
      '气死我了，给你们差评',
      '你們這些騙子',
      '我要投诉你们，还要去微博曝光',
      'This is ridiculous',
      'Total scam, worst service ever',
      'unacceptable.',
      'WHERE IS MY ORDER',
      'where is my refund!!!',
      '为什么还不发货？！！',
    ]) {
      expect(detectSentiment(text), text).to.equal('angry');
    }
  });

  it('detects anxiety in zh-CN, zh-TW and en', () => {
    for (const text of [
      '急！明天要用',
      '快递还没到怎么办',
      '已经等了好几天了',
      '麻烦快点处理',
      '還沒到，怎麼辦',
      '怎麼辦',
      'This is urgent',
      'please reply asap',
      "I still haven't received my parcel",
      'Where is my package???',
      "I'm worried my payment failed",
    ]) {
      expect(detectSentiment(text), text).to.equal('anxious');
    }
  });

  it('keeps calm messages neutral', () => {
    for (const text of [
      '我的快递到哪了',
      '不急，有空回复就行',
      'How do I get an invoice?',
      'No rush, not urgent at all',
      'Is VIP shipping free?',
      'I love it!',
      '这个东西还不错',
      '',
      '   ',
      '😊👍',
      'مرحبا، أين طلبي؟',
      '.*+?^${}()|[]\\',
    ]) {
      expect(detectSentiment(text), text).to.equal('neutral');
    }
  });

  it('copes with a 10,000-character paste quickly', () => {
    const started = performance.now();
    expect(detectSentiment('a'.repeat(5000) + '?'.repeat(5000))).to.equal('neutral');
    expect(detectSentiment('订单号'.repeat(3000) + '垃圾')).to.equal('angry');
    expect(performance.now() - started).to.be.lessThan(200);
  });
});
