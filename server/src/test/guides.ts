/** Guide factories for tests: the real provincial record as numbered items, faulty and corrected. */
import { type ServiceGuide, serviceGuideSchema } from "@kaoping/core";
import { eq } from "drizzle-orm";
import { importGuides } from "../modules/guides/commands.ts";
import { sampleGuide } from "../modules/guides/generate.ts";
import { serviceGuides, serviceItems } from "../platform/db/schema.ts";
import { asSystem, type TestServer } from "./harness.ts";

const SAMPLE: ServiceGuide = sampleGuide();

const step = (name: string, actor: string) => ({ name, actor, limit: { days: 1, unit: "working_day", note: "" }, criteria: `${name}完成` });

/**
 * The provincial sample as item number `n` (its own 实施编码 and 基本编码):
 * four defects — two phones with a full-width dash (G-BASIC-25, procedural),
 * a legal basis without its article (G-BASIC-27, substantive), a process of
 * acceptance only (G-CONT-09, procedural).
 */
export function faultyGuide(n: number): ServiceGuide {
  const basicCode = `9${String(n).padStart(11, "0")}`;
  return serviceGuideSchema.parse({
    ...SAMPLE,
    name: `${SAMPLE.name}（${n}）`,
    basicCode,
    implementationCode: `${SAMPLE.bodyCode}4${basicCode}`,
    steps: [step("受理", "综合窗口")],
  });
}

/** The same guide corrected: every one of its four defects fixed, nothing new broken. */
export function fixedGuide(guide: ServiceGuide): ServiceGuide {
  return serviceGuideSchema.parse({
    ...guide,
    consultationPhone: guide.consultationPhone.replace("—", "-"),
    supervisionPhone: guide.supervisionPhone.replace("—", "-"),
    legalBases: guide.legalBases.map((basis) => ({ ...basis, article: basis.article || "第十五条" })),
    steps: [step("受理", "综合窗口"), step("审查", "审批科"), step("决定", "分管领导"), step("办结", "综合窗口"), step("送达", "综合窗口")],
  });
}

/** A fresh item of the unit, its first online version the faulty guide (imported by the system). */
export async function guideItem(server: TestServer, unitId: string, n: number): Promise<{ itemId: string; guideId: string }> {
  const guide = faultyGuide(n);
  await asSystem(server, (ctx) =>
    importGuides({ ctx, guides: [guide], channel: "online", unitId, importedFrom: "matrix.json", format: "kaoping" }),
  );
  const [row] = await server.database.db
    .select({ itemId: serviceItems.id, guideId: serviceGuides.id })
    .from(serviceItems)
    .innerJoin(serviceGuides, eq(serviceGuides.itemId, serviceItems.id))
    .where(eq(serviceItems.code, guide.implementationCode));
  return row!;
}
