/**
 * Queries of the OTA area (issue 6): uploaded images and staged campaigns. Built on the same DialectAdapter as
 * the main repository, so it runs on SQLite and PostgreSQL. A campaign's per-device progress is the campaign
 * state machine's JSON (src/ota/campaign.ts), written as a whole: one row update per save, whatever the fleet.
 */
import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { DialectAdapter, Db, Tables } from './drizzle-repository.js';
import type * as s from './schema.sqlite.js';

export type OtaImageRow = typeof s.otaImages.$inferSelect;
export type NewOtaImage = typeof s.otaImages.$inferInsert;
export type OtaCampaignRow = typeof s.otaCampaigns.$inferSelect;
export type NewOtaCampaign = typeof s.otaCampaigns.$inferInsert;
export type OtaCommandRow = typeof s.otaCommands.$inferSelect;
export type NewOtaCommand = typeof s.otaCommands.$inferInsert;

/** Campaign statuses the driver keeps in memory (they may still change). */
export const ACTIVE_STATUSES = ['running', 'paused', 'halted'] as const;

export class OtaRepository {
  private readonly db: Db;
  private readonly t: Tables;

  constructor(readonly adapter: DialectAdapter) {
    this.db = adapter.db;
    this.t = adapter.tables;
  }

  async insertImage(row: NewOtaImage): Promise<OtaImageRow> {
    const [out] = await this.db.insert(this.t.otaImages).values(row).returning();
    if (!out) throw new Error('image insert returned nothing');
    return out as OtaImageRow;
  }

  /** Stores the manifest and signature of an image (they are signed after the id is known). */
  async setImageSignature(id: number, manifest: string, signature: string, keyId: number): Promise<void> {
    await this.db.update(this.t.otaImages).set({ manifest, signature, keyId }).where(eq(this.t.otaImages.id, id));
  }

  async getImage(tenantId: string, id: number): Promise<OtaImageRow | undefined> {
    const { otaImages } = this.t;
    const [row] = await this.db.select().from(otaImages).where(and(eq(otaImages.tenantId, tenantId), eq(otaImages.id, id)));
    return row as OtaImageRow | undefined;
  }

  async findImage(tenantId: string, version: string, kind: string): Promise<OtaImageRow | undefined> {
    const { otaImages } = this.t;
    const [row] = await this.db.select().from(otaImages)
      .where(and(eq(otaImages.tenantId, tenantId), eq(otaImages.version, version), eq(otaImages.kind, kind)));
    return row as OtaImageRow | undefined;
  }

  async listImages(tenantId: string): Promise<OtaImageRow[]> {
    const { otaImages } = this.t;
    return await this.db.select().from(otaImages).where(eq(otaImages.tenantId, tenantId)).orderBy(desc(otaImages.id)) as OtaImageRow[];
  }

  async insertCampaign(row: NewOtaCampaign): Promise<OtaCampaignRow> {
    const [out] = await this.db.insert(this.t.otaCampaigns).values(row).returning();
    if (!out) throw new Error('campaign insert returned nothing');
    return out as OtaCampaignRow;
  }

  async getCampaign(tenantId: string, id: number): Promise<OtaCampaignRow | undefined> {
    const { otaCampaigns } = this.t;
    const [row] = await this.db.select().from(otaCampaigns).where(and(eq(otaCampaigns.tenantId, tenantId), eq(otaCampaigns.id, id)));
    return row as OtaCampaignRow | undefined;
  }

  async listCampaigns(tenantId: string): Promise<OtaCampaignRow[]> {
    const { otaCampaigns } = this.t;
    return await this.db.select().from(otaCampaigns).where(eq(otaCampaigns.tenantId, tenantId)).orderBy(desc(otaCampaigns.id)) as OtaCampaignRow[];
  }

