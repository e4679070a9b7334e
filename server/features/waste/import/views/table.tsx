import type { ComponentChildren } from 'preact';

/**
 * A striped KERN table with a caption and column headers; the first cell of each row is its row header. Its scroll
 * box is a labelled, focusable region, so a keyboard can scroll a table wider than a phone.
 */
export function SimpleTable(p: { caption: string; headers: string[]; rows: ComponentChildren[][]; id?: string }) {
  return (
    <section class="bs-table-scroll" aria-label={p.caption} tabindex={0}>
      <table class="kern-table kern-table--striped" id={p.id}>
        <caption class="kern-title">{p.caption}</caption>
        <thead class="kern-table__head">
          <tr class="kern-table__row">
            {p.headers.map((h) => (
              <th scope="col" class="kern-table__header" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {p.rows.map((cells, i) => (
            <tr class="kern-table__row" key={i}>
              {cells.map((c, j) =>
                j === 0 ? (
                  <th scope="row" class="kern-table__header" key={j}>
                    {c}
                  </th>
                ) : (
                  <td class="kern-table__cell" key={j}>
                    {c}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
