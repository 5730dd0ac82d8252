/**
 * For data loaded more than once (a reload, a command's answer): each load takes a
 * ticket, and its answer may land only while its ticket is still the newest — a
 * slow load started before a command answered must not put older data back.
 */
export interface NewestGate {
  /** A ticket for a load that starts now; `isNewest()` says whether its answer may land. */
  take(): { isNewest(): boolean };
  /** Data arrived by another way (a command's answer): every load on its way is now stale. */
  supersede(): void;
}

export function createNewestGate(): NewestGate {
  let newest = 0;
  return {
    take() {
      const ticket = ++newest;
      return { isNewest: () => ticket === newest };
    },
    supersede() {
      newest++;
    },
  };
}
