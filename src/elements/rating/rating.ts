import { html, nothing } from 'lit';
import type { Session } from '../../state/session.js';
import { ShElement } from '../base.js';
import { icon } from '../icons.js';
import { styles } from './rating.styles.js';

const SCORES = [1, 2, 3, 4, 5];

/**
 * The rating prompt of an ended conversation: a 1–5 score (a radio group, arrow keys move), optional
 * tags and comment, then thanks. It rates once: the session refuses a second rating, and the form is
 * gone as soon as it is sent. Renders nothing before the conversation ends or after it was rated or skipped
 * elsewhere.
 *
 * @tag sh-rating
 *
 * @csspart rating - The rating form, and its thanks.
 */
export class RatingElement extends ShElement {
  static override styles = [ShElement.styles, styles];

  static override properties = {
    ...ShElement.properties,
    score: { state: true },
    tags: { state: true },
    state: { state: true },
  };

  declare protected score: number;
  declare protected tags: string[];
  /** `failed` keeps the form with an error; `done` shows thanks. */
  declare protected state: 'idle' | 'sending' | 'failed' | 'done';

  #comment = '';

  constructor() {
    super();
    this.score = 0;
    this.tags = [];
    this.state = 'idle';
  }

  protected override watch(session: Session) {
    return [session.$conversation];
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    if (!this.score || this.state === 'sending' || this.state === 'done') return;
    this.state = 'sending';
    const comment = this.#comment.trim();
    await this.session.rate({ score: this.score, tags: this.tags, ...(comment && { comment }) });
    // The session keeps `rated` only when the rating got through.
    this.state = this.session.$conversation.get().rated ? 'done' : 'failed';
    if (this.state === 'done') {
      // The submit button is gone with the form: keep keyboard focus in the panel, on the thanks.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.thanks')?.focus();
    }
  }

  #toggle(tag: string): void {
    this.tags = this.tags.includes(tag) ? this.tags.filter((t) => t !== tag) : [...this.tags, tag];
  }

  protected override render() {
    const { t, session, state } = this;
    const { status, rated, ratingDismissed } = session.$conversation.get();
    if (state === 'done')
      return html`<p part="rating" class="card rating thanks" role="status" tabindex="-1">${t('rateThanks')}</p>`;
    if (status !== 'ended' || ratingDismissed || (rated && state !== 'sending')) return nothing;
    const busy = state === 'sending';
    return html`<form part="rating" class="card rating" aria-labelledby="rate-title" @submit=${this.#submit}>
      <fieldset class="stars">
        <legend id="rate-title">${t('rateTitle')}</legend>
        ${SCORES.map(
          (score) =>
            html`<input
                type="radio"
                id="score-${score}"
                name="score"
                class="visually-hidden"
                .checked=${this.score === score}
                ?disabled=${busy}
                @change=${() => (this.score = score)}
              /><label for="score-${score}" class=${score <= this.score ? 'on' : ''}
                >${icon('star', 32)}<span class="visually-hidden">${t('rateScore', { score })}</span></label
              >`,
        )}
      </fieldset>
      <div class="chips" role="group" aria-label=${t('rateTagsLabel')}>
        ${t('rateTags')
          .split('|')
          .map(
            (tag) =>
              html`<button
                type="button"
                class="chip"
                aria-pressed=${this.tags.includes(tag) ? 'true' : 'false'}
                ?disabled=${busy}
                @click=${() => this.#toggle(tag)}
              >
                ${tag}
              </button>`,
          )}
      </div>
      <label class="muted comment"
        >${t('rateComment')}
        <textarea
          rows="2"
          maxlength="500"
          ?disabled=${busy}
          @input=${(e: Event) => (this.#comment = (e.target as HTMLTextAreaElement).value)}
        ></textarea>
      </label>
      ${state === 'failed' ? html`<p class="error" role="alert">${t('errorGeneric')}</p>` : nothing}
      <div class="chips end">
        <button type="button" class="chip" ?disabled=${busy} @click=${() => session.dismissRating()}>
          ${t('rateSkip')}
        </button>
        <button type="submit" class="chip primary" ?disabled=${!this.score || busy}>
          ${busy ? t('submitting') : t('rateSubmit')}
        </button>
      </div>
    </form>`;
  }
}
