import { bulletinQuerySchema, PERMISSIONS, publishBulletinSchema } from "@kaoping/core";
import { asc, isNull } from "drizzle-orm";
import type { Db, Tx } from "../../platform/db/client.ts";
import { units } from "../../platform/db/schema.ts";
import { query, transaction } from "../../platform/http/command.ts";
import { idParams, sendXlsx } from "../../platform/http/schemas.ts";
import type { App, AppContext } from "../../platform/http/types.ts";
import { createPdfRenderer } from "../../platform/pdf/renderer.ts";
import { sendHtml, sendPdf } from "../reports/html.ts";
import { buildBulletinContent } from "./bulletin.ts";
import { bulletinDocument, bulletinTitle, bulletinWorkbook } from "./bulletin-render.ts";
import { listBulletins, loadBulletin, publishBulletin } from "./bulletins.ts";

const tags = ["supervision"];
const read = { access: PERMISSIONS.warningRead };
const office = { access: PERMISSIONS.orderManage };

/** Who issues the bulletin: the top of the unit tree (the office's own level). */
async function issuerOf(db: Db | Tx): Promise<string> {
  const [root] = await db.select({ name: units.name }).from(units).where(isNull(units.parentId)).orderBy(asc(units.sortOrder)).limit(1);
  return root?.name ?? "";
}

/**
 * 月份运行情况通报: the office previews a month live and publishes it as a frozen version; every
 * reader of the ledger reads the published ones (page, PDF, workbook) — a bulletin names every unit,
 * as the office circulates it.
 */
export function registerBulletinRoutes(app: App, ctx: AppContext): void {
  const pdf = createPdfRenderer({ executablePath: ctx.config.chromiumPath });
  app.addHook("onClose", () => pdf.close());
  const published = async (db: Db | Tx, id: string) => {
    const { version, content } = await loadBulletin(db, id);
    return { content, doc: bulletinDocument(content, { version, issuer: await issuerOf(db) }) };
  };

  app.get("/api/supervision/bulletins", { schema: { tags }, config: read }, (req) => listBulletins(query(ctx, req).db));
  app.get(
    "/api/supervision/bulletins/preview.html",
    { schema: { tags, querystring: bulletinQuerySchema }, config: office },
    async (req, reply) => {
      const db = query(ctx, req).db;
      const content = await buildBulletinContent(db, req.query.month);
      return sendHtml(reply, bulletinDocument(content, { version: null, issuer: await issuerOf(db) }).html);
    },
  );
  app.post("/api/supervision/bulletins", { schema: { tags, body: publishBulletinSchema }, config: office }, (req) =>
    transaction(ctx, req, (command) => publishBulletin({ ctx: command, month: req.body.month })),
  );
  app.get("/api/supervision/bulletins/:id/bulletin.html", { schema: { tags, params: idParams }, config: read }, async (req, reply) =>
    sendHtml(reply, (await published(query(ctx, req).db, req.params.id)).doc.html),
  );
  app.get("/api/supervision/bulletins/:id/bulletin.pdf", { schema: { tags, params: idParams }, config: read }, async (req, reply) => {
    const { doc } = await published(query(ctx, req).db, req.params.id);
    return sendPdf(reply, doc.fileName, await pdf.render(doc.html));
  });
  app.get("/api/supervision/bulletins/:id/bulletin.xlsx", { schema: { tags, params: idParams }, config: read }, async (req, reply) => {
    const { content } = await published(query(ctx, req).db, req.params.id);
    return sendXlsx(reply, `${bulletinTitle(content)}.xlsx`, await bulletinWorkbook(content));
  });
}
