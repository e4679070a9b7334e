import type { ComponentChildren } from 'preact';

/** One row of a KERN description list (`<dl class="kern-description-list">`): a term and its value. */
export function Fact({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <div class="kern-description-list-item">
      <dt class="kern-description-list-item__key">{term}</dt>
      <dd class="kern-description-list-item__value">{children}</dd>
    </div>
  );
}
