import { html, nothing } from 'lit';
import type { SearchIndex } from '../../core/search.js';
import type { ConversationSummary, TicketSummary } from '../../core/types.js';
import type { PastLists } from '../../state/past.js';
import type { Session } from '../../state/session.js';
import { navigate, ShElement } from '../base.js';
import { formatDate } from '../format.js';
import { lazySearch } from '../lazy.js';
import { styles } from './past.styles.js';

/** A conversation or a ticket, as one list entry. */
type Entry = { kind: 'conversation'; item: ConversationSummary } | { kind: 'ticket'; item: TicketSummary };

const SHOWN = 5;
/** Within this long, a customer coming back is offered to continue rather than start again. */
const CONTINUE_MS = 24 * 3600_000;

const entries = ({ conversations, tickets }: PastLists): Entry[] =>
  [
    ...conversations.map((item): Entry => ({ kind: 'conversation', item })),
    ...tickets.map((item): Entry => ({ kind: 'ticket', item })),
  ].sort((a, b) => Date.parse(b.item.updatedAt) - Date.parse(a.item.updatedAt) || 0);

const isOpen = (e: Entry) => (e.kind === 'ticket' ? e.item.status !== 'solved' : e.item.status === 'open');

/**
 * The customer's past in the hall: what is still open first ("Continue: your question about order …"), then
 * recent conversations and tickets with date, summary and status, unread marked; a search over them by a word
 * or an order number (Chinese by any two characters).
 *
 * @tag sh-past
 *
 * @csspart past - The section.
 * @csspart past-continue - The "continue" card.
 * @csspart past-entry - One conversation or ticket.
 */
export class PastElement extends ShElement {
  static override styles = [ShElement.styles, styles];

  static override properties = {
    ...ShElement.properties,
    query: { state: true },
    all: { state: true },
    searchFailed: { state: true },
  };

  declare protected query: string;
  declare protected all: boolean;
  /** The search could not load (after the loader's retries); typing or the retry button tries again. */
  declare protected searchFailed: boolean;

  #index?: { lists: PastLists; index: SearchIndex<{ id: string; title: string; keywords: string[] }> };

  constructor() {
    super();
    this.query = '';
    this.all = false;
    this.searchFailed = false;
  }

