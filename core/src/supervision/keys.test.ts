import { describe, expect, it } from "vitest";
import { keyRegistrationProblem, type RegisteredKey } from "./keys.ts";

/** The demo's key that raised 21 签章异常 in November: valid 2025-11-03 to 2026-10-09. */
const registered: RegisteredKey[] = [
  { keyId: "SK-310105-D02-1", approver: "周*", validFrom: "2025-11-03", validTo: "2026-10-09", revokedOn: null },
  { keyId: "SK-2", approver: "吴*", validFrom: "2025-01-01", validTo: null, revokedOn: "2026-06-30" },
  { keyId: "SK-3", approver: "郑*", validFrom: "2026-12-01", validTo: null, revokedOn: null },
];
const today = "2026-12-07";
const unit = { today, mayBackdate: false };
const office = { today, mayBackdate: true };
const key = (keyId: string, validFrom: string, validTo: string | null = null) => ({ keyId, validFrom, validTo });

describe("registering an approver's signing key", () => {
  it("refuses the same key id again over its registered validity, naming it and its dates — whoever registers it", () => {
    // QA's repro: the same key back from 2025-01-01 would have covered the decisions after 2026-10-09.
    expect(keyRegistrationProblem(key("SK-310105-D02-1", "2025-01-01"), registered, office)).toEqual({
      kind: "conflict",
      field: "validFrom",
      message:
        "密钥 SK-310105-D02-1 已登记（审批人员 周*，有效期 2025-11-03 至 2026-10-09），新登记的有效期 2025-01-01 至 长期 与之重叠：有效期起应晚于 2026-10-09",
    });
    // The unit (its liaison) is stopped before: it may not back-date at all.
    expect(keyRegistrationProblem(key("SK-310105-D02-1", "2025-01-01"), registered, unit)).toMatchObject({
      kind: "invalid",
      field: "validFrom",
    });
    expect(keyRegistrationProblem(key("SK-3", today), registered, unit)).toMatchObject({
      kind: "conflict",
      message: expect.stringContaining("请先注销原登记"),
    });
    // Ending before the registered validity begins, or starting after it ended (or was revoked): no overlap.
    expect(keyRegistrationProblem(key("SK-310105-D02-1", "2025-01-01", "2025-11-02"), registered, office)).toBeNull();
    expect(keyRegistrationProblem(key("SK-310105-D02-1", "2026-10-10"), registered, office)).toBeNull();
    expect(keyRegistrationProblem(key("SK-2", "2026-06-30"), registered, office)).toMatchObject({
      kind: "conflict",
      message: expect.stringContaining("已于 2026-06-30 注销"),
    });
    expect(keyRegistrationProblem(key("SK-2", "2026-07-01"), registered, office)).toBeNull();
    expect(keyRegistrationProblem(key("SK-OTHER", today), registered, unit)).toBeNull();
  });

  it("lets a unit register a key from today on only: a key reported late does not cover earlier decisions", () => {
    expect(keyRegistrationProblem(key("SK-NEW", "2026-12-06"), registered, unit)).toEqual({
      kind: "invalid",
      field: "validFrom",
      message:
        "有效期起不能早于今天（2026-12-07）：单位登记的密钥自登记之日起有效，此前用它作出的决定仍按签章异常处理；确需补登历史的，请由考评办登记",
    });
    expect(keyRegistrationProblem(key("SK-NEW", today), registered, unit)).toBeNull();
    expect(keyRegistrationProblem(key("SK-NEW", "2026-12-20"), registered, unit)).toBeNull();
    // The office records history.
    expect(keyRegistrationProblem(key("SK-NEW", "2024-01-01"), registered, office)).toBeNull();
  });

  it("refuses a validity starting more than a year ahead as a typo, for everyone", () => {
    expect(keyRegistrationProblem(key("SK-NEW", "2027-12-07"), registered, unit)).toBeNull();
    for (const who of [unit, office])
      expect(keyRegistrationProblem(key("SK-NEW", "2099-01-01"), registered, who)).toEqual({
        kind: "invalid",
        field: "validFrom",
        message: "有效期起 2099-01-01 晚于今天起一年（2027-12-07），请核对年份",
      });
  });
});
