import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../../platform/views/context.js';
import { telHref } from '../../../platform/views/layout.js';

/** In demo mode the legal pages say plainly that their details are sample configuration, not the city's word. */
export function DemoNotice({ ctx }: { ctx: PageContext }) {
  if (!ctx.demo) return null;
  const { t } = ctx.i18n;
  return (
    <div class="kern-alert kern-alert--warning">
      <div class="kern-alert__header">
        <span class="kern-icon kern-icon--warning" aria-hidden="true" />
        <h2 class="kern-title">{t('legal.demoHeading')}</h2>
      </div>
      <div class="kern-alert__body">
        <p class="kern-body">{t('legal.demoText')}</p>
      </div>
    </div>
  );
}

/** Label–value pairs (KERN description list). */
export function Details({ items }: { items: [label: string, value: ComponentChildren][] }) {
  return (
    <dl class="kern-description-list">
      {items.map(([label, value]) => (
        <div class="kern-description-list-item" key={label}>
          <dt class="kern-description-list-item__key">{label}</dt>
          <dd class="kern-description-list-item__value">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A postal address, one part per line. */
export function PostalAddress({ lines }: { lines: string[] }) {
  return (
    <address>
      {lines.map((line, i) => (
        <span key={line}>
          {i > 0 && <br />}
          {line}
        </span>
      ))}
    </address>
  );
}

/** A link that leaves the site, marked as such in text (not only by an icon). */
export function ExternalLink({ ctx, href, children }: { ctx: PageContext; href: string; children: ComponentChildren }) {
  return (
    <>
      <a href={href}>{children}</a> <span class="bs-muted">{ctx.i18n.t('common.opensExternal')}</span>
    </>
  );
}

/** The municipality's postal address, phone and e-mail as rows of `Details` (controller, provider). */
export function contactItems(ctx: PageContext): [label: string, value: ComponentChildren][] {
  const { t } = ctx.i18n;
  const c = ctx.municipality.contact;
  return [
    [
      t('common.address'),
      <PostalAddress key="a" lines={[ctx.municipality.officialName, c.street, `${c.postcode} ${c.city}`]} />,
    ],
    [t('common.phone'), <a href={telHref(c.phone)}>{c.phone}</a>],
    [t('common.email'), <a href={`mailto:${c.email}`}>{c.email}</a>],
  ];
}
