/**
 * The proof of work against automated reports: the ALTCHA web component, bundled (no third-party request), its
 * worker a file of our own (the CSP allows no blob: workers), texts from the page. It starts solving when the form
 * gets focus and puts the payload into a hidden field named "altcha". `[data-altcha]` carries:
 * data-challenge (URL), data-worker (URL of the built worker), data-strings (JSON texts for the widget).
 */
import 'altcha/external';
import type { AltchaWidgetElement } from 'altcha/types/generic';

export interface ProofOfWork {
  /** The payload once solved; waits for a running or newly started verification (undefined on failure). */
  payload(timeoutMs?: number): Promise<string | undefined>;
  /** A fresh challenge after the previous payload was used up. */
  reset(): void;
}

/** Creates the widget inside `[data-altcha]`; undefined when the page has none. */
export function initProofOfWork(form: HTMLFormElement): ProofOfWork | undefined {
  const host = form.querySelector<HTMLElement>('[data-altcha]');
  if (!host?.dataset.challenge || !host.dataset.worker) return undefined;
  const workerUrl = host.dataset.worker;
  for (const algorithm of ['SHA-256', 'SHA-384', 'SHA-512']) {
    globalThis.$altcha.algorithms.set(algorithm, () => new Worker(workerUrl));
  }
  const lang = document.documentElement.lang || 'de';
  try {
    globalThis.$altcha.i18n.set(lang, JSON.parse(host.dataset.strings ?? '{}') as Record<string, string>);
  } catch {
    // The widget falls back to its English texts.
  }
  const widget = document.createElement('altcha-widget') as AltchaWidgetElement;
  widget.setAttribute('challenge', host.dataset.challenge);
  widget.setAttribute('name', 'altcha');
  widget.setAttribute('auto', 'onfocus');
  widget.setAttribute('language', lang);
  widget.setAttribute('workers', String(Math.min(4, navigator.hardwareConcurrency || 2)));
  // No attribution link, no logo, no interaction tracking (HIS): nothing but the proof of work.
  widget.setAttribute(
    'configuration',
    JSON.stringify({ hideFooter: true, hideLogo: true, humanInteractionSignature: false, minDuration: 0 }),
  );
  host.prepend(widget);

  const field = () => form.querySelector<HTMLInputElement>('input[name="altcha"]')?.value || undefined;
  return {
    async payload(timeoutMs = 30_000) {
      const ready = field();
      if (ready && widget.getState?.() === 'verified') return ready;
      if (!navigator.onLine) return undefined;
      try {
        const result = await Promise.race([
          widget.verify(),
          new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs)),
        ]);
        return result?.payload ?? field();
      } catch {
        return undefined;
      }
    },
    reset() {
      widget.reset?.();
    },
  };
}
