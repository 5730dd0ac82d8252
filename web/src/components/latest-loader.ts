/**
 * Loads of one thing (a campaign, a page of notifications) that may overlap with
 * each other and with commands' answers. Only the newest counts: an answer lands
 * only if no later load started and no command answered since, and a command's
 * answer for a key the screen has left (another page, another filter) is dropped.
 */
export interface LatestLoader<T> {
  /** Starts loading `key`; calls `land` with the outcome only if it is still the newest. */
  load(key: string, fetch: () => Promise<T>, land: (outcome: { data: T } | { error: unknown }) => void): Promise<void>;
  /** A command answered `data` for `key`: true when it should be shown (the screen still shows `key`). */
  answer(key: string): boolean;
}

export function createLatestLoader<T>(): LatestLoader<T> {
  let newest = 0;
  let currentKey: string | null = null;
  return {
    async load(key, fetch, land) {
      const ticket = ++newest;
      currentKey = key;
      let outcome: { data: T } | { error: unknown };
      try {
        outcome = { data: await fetch() };
      } catch (error) {
        outcome = { error };
      }
      if (ticket === newest) land(outcome);
    },
    answer(key) {
      if (key !== currentKey) return false;
      newest++;
      return true;
    },
  };
}
