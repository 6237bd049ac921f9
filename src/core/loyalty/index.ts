/** Loyalty credit in core: a money programme (like Odoo's eWallet) kept as an append-only ledger. */
export * from './earn';
export * from './entry';
export * from './lots';
export * from './redeem';
export * from './refund';
export * from './web-code';
