import { expect, fixture, html } from '@open-wc/testing';
import { RichTextElement } from './rich-text.js';

if (!customElements.get('sh-rich-text')) customElements.define('sh-rich-text', RichTextElement);

const render = async (text: string) => {
  const el = await fixture<RichTextElement>(html`<sh-rich-text .text=${text}></sh-rich-text>`);
  return el.shadowRoot!;
};

describe('<sh-rich-text>', () => {
  it('renders paragraphs, breaks, bold, lists and safe links', async () => {
    const root = await render(
      'Hi **there**\nline two\n\n1. first\n2. see [help](https://help.example.com)\n- mail a@b https://x.org.',
    );
    expect(root.querySelectorAll('p')).to.have.length(1);
    expect(root.querySelector('p br')).to.exist;
    expect(root.querySelector('strong')!.textContent).to.equal('there');
    expect(root.querySelectorAll('ol li')).to.have.length(2);
    expect(root.querySelectorAll('ul li')).to.have.length(1);
    const links = [...root.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['https://help.example.com/', 'https://x.org/']);
    for (const a of links) {
      expect(a.target).to.equal('_blank');
      expect(a.rel).to.equal('noopener noreferrer');
    }
  });

  it('shows hostile input as text and creates no element from it', async () => {
    const hostile = [
      '<script>window.__pwned = 1</script>',
      '<img src=x onerror="window.__pwned = 1">',
      '<iframe srcdoc="<script>parent.__pwned = 1</script>"></iframe>',
      '[click](javascript:window.__pwned=1) [data](data:text/html,<b>x</b>)',
      '${window.__pwned = 1} {{constructor.constructor("window.__pwned = 1")()}}',
    ].join('\n');
    const root = await render(hostile);
    await new Promise((r) => setTimeout(r, 50));
    expect(root.querySelectorAll('script, img, iframe, b, a')).to.have.length(0);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    const shown = root.textContent!;
    expect(shown).to.contain('<script>window.__pwned = 1</script>');
    expect(shown).to.contain('<img src=x onerror=');
    expect(shown).to.contain('${window.__pwned = 1}');
    expect(shown).to.contain('{{constructor');
  });

  it('re-renders when the text changes', async () => {
    const el = await fixture<RichTextElement>(html`<sh-rich-text .text=${'a'}></sh-rich-text>`);
    el.text = '- x\n- y';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('li')).to.have.length(2);
  });
});
