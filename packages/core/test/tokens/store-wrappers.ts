/** Wrappers around the memory store: count calls, or throw / hang on demand (an injected faulty store). */
import type { TokenStore } from "../../src/index.js";

export type Fault = "throw" | "hang" | undefined;

export function instrumentedStore(inner: TokenStore) {
  const calls: string[] = [];
  let fault: Fault;
  const methods = [
    "get",
    "compareAndSet",
    "compareAndDelete",
    "acquireLease",
    "releaseLease",
    "recordEvent",
    "countEvents",
    "waitForChange",
  ] as const;
  const store = {
    name: "faulty-memory",
    capabilities: inner.capabilities,
    close: () => inner.close(),
  } as TokenStore;
  for (const method of methods) {
    // biome-ignore lint/suspicious/noExplicitAny: a generic pass-through over the store's methods
    (store as any)[method] = (...args: unknown[]) => {
      calls.push(method);
      if (fault === "throw") return Promise.reject(new Error(`injected failure in ${method}`));
      if (fault === "hang") return new Promise(() => undefined);
      // biome-ignore lint/suspicious/noExplicitAny: same
      return (inner as any)[method](...args);
    };
  }
  return {
    store,
    calls,
    setFault(next: Fault) {
      fault = next;
    },
  };
}

/** The same store declaring that it cannot renew leases (as a third-party store might). */
export function withoutRenewal(inner: TokenStore): TokenStore {
  const { renewLease: _renew, ...rest } = inner;
  return { ...rest, capabilities: { ...inner.capabilities, leaseRenewal: false } };
}

/**
 * The same store, holding the first call of `method` on `key` until released: an injected pause, so a
 * test can act in the very gap between two of a process's store writes.
 */
export function pausingStore(inner: TokenStore, method: "compareAndSet" | "compareAndDelete", key: string) {
  let reach!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => {
    reach = resolve;
  });
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let paused = false;
  // biome-ignore lint/suspicious/noExplicitAny: a pass-through over one of the store's methods
  const original = (inner as any)[method].bind(inner) as (...args: unknown[]) => Promise<unknown>;
  const store: TokenStore = {
    ...inner,
    [method]: async (...args: unknown[]) => {
      if (!paused && args[0] === key) {
        paused = true;
        reach();
        await released;
      }
      return original(...args);
    },
  };
  return { store, reached, release };
}
