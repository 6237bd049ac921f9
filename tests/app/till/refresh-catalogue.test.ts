/**
 * The 60-second refresh carries the catalogue as Products says it now: a price, VAT rate or name
 * changed there reaches an open sidebar without reopening it, and a product made inactive leaves
 * it. It costs one read of Products: its Sheets calls do not grow with the number of products.
 */
import { tillRefresh } from '../../../src/app/till/till-state';
import { COFFEE, MUG, nextExecution, tillLedger } from '../../helpers/till-ledger';

type Env = ReturnType<typeof tillLedger>['env'];

/** Staff edit Products by hand (not counted: only the refresh's own calls are measured). */
function editProduct(env: Env, sku: string, changes: Record<string, unknown>): void {
  env.meter.uncounted(() => {
    const sheet = env.spreadsheet.getSheetByName('Products');
    const values = sheet?.getDataRange().getValues() ?? [];
    const row = values.findIndex((r) => r[values[0].indexOf('SKU')] === sku);
    expect(row).toBeGreaterThan(0);
    for (const [header, value] of Object.entries(changes)) {
      const col = values[0].indexOf(header);
      expect(col).toBeGreaterThanOrEqual(0);
      sheet?.getRange(row + 1, col + 1).setValue(value);
    }
  });
}

/** `n` more products, copies of the mug under new SKUs and barcodes, written in one go. */
function addProducts(env: Env, n: number): void {
  env.meter.uncounted(() => {
    const sheet = env.spreadsheet.getSheetByName('Products');
    const values = sheet?.getDataRange().getValues() ?? [];
    const header = values[0];
    const mug = values.find((r) => r[header.indexOf('SKU')] === MUG.sku) ?? [];
    const rows = Array.from({ length: n }, (_, i) =>
      mug.map((cell, c) =>
        header[c] === 'SKU'
          ? `EXTRA-${i}`
          : header[c] === 'Barcode'
            ? ''
            : header[c] === 'Name'
              ? `Extra product ${i}`
              : cell,
      ),
    );
    sheet?.getRange(values.length + 1, 1, n, header.length).setValues(rows);
  });
}

test('after Products changes, the refresh carries the new price, VAT rate and name; an inactive product leaves it', () => {
  const { env, platform } = tillLedger();
  const before = tillRefresh(platform, 'Till 1');
  expect(before.products.find((p) => p.sku === MUG.sku)).toMatchObject({ price: MUG.price, name: MUG.name });
  expect(before.products.some((p) => p.sku === COFFEE.sku)).toBe(true);

  editProduct(env, MUG.sku, { Price: 12.5, 'VAT %': 10, Name: 'White mug, large' });
  editProduct(env, COFFEE.sku, { Active: false });
  const after = tillRefresh(platform, 'Till 1');

  expect(after.products.find((p) => p.sku === MUG.sku)).toMatchObject({
    sku: MUG.sku,
    name: 'White mug, large',
    price: 1250,
    vatRate: 10,
  });
  expect(after.products.some((p) => p.sku === COFFEE.sku)).toBe(false);
  expect(JSON.parse(JSON.stringify(after))).toEqual(after); // plain data for google.script.run
});

test("the refresh's Sheets calls are the same with 30 products or 330: only the cells read grow", () => {
  const setup = tillLedger();
  const measure = () => {
    const run = nextExecution(setup.env.shared);
    const refresh = tillRefresh(run.platform, 'Till 1');
    return { refresh, meter: run.env.meter.snapshot() };
  };
  const few = measure();
  addProducts(setup.env, 300);
  const many = measure();
  expect(many.refresh.products.length).toBe(few.refresh.products.length + 300);
  expect(many.meter.calls).toBe(few.meter.calls);
  expect(many.meter.cellsRead).toBeGreaterThan(few.meter.cellsRead);
});
