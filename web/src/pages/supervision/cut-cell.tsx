import { CutText } from "./cut-text.tsx";
import { cellWidth } from "./table-widths.ts";

/**
 * CutText held to its column's width, in at most two lines (the rows are two lines high already, and
 * the units' names share a long 上海市长宁区 prefix that one line would keep alone). The list's table
 * is as wide as its content (QueryTable's `scroll.x: "max-content"`), so uncut text widens its column
 * to the whole text — the 预警说明 column grew to 800 px: the text's own box must stop at the width.
 */
export function CutCell({ text, width }: { text: string; width: number }) {
  return (
    <div
      style={{
        maxWidth: cellWidth(width),
        whiteSpace: "normal",
        overflow: "hidden",
        display: "-webkit-box",
        WebkitLineClamp: 2,
        WebkitBoxOrient: "vertical",
      }}
    >
      <CutText text={text} />
    </div>
  );
}