  /** Campaigns the server loop drives (running, paused or halted: they may still change). */
  async activeCampaigns(): Promise<OtaCampaignRow[]> {
    const { otaCampaigns } = this.t;
    return await this.db.select().from(otaCampaigns).where(inArray(otaCampaigns.status, [...ACTIVE_STATUSES])) as OtaCampaignRow[];
  }

  /** Ids of the active campaigns (the driver's cheap check for campaigns another instance created). */
  async activeCampaignIds(): Promise<number[]> {
    const { otaCampaigns } = this.t;
    const rows = await this.db.select({ id: otaCampaigns.id }).from(otaCampaigns).where(inArray(otaCampaigns.status, [...ACTIVE_STATUSES]));
    return rows.map((r) => r.id);
  }

  async getCampaignById(id: number): Promise<OtaCampaignRow | undefined> {
    const { otaCampaigns } = this.t;
    const [row] = await this.db.select().from(otaCampaigns).where(eq(otaCampaigns.id, id));
    return row as OtaCampaignRow | undefined;
  }

  /**
   * Writes a campaign's status and state. `fence` (an SQL condition, e.g. "this instance still holds the OTA
   * lease") makes the write conditional; false when the row was not written.
   */
  async saveCampaign(id: number, status: string, state: Record<string, unknown>, now: number, fence?: SQL): Promise<boolean> {
    const { otaCampaigns } = this.t;
    const rows = await this.db.update(otaCampaigns).set({ status, state, updatedAt: now })
      .where(fence ? and(eq(otaCampaigns.id, id), fence) : eq(otaCampaigns.id, id))
      .returning({ id: otaCampaigns.id });
    return rows.length > 0;
  }

  // ---- several instances: image bytes and commands for the driver ------------------------------------

  /** Keeps an image's bytes in the database (once per SHA-256), for the instance that drives its campaigns. */
  async putImageData(sha256: string, data: Buffer): Promise<void> {
    await this.db.insert(this.t.otaImageData).values({ sha256, data }).onConflictDoNothing();
  }

  async getImageData(sha256: string): Promise<Buffer | undefined> {
    const { otaImageData } = this.t;
    const [row] = await this.db.select({ data: otaImageData.data }).from(otaImageData).where(eq(otaImageData.sha256, sha256));
    return row ? Buffer.from(row.data) : undefined;
  }

  async insertCommand(row: NewOtaCommand): Promise<OtaCommandRow> {
    const [out] = await this.db.insert(this.t.otaCommands).values(row).returning();
    if (!out) throw new Error('command insert returned nothing');
    return out as OtaCommandRow;
  }

  async getCommand(id: number): Promise<OtaCommandRow | undefined> {
    const { otaCommands } = this.t;
    const [row] = await this.db.select().from(otaCommands).where(eq(otaCommands.id, id));
    return row as OtaCommandRow | undefined;
  }

  /** Commands not applied yet, oldest first. */
  async pendingCommands(): Promise<OtaCommandRow[]> {
    const { otaCommands } = this.t;
    return await this.db.select().from(otaCommands).where(isNull(otaCommands.appliedAt)).orderBy(asc(otaCommands.id)) as OtaCommandRow[];
  }

  /** Records a command's result; false if it had been applied already (or `fence` fails). */
  async completeCommand(id: number, result: Record<string, unknown>, now: number, fence?: SQL): Promise<boolean> {
    const { otaCommands } = this.t;
    const cond = and(eq(otaCommands.id, id), isNull(otaCommands.appliedAt));
    const rows = await this.db.update(otaCommands).set({ appliedAt: now, result })
      .where(fence ? and(cond, fence) : cond)
      .returning({ id: otaCommands.id });
    return rows.length > 0;
  }

  /** Deletes applied commands older than `before` (server clock). */
  async pruneCommands(before: number): Promise<void> {
    const { otaCommands } = this.t;
    await this.db.delete(otaCommands).where(sql`${otaCommands.appliedAt} is not null and ${otaCommands.appliedAt} < ${before}`);
  }
}
