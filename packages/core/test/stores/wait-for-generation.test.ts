import { describe, expect, it } from "vitest";
import type {
  GenerationListener,
  GenerationProbe,
  WaitForGenerationOptions,
} from "../../src/stores/wait-for-generation.js";
import { createBackoff, waitForGeneration } from "../../src/stores/wait-for-generation.js";

const LONG = 60_000; // a timeout or poll far past the test's patience: only the behaviour under test ends the wait
const PATIENCE = 5_000;

/** "settled" or "pending" after `ms`, whichever first (a liveness bound, not a timing claim). */
const state = (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => "settled"), new Promise((resolve) => setTimeout(resolve, ms, "pending"))]);

/** A waiter for generation 1 with a far timeout and poll, unless `options` says otherwise. */
const waitOn = (read: () => Promise<GenerationProbe>, options: Partial<WaitForGenerationOptions> = {}) =>
  waitForGeneration({
    generation: 1,
    timeoutMs: LONG,
    read,
    poll: { initialMs: LONG, maxMs: LONG },
    ...options,
  });

/** A notification source that hands its listener to the test. */
const captured = () => {
  const source = {
    listener: undefined as GenerationListener | undefined,
    stopped: 0,
    notifications: {
      subscribe: (listener: GenerationListener) => {
        source.listener = listener;
        return () => {
          source.stopped++;
        };
      },
    },
  };
  return source;
};

/** A record whose generation and expiry the test sets; counts reads and how many run at once. */
function fakeRecord(generation = 1) {
  const record = {
    generation,
    expiresInMs: null as number | null,
    reads: 0,
    inFlight: 0,
    maxInFlight: 0,
    fail: false,
    /** Set to hold reads open until the test releases them. */
    gate: undefined as Promise<void> | undefined,
    read: async (): Promise<GenerationProbe> => {
      record.reads++;
      record.inFlight++;
      record.maxInFlight = Math.max(record.maxInFlight, record.inFlight);
      try {
        if (record.gate) await record.gate;
        if (record.fail) throw new Error("backend down");
        return { generation: record.generation, expiresInMs: record.expiresInMs };
      } finally {
        record.inFlight--;
      }
    },
  };
  return record;
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
};

