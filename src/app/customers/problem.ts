/** A customer command refused: what is wrong and what to do. Nothing was written. */
export class CustomerProblem extends Error {
  constructor(
    readonly code: 'unknown-customer' | 'bad-merge' | 'bad-input',
    message: string,
  ) {
    super(message);
    this.name = 'CustomerProblem';
  }
}
