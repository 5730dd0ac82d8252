import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { parseProvincialExport } from "@kaoping/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../platform/config.ts";

/** `kaoping guides check` as a user runs it: a child process, no database. */

const SAMPLE = path.join(REPO_ROOT, "core/src/guides/fixtures/provincial-platform-guide.json");
let tmpDir: string;

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(REPO_ROOT, "server/bin/kaoping.mjs"), ...args],
      { cwd: REPO_ROOT, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

const file = (name: string, content: string) => {
  const target = path.join(tmpDir, name);
  fs.writeFileSync(target, content);
  return target;
};

beforeAll(() => {
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "kaoping-guides-"));
});
afterAll(() => fs.rmSync(tmpDir, { recursive: true, force: true }));

describe("kaoping guides check", () => {
  it("checks a provincial export and prints each finding in Chinese; exit 1 when a guide has an error", async () => {
    const run = await cli("guides", "check", SAMPLE, "--format", "provincial");
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("固定资产投资项目节能审查（11450721MB155808114000104002000，第 13 版）准确度 94.3%");
    expect(run.stdout).toMatch(/\[警告\] G-BASIC-25 电话准确性 consultationPhone/);
    expect(run.stdout).toMatch(/\[错误\] G-BASIC-27 设定依据 legalBases\.1\.article/);
    expect(run.stdout).toMatch(/\[提示\] G-CONT-35 流程环节完备性 steps/);
    expect(run.stdout).toContain("共检查 1 份办事指南，要素准确度 94.3%，错误 1 处");
    // Codes the Guangxi tables lack are the office's to add, listed apart from the guide's findings.
    expect(run.stdout).toContain("来源“gx”网办深度 代码“6”：1 份指南（onlineDepth）");
    expect(run.stdout).toContain("来源“gx”特殊环节 代码“9”：1 份指南（specialProcedures.#.kind）");
    // Without --format the file's shape decides: the same result.
    const auto = await cli("guides", "check", SAMPLE);
    expect(auto.stdout).toBe(run.stdout);
  }, 120_000);

  it("reads a source nobody has described as code gaps, not as errors charged to the guide", async () => {
    const blind = JSON.parse((await cli("guides", "check", SAMPLE, "--source", "zz", "--json")).stdout);
    expect(blind.summary).toMatchObject({ guides: 1, errors: 1 });
    expect(
      blind.guides[0].findings.filter((f: { severity: string }) => f.severity === "error").map((f: { checkId: string }) => f.checkId),
    ).toEqual(["G-BASIC-27"]);
    expect(blind.codeGaps).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: "zz", table: "itemType", code: "01", guides: 1 }),
        expect.objectContaining({
          source: "zz",
          table: "limitUnit",
          code: "1",
          paths: ["legalLimit.unit", "promisedLimit.unit", "specialProcedures.#.limit.unit"],
        }),
      ]),
    );
  }, 120_000);

  it("prints JSON with --json, and Kaoping's own JSON of the same guide gives the same findings", async () => {
    const provincial = JSON.parse((await cli("guides", "check", SAMPLE, "--format", "provincial", "--json")).stdout);
    expect(provincial.summary).toEqual({ guides: 1, accuracy: 94.3, errors: 1, importErrors: 0 });
    const ids = provincial.guides[0].findings.map((f: { checkId: string }) => f.checkId);
    expect(ids).toEqual(["G-BASIC-25", "G-BASIC-25", "G-BASIC-27", "G-CONT-35"]);
    expect(provincial.guides[0].findings[2]).toMatchObject({ elementLabel: "设定依据", severity: "error", fix: expect.any(String) });
    const own = file("own.json", JSON.stringify({ guides: parseProvincialExport(JSON.parse(fs.readFileSync(SAMPLE, "utf8"))).guides }));
    const again = JSON.parse((await cli("guides", "check", own, "--json")).stdout);
    expect(again).toEqual(provincial);
  }, 120_000);

  it("refuses bad input with a message naming where (exit 2); a broken provincial record is reported and the rest checked", async () => {
    const broken = await cli("guides", "check", file("broken.json", "[{"));
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain("文件不是有效的 JSON");
    const wrongGuide = await cli("guides", "check", file("wrong.json", JSON.stringify([{ name: "甲" }, { name: 42 }])));
    expect(wrongGuide.code).toBe(2);
    expect(wrongGuide.stderr).toContain("第 2 份办事指南无效：1.name");
    const empty = await cli("guides", "check", file("empty.json", "[]"));
    expect([empty.code, empty.stderr.trim()]).toEqual([2, "错误：文件中没有可检查的办事指南"]);
    const sample = JSON.parse(fs.readFileSync(SAMPLE, "utf8"));
    const mixed = await cli("guides", "check", file("mixed.json", JSON.stringify(["not a record", ...sample])), "--format", "provincial");
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toMatch(/\[导入错误\] \[0\]/);
    expect(mixed.stdout).toContain("共检查 1 份办事指南，要素准确度 94.3%，错误 1 处；1 处导入错误，相关记录未检查");
  }, 120_000);

  it("with --links opens each link (a local server answering 404) and reports the dead one as G-LINK-01", async () => {
    const requests: string[] = [];
    const portal = http.createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.writeHead(404).end();
    });
    const port = await new Promise<number>((resolve) =>
      portal.listen(0, "127.0.0.1", () => resolve((portal.address() as AddressInfo).port)),
    );
    try {
      const guide = file("links.json", JSON.stringify([{ name: "甲", onlineUrl: `http://127.0.0.1:${port}/item/1` }]));
      const offline = JSON.parse((await cli("guides", "check", guide, "--json")).stdout);
      expect(offline.guides[0].findings.map((f: { checkId: string }) => f.checkId)).not.toContain("G-LINK-01");
      expect(requests).toEqual([]);

      const run = await cli("guides", "check", guide, "--json", "--links", "--link-timeout", "3000", "--link-concurrency", "2");
      expect(run.code).toBe(1);
      const online = JSON.parse(run.stdout);
      expect(online.guides[0].findings.filter((f: { checkId: string }) => f.checkId === "G-LINK-01")).toEqual([
        {
          checkId: "G-LINK-01",
          element: "links",
          severity: "error",
          path: "onlineUrl",
          detail: "HTTP 404",
          elementLabel: "办理链接",
          message: "链接无法打开（死链）",
          fix: expect.any(String),
          seed: expect.stringContaining("死链"),
        },
      ]);
      expect(online.summary.errors).toBe(offline.summary.errors + 1);
      expect(requests).toEqual(["HEAD /item/1", "GET /item/1"]);

      const bad = await cli("guides", "check", guide, "--links", "--link-timeout", "soon");
      expect([bad.code, bad.stderr.trim()]).toEqual([2, "错误：--link-timeout 应为正整数：soon"]);
    } finally {
      portal.closeAllConnections();
      await new Promise((resolve) => portal.close(resolve));
    }
  }, 120_000);
});
