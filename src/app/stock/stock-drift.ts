/**
 * Drift: where the Stock tab (a cache) differs from what Movements and Transfers add up to.
 * One problem per figure that differs, at its cell on the Stock tab, telling the person to
 * rebuild. Used by "Check ledger".
 */
import { type Balance, balanceKey, computeBalances, drift, type Move } from '../../core/stock';
import type { Problem } from '../../ledger/problem';
import { STOCK } from '../../ledger/schema';
import type { LoadedStock } from '../../ledger/stock-tab';
import { routesOf, type Transfer } from '../../ledger/transfers';

const REBUILD = 'Run Rebuild stock (menu or shop-ledger rebuild-stock).';

const FIGURES: readonly { header: string; of: (b: Balance) => number }[] = [
  { header: 'On hand', of: (b) => b.onHand },
  { header: 'Reserved', of: (b) => b.reserved },
  { header: 'Available', of: (b) => b.available },
  { header: 'In transit', of: (b) => b.inTransit },
];

export function stockDrift(
  stock: LoadedStock,
  moves: readonly Move[],
  transfers: readonly Transfer[],
  locations: readonly string[],
): Problem[] {
  const expected = computeBalances(moves, locations, routesOf(transfers));
  const problems: Problem[] = [];
  for (const d of drift([...stock.balances.values()], expected)) {
    const where = `${d.sku} at ${d.location}`;
    const row = stock.rowOf.get(balanceKey(d.sku, d.location));
    if (!d.cached || !row) {
      const figures = FIGURES.filter((f) => d.expected && f.of(d.expected) !== 0)
        .map((f) => `${f.header} ${f.of(d.expected as Balance)}`)
        .join(', ');
      problems.push({
        tab: STOCK.name,
        cell: '',
        message: `${where} has no row on the Stock tab, but the moves add up to ${figures}. ${REBUILD}`,
      });
      continue;
    }
    for (const f of FIGURES) {
      const cached = f.of(d.cached);
      const sum = d.expected ? f.of(d.expected) : 0;
      if (cached === sum) continue;
      problems.push({
        tab: STOCK.name,
        cell: stock.table.ref(row, f.header),
        message: `${where}: ${f.header} is ${cached} but the moves add up to ${sum}. ${REBUILD}`,
      });
    }
  }
  return problems;
}
