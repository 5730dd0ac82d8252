/**
 * Keyset paging's bookkeeping for a paged list: where each page read ended (`next`), for the
 * filters and page size it was read with, so the page after it can start there (`after`).
 */
export class PageCursors {
  private readonly ends = new Map<string, string>();

  /** The `after` for reading `page`: the end of the page before, read with the same filters and size. */
  after(filters: object, pageSize: number, page: number): string | undefined {
    return this.ends.get(JSON.stringify([filters, pageSize, page - 1]));
  }

  /** Keeps where `page` ended when the list answered it (`next`: a string; lists without keyset answer none). */
  remember(filters: object, pageSize: number, page: number, result: object): void {
    const next = (result as { next?: unknown }).next;
    if (typeof next === "string") this.ends.set(JSON.stringify([filters, pageSize, page]), next);
  }
}
