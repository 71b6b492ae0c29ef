// Identical concurrent requests share one computation: the first caller runs
// it and the others wait for its result (or its error).
// NOTE: this works within one process. On Forge, concurrent invocations can run
// in different containers, so each may still make its own upstream call.

export class SingleFlight {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  run<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const existing = this.inFlight.get(key);
    if (existing) return existing as Promise<T>;

    const promise = (async () => {
      try {
        return await compute();
      } finally {
        this.inFlight.delete(key);
      }
    })();
    this.inFlight.set(key, promise);
    return promise;
  }

  /** Number of computations running now. */
  get size(): number {
    return this.inFlight.size;
  }
}

/** One instance per process, so every caller in it shares flights. */
export const sharedFlights = new SingleFlight();
