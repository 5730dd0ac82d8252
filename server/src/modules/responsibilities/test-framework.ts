import { CAMPAIGN_TEST_FRAMEWORK } from "../../test/campaigns.ts";

/** The test framework with 责任分解: 1.1 led by U1 (due long ago), co U2; 2.1 led by U2 (due far ahead); OFFICE leads 2.2. */
export function frameworkWithResponsibilities() {
  const framework = structuredClone(CAMPAIGN_TEST_FRAMEWORK) as typeof CAMPAIGN_TEST_FRAMEWORK & { indicators: { children: object[] }[] };
  const [one, two] = framework.indicators;
  Object.assign(one!.children[0]!, {
    responsible: { lead: ["U1"], co: ["U2"] },
    milestone: "2020年6月底前完成事项梳理",
    dueDate: "2020-06-30",
  });
  Object.assign(two!.children[0]!, { responsible: { lead: ["U2"], co: [] }, milestone: "年底前建立报送机制", dueDate: "2099-12-31" });
  Object.assign(two!.children[1]!, { responsible: { lead: ["OFFICE"], co: [] } });
  return framework;
}
