import type { ComponentChildren } from 'preact';

export interface ListColumn<Row> {
  header: string;
  cell: (row: Row) => ComponentChildren;
}

/**
 * A back-office list: a striped table with a caption, one row per item whose first cell is a row header linking to
 * the item, then the other columns. Scrolls sideways on its own on narrow screens.
 */
export function ListTable<Row extends { id: number | string }>(p: {
  caption: string;
  /** The first column: its header, each row's link and name. */
  item: { header: string; href: (row: Row) => string; name: (row: Row) => ComponentChildren };
  columns: ListColumn<Row>[];
  rows: Row[];
}) {
  return (
    <div class="bs-table-scroll">
      <table class="kern-table kern-table--striped">
        <caption class="kern-title">{p.caption}</caption>
        <thead class="kern-table__head">
          <tr class="kern-table__row">
            {[p.item.header, ...p.columns.map((c) => c.header)].map((header) => (
              <th scope="col" class="kern-table__header" key={header}>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="kern-table__body">
          {p.rows.map((row) => (
            <tr class="kern-table__row" key={row.id}>
              <th scope="row" class="kern-table__header">
                <a class="kern-link" href={p.item.href(row)}>
                  {p.item.name(row)}
                </a>
              </th>
              {p.columns.map((c) => (
                <td class="kern-table__cell" key={c.header}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
