import { expect } from '@open-wc/testing';
import { findSensitive, maskSensitive } from './sensitive.js';

// Well-known test numbers: Visa and UnionPay test cards, and the GB 11643 sample ID.
const VISA = '4111111111111111';
const UNIONPAY = '6212345678901232';
const ID = '11010519491231002X';

const kinds = (text: string) => findSensitive(text).map((m) => [m.kind, text.slice(m.start, m.end)]);

describe('findSensitive', () => {
  it('finds bank cards that pass Luhn, with or without separators', () => {
    expect(kinds(`卡号${VISA}`)).to.deep.equal([['card', VISA]]);
    expect(kinds('card 6212 3456 7890 1232 please')).to.deep.equal([['card', '6212 3456 7890 1232']]);
    expect(kinds('4111-1111-1111-1111')).to.deep.equal([['card', '4111-1111-1111-1111']]);
    expect(kinds('4111111111111112')).to.deep.equal([]);
  });

  it('finds resident ID numbers with a valid check digit, X included', () => {
    expect(kinds(`身份证号 ${ID}，谢谢`)).to.deep.equal([['id', ID]]);
    expect(kinds('11010519491231002x')).to.deep.equal([['id', '11010519491231002x']]);
    expect(kinds('110105194912310021')).to.deep.equal([]);
  });

  it('finds mainland mobiles and international numbers', () => {
    expect(kinds('我的手机13800138000谢谢')).to.deep.equal([['phone', '13800138000']]);
    expect(kinds('call 138 0013 8000')).to.deep.equal([['phone', '138 0013 8000']]);
    expect(kinds('+86 138-0013-8000')).to.deep.equal([['phone', '+86 138-0013-8000']]);
    expect(kinds('+1 415 555 2671')).to.deep.equal([['phone', '+1 415 555 2671']]);
    expect(kinds('12800138000')).to.deep.equal([]);
  });

  it('leaves order numbers, prices and dates alone', () => {
    expect(kinds('订单号 1234567812345670')).to.deep.equal([]);
    expect(kinds('¥199.00, 2024-05-01, 3 x 4')).to.deep.equal([]);
    expect(kinds('')).to.deep.equal([]);
  });

  it('finds several in one text, each once, with correct offsets around emoji', () => {
    const text = `😀${UNIONPAY} / ${ID} / 13912345678`;
    const found = findSensitive(text);
    expect(found.map((m) => m.kind)).to.deep.equal(['card', 'id', 'phone']);
    expect(found[0]).to.deep.equal({ kind: 'card', start: 2, end: 18 });
  });

  it('stays linear on a 10,000-character paste of digits and separators', () => {
    const started = performance.now();
    findSensitive('1 '.repeat(5000));
    findSensitive('9'.repeat(10_000));
    findSensitive('1-2 3-'.repeat(2000) + VISA);
    expect(findSensitive(`${'x'.repeat(9000)} ${VISA}`)).to.have.length(1);
    // A guard against backtracking patterns, not a speed bar (that is the benchmark's job): these take a few
    // milliseconds, a quadratic or exponential pattern seconds to minutes. The margin absorbs a busy machine.
    expect(performance.now() - started).to.be.lessThan(2000);
  });
});

describe('maskSensitive', () => {
  it('keeps the last four digits and the separators', () => {
    expect(maskSensitive('卡号 6212 3456 7890 1232')).to.equal('卡号 **** **** **** 1232');
    expect(maskSensitive(`ID ${ID}.`)).to.equal('ID **************002X.');
    expect(maskSensitive('+86 138-0013-8000')).to.equal('+** ***-****-8000');
  });

  it('returns other text unchanged', () => {
    expect(maskSensitive('订单 20240501 已发货')).to.equal('订单 20240501 已发货');
    expect(maskSensitive('')).to.equal('');
  });
});
