/**
 * Every word the till shows, in English and Spanish. tillState().lang picks the set; until it
 * answers, the browser's language does. Messages that come from the server or from core
 * pricing are shown as they are.
 */
import type { Lang, PaymentMethod } from '../../app/till/api-types';
import { barcodeError, gtinCheckDigit, normalizeBarcode } from '../../core/barcode';

const en = {
  locale: 'en-GB',
  loading: 'Loading the till…',
  loadFailed: (why: string) => `The till could not load: ${why}`,
  tryAgain: 'Try again',
  tillName: 'Till',
  tillNameHint: 'Name of this till; each till keeps its own session and cash.',
  tillChangeBlocked: 'Finish or clear the sale before changing the till.',
  updated: (time: string) => `Updated ${time}`,
  notUpdated: 'Not updated yet',
  refreshFailed: 'Offline: showing the last stock',
  webChecked: (time: string) => `Web orders checked ${time}`,
  webNotChecked: 'Web orders not checked yet',
  webCheckFailed: 'Web orders: check failed',
  pending: (n: number) => (n === 1 ? '1 sale waiting to be sent' : `${n} sales waiting to be sent`),
  dismiss: 'Dismiss',
  serverFailed: (why: string) => `The server did not answer: ${why}`,

  closedTitle: 'The till is closed',
  closedHint: 'Count the cash in the drawer, then open the till.',
  float: 'Opening cash',
  openTill: 'Open the till',
  tillOpened: (amount: string) => `Till opened with ${amount}.`,
  badAmount: 'Write an amount like 100 or 100,00.',
  needsSession: 'Open the till first.',

  scanPlaceholder: 'Scan, or type a name or SKU',
  noBarcode: (code: string) => `No product with barcode ${code}. The sale is kept.`,
  noMatch: (query: string) => `No product matches “${query}”.`,
  pickFromList: 'Pick a product from the list (↑ ↓ and Enter).',
  emptyCart: 'Scan a product to start a sale.',
  clearSale: 'Clear sale',
  clearSaleConfirm: 'Clear this sale? Click again to confirm.',
  inStock: (n: number) => `${n} in stock`,
  shortStock: (n: number) => (n <= 0 ? 'None in stock' : `Only ${n} in stock`),
  qtyLabel: 'Quantity',
  less: 'One less',
  more: 'One more',
  remove: 'Remove line',
  qtyProblem: {
    'not-a-number': 'Write a quantity, like 1 or 2.',
    zero: 'The quantity cannot be 0; remove the line with × instead.',
    negative: 'The quantity cannot be negative.',
    'not-whole': 'The quantity must be a whole number.',
  },
  discountPlaceholder: 'Discount',
  discountHint: 'Discount on the line: 10% or an amount like 1.50',
  badDiscount: 'Write a discount like 10% or 1.50.',
  each: 'each',

  net: 'Net',
  vat: 'VAT',
  vatAt: (rate: string) => `VAT ${rate} %`,
  total: 'Total',
  fixLines: 'Fix the marked lines to take payment.',

  customer: 'Customer',
  customerSearch: 'Email, phone, card or name',
  customerSearchHint: 'Find a customer by email, phone, loyalty card or name',
  newCustomer: 'New customer',
  newCustomerShort: '+ New',
  noCustomers: 'No customer found.',
  customerName: 'Name',
  customerEmail: 'Email',
  customerPhone: 'Phone',
  addCustomer: 'Add customer',
  cancel: 'Cancel',
  customerNeedsName: 'Write the customer’s name.',
  customerNeedsContact: 'Add an email or a phone number.',
  removeCustomer: 'Remove the customer from this sale',
  storeCredit: 'Store credit',
  creditTooMuch: (balance: string) => `The customer has ${balance} of store credit: take no more than that.`,
  creditUsed: 'Store credit used',
  creditEarned: 'Credit earned',
  creditLeft: 'Store credit left',
  history: 'Purchases',
  showHistory: 'History',
  noHistory: 'No purchases yet.',
  historyMore: (shown: number, all: number) => `The latest ${shown} of ${all}.`,
  channel: { Store: 'Store', Web: 'Web' } as Record<string, string>,
  returned: 'return',
  mergeDuplicate: 'Merge a duplicate',
  mergeFrom: 'Duplicate’s customer ID (C-…)',
  mergeNow: 'Merge into this customer',
  merged: (from: string, moved: string) => `${from} merged into this customer; ${moved} of credit moved.`,

  method: { cash: 'Cash', card: 'Card', credit: 'Store credit' } as Record<PaymentMethod, string>,
  tendered: 'Cash handed over',
  amount: 'Amount',
  addPayment: 'Add payment',
  toPay: 'To pay',
  paid: 'Paid',
  change: 'Change',
  removePayment: 'Remove payment',
  overpaid: (amount: string) => `The payments are ${amount} more than the total: remove one.`,
  cardTooMuch: (amount: string) => `A card payment cannot be more than what is left to pay (${amount}).`,
  nothingToPay: 'Nothing is left to pay.',
  complete: 'Complete sale',
  sending: 'Sending…',
  waitForSale: 'The sale is being sent: press Enter again in a moment.',

  oversellTitle: 'Not enough stock',
  shortage: (name: string, requested: number, available: number) =>
    `${name}: selling ${requested}, ${available} in stock`,
  sellAnyway: 'Sell anyway?',
  sellAnywayButton: 'Sell anyway',

  receipt: 'Receipt',
  receiptNo: 'No.',
  provisionalNo: 'Pending',
  provisional: 'Saved on this computer. It will be sent, and numbered, when the connection is back.',
  replayed: 'This sale had already been recorded; this is its receipt.',
  sentFromQueue: (orderNo: string) => `Sent: the sale saved while offline is recorded as ${orderNo}.`,
  date: 'Date',
  tendered2: 'Cash handed over',
  handedOver: (amount: string) => `${amount} handed over`,
  print: 'Print',
  newSale: 'New sale',
  queueSent: (time: string, orderNo: string) => `The sale saved at ${time} was recorded as ${orderNo}.`,
  queueRefused: (time: string, total: string, items: string, why: string) =>
    `The sale saved at ${time} (${items}; ${total}) was NOT recorded: ${why} Please ring it up again.`,
  storageFull: 'This browser would not keep the sale: do not close the sidebar until it is sent.',

  session: 'Till session',
  sessionSummary: (opened: string, count: number, total: string) =>
    `Open since ${opened} · ${count} ${count === 1 ? 'sale' : 'sales'} · ${total}`,
  expectedCash: 'Cash expected in the drawer',
  today: 'Today at this till',
  todaySummary: (count: number, total: string) => `${count} ${count === 1 ? 'sale' : 'sales'} · ${total}`,
  todayMethod: (method: string, count: number, amount: string) => `${method}: ${count} · ${amount}`,
  cashMoves: 'Cash in / out',
  reason: 'Reason',
  cashIn: 'Cash in',
  cashOut: 'Cash out',
  cashMoved: (kind: 'in' | 'out', amount: string) => `${kind === 'in' ? 'Cash in' : 'Cash out'}: ${amount}.`,
  needsReason: 'Write a reason.',
  closeTill: 'Close the till',
  counted: 'Counted cash',
  closeWithQueue: (n: number) =>
    `${n === 1 ? '1 sale is' : `${n} sales are`} still waiting to be sent and would be missing from the Z report.`,
  closeWithCart: 'The sale in progress has not been completed.',

  zReport: 'Z report',
  opened: 'Opened',
  closed: 'Closed',
  openingFloat: 'Opening cash',
  sales: 'Sales',
  salesTotal: 'Sales total',
  byMethod: 'By payment method',
  expected: 'Expected cash',
  countedCash: 'Counted cash',
  difference: 'Difference',
  done: 'Done',

  goods: 'Receive goods',
  goodsHint: 'Scan or type SKUs of the goods that arrived.',
  location: 'Location',
  skuOrBarcode: 'SKU or barcode',
  add: 'Add',
  receive: 'Receive',
  goodsEmpty: 'Add at least one product.',
  goodsReceived: (n: number) => `Stock received: ${n} ${n === 1 ? 'move' : 'moves'} written.`,
  unknownProduct: (text: string) => `No product with SKU or barcode ${text}.`,
};

