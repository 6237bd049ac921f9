/**
 * JsBarcode's Code 128 encoder alone (its package entry pulls in every format and the renderers):
 * `new CODE128(text, {}).encode().data` is the bars and spaces, one '1' or '0' per module, start,
 * check symbol and stop included. CODE128 picks the A, B and C code sets by itself.
 */
declare module 'jsbarcode/bin/barcodes/CODE128' {
  export class CODE128 {
    constructor(data: string, options: object);
    valid(): boolean;
    encode(): { text: string; data: string };
  }
}
