import { useCallback, useEffect, useState } from "react";
import { ApiRequestError } from "../../api/client.ts";
import { useShowError } from "../../components/feedback.ts";
import { createLatestLoader } from "../../components/latest-loader.ts";

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
  const [loader] = useState(createLatestLoader<T>);
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for what `load` reads
  const reload = useCallback(async () => {
    setIsLoading(true);
    await loader.load(key, load, (outcome) => {
      setIsLoading(false);
      if ("data" in outcome) {
        setData(outcome.data);
        setIsNotFound(false);
      } else if (outcome.error instanceof ApiRequestError && outcome.error.status === 404) setIsNotFound(true);
      else showError(outcome.error);
    });
  }, [key, showError]);
  // A command's answer belongs to the key shown when it was sent (this render's).
  const set = useCallback(
    (next: T) => {
      if (!loader.answer(key)) return;
      setData(next);
      setIsLoading(false);
    },
    [loader, key],
  );

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, isLoading, isNotFound, reload, set };
}
