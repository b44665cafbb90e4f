import type { HttpClient } from '../../drivers';

/** A counting semaphore: at most `max` holders, the others wait in arrival order. */
class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly max: number) {}

  async use<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next !== undefined) next();
      else this.active--;
    }
  }
}

const limiters = new WeakMap<HttpClient, Map<string, Semaphore>>();

/**
 * The HTTP client with at most `max` requests in flight to one controller (`key`: its journal
 * target), shared by every push, teardown and drift check of this engine. Concurrent requests
 * about unrelated services then wait only on the controller's own concurrency limit.
 */
export function limitedClient(http: HttpClient, key: string, max: number): HttpClient {
  let byKey = limiters.get(http);
  if (byKey === undefined) {
    byKey = new Map();
    limiters.set(http, byKey);
  }
  let semaphore = byKey.get(key);
  if (semaphore === undefined) {
    semaphore = new Semaphore(Math.max(1, Math.floor(max)));
    byKey.set(key, semaphore);
  }
  const gate = semaphore;
  return { request: (method, url, options) => gate.use(() => http.request(method, url, options)) };
}
