import { useCallback, useEffect, useRef, useState } from "react";

/**
 * Type-ahead over a search call: waits for a pause in typing, drops answers
 * to older queries, clears on an empty query. `search` must be stable (a
 * module-level function).
 */
export function useItemSearch<T>(search: (q: string) => Promise<T[]>, delayMs = 300) {
  const [items, setItems] = useState<T[]>([]);
  const [isSearching, setIsSearching] = useState(false);
  const ticket = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const onSearch = useCallback(
    (text: string) => {
      clearTimeout(timer.current);
      const mine = ++ticket.current;
      const q = text.trim();
      if (!q) {
        setItems([]);
        setIsSearching(false);
        return;
      }
      timer.current = setTimeout(() => {
        setIsSearching(true);
        search(q)
          .then((found) => mine === ticket.current && setItems(found))
          .catch(() => mine === ticket.current && setItems([]))
          .finally(() => mine === ticket.current && setIsSearching(false));
      }, delayMs);
    },
    [search, delayMs],
  );

  useEffect(() => () => clearTimeout(timer.current), []);
  return { items, isSearching, onSearch };
}
