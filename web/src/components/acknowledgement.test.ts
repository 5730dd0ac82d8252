import { describe, expect, it } from "vitest";
import { ApiRequestError } from "../api/client.ts";
import { acknowledgementOf, runAcknowledged } from "./acknowledgement.ts";

describe("acknowledgementOf", () => {
  it("reads the message and the named items of a 409 CONFIRMATION_REQUIRED, leaving out the body field it asks for", () => {
    const error = new ApiRequestError(409, {
      code: "CONFIRMATION_REQUIRED",
      message: "未填 2 项：1.2 网办率、2.2 舆情。请补填，或确认后仍提交",
      details: [
        { path: ["items", "1.2"], message: "1.2 网办率" },
        { path: ["items", "2.2"], message: "2.2 舆情" },
      ],
    });
    expect(acknowledgementOf(error)).toEqual({ message: error.message, items: ["1.2 网办率", "2.2 舆情"] });
    const warning = new ApiRequestError(409, {
      code: "CONFIRMATION_REQUIRED",
      message: "申诉期定于 2099-01-01 开始",
      details: [{ path: ["body", "confirmOutsideWindow"], message: "申诉期定于 2099-01-01 开始" }],
    });
    expect(acknowledgementOf(warning)).toEqual({ message: "申诉期定于 2099-01-01 开始", items: [] });
  });

  it("is null for any other failure, a plain 409 included", () => {
    expect(acknowledgementOf(new ApiRequestError(409, { code: "CONFLICT", message: "已被他人修改" }))).toBeNull();
    expect(acknowledgementOf(new Error("network"))).toBeNull();
  });
});

describe("runAcknowledged", () => {
  const asked = new ApiRequestError(409, {
    code: "CONFIRMATION_REQUIRED",
    message: "未填 1 项",
    details: [{ path: ["items", "1.2"], message: "1.2 网办率" }],
  });
  const server = () => {
    const calls: boolean[] = [];
    const call = async (acknowledged: boolean) => {
      calls.push(acknowledged);
      if (!acknowledged) throw asked;
      return "submitted";
    };
    return { calls, call };
  };

  it("asks with what the server named and runs again acknowledged on yes", async () => {
    const { calls, call } = server();
    const seen: unknown[] = [];
    const result = await runAcknowledged(call, async (ack) => {
      seen.push(ack);
      return true;
    });
    expect(result).toBe("submitted");
    expect(calls).toEqual([false, true]);
    expect(seen).toEqual([{ message: "未填 1 项", items: ["1.2 网办率"] }]);
  });

  it("stops on no, and does not ask again once acknowledged", async () => {
    const declined = server();
    expect(await runAcknowledged(declined.call, async () => false)).toBeNull();
    expect(declined.calls).toEqual([false]);
    const upfront = server();
    expect(await runAcknowledged(upfront.call, async () => false, true)).toBe("submitted");
    expect(upfront.calls).toEqual([true]);
  });

  it("passes any other failure on", async () => {
    const failing = async () => {
      throw new ApiRequestError(409, { code: "CONFLICT", message: "已被他人修改" });
    };
    await expect(runAcknowledged(failing, async () => true)).rejects.toThrow("已被他人修改");
  });
});
