import { useCallback, useEffect, useState } from "react";
import { ApiRequestError } from "../../api/client.ts";
import { useShowError } from "../../components/feedback.ts";
import { createNewestGate } from "../../components/newest-gate.ts";

export interface Loaded<T> {
  data: T | null;
  isLoading: boolean;
  /** The load answered 404 (not there, or outside the caller's scope). */
  isNotFound: boolean;
  reload: () => Promise<void>;
  /** Replaces the data with what a command answered, without a round trip. */
  set: (data: T) => void;
}

/** Loads one thing (a campaign, a submission) when `key` changes; errors other than 404 show as a toast. */
export function useLoaded<T>(key: string, load: () => Promise<T>): Loaded<T> {
  const showError = useShowError();
  const [data, setData] = useState<T | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const [isNotFound, setIsNotFound] = useState(false);
  const [gate] = useState(createNewestGate);
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for what `load` reads
  const reload = useCallback(async () => {
    const ticket = gate.take();
    setIsLoading(true);
    try {
      const loaded = await load();
      if (!ticket.isNewest()) return;
      setData(loaded);
      setIsNotFound(false);
    } catch (error) {
      if (!ticket.isNewest()) return;
      if (error instanceof ApiRequestError && error.status === 404) setIsNotFound(true);
      else showError(error);
    } finally {
      if (ticket.isNewest()) setIsLoading(false);
    }
  }, [key, showError]);
  const set = useCallback(
    (next: T) => {
      gate.supersede();
      setData(next);
      setIsLoading(false);
    },
    [gate],
  );

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, isLoading, isNotFound, reload, set };
}
