import { uploadAttachments } from "../modules/attachments/commands.ts";
import { samplePdf } from "../modules/evidence/test-files.ts";
import { inspectFiles } from "../modules/evidence/upload.ts";
import { asSystem, type TestServer } from "./harness.ts";

/** A PDF uploaded by the system and cited by no step yet: its id, for a system step to claim. */
export async function systemAttachment(server: TestServer, name = "整改佐证.pdf"): Promise<string> {
  const files = await inspectFiles([{ fileName: name, buffer: samplePdf(name) }], server.config);
  const [row] = await asSystem(server, (ctx) => uploadAttachments({ ctx, files }));
  return row!.id;
}
