/** The Http port: one synchronous request, as UrlFetchApp makes it. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

export interface Http {
  /** Returns every response, whatever its status; throws HttpUnreachableError when there is none. */
  request(req: HttpRequest): HttpResponse;
}

export class HttpUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HttpUnreachableError';
  }
}
