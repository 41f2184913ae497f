// A table as a grid of cells with row and column spans expanded (a date header spanning AM and PM
// covers both columns), optionally transposed so that pupils are always lines (grids laid
// out either way round).

/** grid[line][position] → the cell covering it, or null where the table has a hole. */
export function tableGrid(rows: readonly Element[], transpose: boolean): (Element | null)[][] {
  const grid: (Element | null)[][] = rows.map(() => []);
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row.children) {
      if (cell.tagName !== 'TD' && cell.tagName !== 'TH') continue;
      while (grid[r]![c] !== undefined) c++;
      const colspan = Math.max(1, Math.min(50, Number(cell.getAttribute('colspan') ?? 1) || 1));
      const rowspan = Math.max(1, Math.min(50, Number(cell.getAttribute('rowspan') ?? 1) || 1));
      for (let dr = 0; dr < rowspan && r + dr < rows.length; dr++) {
        for (let dc = 0; dc < colspan; dc++) grid[r + dr]![c + dc] = cell;
      }
      c += colspan;
    }
  });
  const width = Math.max(0, ...grid.map((l) => l.length));
  const full = grid.map((l) => Array.from({ length: width }, (_, i) => l[i] ?? null));
  if (!transpose) return full;
  return Array.from({ length: width }, (_, c) => full.map((l) => l[c] ?? null));
}
