import { expect } from '@open-wc/testing';
import { parseRichText, safeHref, type Block } from './rich-text.js';

const text = (t: string, bold?: boolean) => ({ kind: 'text', text: t, ...(bold ? { bold } : {}) });
const link = (t: string, href: string) => ({ kind: 'link', text: t, href });

describe('parseRichText', () => {
  it('splits paragraphs on blank lines and keeps single newlines as breaks', () => {
    expect(parseRichText('one\ntwo\n\n\nthree')).to.deep.equal([
      { kind: 'p', content: [text('one'), { kind: 'br' }, text('two')] },
      { kind: 'p', content: [text('three')] },
    ]);
  });

  it('reads **bold**, and leaves a lone ** as text', () => {
    expect(parseRichText('请**尽快**处理 ** 号')).to.deep.equal([
      { kind: 'p', content: [text('请'), text('尽快', true), text('处理 ** 号')] },
    ]);
  });

  it('reads bullet and numbered lists, keeping the first number', () => {
    const blocks = parseRichText('Steps:\n3. open\n4. **tap** it\n- a\n- b\nafter');
    expect(blocks.map((b) => b.kind)).to.deep.equal(['p', 'ol', 'ul', 'p']);
    const ol = blocks[1] as Extract<Block, { kind: 'ol' }>;
    expect(ol.start).to.equal(3);
    expect(ol.items).to.deep.equal([[text('open')], [text('tap', true), text(' it')]]);
    expect((blocks[2] as Extract<Block, { kind: 'ul' }>).items).to.deep.equal([[text('a')], [text('b')]]);
  });

  it('links bare URLs without the sentence punctuation or the Chinese text around them', () => {
    expect(parseRichText('详见https://help.example.com/a?b=1。Or see https://x.org/p).')).to.deep.equal([
      {
        kind: 'p',
        content: [
          text('详见'),
          link('https://help.example.com/a?b=1', 'https://help.example.com/a?b=1'),
          text('。Or see '),
          link('https://x.org/p', 'https://x.org/p'),
          text(').'),
        ],
      },
    ]);
  });

  it('links [label](url) for http(s), mailto and tel only; other targets keep the label as text', () => {
    const [p] = parseRichText(
      '[help](https://a.cn/h) [mail](mailto:s@a.cn) [call](tel:+8610) [x](javascript:alert(1)) [rel](/path) [d](data:text/html,hi)',
    ) as [Extract<Block, { kind: 'p' }>];
    const links = p.content.filter((i) => i.kind === 'link');
    expect(links).to.deep.equal([
      link('help', 'https://a.cn/h'),
      link('mail', 'mailto:s@a.cn'),
      link('call', 'tel:+8610'),
    ]);
    const plain = p.content.map((i) => (i.kind === 'br' ? '' : i.text)).join('');
    expect(plain).to.contain('x').and.to.contain('rel').and.not.to.contain('javascript:alert');
  });

  it('keeps markup and template syntax as text', () => {
    const hostile = '<script>alert(1)</script> <img src=x onerror=alert(1)> ${document.cookie} {{constructor}}';
    expect(parseRichText(hostile)).to.deep.equal([{ kind: 'p', content: [text(hostile)] }]);
  });

  it('tolerates empty and non-string input', () => {
    expect(parseRichText('')).to.deep.equal([]);
    expect(parseRichText(undefined as unknown as string)).to.deep.equal([]);
  });
});

describe('safeHref', () => {
  it('allows only absolute http(s), mailto and tel URLs', () => {
    expect(safeHref(' https://a.cn ')).to.equal('https://a.cn/');
    expect(safeHref('JavaScript:alert(1)')).to.equal(undefined);
    expect(safeHref('java\tscript:alert(1)')).to.equal(undefined);
    expect(safeHref('vbscript:x')).to.equal(undefined);
    expect(safeHref('//evil.example')).to.equal(undefined);
  });
});
