/**
 * State shared by every store over the same `Keyv` instance in this process: the key mutex and the
 * waiters to wake on a local write. Two stores over one Keyv therefore exclude each other too.
 */
import { createGenerationListeners, type GenerationListeners } from "@zoomkit/core";
import type { Keyv } from "keyv";
import { KeyMutex } from "./mutex.js";

export interface SharedState {
  readonly mutex: KeyMutex;
  /** Waiters by key, woken after a local write or delete of that key. */
  readonly waiters: GenerationListeners;
}

const byKeyv = new WeakMap<Keyv, SharedState>();

export function sharedState(keyv: Keyv): SharedState {
  let state = byKeyv.get(keyv);
  if (state === undefined) {
    state = { mutex: new KeyMutex(), waiters: createGenerationListeners() };
    byKeyv.set(keyv, state);
  }
  return state;
}
