import { PUBLIC_RATING_TAGS, readRatingLink } from "@kaoping/core";
import { describe, expect, it } from "vitest";
import { channelOf, keepTagsFor, ratingBody } from "./rate-form.ts";

describe("the public rating form", () => {
  it("prefills case number and code from the printed link", () => {
    expect(readRatingLink("?region=330105&case=GS-1&code=7kq2-lo9i")).toEqual({ regionCode: "330105", caseNo: "GS-1", code: "7KQ21091" });
  });

  it("keeps only the tags the new level offers when the level changes", () => {
    const chosen = ["办事效率高", "等待时间长"];
    expect(keepTagsFor(5, chosen)).toEqual(["办事效率高"]);
    expect(keepTagsFor(1, chosen)).toEqual(["等待时间长"]);
    expect(keepTagsFor(3, chosen)).toEqual(chosen);
    expect(keepTagsFor(undefined, chosen)).toEqual([]);
  });

  it("tells a phone from a computer for the channel", () => {
    expect(channelOf("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148 MicroMessenger/8.0")).toBe("mobile");
    expect(channelOf("Mozilla/5.0 (Linux; Android 14; HUAWEI) Chrome/120 Mobile Safari/537.36")).toBe("mobile");
    expect(channelOf("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120 Safari/537.36")).toBe("online");
  });

  it("sends the case as found, trimmed content, and tags that fit the level", () => {
    const body = ratingBody(
      { regionCode: "330105", caseNo: "GS-1" },
      "7KQ21091",
      { level: 2, tags: [PUBLIC_RATING_TAGS.good[0], PUBLIC_RATING_TAGS.bad[0]], content: "  排队太久  " },
      "first",
      "mobile",
    );
    expect(body).toEqual({
      regionCode: "330105",
      caseNo: "GS-1",
      code: "7KQ21091",
      kind: "first",
      level: 2,
      tags: [PUBLIC_RATING_TAGS.bad[0]],
      content: "排队太久",
      channel: "mobile",
    });
    expect(
      ratingBody({ regionCode: "330105", caseNo: "GS-1" }, "7KQ21091", { level: 4, content: " " }, "follow_up", "online"),
    ).not.toHaveProperty("content");
  });
});
