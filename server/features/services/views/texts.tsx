import type { PageContext } from '../../../platform/views/context.js';
import { type LocalList, type LocalText, localText } from '../model.js';

/** What text helpers need of a page: its translator (the start page's panels have no full page context). */
export type TextContext = Pick<PageContext, 'i18n'>;

// German standing in for missing English is marked as German (lang="de") so screen readers pronounce it right.

/** A text in the page's language, or the German one marked lang="de" when there is none. */
export function Local({ ctx, text }: { ctx: TextContext; text: LocalText }) {
  const { text: value, fallback } = localText(text, ctx.i18n.lang);
  return fallback ? <span lang="de">{value}</span> : value;
}

/** Whether any of the texts is shown in German on a page in another language. */
export function anyFallback(ctx: TextContext, texts: Array<LocalText | undefined>): boolean {
  return texts.some((x) => x !== undefined && localText(x, ctx.i18n.lang).fallback);
}

/** A list in the page's language, or the German list (lang="de") when there is none. */
export function localList(ctx: TextContext, list: LocalList): { items: string[]; lang?: string } {
  const own = ctx.i18n.lang === 'de' ? list.de : list.en;
  if (own && own.length > 0) return { items: own };
  return { items: list.de, lang: ctx.i18n.lang === 'de' ? undefined : 'de' };
}

/** The visible note that some content of this page exists only in German. */
export function FallbackNote({ ctx }: { ctx: TextContext }) {
  return (
    <div class="kern-alert kern-alert--info" role="note">
      <div class="kern-alert__header">
        <span class="kern-icon kern-icon--info" aria-hidden="true" />
        <p class="kern-title">{ctx.i18n.t('services.fallbackNote')}</p>
      </div>
    </div>
  );
}
