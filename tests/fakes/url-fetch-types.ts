/** What the tests' fetch handler sees and returns (UrlFetchApp routes every request to it). */

export interface FakeFetchRequest {
  url: string;
  /** Upper case: 'GET', 'POST'... */
  method: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The payload as a string; '' when there is none. */
  body: string;
}

export interface FakeFetchResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Simulates a request that never answers: UrlFetchApp throws 'Timeout: URL'. */
  timeout?: boolean;
}

/** Throwing simulates an unreachable host: UrlFetchApp throws 'Address unavailable: URL'. */
export type FakeFetchHandler = (req: FakeFetchRequest) => FakeFetchResponse;