describe("waitForGeneration", () => {
  it("resolves at once without reading for a spent timeout, an aborted signal or a closed store", async () => {
    const record = fakeRecord();
    const base = { generation: 1, read: record.read, poll: { initialMs: 1, maxMs: 1 } };
    await waitForGeneration({ ...base, timeoutMs: 0 });
    await waitForGeneration({ ...base, timeoutMs: LONG, signal: AbortSignal.abort() });
    await waitForGeneration({ ...base, timeoutMs: LONG, closing: AbortSignal.abort() });
    expect(record.reads).toBe(0);
  });

  it("wakes when a poll reads another generation", async () => {
    const record = fakeRecord(1);
    const waiting = waitForGeneration({
      generation: 1,
      timeoutMs: LONG,
      read: record.read,
      poll: { initialMs: 5, maxMs: 20 },
    });
    await until(() => record.reads >= 3);
    expect(await state(waiting, 50)).toBe("pending");
    record.generation = 2;
    expect(await state(waiting, PATIENCE)).toBe("settled");
  });

  it("resolves at its timeout when nothing changes, and on abort or close, then reads no more", async () => {
    const record = fakeRecord(1);
    const base = { generation: 1, read: record.read, poll: { initialMs: 5, maxMs: 5 } };
    await expect(waitForGeneration({ ...base, timeoutMs: 30 })).resolves.toBeUndefined();

    const controller = new AbortController();
    const closing = new AbortController();
    const aborted = waitForGeneration({ ...base, timeoutMs: LONG, signal: controller.signal });
    const closed = waitForGeneration({ ...base, timeoutMs: LONG, closing: closing.signal });
    controller.abort();
    closing.abort();
    expect(await state(Promise.all([aborted, closed]), PATIENCE)).toBe("settled");
    const reads = record.reads;
    await new Promise((r) => setTimeout(r, 50));
    expect(record.reads).toBe(reads);
  });

  it("reads again right after the record it saw expires", async () => {
    const record = fakeRecord(1);
    record.expiresInMs = 20;
    const waiting = waitForGeneration({
      generation: 1,
      timeoutMs: LONG,
      read: async () => {
        const probe = await record.read();
        // The first read sees the record; by the next one it has expired.
        record.generation = 0;
        return probe;
      },
      poll: { initialMs: LONG, maxMs: LONG },
    });
    expect(await state(waiting, PATIENCE)).toBe("settled");
    expect(record.reads).toBe(2);
  });

  it("wakes on a failed read by default, and keeps polling through failures with onReadError retry", async () => {
    const failing = fakeRecord(1);
    failing.fail = true;
    const poll = { initialMs: 5, maxMs: 5 };
    const woken = waitForGeneration({ generation: 1, timeoutMs: LONG, read: failing.read, poll });
    expect(await state(woken, PATIENCE)).toBe("settled");
    expect(failing.reads).toBe(1);

    const retrying = waitForGeneration({
      generation: 1,
      timeoutMs: LONG,
      read: failing.read,
      poll,
      onReadError: "retry",
    });
    await until(() => failing.reads >= 4);
    expect(await state(retrying, 50)).toBe("pending");
    failing.fail = false;
    failing.generation = 2;
    expect(await state(retrying, PATIENCE)).toBe("settled");
  });

  it("re-reads on a notification hint, and ends on an announced generation other than its own", async () => {
    const record = fakeRecord(1);
    const source = captured();
    const waiting = waitOn(record.read, { notifications: source.notifications });
    await until(() => record.reads === 1);
    source.listener!.recheck();
    await until(() => record.reads === 2);
    source.listener!.changed(1); // the generation it holds: not a change
    expect(await state(waiting, 50)).toBe("pending");
    record.generation = 3;
    source.listener!.recheck();
    expect(await state(waiting, PATIENCE)).toBe("settled");
    expect(source.stopped).toBe(1);

    const other = captured();
    const announced = waitOn(fakeRecord(1).read, { notifications: other.notifications });
    other.listener!.changed(2);
    expect(await state(announced, PATIENCE)).toBe("settled");
    expect(other.stopped).toBe(1);
  });

  it("reads only once an asynchronous subscription is in place, and stops one that lands after the end", async () => {
    const record = fakeRecord(1);
    let subscribed: (stop: () => void) => void = () => {};
    let stopped = 0;
    const controller = new AbortController();
    const waiting = waitOn(record.read, {
      signal: controller.signal,
      notifications: {
        subscribe: () =>
          new Promise((resolve) => {
            subscribed = resolve;
          }),
      },
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(record.reads).toBe(0);
    controller.abort();
    await waiting;
    subscribed(() => stopped++);
    await until(() => stopped === 1);
    expect(record.reads).toBe(0);
  });

  it("runs one read at a time, and a recheck asked for during a read runs right after it", async () => {
    const record = fakeRecord(1);
    let release: () => void = () => {};
    record.gate = new Promise((resolve) => {
      release = resolve;
    });
    const source = captured();
    const waiting = waitOn(record.read, { notifications: source.notifications });
    for (let i = 0; i < 5; i++) source.listener!.recheck();
    expect(record.reads).toBe(1);
    record.generation = 2;
    record.gate = undefined;
    release();
    expect(await state(waiting, PATIENCE)).toBe("settled");
    expect(record.maxInFlight).toBe(1);
  });

  it("polls at safetyPoll while notifications are live, and at poll while they are not", async () => {
    const quiet = fakeRecord(1);
    const busy = fakeRecord(1);
    const controller = new AbortController();
    const waiter = (read: () => Promise<GenerationProbe>, live: boolean) =>
      waitForGeneration({
        generation: 1,
        timeoutMs: LONG,
        signal: controller.signal,
        read,
        poll: { initialMs: 5, maxMs: 5 },
        safetyPoll: { initialMs: LONG, maxMs: LONG },
        notifications: { subscribe: () => () => {}, live: () => live },
      });
    const waiting = Promise.all([waiter(quiet.read, true), waiter(busy.read, false)]);
    await until(() => busy.reads >= 5);
    expect(quiet.reads).toBe(1);
    controller.abort();
    await waiting;
  });
});

describe("createBackoff", () => {
  it("doubles from initialMs up to maxMs, spreading each delay over ±20% unless jitter is off", () => {
    const steady = createBackoff({ initialMs: 50, maxMs: 300, jitter: false });
    expect([steady(), steady(), steady(), steady(), steady()]).toEqual([50, 100, 200, 300, 300]);
    const low = createBackoff({ initialMs: 100, maxMs: 1000 }, () => 0);
    expect([low(), low()]).toEqual([80, 160]);
    const high = createBackoff({ initialMs: 100, maxMs: 1000 }, () => 0.5);
    expect([high(), high()]).toEqual([100, 200]);
    const long = createBackoff({ initialMs: 50, maxMs: 10, jitter: false });
    expect([long(), long()]).toEqual([50, 10]);
  });
});
