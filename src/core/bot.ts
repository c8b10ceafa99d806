import { disambiguate, wantsHuman } from './intents.js';
import type { SearchIndex } from './search.js';
import type { Article, Card, Recommendation } from './types.js';

/** What the bot says besides articles, in one language. */
export interface BotPhrases {
  /** The bot's display name. */
  name: string;
  /** Answer to an attachment sent without words. */
  photo: string;
  /** Answer to a greeting, followed by popular questions. */
  hello: string;
  /** Leads the choices of a vague question. */
  which: string;
  /** Said when no article answers, followed by popular questions. */
  notFound: string;
}

/** The knowledge the bot answers from. */
export interface BotKnowledge {
  index: SearchIndex<Article>;
  article(id: string): Article | undefined;
  /** The questions offered after a greeting or a miss, most popular first. */
  popular: readonly string[];
}

export interface BotReply {
  text: string;
  cards?: Card[];
}

// The bot answers only with more confidence than suggestions need: a wrong answer costs more than "not found".
const MIN_SCORE = 0.5;
const SEARCH_LIMIT = 8;
const POPULAR = 3;
const HELLO = /^(hi|hello|hey|你好|您好|在吗|在不在|哈喽)[\s\p{P}]*$/iu;

/** The questions a bot offers: recommendations by popularity, or else the first article titles. */
export const popularQuestions = (
  recommendations: readonly Recommendation[],
  articles: readonly Article[],
): string[] => {
  const questions = [...recommendations].sort((a, b) => (b.popularity ?? 0) - (a.popularity ?? 0)).map((r) => r.text);
  return (questions.length ? questions : articles.map((a) => a.title)).slice(0, POPULAR);
};

/**
 * The bot's answer to a customer message: an article with its card, a few choices for a vague question, or
 * "not found" with popular questions. A request for a person gets no answer (the widget hands it to a human,
 * and a bot reply would only be in the way). The memory adapter and the reference server share it.
 */
export const botAnswer = (text: string, knowledge: BotKnowledge, phrases: BotPhrases): BotReply | undefined => {
  if (wantsHuman(text)) return undefined;
  const replies = (): Card[] => [{ type: 'replies', replies: [...knowledge.popular] }];
  if (!text.trim()) return { text: phrases.photo };
  if (HELLO.test(text.trim())) return { text: phrases.hello, cards: replies() };
  const hits = knowledge.index.search(text, SEARCH_LIMIT);
  const verdict = disambiguate(
    text,
    hits.map(({ item, score }) => ({ id: item.id, title: item.title, score })),
    { minScore: MIN_SCORE },
  );
  const article = verdict.kind === 'answer' ? knowledge.article(verdict.id) : undefined;
  if (article) {
    const summary = article.summary ?? article.body?.split('\n')[0] ?? '';
    return {
      text: summary || article.title,
      cards: [{ type: 'article', articleId: article.id, title: article.title, summary }],
    };
  }
  if (verdict.kind === 'choices')
    return { text: phrases.which, cards: [{ type: 'replies', replies: verdict.choices.map((c) => c.title) }] };
  return { text: phrases.notFound, cards: replies() };
};
