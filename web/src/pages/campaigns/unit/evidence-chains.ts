import type { EvidenceView } from "@kaoping/core";

/** A current file with its earlier revisions, newest first. */
export interface EvidenceChain {
  current: EvidenceView;
  earlier: EvidenceView[];
}

/**
 * Groups revisions by file: each current file followed back through
 * `previousId`. Files whose newest revision is missing from the list (only
 * history was sent) still show, with their latest revision on top.
 */
export function evidenceChains(evidence: readonly EvidenceView[]): EvidenceChain[] {
  const byId = new Map(evidence.map((file) => [file.id, file]));
  const replaced = new Set(evidence.flatMap((file) => (file.previousId ? [file.previousId] : [])));
  const heads = evidence.filter((file) => !replaced.has(file.id));
  return heads.map((head) => {
    const earlier: EvidenceView[] = [];
    const seen = new Set([head.id]);
    let previous = head.previousId ? byId.get(head.previousId) : undefined;
    while (previous && !seen.has(previous.id)) {
      seen.add(previous.id);
      earlier.push(previous);
      previous = previous.previousId ? byId.get(previous.previousId) : undefined;
    }
    return { current: head, earlier };
  });
}
