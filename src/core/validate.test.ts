import { expect } from '@open-wc/testing';
import { checkFile, isDate, isEmail, isPhone, validateField, validateFields, type FormField } from './validate.js';

const field = (type: FormField['type'], extra: Partial<FormField> = {}): FormField => ({
  name: 'x',
  type,
  label: 'X',
  ...extra,
});

describe('validate', () => {
  it('accepts CN mobiles and international numbers, and nothing else', () => {
    for (const ok of [
      '13800136502',
      '138 0013 6502',
      '+86 138-0013-6502',
      '008613800136502',
      '+1 (415) 555-2671',
      '+447911123456',
    ])
      expect(isPhone(ok), ok).to.equal(true);
    for (const bad of ['12800136502', '1380013650', '4155552671', '+0123456789', 'call me', '+1 555', ''])
      expect(isPhone(bad), bad).to.equal(false);
  });

  it('accepts plausible email addresses', () => {
    expect(isEmail('alex.chen@example.com')).to.equal(true);
    expect(isEmail(' a@b.cn ')).to.equal(true);
    for (const bad of ['alex', 'alex@', 'alex@example', 'a b@c.com', '@example.com', 'a@b.'])
      expect(isEmail(bad), bad).to.equal(false);
  });

  it('accepts real calendar days only', () => {
    expect(isDate('2024-02-29')).to.equal(true);
    expect(isDate('2023-02-29')).to.equal(false);
    expect(isDate('2024-13-01')).to.equal(false);
    expect(isDate('01/02/2024')).to.equal(false);
  });

  it('reports a missing required value with the label, and ignores a missing optional one', () => {
    expect(validateField(field('text', { required: true }), '  ')).to.deep.equal({
      key: 'required',
      params: { label: 'X' },
    });
    expect(validateField(field('images', { required: true }), [])).to.deep.equal({
      key: 'required',
      params: { label: 'X' },
    });
    expect(validateField(field('email'), '')).to.equal(undefined);
    expect(validateField(field('select', { required: true }), 'a')).to.equal(undefined);
  });

  it('counts characters, not UTF-16 units, against max', () => {
    const f = field('textarea', { max: 3 });
    expect(validateField(f, '😀😀😀')).to.equal(undefined);
    expect(validateField(f, '退款啊啊')).to.deep.equal({ key: 'fieldTooLong', params: { label: 'X', max: 3 } });
  });

  it('checks kinds: email, phone, date, contact, and image count', () => {
    expect(validateField(field('email'), 'nope')?.key).to.equal('invalidEmail');
    expect(validateField(field('phone'), '123')?.key).to.equal('invalidPhone');
    expect(validateField(field('date'), '2024-02-30')?.key).to.equal('invalidDate');
    expect(validateField(field('contact'), 'a@b')?.key).to.equal('invalidEmail');
    expect(validateField(field('contact'), '555')?.key).to.equal('invalidPhone');
    expect(validateField(field('contact'), '13800136502')).to.equal(undefined);
    expect(validateField(field('contact'), 'a@b.co')).to.equal(undefined);
    expect(validateField(field('images', { max: 2 }), [1, 2, 3])).to.deep.equal({ key: 'tooMany', params: { max: 2 } });
  });

  it('collects problems by field name', () => {
    const fields: FormField[] = [
      { name: 'a', type: 'text', label: 'A', required: true },
      { name: 'b', type: 'email', label: 'B' },
      { name: 'c', type: 'text', label: 'C' },
    ];
    expect(validateFields(fields, { b: 'x', c: 'fine' })).to.deep.equal({
      a: { key: 'required', params: { label: 'A' } },
      b: { key: 'invalidEmail' },
    });
  });

  it('refuses files of another type or over the size limit', () => {
    const policy = { types: /^image\/png$/, maxBytes: 2 * 2 ** 20 };
    expect(checkFile({ name: 'a.exe', size: 10, type: 'application/x-msdownload' }, policy)).to.deep.equal({
      key: 'fileType',
      params: { name: 'a.exe' },
    });
    expect(checkFile({ name: 'b.png', size: 3 * 2 ** 20, type: 'image/png' }, policy)).to.deep.equal({
      key: 'fileSize',
      params: { name: 'b.png', max: 2 },
    });
    expect(checkFile({ name: 'c.png', size: 2 * 2 ** 20, type: 'image/png' }, policy)).to.equal(undefined);
  });
});
