import { expect } from '@open-wc/testing';
import { isRecontact, isRepeatQuestion, type ContactRecord } from './signals.js';

const HOUR = 3600e3;
const NOW = Date.UTC(2024, 4, 1, 12);

describe('isRecontact', () => {
  const history: ContactRecord[] = [
    { at: NOW - 3 * HOUR, orderId: 'o-1', topic: '物流' },
    { at: NOW - 30 * HOUR, orderId: 'o-2', topic: 'Refund' },
  ];

  it('is true for the same order or topic within 24 hours', () => {
    expect(isRecontact(history, { at: NOW, orderId: 'o-1' })).to.equal(true);
    expect(isRecontact(history, { at: NOW, topic: ' 物流 ' })).to.equal(true);
  });

  it('is false for another order, an old contact, or no order and topic', () => {
    expect(isRecontact(history, { at: NOW, orderId: 'o-3', topic: '发票' })).to.equal(false);
    expect(isRecontact(history, { at: NOW, orderId: 'o-2', topic: 'refund' })).to.equal(false);
    expect(isRecontact(history, { at: NOW })).to.equal(false);
    expect(isRecontact(history, { at: NOW, topic: '  ' })).to.equal(false);
    expect(isRecontact([], { at: NOW, orderId: 'o-1' })).to.equal(false);
  });

  it('honours a custom window and ignores the contact itself and later ones', () => {
    expect(isRecontact(history, { at: NOW, orderId: 'o-2' }, 48 * HOUR)).to.equal(true);
    const contact = { at: NOW, orderId: 'o-9' };
    expect(isRecontact([contact, { at: NOW + HOUR, orderId: 'o-9' }], contact)).to.equal(false);
  });
});

describe('isRepeatQuestion', () => {
  const recent = ['我的快递到哪了？', 'Where is my parcel?', 'how do I get an invoice'];

  it('is true for the same question, normalized or nearly equal', () => {
    expect(isRepeatQuestion(recent, '我的快递到哪了')).to.equal(true);
    expect(isRepeatQuestion(recent, 'WHERE IS MY PARCEL')).to.equal(true);
    expect(isRepeatQuestion(recent, "where's my parcel")).to.equal(true);
    expect(isRepeatQuestion(recent, '我的快递到哪了？？😡')).to.equal(true);
  });

  it('is false for a different question or nothing', () => {
    expect(isRepeatQuestion(recent, '我要退款')).to.equal(false);
    expect(isRepeatQuestion(recent, 'where is my refund')).to.equal(false);
    expect(isRepeatQuestion(recent, '')).to.equal(false);
    expect(isRepeatQuestion(['??'], '??')).to.equal(false);
    expect(isRepeatQuestion([], 'hello')).to.equal(false);
  });
});