  protected override watch(session: Session) {
    return [session.past.$lists, session.past.$unread];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.session.past.available) void this.session.past.load();
  }

  #open(entry: Entry): void {
    const current = this.session.$conversation.get();
    if (entry.kind === 'conversation' && entry.item.id === current.id && current.status === 'active')
      navigate(this, { screen: 'conversation' });
    else
      navigate(this, {
        screen: 'thread',
        ...(entry.kind === 'ticket' ? { ticketId: entry.item.id } : { conversationId: entry.item.id }),
      });
  }

  /** Fetches the search on the customer's first move in the field; shows the matches when it is here. */
  #loadSearch(): void {
    if (lazySearch.get()) return;
    this.searchFailed = false;
    lazySearch.load().then(
      () => this.requestUpdate(),
      () => (this.searchFailed = true),
    );
  }

  /**
   * Matches of the query, by summary, latest message, order number and ticket number; undefined while the
   * search has not loaded.
   */
  #search(lists: PastLists, list: Entry[]): Entry[] | undefined {
    const query = this.query.trim();
    const exact = list.filter((e) => query.length >= 4 && [e.item.id, e.item.orderId].some((x) => x?.includes(query)));
    // A number that names an order or a ticket finds just those; near-misses of digits are noise.
    if (exact.length) return exact;
    const loaded = lazySearch.get();
    if (!loaded) return undefined;
    if (this.#index?.lists !== lists) {
      const docs = list.map((e) => ({
        id: `${e.kind}:${e.item.id}`,
        title: e.item.summary,
        keywords: [e.item.id, e.item.orderId ?? '', e.item.last?.text ?? ''].filter(Boolean),
      }));
      this.#index = { lists, index: loaded.createSearchIndex(docs) };
    }
    const hits = this.#index.index.search(query, 20).map((h) => h.item.id);
    return list.filter((e) => hits.includes(`${e.kind}:${e.item.id}`));
  }

  #status(e: Entry) {
    return e.kind === 'ticket'
      ? this.t(
          e.item.status === 'pending' ? 'ticket_pending' : e.item.status === 'solved' ? 'ticket_solved' : 'ticket_open',
        )
      : this.t(e.item.status === 'open' ? 'conversation_open' : 'conversation_closed');
  }

  #entry(e: Entry, unread: boolean) {
    const { t } = this;
    const title = e.kind === 'ticket' ? t('ticketNo', { id: e.item.id }) : formatDate(t, e.item.createdAt);
    const last = e.item.last;
    return html`<li>
      <button part="past-entry" type="button" class="entry" @click=${() => this.#open(e)}>
        <span class="row">
          <strong class="ellipsis">${title}</strong>
          ${unread ? html`<span class="badge unread">${t('unreadMark')}</span>` : nothing}
          <span class="badge ${isOpen(e) ? '' : 'done'}">${this.#status(e)}</span>
        </span>
        <span class="summary ellipsis">${e.item.summary}</span>
        ${
          last && last.text !== e.item.summary
            ? html`<span class="muted ellipsis"
                >${last.role === 'customer' ? t('you') : (last.author?.name ?? t('team'))}: ${last.text}</span
              >`
            : nothing
        }
        <span class="muted">${formatDate(t, e.item.updatedAt, 'dateTime')}</span>
      </button>
    </li>`;
  }

  /** How many matched; or that the search is on its way, or could not load. */
  #searchStatus(found: Entry[] | undefined) {
    const { t } = this;
    if (found) return html`<p class="muted" role="status">${t('searchResults', { count: found.length })}</p>`;
    if (this.searchFailed)
      return html`<p class="muted" role="alert">
        ${t('searchFailed')}
        <button type="button" class="link" @click=${() => this.#loadSearch()}>${t('retry')}</button>
      </p>`;
    return html`<p class="muted" role="status">${t('loading')}</p>`;
  }

  protected override render() {
    const { t, session } = this;
    const state = session.past.$lists.get();
    if (!session.past.available || state.status === 'idle') return nothing;
    if (state.status === 'error')
      return html`<p class="empty" role="alert">
        ${t('pastFailed')}
        <button type="button" class="link" @click=${() => void session.past.load()}>${t('retry')}</button>
      </p>`;
    if (!state.value) return html`<div class="skeleton" aria-hidden="true"><div></div></div>`;
    const list = entries(state.value);
    if (!list.length) return nothing;
    const unread = session.past.$unread.get();
    // The newest open one, if recent: the customer likely came back about it.
    const open = list.find((e) => isOpen(e) && Date.now() - Date.parse(e.item.updatedAt) < CONTINUE_MS);
    const searching = !!this.query.trim();
    const found = searching ? this.#search(state.value, list) : undefined;
    const shown = searching ? (found ?? []) : list.filter((e) => e !== open);
    return html`<section part="past" aria-labelledby="past-title">
      ${
        open && !searching
          ? html`<button part="past-continue" type="button" class="card continue" @click=${() => this.#open(open)}>
              <strong>
                ${
                  open.item.orderId
                    ? t('continueOrder', { id: open.item.orderId })
                    : t('continueAbout', { summary: open.item.summary })
                }
              </strong>
              <span class="muted ellipsis">
                ${open.kind === 'ticket' ? `${t('ticketNo', { id: open.item.id })} · ${this.#status(open)}` : (open.item.last?.text ?? '')}
              </span>
              ${unread.includes(open.item.id) ? html`<span class="badge unread">${t('unreadMark')}</span>` : nothing}
            </button>`
          : nothing
      }
      <h3 id="past-title">${t('pastTitle')}</h3>
      <input
        class="search"
        type="search"
        aria-label=${t('searchPast')}
        placeholder=${t('searchPastHint')}
        .value=${this.query}
        @focus=${() => this.#loadSearch()}
        @input=${(e: Event) => {
          this.query = (e.target as HTMLInputElement).value;
          this.#loadSearch();
        }}
      />
      ${searching ? this.#searchStatus(found) : nothing}
      <ul class="list card entries">
        ${(this.all || searching ? shown : shown.slice(0, SHOWN)).map((e) => this.#entry(e, unread.includes(e.item.id)))}
      </ul>
      ${
        !searching && !this.all && shown.length > SHOWN
          ? html`<button type="button" class="link" @click=${() => (this.all = true)}>${t('morePast')}</button>`
          : nothing
      }
    </section>`;
  }
}