export type Strings = typeof en;

const es: Strings = {
  locale: 'es-ES',
  loading: 'Cargando la caja…',
  loadFailed: (why) => `No se pudo cargar la caja: ${why}`,
  tryAgain: 'Reintentar',
  tillName: 'Caja',
  tillNameHint: 'Nombre de esta caja; cada caja tiene su propia sesión y efectivo.',
  tillChangeBlocked: 'Termina o vacía la venta antes de cambiar de caja.',
  updated: (time) => `Actualizado ${time}`,
  notUpdated: 'Sin actualizar',
  refreshFailed: 'Sin conexión: stock de la última lectura',
  webChecked: (time) => `Pedidos web revisados ${time}`,
  webNotChecked: 'Pedidos web sin revisar',
  webCheckFailed: 'Pedidos web: fallo al revisar',
  pending: (n) => (n === 1 ? '1 venta pendiente de enviar' : `${n} ventas pendientes de enviar`),
  dismiss: 'Cerrar',
  serverFailed: (why) => `El servidor no respondió: ${why}`,

  closedTitle: 'La caja está cerrada',
  closedHint: 'Cuenta el efectivo del cajón y abre la caja.',
  float: 'Fondo de caja',
  openTill: 'Abrir la caja',
  tillOpened: (amount) => `Caja abierta con ${amount}.`,
  badAmount: 'Escribe un importe como 100 o 100,00.',
  needsSession: 'Abre la caja primero.',

  scanPlaceholder: 'Escanea, o escribe nombre o SKU',
  noBarcode: (code) => `Ningún producto con el código ${code}. La venta se mantiene.`,
  noMatch: (query) => `Ningún producto coincide con «${query}».`,
  pickFromList: 'Elige un producto de la lista (↑ ↓ e Intro).',
  emptyCart: 'Escanea un producto para empezar una venta.',
  clearSale: 'Vaciar venta',
  clearSaleConfirm: '¿Vaciar esta venta? Pulsa otra vez para confirmar.',
  inStock: (n) => `${n} en stock`,
  shortStock: (n) => (n <= 0 ? 'Sin stock' : `Solo ${n} en stock`),
  qtyLabel: 'Cantidad',
  less: 'Uno menos',
  more: 'Uno más',
  remove: 'Quitar línea',
  qtyProblem: {
    'not-a-number': 'Escribe una cantidad, como 1 o 2.',
    zero: 'La cantidad no puede ser 0; quita la línea con ×.',
    negative: 'La cantidad no puede ser negativa.',
    'not-whole': 'La cantidad debe ser un número entero.',
  },
  discountPlaceholder: 'Dto.',
  discountHint: 'Descuento de la línea: 10% o un importe como 1,50',
  badDiscount: 'Escribe un descuento como 10% o 1,50.',
  each: 'ud.',

  net: 'Base',
  vat: 'IVA',
  vatAt: (rate) => `IVA ${rate} %`,
  total: 'Total',
  fixLines: 'Corrige las líneas marcadas para cobrar.',

  customer: 'Cliente',
  customerSearch: 'Email, teléfono, tarjeta o nombre',
  customerSearchHint: 'Buscar un cliente por email, teléfono, tarjeta de fidelidad o nombre',
  newCustomer: 'Cliente nuevo',
  newCustomerShort: '+ Nuevo',
  noCustomers: 'No se encontró ningún cliente.',
  customerName: 'Nombre',
  customerEmail: 'Email',
  customerPhone: 'Teléfono',
  addCustomer: 'Añadir cliente',
  cancel: 'Cancelar',
  customerNeedsName: 'Escribe el nombre del cliente.',
  customerNeedsContact: 'Añade un email o un teléfono.',
  removeCustomer: 'Quitar el cliente de esta venta',
  storeCredit: 'Saldo',
  creditTooMuch: (balance: string) => `El cliente tiene ${balance} de saldo: no uses más.`,
  creditUsed: 'Saldo usado',
  creditEarned: 'Saldo ganado',
  creditLeft: 'Saldo restante',
  history: 'Compras',
  showHistory: 'Historial',
  noHistory: 'Aún no hay compras.',
  historyMore: (shown: number, all: number) => `Las últimas ${shown} de ${all}.`,
  channel: { Store: 'Tienda', Web: 'Web' },
  returned: 'devolución',
  mergeDuplicate: 'Unir un duplicado',
  mergeFrom: 'ID del cliente duplicado (C-…)',
  mergeNow: 'Unir a este cliente',
  merged: (from: string, moved: string) => `${from} unido a este cliente; ${moved} de saldo traspasado.`,

  method: { cash: 'Efectivo', card: 'Tarjeta', credit: 'Saldo' },
  tendered: 'Efectivo entregado',
  amount: 'Importe',
  addPayment: 'Añadir pago',
  toPay: 'Pendiente',
  paid: 'Pagado',
  change: 'Cambio',
  removePayment: 'Quitar pago',
  overpaid: (amount) => `Los pagos superan el total en ${amount}: quita uno.`,
  cardTooMuch: (amount) => `Un pago con tarjeta no puede superar lo pendiente (${amount}).`,
  nothingToPay: 'No queda nada por pagar.',
  complete: 'Finalizar venta',
  sending: 'Enviando…',
  waitForSale: 'Se está enviando la venta: pulsa Intro de nuevo en un momento.',

  oversellTitle: 'No hay stock suficiente',
  shortage: (name, requested, available) => `${name}: se venden ${requested}, hay ${available}`,
  sellAnyway: '¿Vender igualmente?',
  sellAnywayButton: 'Vender igualmente',

  receipt: 'Ticket',
  receiptNo: 'N.º',
  provisionalNo: 'Pendiente',
  provisional: 'Guardada en este equipo. Se enviará, y se numerará, cuando vuelva la conexión.',
  replayed: 'Esta venta ya estaba registrada; este es su ticket.',
  sentFromQueue: (orderNo) => `Enviada: la venta guardada sin conexión quedó registrada como ${orderNo}.`,
  date: 'Fecha',
  tendered2: 'Entregado',
  handedOver: (amount) => `entregado ${amount}`,
  print: 'Imprimir',
  newSale: 'Nueva venta',
  queueSent: (time, orderNo) => `La venta guardada a las ${time} se registró como ${orderNo}.`,
  queueRefused: (time, total, items, why) =>
    `La venta guardada a las ${time} (${items}; ${total}) NO se registró: ${why} Vuelve a cobrarla.`,
  storageFull: 'El navegador no pudo guardar la venta: no cierres la barra lateral hasta que se envíe.',

  session: 'Sesión de caja',
  sessionSummary: (opened, count, total) =>
    `Abierta desde las ${opened} · ${count} ${count === 1 ? 'venta' : 'ventas'} · ${total}`,
  expectedCash: 'Efectivo esperado en el cajón',
  today: 'Hoy en esta caja',
  todaySummary: (count, total) => `${count} ${count === 1 ? 'venta' : 'ventas'} · ${total}`,
  todayMethod: (method, count, amount) => `${method}: ${count} · ${amount}`,
  cashMoves: 'Entrada / salida de efectivo',
  reason: 'Motivo',
  cashIn: 'Entrada',
  cashOut: 'Salida',
  cashMoved: (kind, amount) => `${kind === 'in' ? 'Entrada' : 'Salida'} de efectivo: ${amount}.`,
  needsReason: 'Escribe un motivo.',
  closeTill: 'Cerrar la caja',
  counted: 'Efectivo contado',
  closeWithQueue: (n) =>
    `${n === 1 ? 'Queda 1 venta' : `Quedan ${n} ventas`} por enviar, que faltarían en el informe Z.`,
  closeWithCart: 'La venta en curso no se ha finalizado.',

  zReport: 'Informe Z',
  opened: 'Apertura',
  closed: 'Cierre',
  openingFloat: 'Fondo de caja',
  sales: 'Ventas',
  salesTotal: 'Total de ventas',
  byMethod: 'Por forma de pago',
  expected: 'Efectivo esperado',
  countedCash: 'Efectivo contado',
  difference: 'Diferencia',
  done: 'Hecho',

  goods: 'Recibir mercancía',
  goodsHint: 'Escanea o escribe los SKU de la mercancía recibida.',
  location: 'Ubicación',
  skuOrBarcode: 'SKU o código de barras',
  add: 'Añadir',
  receive: 'Recibir',
  goodsEmpty: 'Añade al menos un producto.',
  goodsReceived: (n) => `Mercancía recibida: ${n} ${n === 1 ? 'movimiento' : 'movimientos'}.`,
  unknownProduct: (text) => `Ningún producto con el SKU o código ${text}.`,
};

