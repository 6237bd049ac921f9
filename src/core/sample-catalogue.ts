/**
 * A realistic catalogue for `shop-ledger init --sample` and the demo: a small tea and coffee
 * shop in Spain, with food at the reduced 10 % VAT and accessories at the general 21 %.
 * Prices include VAT, in cents. Barcodes are EAN-13 with real check digits.
 */
import { ean13CheckDigit } from './barcode';
import type { Product } from './catalogue';

type Row = [
  sku: string,
  name: string,
  price: number,
  vat: number,
  cost: number,
  reorder: number,
  store: number,
  warehouse: number,
];

const ROWS: Row[] = [
  ['COF-ETH-250', 'Ethiopia Yirgacheffe coffee beans 250 g', 1290, 10, 610, 6, 12, 40],
  ['COF-COL-250', 'Colombia Huila coffee beans 250 g', 1150, 10, 540, 6, 14, 40],
  ['COF-BRA-1K', 'Brazil Cerrado coffee beans 1 kg', 3200, 10, 1500, 3, 5, 20],
  ['COF-DEC-250', 'Decaf Colombia coffee beans 250 g', 1190, 10, 560, 4, 8, 24],
  ['COF-ESP-500', 'House espresso blend 500 g', 1690, 10, 780, 6, 10, 36],
  ['COF-GRD-250', 'House espresso blend ground 250 g', 950, 10, 430, 6, 12, 30],
  ['COF-CAP-10', 'Espresso capsules, 10 pack', 420, 10, 180, 10, 30, 120],
  ['TEA-SEN-100', 'Japanese sencha green tea 100 g', 1450, 10, 690, 4, 8, 20],
  ['TEA-EGR-100', 'Earl Grey black tea 100 g', 890, 10, 380, 4, 10, 25],
  ['TEA-RBS-100', 'Rooibos vanilla 100 g', 790, 10, 330, 4, 10, 25],
  ['TEA-MAT-50', 'Ceremonial matcha 50 g', 2490, 10, 1290, 2, 4, 12],
  ['TEA-CHM-50', 'Chamomile flowers 50 g', 590, 10, 240, 4, 10, 20],
  ['TEA-BAG-20', 'Breakfast tea, 20 bags', 450, 10, 170, 8, 20, 60],
  ['CHO-DRK-100', 'Dark chocolate 70 % 100 g', 390, 10, 160, 8, 24, 60],
  ['CHO-HOT-250', 'Hot chocolate powder 250 g', 690, 10, 290, 4, 8, 24],
  ['BIS-ALM-200', 'Almond biscuits 200 g', 490, 10, 210, 6, 12, 30],
  ['SYR-VAN-250', 'Vanilla syrup 250 ml', 790, 10, 340, 3, 6, 18],
  ['ACC-MUG-W', 'Stoneware mug, white', 1200, 21, 420, 4, 12, 30],
  ['ACC-MUG-B', 'Stoneware mug, black', 1200, 21, 420, 4, 12, 30],
  ['ACC-CUP-ESP', 'Espresso cup and saucer', 950, 21, 330, 4, 12, 24],
  ['ACC-TPT-1L', 'Cast-iron teapot 1 l', 4500, 21, 1900, 1, 2, 6],
  ['ACC-INF-S', 'Stainless tea infuser', 690, 21, 210, 5, 15, 40],
  ['ACC-FRP-350', 'French press 350 ml', 2900, 21, 1150, 2, 4, 10],
  ['ACC-MKP-3', 'Moka pot, 3 cups', 3400, 21, 1400, 2, 3, 10],
  ['ACC-GRN-HND', 'Hand coffee grinder', 5900, 21, 2600, 1, 2, 6],
  ['ACC-V60-02', 'Pour-over dripper V60 size 02', 2450, 21, 980, 2, 4, 12],
  ['ACC-FLT-100', 'Paper filters, 100 pack', 650, 21, 220, 6, 20, 50],
  ['ACC-SCL-01', 'Coffee scale with timer', 3900, 21, 1700, 1, 2, 5],
  ['ACC-KTL-GN', 'Gooseneck kettle 0.8 l', 6900, 21, 3100, 1, 1, 4],
  ['GFT-BOX-S', 'Tasting gift box', 3500, 21, 1600, 2, 4, 8],
];

export interface SampleItem {
  product: Product;
  opening: { Store: number; Warehouse: number };
}

export function sampleCatalogue(): SampleItem[] {
  return ROWS.map(([sku, name, price, vatRate, cost, reorderPoint, store, warehouse], i) => {
    const first12 = `8412345${String(10001 + i).padStart(5, '0')}`;
    return {
      product: {
        sku,
        barcode: first12 + ean13CheckDigit(first12),
        name,
        price,
        vatRate,
        cost,
        active: true,
        reorderPoint,
      },
      opening: { Store: store, Warehouse: warehouse },
    };
  });
}
