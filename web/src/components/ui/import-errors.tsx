/** The bad rows of an imported file (municipality master, indicator figures), one table for every import page. */
export interface ImportErrorRow {
  key: string;
  row: number;
  column: string;
  /** The municipality or area code the row names, when it has one. */
  code: string | null;
  reason: string;
}

/** CSV (shift_jis), XLSX: the file format the server read, as the pages name it. */
export const fileFormatLabel = (format: string, encoding: string | null) =>
  encoding ? `${format.toUpperCase()} (${encoding})` : format.toUpperCase();

export function ImportErrorTable({
  rows,
  headers,
}: {
  rows: ImportErrorRow[];
  headers: { row: string; column: string; code: string; reason: string };
}) {
  return (
    <div className="table-wrap">
      <table className="table table--compact" data-testid="import-errors">
        <thead>
          <tr>
            <th scope="col">{headers.row}</th>
            <th scope="col">{headers.column}</th>
            <th scope="col">{headers.code}</th>
            <th scope="col">{headers.reason}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.key} data-row={e.row}>
              <th scope="row">{e.row}</th>
              <td>{e.column}</td>
              <td>{e.code ?? '—'}</td>
              <td>{e.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
