// axe-core in the browser tests: WCAG 2.2 AA rules (colour contrast included) over the live widget,
// shadow roots included, failing with the violations spelled out.
import 'axe-core/axe.min.js';
import { deepQueryAll } from './dom.js';

interface AxeResult {
  violations: { id: string; impact: string; nodes: { target: unknown[]; failureSummary?: string }[] }[];
}
declare global {
  interface Window {
    axe: { run(context: Element, options: object): Promise<AxeResult> };
  }
}

export const expectAccessible = async (root: Element, state: string): Promise<void> => {
  // Let renders and animations settle: axe reads computed colours, and a panel fading in has low contrast.
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 20)));
  // From the document down, not just below `root`: an ancestor fading in lowers its colours' contrast too.
  // Endless animations (spinners, typing dots) never finish and are skipped.
  const doc = root.ownerDocument;
  const shadows = deepQueryAll(doc.documentElement, '*').flatMap((el) => (el.shadowRoot ? [el.shadowRoot] : []));
  const finite = [doc, ...shadows]
    .flatMap((scope) => scope.getAnimations())
    .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
  await Promise.all(finite.map((a) => a.finished.catch(() => {})));
  const { violations } = await window.axe.run(root, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    rules: { region: { enabled: false } },
  });
  if (violations.length) {
    const lines = violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .slice(0, 3)
          .map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`)
          .join(' | ')}`,
    );
    throw new Error(`accessibility violations in ${state}:\n${lines.join('\n')}`);
  }
};
