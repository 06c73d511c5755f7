/**
 * Queries of the OTA area (issue 6): uploaded images and staged campaigns. Built on the same DialectAdapter as
 * the main repository, so it runs on SQLite and PostgreSQL. A campaign's per-device progress is the campaign
 * state machine's JSON (src/ota/campaign.ts), written as a whole: one row update per save, whatever the fleet.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DialectAdapter, Db, Tables } from './drizzle-repository.js';
import type * as s from './schema.sqlite.js';

export type OtaImageRow = typeof s.otaImages.$inferSelect;
export type NewOtaImage = typeof s.otaImages.$inferInsert;
export type OtaCampaignRow = typeof s.otaCampaigns.$inferSelect;
export type NewOtaCampaign = typeof s.otaCampaigns.$inferInsert;

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
    return await this.db.select().from(otaCampaigns).where(inArray(otaCampaigns.status, ['running', 'paused', 'halted'])) as OtaCampaignRow[];
  }

  async saveCampaign(id: number, status: string, state: Record<string, unknown>, now: number): Promise<void> {
    const { otaCampaigns } = this.t;
    await this.db.update(otaCampaigns).set({ status, state, updatedAt: now }).where(eq(otaCampaigns.id, id));
  }
}