const sets: Record<Lang, Strings> = { en, es };

/** The strings in use; replaced once tillState says the spreadsheet's language. */
export let t: Strings = browserLang() === 'es' ? es : en;
export let lang: Lang = browserLang();

export function setLang(next: Lang): void {
  lang = next === 'es' ? 'es' : 'en';
  t = sets[lang];
  document.documentElement.lang = lang;
}

function browserLang(): Lang {
  return typeof navigator !== 'undefined' && /^es\b/i.test(navigator.language) ? 'es' : 'en';
}

/** Why a scanned code is not a valid barcode, in the till's language; null when it is one. */
export function barcodeProblem(code: string): string | null {
  const message = barcodeError(code);
  if (message === null || lang !== 'es') return message;
  const digits = normalizeBarcode(code);
  if (!/^[0-9]+$/.test(digits)) return `El código ${code.trim()} solo puede tener dígitos.`;
  if (![8, 12, 13].includes(digits.length)) {
    return `El código ${digits} tiene ${digits.length} dígitos; un EAN-13 tiene 13, un UPC-A 12 y un EAN-8 8.`;
  }
  const expected = gtinCheckDigit(digits.slice(0, -1));
  return `El dígito de control de ${digits} debería ser ${expected}: el código se tecleó o leyó mal.`;
}
