import { CsrfField } from '../../../platform/views/admin-layout.js';
import type { PageContext } from '../../../platform/views/context.js';

/** "Nach oben" / "Nach unten" as two small forms (no JavaScript); the item's name is read out with each button. */
export function MoveButtons(p: { ctx: PageContext; action: string; name: string; first: boolean; last: boolean }) {
  const { t } = p.ctx.i18n;
  return (
    <div class="bs-actions">
      {(['up', 'down'] as const).map((direction) =>
        (direction === 'up' ? p.first : p.last) ? null : (
          <form
            key={direction}
            method="post"
            action={`${p.action}/${direction === 'up' ? 'hoch' : 'runter'}`}
            class="bs-inline-form"
          >
            <CsrfField ctx={p.ctx} />
            <button type="submit" class="kern-btn kern-btn--tertiary">
              <span class="kern-label">
                {t(direction === 'up' ? 'faq.admin.moveUp' : 'faq.admin.moveDown')}
                <span class="kern-sr-only">{`: ${p.name}`}</span>
              </span>
            </button>
          </form>
        ),
      )}
    </div>
  );
}
